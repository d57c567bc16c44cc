/** The search field above a list: typing filters it (the page debounces), the cross clears it. */
import { Searchbar } from '@strapi/design-system';

interface Props {
  value: string;
  onChange: (value: string) => void;
  label: string;
  clearLabel: string;
}

export function ListSearch({ value, onChange, label, clearLabel }: Props) {
  return (
    <Searchbar
      name="q"
      value={value}
      onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
      onClear={() => onChange('')}
      clearLabel={clearLabel}
      placeholder={label}
    >
      {label}
    </Searchbar>
  );
}
