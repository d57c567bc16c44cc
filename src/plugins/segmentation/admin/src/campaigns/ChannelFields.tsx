/**
 * The mailing's channel (e-mail, letter, SMS, or e-mail with a letter or an SMS for who cannot be
 * e-mailed) and the template of each of its channels, each choice listing only templates of that channel.
 */
import { Field, Grid, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import type { TemplateChannel } from './api';
import type { TemplateChoice } from './CampaignForm';
import { ChoiceField } from './ChoiceField';
import { templateFields, type Draft } from './form-state';
import { MAILING_CHANNELS, useChannelWords, type MailingChannel } from '../channels/labels';
import { useT } from '../utils/useT';

const CHANNEL_OF_FIELD = { template: 'email', letterTemplate: 'letter', smsTemplate: 'sms' } as const satisfies Record<string, TemplateChannel>;

interface Props {
  draft: Draft;
  onChange: (patch: Partial<Draft>) => void;
  errors: Record<string, string>;
  disabled: boolean;
  templates: TemplateChoice[] | null;
  /** The e-mail template's hint (subject and sender). */
  emailHint?: string;
}

export function ChannelFields({ draft, onChange, errors, disabled, templates, emailHint }: Props) {
  const t = useT();
  const words = useChannelWords();
  const fields = templateFields(draft.channel);
  const of = (channel: TemplateChannel) => (templates === null ? null : templates.filter((x) => (x.channel ?? 'email') === channel));
  return (
    <>
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
        <Field.Root name="channel" error={errors.channel} hint={t('channel.field.hint')} required>
          <Field.Label>{t('channel.field')}</Field.Label>
          <SingleSelect
            value={draft.channel}
            disabled={disabled}
            aria-label={t('channel.field')}
            onChange={(v: string | number) => onChange({ channel: String(v) as MailingChannel })}
          >
            {MAILING_CHANNELS.map((c) => (
              <SingleSelectOption key={c} value={c}>
                {words.mailing(c)}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <Field.Hint />
          <Field.Error />
        </Field.Root>
      </Grid.Item>
      {fields.map((field) => (
        <Grid.Item key={field} col={6} s={12} direction="column" alignItems="stretch">
          <ChoiceField
            name={field}
            label={t(field === 'template' && draft.channel !== 'email' ? 'campaign.field.emailTemplate' : `campaign.field.${field}`)}
            value={draft[field]}
            options={of(CHANNEL_OF_FIELD[field])}
            disabled={disabled}
            error={errors[field]}
            onChange={(v) => onChange({ [field]: v })}
            hint={field === 'template' ? emailHint : undefined}
          />
        </Grid.Item>
      ))}
    </>
  );
}
