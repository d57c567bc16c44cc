/** The "from" and "to" dates of a fixed period (an action filter's or the mailing filter's); touched once both are picked. */
import { DatePicker, Field } from '@strapi/design-system';
import { useT } from '../utils/useT';
import { fromIso, toIso } from './dates';

type Period = { from?: string; to?: string; last?: string };

interface Props {
  /** The fields' names (`${name}From`, `${name}To`; plain `from` / `to` without). */
  name?: string;
  period: Period | undefined;
  disabled?: boolean;
  onChange: (patch: { period: Period }, touched: boolean) => void;
}

export function FixedPeriodFields({ name, period, disabled, onChange }: Props) {
  const t = useT();
  const field = (end: 'from' | 'to') => (name ? `${name}${end[0]!.toUpperCase()}${end.slice(1)}` : end);
  return (
    <>
      {(['from', 'to'] as const).map((end) => (
        <Field.Root key={end} name={field(end)}>
          <Field.Label>{t(`period.${end}`)}</Field.Label>
          <DatePicker
            disabled={disabled}
            value={fromIso(period?.[end])}
            onChange={(d: Date | undefined) => onChange({ period: { ...period, [end]: toIso(d) } }, Boolean(period?.[end === 'from' ? 'to' : 'from']))}
          />
        </Field.Root>
      ))}
    </>
  );
}
