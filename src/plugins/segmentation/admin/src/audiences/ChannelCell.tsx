/** The members list's channel: a holder's channel in the mailing (or why none), and the filter by channel. */
import { Badge, Field, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import type { ChannelFilter, Member } from './api';
import { channelsOf, useChannelWords, type MailingChannel } from '../channels/labels';
import { useT } from '../utils/useT';

export function ChannelCell({ member }: { member: Member }) {
  const t = useT();
  const words = useChannelWords();
  if (member.channel)
    return (
      <Badge data-testid="member-channel" data-value={member.channel}>
        {words.channel(member.channel)}
      </Badge>
    );
  return (
    <Typography textColor="danger600" variant="pi" data-testid="member-channel" data-value="none" data-reason={member.unreachable ?? ''}>
      {t('audience.members.noChannel', { reason: member.unreachable ? words.reason(member.unreachable) : '—' })}
    </Typography>
  );
}

const ALL = '__all';

export function ChannelFilterSelect({
  mailing,
  value,
  onChange,
}: {
  mailing: MailingChannel;
  value: ChannelFilter | null;
  onChange: (v: ChannelFilter | null) => void;
}) {
  const t = useT();
  const words = useChannelWords();
  const options: ChannelFilter[] = [...channelsOf(mailing), 'none'];
  return (
    <Field.Root name="channelFilter">
      <SingleSelect
        aria-label={t('audience.members.filter')}
        value={value ?? ALL}
        size="S"
        onChange={(v: string | number) => onChange(String(v) === ALL ? null : (String(v) as ChannelFilter))}
      >
        <SingleSelectOption value={ALL}>{t('audience.members.filterAll')}</SingleSelectOption>
        {options.map((c) => (
          <SingleSelectOption key={c} value={c}>
            {words.channel(c)}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Field.Root>
  );
}
