/**
 * The inputs of a `mailing` filter (docs/segment-definitions.md, "Mailings received"): received /
 * opened / clicked, did or did not, optionally some of the partner's mailings, and the last N days
 * or a fixed period (or any time).
 */
import { useEffect, useState } from 'react';
import { Box, Field, Flex, MultiSelect, MultiSelectOption, NumberInput } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { MAILING_EVENTS } from '../../../shared/definition';
import type { DraftFilter } from './builder-state';
import { FixedPeriodFields } from './FixedPeriodFields';
import { SelectField } from './SelectField';
import { useT } from '../utils/useT';

interface Props {
  filter: DraftFilter;
  set: (patch: Record<string, unknown>, touch?: boolean, alsoTouch?: string[]) => void;
  errors: Record<string, string>;
  disabled?: boolean;
}

/** The partner's mailings (campaigns) to choose from; empty when the role may not list them. */
function useMailings() {
  const { get } = useFetchClient();
  const [mailings, setMailings] = useState<{ documentId: string; name: string }[]>([]);
  useEffect(() => {
    get<{ results: { documentId: string; name: string }[] }>('/segmentation/campaigns').then(
      (r) => setMailings(r.data.results),
      () => setMailings([]),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on mount
  }, []);
  return mailings;
}

export function MailingFields({ filter, set, errors, disabled }: Props) {
  const t = useT();
  const mailings = useMailings();
  const period = filter.period as { from?: string; to?: string } | undefined;
  const mode = period ? 'fixed' : filter.days !== undefined ? 'days' : 'all';
  const chosen = (filter.mailings as string[] | undefined) ?? [];
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Flex gap={3} alignItems="flex-start" wrap="wrap">
        <SelectField
          name="mailingValue"
          minWidth="180px"
          label={t('filter.mailingValue')}
          disabled={disabled}
          value={filter.value ? 'did' : 'didNot'}
          options={['did', 'didNot']}
          text={(v) => t(`mailing.${v}`)}
          onChange={(v) => set({ value: v === 'did' })}
        />
        <SelectField
          name="event"
          minWidth="180px"
          label={t('label.event')}
          disabled={disabled}
          value={filter.event as string}
          options={MAILING_EVENTS}
          text={(e) => t(`mailing.event.${e}`)}
          onChange={(e) => set({ event: e })}
        />
        <Box minWidth="260px">
          <Field.Root name="mailings" error={errors.mailings} hint={t('mailing.anyHint')}>
            <Field.Label>{t('filter.mailings')}</Field.Label>
            <MultiSelect
              disabled={disabled}
              withTags
              value={chosen}
              placeholder={t('mailing.any')}
              onChange={(v: string[]) => set({ mailings: v.length ? v : undefined })}
            >
              {mailings.map((m) => (
                <MultiSelectOption key={m.documentId} value={m.documentId}>
                  {m.name}
                </MultiSelectOption>
              ))}
            </MultiSelect>
            <Field.Hint />
            <Field.Error />
          </Field.Root>
        </Box>
      </Flex>
      <Flex gap={3} alignItems="flex-start" wrap="wrap">
        <SelectField
          name="mailingPeriod"
          label={t('filter.period')}
          error={errors.period}
          disabled={disabled}
          value={mode}
          options={['all', 'days', 'fixed']}
          text={(m) => t(`mailing.period.${m}`)}
          onChange={(m) =>
            set(
              m === 'days'
                ? { days: 21, period: undefined }
                : m === 'fixed'
                  ? { days: undefined, period: { from: undefined, to: undefined } }
                  : { days: undefined, period: undefined },
              m !== 'fixed',
            )
          }
        />
        {mode === 'days' && (
          <Field.Root name="days" error={errors.days}>
            <Field.Label>{t('label.days')}</Field.Label>
            <NumberInput disabled={disabled} value={filter.days as number | undefined} step={1} onValueChange={(v: number | undefined) => set({ days: v })} />
            <Field.Error />
          </Field.Root>
        )}
        {mode === 'fixed' && <FixedPeriodFields name="mailing" period={period} disabled={disabled} onChange={set} />}
      </Flex>
    </Flex>
  );
}
