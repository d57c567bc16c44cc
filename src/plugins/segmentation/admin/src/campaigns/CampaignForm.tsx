/** The campaign's fields: name, segment, channel and its templates, schedule, holdout, one-mail window, rate. */
import { DateTimePicker, Field, Grid, NumberInput, TextInput } from '@strapi/design-system';
import type { Campaign, TemplateChannel } from './api';
import { ChannelFields } from './ChannelFields';
import type { Draft } from './form-state';
import { ChoiceField } from './ChoiceField';
import { fmtNumber } from './format';
import { useT } from '../utils/useT';
import { shownSubject, useSubjectSample } from './useSubjectSample';

export type SegmentChoice = { documentId: string; name: string; lastTotal: number | null; lastWithEmail: number | null };
export type TemplateChoice = NonNullable<Campaign['template']> & { channel?: TemplateChannel };

interface Props {
  draft: Draft;
  onChange: (next: Draft) => void;
  errors: Record<string, string>;
  disabled: boolean;
  /** Scheduling starts a send by itself: only for a user who may send (without, the field is disabled and says why). */
  canSchedule: boolean;
  segments: SegmentChoice[] | null;
  templates: TemplateChoice[] | null;
  /** The saved mailing (null: new), for its template's subject. */
  campaign?: Campaign | null;
}

export function CampaignForm({ draft, onChange, errors, disabled, canSchedule, segments, templates, campaign }: Props) {
  const t = useT();
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => onChange({ ...draft, [key]: value });
  const segment = segments?.find((s) => s.documentId === draft.segment);
  const template = templates?.find((x) => x.documentId === draft.template);
  const sender = template?.sender;
  const subject = useSubjectSample(draft.template, campaign);
  const number = (key: 'holdoutPercent' | 'recentDays' | 'rate', min: number, max: number, optional = false) => (
    <Field.Root name={key} error={errors[key]} hint={t(`campaign.field.${key}.hint`)} required={!optional}>
      <Field.Label>{t(`campaign.field.${key}`)}</Field.Label>
      <NumberInput
        value={draft[key] ?? undefined}
        disabled={disabled}
        min={min}
        max={max}
        onValueChange={(v: number | undefined) => set(key, (v ?? (optional ? null : 0)) as never)}
      />
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );

  return (
    <Grid.Root gap={5}>
      <Grid.Item col={12} direction="column" alignItems="stretch">
        <Field.Root name="name" error={errors.name} required>
          <Field.Label>{t('campaign.field.name')}</Field.Label>
          <TextInput value={draft.name} disabled={disabled} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('name', e.target.value)} />
          <Field.Error />
        </Field.Root>
      </Grid.Item>
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
        <ChoiceField
          name="segment"
          label={t('campaign.field.segment')}
          value={draft.segment}
          options={segments}
          disabled={disabled}
          error={errors.segment}
          onChange={(v) => set('segment', v)}
          hint={
            segment?.lastTotal != null
              ? t('campaign.field.segment.hint', { total: fmtNumber(segment.lastTotal), email: fmtNumber(segment.lastWithEmail) })
              : undefined
          }
        />
      </Grid.Item>
      <ChannelFields
        draft={draft}
        onChange={(patch) => onChange({ ...draft, ...patch })}
        errors={errors}
        disabled={disabled}
        templates={templates}
        emailHint={
          template
            ? t('campaign.field.template.hint', {
                subject: shownSubject(subject, template.subject),
                sender: sender ? `${template.senderName || sender.displayName || ''} <${sender.email}>`.trim() : '—',
              })
            : undefined
        }
      />
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
        <Field.Root
          name="scheduledAt"
          error={errors.scheduledAt}
          hint={t(canSchedule ? 'campaign.field.scheduledAt.hint' : 'campaign.field.scheduledAt.noRight')}
        >
          <Field.Label>{t('campaign.field.scheduledAt')}</Field.Label>
          <DateTimePicker
            value={draft.scheduledAt}
            disabled={disabled || !canSchedule}
            locale="nl-BE"
            minDate={new Date()}
            dateLabel={t('campaign.field.scheduledAt.date')}
            timeLabel={t('campaign.field.scheduledAt.time')}
            clearLabel={t('campaign.field.clear')}
            onClear={() => set('scheduledAt', null)}
            onChange={(d: Date | undefined) => set('scheduledAt', d ?? null)}
          />
          <Field.Hint />
          <Field.Error />
        </Field.Root>
      </Grid.Item>
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
        {number('holdoutPercent', 0, 50)}
      </Grid.Item>
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
        {number('recentDays', 0, 365)}
      </Grid.Item>
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
        {number('rate', 1, 10_000, true)}
      </Grid.Item>
    </Grid.Root>
  );
}
