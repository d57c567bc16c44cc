/** A labelled choice among fixed options, for a filter's field; `text` names each option. */
import { Box, Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';

interface Props<O extends string> {
  name: string;
  label: string;
  value: string | undefined;
  options: readonly O[];
  text: (option: O) => string;
  onChange: (option: O) => void;
  error?: string;
  disabled?: boolean;
  minWidth?: string;
}

export function SelectField<O extends string>({ name, label, value, options, text, onChange, error, disabled, minWidth = '200px' }: Props<O>) {
  return (
    <Box minWidth={minWidth}>
      <Field.Root name={name} error={error}>
        <Field.Label>{label}</Field.Label>
        <SingleSelect disabled={disabled} value={value} onChange={(v: string | number) => onChange(String(v) as O)}>
          {options.map((o) => (
            <SingleSelectOption key={o} value={o}>
              {text(o)}
            </SingleSelectOption>
          ))}
        </SingleSelect>
        <Field.Error />
      </Field.Root>
    </Box>
  );
}
