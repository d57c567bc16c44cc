/**
 * The card system (partner) a segment, template or sender address is filed under: shown as text for
 * a user with one card system, a select for a user with several, and for administrators a select
 * with a programme-wide choice.
 */
import { Alert, Field, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import type { Me } from './api';
import { useT } from '../utils/useT';

/** The select's value for "programme-wide" ('' cannot be an option value). */
const PROGRAMME = '__programme';

interface Props {
  me: Me | null;
  value: string;
  onChange: (key: string) => void;
  error?: string;
  hint?: string;
  disabled?: boolean;
}

export function CardSystemField({ me, value, onChange, error, hint, disabled }: Props) {
  const t = useT();
  if (!me) return null;
  const label = t('partners.cardSystem.label');
  if (!me.allCardSystems && me.cardSystems.length === 0) {
    return (
      <Alert variant="warning" title={label} closeLabel={t('partners.close')}>
        {t('partners.cardSystem.none')}
      </Alert>
    );
  }
  if (!me.allCardSystems && me.cardSystems.length === 1) {
    const only = me.cardSystems[0]!;
    return (
      <Field.Root name="cardSystem" hint={hint} error={error}>
        <Field.Label>{label}</Field.Label>
        <Typography data-testid="card-system-fixed">{only.name ?? only.key}</Typography>
        <Field.Hint />
        <Field.Error />
      </Field.Root>
    );
  }
  // A stored record may name a card system that is no longer listed: keep it choosable.
  const options = me.cardSystems.some((c) => c.key === value) || !value ? me.cardSystems : [...me.cardSystems, { key: value, name: value }];
  return (
    <Field.Root name="cardSystem" hint={hint} error={error} required={!me.allCardSystems}>
      <Field.Label>{label}</Field.Label>
      <SingleSelect
        aria-label={label}
        value={value || (me.allCardSystems ? PROGRAMME : '')}
        placeholder={t('partners.cardSystem.choose')}
        disabled={disabled}
        onChange={(v: string | number) => onChange(String(v) === PROGRAMME ? '' : String(v))}
      >
        {me.allCardSystems && <SingleSelectOption value={PROGRAMME}>{t('partners.programmeWideChoice')}</SingleSelectOption>}
        {options.map((c) => (
          <SingleSelectOption key={c.key} value={c.key}>
            {c.name ?? c.key}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
}
