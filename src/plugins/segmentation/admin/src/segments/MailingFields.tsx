/**
 * The inputs of a `mailing` filter (docs/segment-definitions.md, "Mailings received"): received /
 * opened / clicked, did or did not, optionally some of the partner's mailings, and the last N days
 * or a fixed period (or any time).
 */
import { useEffect, useState } from 'react';
import { Box, Field, Flex, MultiSelect, MultiSelectOption, NumberInput, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { MAILING_EVENTS } from '../../../shared/definition';
import type { DraftFilter } from './builder-state';
import { FixedPeriodFields } from './FixedPeriodFields';
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
        <Box minWidth="180px">
          <Field.Root name="mailingValue">
            <Field.Label>{t('filter.mailingValue')}</Field.Label>
            <SingleSelect disabled={disabled} value={filter.value ? 'did' : 'didNot'} onChange={(v: string | number) => set({ value: v === 'did' })}>
              <SingleSelectOption value="did">{t('mailing.did')}</SingleSelectOption>
              <SingleSelectOption value="didNot">{t('mailing.didNot')}</SingleSelectOption>
            </SingleSelect>
          </Field.Root>
        </Box>
        <Box minWidth="180px">
          <Field.Root name="event">
            <Field.Label>{t('label.event')}</Field.Label>
            <SingleSelect disabled={disabled} value={filter.event as string} onChange={(v: string | number) => set({ event: v })}>
              {MAILING_EVENTS.map((e) => (
                <SingleSelectOption key={e} value={e}>
                  {t(`mailing.event.${e}`)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
        </Box>
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
        <Box minWidth="200px">
          <Field.Root name="mailingPeriod" error={errors.period}>
            <Field.Label>{t('filter.period')}</Field.Label>
            <SingleSelect
              disabled={disabled}
              value={mode}
              onChange={(m: string | number) =>
                set(
                  m === 'days'
                    ? { days: 21, period: undefined }
                    : m === 'fixed'
                      ? { days: undefined, period: { from: undefined, to: undefined } }
                      : { days: undefined, period: undefined },
                  m !== 'fixed',
                )
              }
            >
              {['all', 'days', 'fixed'].map((m) => (
                <SingleSelectOption key={m} value={m}>
                  {t(`mailing.period.${m}`)}
                </SingleSelectOption>
              ))}
            </SingleSelect>
            <Field.Error />
          </Field.Root>
        </Box>
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
