/** A searchable choice of one saved segment or template (the lists are loaded whole, at most 100). */
import { Combobox, ComboboxOption, Field } from '@strapi/design-system';
import { useT } from '../utils/useT';

interface Props {
  name: string;
  label: string;
  value: string | null;
  options: { documentId: string; name: string }[] | null;
  onChange: (documentId: string | null) => void;
  hint?: string;
  error?: string;
  disabled?: boolean;
}

export function ChoiceField({ name, label, value, options, onChange, hint, error, disabled }: Props) {
  const t = useT();
  return (
    <Field.Root name={name} error={error} hint={hint} required>
      <Field.Label>{label}</Field.Label>
      <Combobox
        aria-label={label}
        value={value ?? undefined}
        disabled={disabled}
        loading={options === null}
        placeholder={t('campaign.field.choose')}
        noOptionsMessage={() => t('campaign.field.noOptions')}
        onChange={(v: string | undefined) => onChange(v ?? null)}
        onClear={disabled ? undefined : () => onChange(null)}
        clearLabel={t('campaign.field.clear')}
      >
        {(options ?? []).map((o) => (
          <ComboboxOption key={o.documentId} value={o.documentId}>
            {o.name}
          </ComboboxOption>
        ))}
      </Combobox>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}
