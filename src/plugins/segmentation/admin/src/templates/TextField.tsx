/** A labelled text input or textarea with its hint and the server's message for the field. */
import { Field, TextInput, Textarea } from '@strapi/design-system';

interface Props {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  required?: boolean;
  disabled?: boolean;
  multiline?: boolean;
  monospace?: boolean;
  placeholder?: string;
  rows?: number;
}

export function TextField({ name, label, value, onChange, error, hint, required, disabled, multiline, monospace, placeholder, rows }: Props) {
  return (
    <Field.Root name={name} error={error} hint={hint} required={required}>
      <Field.Label>{label}</Field.Label>
      {multiline ? (
        <Textarea
          value={value}
          disabled={disabled}
          placeholder={placeholder}
          rows={rows ?? 8}
          style={monospace ? { fontFamily: 'monospace', fontSize: '12px' } : undefined}
          onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => onChange(e.target.value)}
        />
      ) : (
        <TextInput
          value={value}
          disabled={disabled}
          placeholder={placeholder}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
        />
      )}
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}
