/**
 * When the message goes: N hours before the start, N hours after the end (typed as days and hours,
 * or a quick choice: 2 uur, 1 dag, 2 dagen, 1 week), or now; with the due time it gives for this event.
 */
import { useIntl } from 'react-intl';
import { Box, Button, Field, Flex, NumberInput, Radio, Typography } from '@strapi/design-system';
import { TIMINGS, type Timing } from '../../../shared/event-messages';
import type { EventDetail } from './api';
import { dueAt, durationWords, formatDateTime, joinHours, QUICK_HOURS, splitHours } from './timing';
import { useT } from '../utils/useT';

interface Props {
  timing: Timing;
  hours: number | null;
  event: EventDetail;
  error?: string;
  disabled?: boolean;
  onChange: (patch: { timing?: Timing; hours?: number | null }) => void;
}

export function TimingFields({ timing, hours, event, error, disabled, onChange }: Props) {
  const t = useT();
  const { locale } = useIntl();
  const split = hours === null ? null : splitHours(hours);
  /** Days or hours of the offset; `hoursWith` gives the offset with the new value. */
  const amount = (name: 'days' | 'hours', value: number | undefined, hoursWith: (v: number | undefined) => number | null) => (
    <Box width="120px">
      <Field.Root name={name}>
        <Field.Label>{t(`event.form.${name}`)}</Field.Label>
        <NumberInput disabled={disabled} value={value} onValueChange={(v: number | undefined) => onChange({ hours: hoursWith(v) })} />
      </Field.Root>
    </Box>
  );
  const due = dueAt(timing, hours, event, new Date());
  const anchorMissing = (timing === 'before' && !event.startsAt) || (timing === 'after' && !event.endsAt);
  return (
    <Field.Root name="timing" error={error}>
      <Field.Label>{t('event.form.timing')}</Field.Label>
      <Radio.Group value={timing} disabled={disabled} onValueChange={(v: string) => onChange({ timing: v as Timing })} aria-label={t('event.form.timing')}>
        {TIMINGS.map((k) => (
          <Radio.Item key={k} value={k}>
            {t(`event.form.timing.${k}`)}
          </Radio.Item>
        ))}
      </Radio.Group>
      {timing !== 'now' && (
        <Box paddingTop={3}>
          <Flex gap={3} alignItems="flex-end" wrap="wrap">
            {amount('days', split?.days, (v) => joinHours(v, split?.hours))}
            {amount('hours', split?.hours, (v) => joinHours(split?.days, v))}
            <Flex gap={1} wrap="wrap">
              {QUICK_HOURS.map((h) => {
                const words = durationWords(h);
                return (
                  <Button key={h} size="S" variant={hours === h ? 'secondary' : 'tertiary'} disabled={disabled} onClick={() => onChange({ hours: h })}>
                    {t(words.id, words.values)}
                  </Button>
                );
              })}
            </Flex>
          </Flex>
        </Box>
      )}
      <Box paddingTop={2}>
        <Typography variant="pi" textColor={anchorMissing ? 'danger600' : 'neutral600'} data-testid="timing-due">
          {anchorMissing
            ? t(timing === 'before' ? 'event.form.noStart' : 'event.form.noEnd')
            : due
              ? t(timing === 'now' ? 'event.form.dueNow' : 'event.form.due', { date: formatDateTime(due, locale) })
              : ''}
        </Typography>
      </Box>
      <Field.Error />
    </Field.Root>
  );
}
