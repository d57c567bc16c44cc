/** The letter template: name, language, house style, header image, sender block, place, subject, text, signature. */
import { Field, Flex, Grid, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import type { HouseStyle } from './api';
import type { FieldErrors } from './errors';
import type { TemplateForm } from './form-state';
import { ImageField } from './ImageField';
import { LanguageField } from './SmsFields';
import { TextField } from './TextField';
import { useT } from '../utils/useT';

interface Props {
  form: TemplateForm;
  errors: FieldErrors;
  houseStyles: HouseStyle[];
  disabled?: boolean;
  /** A template in several languages: the language is chosen with the language switcher. */
  languageFixed?: boolean;
  onChange: (patch: Partial<TemplateForm>) => void;
}

type LetterText = 'name' | 'subject' | 'body' | 'senderBlock' | 'place' | 'signature';

export function LetterFields({ form, errors, houseStyles, disabled, languageFixed, onChange }: Props) {
  const t = useT();
  const text = (name: LetterText, extra: { required?: boolean; multiline?: boolean; rows?: number; insert?: boolean; hint?: string } = {}) => (
    <TextField
      name={name}
      label={t(name === 'name' || name === 'subject' ? `mail.field.${name}` : `mail.letter.${name}`)}
      value={form[name]}
      error={errors[name]}
      disabled={disabled}
      onChange={(value) => onChange({ [name]: value })}
      {...extra}
    />
  );
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      {text('name', { required: true })}
      <Grid.Root gap={4}>
        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
          <LanguageField value={form.language} error={errors.language} disabled={disabled || languageFixed} onChange={(language) => onChange({ language })} />
        </Grid.Item>
        <Grid.Item col={8} s={12} direction="column" alignItems="stretch">
          <Field.Root name="houseStyle" error={errors.houseStyle}>
            <Field.Label>{t('mail.field.houseStyle')}</Field.Label>
            <SingleSelect
              value={form.houseStyle}
              disabled={disabled}
              placeholder={t('mail.choose')}
              onChange={(v: string | number) => onChange({ houseStyle: String(v) })}
            >
              {houseStyles.map((s) => (
                <SingleSelectOption key={s.key} value={s.key}>
                  {s.name}
                </SingleSelectOption>
              ))}
            </SingleSelect>
            <Field.Error />
          </Field.Root>
        </Grid.Item>
      </Grid.Root>
      <ImageField image={form.image} alt={form.imageAlt} error={errors.image} disabled={disabled} withAlt={false} onChange={onChange} />
      <Grid.Root gap={4}>
        <Grid.Item col={7} s={12} direction="column" alignItems="stretch">
          {text('senderBlock', { multiline: true, rows: 4, hint: t('mail.letter.senderBlock.hint') })}
        </Grid.Item>
        <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
          {text('place', { hint: t('mail.letter.place.hint') })}
        </Grid.Item>
      </Grid.Root>
      {text('subject', { required: true, insert: true })}
      {text('body', { required: true, multiline: true, rows: 12, insert: true, hint: t('mail.letter.body.hint') })}
      {text('signature', { multiline: true, rows: 3, insert: true, hint: t('mail.letter.signature.hint') })}
    </Flex>
  );
}
