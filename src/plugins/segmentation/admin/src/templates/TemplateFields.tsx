/** The e-mail template form: name, language, house style (or pure HTML), subject, preheader, image, text, button, attachments, sender. */
import { Box, Field, Flex, Grid, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { TEMPLATE_LANGUAGES } from '../../../shared/template';
import type { HouseStyle, SenderAddress } from './api';
import type { FieldErrors } from './errors';
import { TEMPLATE_VARIABLES, type TemplateForm, type TemplateLanguage } from './form-state';
import { AttachmentsField } from './AttachmentsField';
import { ImageField } from './ImageField';
import { TextField } from './TextField';
import { useT } from '../utils/useT';

/** The pure HTML choice in the house style select. */
const HTML = '__html';

interface Props {
  form: TemplateForm;
  errors: FieldErrors;
  houseStyles: HouseStyle[];
  senders: SenderAddress[];
  disabled?: boolean;
  /** A template in several languages: the language is chosen with the language switcher. */
  languageFixed?: boolean;
  onChange: (patch: Partial<TemplateForm>) => void;
}

export function TemplateFields({ form, errors, houseStyles, senders, disabled, languageFixed, onChange }: Props) {
  const t = useT();
  const house = form.format === 'house';
  // A few examples; the Invoegen menu lists them all.
  const variables = TEMPLATE_VARIABLES.slice(0, 3)
    .map((v) => `{{ ${v} }}`)
    .join(', ');
  const text = (
    name: keyof TemplateForm & string,
    extra: { required?: boolean; hint?: string; multiline?: boolean; monospace?: boolean; placeholder?: string; rows?: number; insert?: boolean } = {},
  ) => (
    <TextField
      name={name}
      label={t(`mail.field.${name}`)}
      value={form[name] as string}
      error={errors[name]}
      disabled={disabled}
      onChange={(value) => onChange({ [name]: value })}
      {...extra}
    />
  );
  const select = (name: 'language' | 'houseStyle' | 'sender', value: string, onSelect: (v: string) => void, options: [string, string][], hint?: string) => (
    <Field.Root name={name} error={errors[name] ?? (name === 'houseStyle' ? errors.format : undefined)} hint={hint} required={name !== 'sender'}>
      <Field.Label>{t(`mail.field.${name}`)}</Field.Label>
      <SingleSelect
        value={value}
        disabled={disabled || (name === 'language' && languageFixed)}
        placeholder={t('mail.choose')}
        onChange={(v: string | number) => onSelect(String(v))}
      >
        {options.map(([key, label]) => (
          <SingleSelectOption key={key} value={key}>
            {label}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      {text('name', { required: true })}
      <Grid.Root gap={4}>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          {select(
            'language',
            form.language,
            (v) => onChange({ language: v as TemplateLanguage }),
            TEMPLATE_LANGUAGES.map((l) => [l, t(`mail.language.${l}`)]),
          )}
        </Grid.Item>
        <Grid.Item col={8} s={12} direction="column" alignItems="stretch">
          {select('houseStyle', house ? form.houseStyle : HTML, (v) => onChange(v === HTML ? { format: 'html' } : { format: 'house', houseStyle: v }), [
            ...houseStyles.map((s): [string, string] => [s.key, s.name]),
            [HTML, t('mail.style.html')],
          ])}
        </Grid.Item>
      </Grid.Root>
      {text('subject', { required: true, insert: true, hint: t('mail.field.variables', { variables }) })}
      {text('preheader', { insert: true, hint: t('mail.field.preheader.hint') })}
      {house ? (
        <>
          <ImageField
            image={form.image}
            alt={form.imageAlt}
            error={errors.image ?? errors.imageUrl}
            altError={errors.imageAlt}
            disabled={disabled}
            onChange={onChange}
          />
          {text('body', { required: true, insert: true, multiline: true, rows: 10, hint: t('mail.field.body.hint', { variables }) })}
          <Grid.Root gap={4}>
            <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
              {text('buttonText')}
            </Grid.Item>
            <Grid.Item col={7} s={12} direction="column" alignItems="stretch">
              {text('buttonUrl', { placeholder: 'https://', insert: true })}
            </Grid.Item>
          </Grid.Root>
        </>
      ) : (
        text('html', { required: true, multiline: true, monospace: true, rows: 18, hint: t('mail.field.html.hint') })
      )}
      <AttachmentsField files={form.attachments} error={errors.attachments} disabled={disabled} onChange={(attachments) => onChange({ attachments })} />
      <Box paddingTop={2}>
        <Typography variant="delta" tag="h2">
          {t('mail.section.sender')}
        </Typography>
      </Box>
      <Grid.Root gap={4}>
        <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
          {text('senderName')}
        </Grid.Item>
        <Grid.Item col={7} s={12} direction="column" alignItems="stretch">
          {select(
            'sender',
            form.sender,
            (v) => onChange({ sender: v }),
            senders.map((s) => [s.documentId, s.displayName ? `${s.displayName} <${s.email}>` : s.email]),
            senders.length ? undefined : t('mail.field.sender.none'),
          )}
        </Grid.Item>
      </Grid.Root>
      {text('replyTo', { placeholder: 'info@…' })}
    </Flex>
  );
}
