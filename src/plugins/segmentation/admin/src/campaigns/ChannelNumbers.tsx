/**
 * The confirmation's numbers per channel (a mailing other than e-mail alone): who gets a mail, a
 * letter or an SMS, who is reachable on none of the mailing's channels and why, and the holders
 * sharing a mobile number (one SMS per number).
 */
import { Box, Flex, Typography } from '@strapi/design-system';
import type { Confirmation } from './api';
import { fmtNumber } from './format';
import { channelsOf, useChannelWords } from '../channels/labels';
import { useT } from '../utils/useT';

/** Everyone the send reaches: the e-mail recipients (after the e-mail exclusions), the SMS and the letters. */
export const reachedBy = (c: Confirmation): number => c.recipients + (c.channels?.sms ?? 0) + (c.channels?.post ?? 0);

function Line({ label, n, testId, muted }: { label: string; n: number; testId: string; muted?: boolean }) {
  return (
    <Flex justifyContent="space-between" gap={4} data-testid={testId} data-value={n}>
      <Typography textColor={muted ? 'neutral600' : undefined}>{label}</Typography>
      <Typography textColor={muted ? 'neutral600' : undefined}>{fmtNumber(n)}</Typography>
    </Flex>
  );
}

export function ChannelNumbers({ confirmation: c }: { confirmation: Confirmation }) {
  const t = useT();
  const words = useChannelWords();
  if (!c.channels || !c.channel || c.channel === 'email') return null;
  const ch = c.channels;
  return (
    <Box background="neutral100" padding={4} hasRadius data-testid="confirm-channels">
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Typography variant="sigma">{t('campaign.confirm.channels', { channel: words.mailing(c.channel) })}</Typography>
        {channelsOf(c.channel).map((channel) => (
          <Line key={channel} label={t(`campaign.confirm.channel.${channel}`)} n={ch[channel]} testId={`confirm-channel-${channel}`} />
        ))}
        {ch.smsDuplicates > 0 && <Line label={t('campaign.confirm.smsDuplicates')} n={ch.smsDuplicates} testId="confirm-sms-duplicates" muted />}
        <Line label={t('campaign.confirm.channel.none')} n={ch.none} testId="confirm-channel-none" muted />
        {Object.entries(ch.unreachable).map(([reason, n]) => (
          <Line key={reason} label={`· ${words.reason(reason)}`} n={n} testId={`confirm-unreachable-${reason}`} muted />
        ))}
      </Flex>
    </Box>
  );
}
