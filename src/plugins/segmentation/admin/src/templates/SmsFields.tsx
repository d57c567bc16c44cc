/** The SMS template: name, language and the text (Liquid, with the Invoegen menu) with its live counter. */
import { Field, Flex, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { TEMPLATE_LANGUAGES } from '../../../shared/template';
import type { FieldErrors } from './errors';
import type { TemplateForm, TemplateLanguage } from './form-state';
import { SmsCounter } from './SmsCounter';
import { TextField } from './TextField';
import { useT } from '../utils/useT';

/** The most the server takes (10 parts of GSM-7 and then some). */
export const SMS_MAX = 1600;

interface Props {
  form: TemplateForm;
  errors: FieldErrors;
  disabled?: boolean;
  /** A template in several languages: the language is chosen with the language switcher. */
  languageFixed?: boolean;
  onChange: (patch: Partial<TemplateForm>) => void;
}

export function LanguageField({
  value,
  error,
  disabled,
  onChange,
}: {
  value: TemplateLanguage;
  error?: string;
  disabled?: boolean;
  onChange: (v: TemplateLanguage) => void;
}) {
  const t = useT();
  return (
    <Field.Root name="language" error={error} required>
      <Field.Label>{t('mail.field.language')}</Field.Label>
      <SingleSelect value={value} disabled={disabled} onChange={(v: string | number) => onChange(String(v) as TemplateLanguage)}>
        {TEMPLATE_LANGUAGES.map((l) => (
          <SingleSelectOption key={l} value={l}>
            {t(`mail.language.${l}`)}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      <Field.Error />
    </Field.Root>
  );
}

export function SmsFields({ form, errors, disabled, languageFixed, onChange }: Props) {
  const t = useT();
  const tooLong = form.text.length > SMS_MAX ? t('mail.sms.tooLong', { max: SMS_MAX }) : undefined;
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <TextField
        name="name"
        label={t('mail.field.name')}
        value={form.name}
        error={errors.name}
        disabled={disabled}
        required
        onChange={(name) => onChange({ name })}
      />
      <LanguageField value={form.language} error={errors.language} disabled={disabled || languageFixed} onChange={(language) => onChange({ language })} />
      <TextField
        name="text"
        label={t('mail.field.smsText')}
        value={form.text}
        error={errors.text ?? tooLong}
        hint={t('mail.field.smsText.hint', { example: '{{ voornaam }}' })}
        disabled={disabled}
        required
        multiline
        rows={6}
        insert
        onChange={(text) => onChange({ text })}
      />
      <SmsCounter text={form.text} />
    </Flex>
  );
}
