/**
 * The review's counts per channel (issue 20): how many generated holders get a mail, a letter or an
 * SMS, how many none and why, how many were moved to another channel by hand; and a warning when the
 * mailing's channel changed since the audience was generated (the send refuses it until generated again).
 */
import { Alert, Badge, Box, Flex, Typography } from '@strapi/design-system';
import type { ChannelCounts as Counts } from './api';
import { fmtNumber } from '../campaigns/format';
import { channelsOf, useChannelWords, type MailingChannel } from '../channels/labels';
import { useT } from '../utils/useT';

interface Props {
  /** The channel the audience was generated for. */
  channel: MailingChannel;
  counts: Counts;
  /** The mailing's channel now (when known). */
  current?: MailingChannel | null;
}

export function ChannelCounts({ channel, counts, current }: Props) {
  const t = useT();
  const words = useChannelWords();
  const reasons = Object.entries(counts.unreachable).filter(([, n]) => n > 0);
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="channel-counts" data-channel={channel}>
      {current && current !== channel && (
        <Alert variant="warning" title={t('audience.channels.changedTitle')} closeLabel={t('audience.close')} data-testid="channel-changed">
          {t('audience.channels.changed', { before: words.mailing(channel), now: words.mailing(current) })}
        </Alert>
      )}
      <Flex gap={4} wrap="wrap" alignItems="center">
        <Typography fontWeight="bold">{t('audience.channels.title', { channel: words.mailing(channel) })}</Typography>
        {channelsOf(channel).map((c) => (
          <Badge key={c} data-testid={`channel-count-${c}`} data-value={counts[c]}>
            {`${words.channel(c)}: ${fmtNumber(counts[c])}`}
          </Badge>
        ))}
        <Badge data-testid="channel-count-none" data-value={counts.none} textColor={counts.none ? 'danger600' : undefined}>
          {`${words.channel('none')}: ${fmtNumber(counts.none)}`}
        </Badge>
        {counts.changedByHand > 0 && (
          <Typography textColor="neutral600" data-testid="channel-changed-by-hand" data-value={counts.changedByHand}>
            {t('audience.channels.byHand', { n: counts.changedByHand })}
          </Typography>
        )}
      </Flex>
      {reasons.length > 0 && (
        <Box paddingLeft={2}>
          <Typography variant="pi" textColor="neutral600">
            {t('audience.channels.why')}
          </Typography>
          <Flex tag="ul" direction="column" alignItems="stretch" gap={1}>
            {reasons.map(([reason, n]) => (
              <Typography key={reason} tag="li" variant="pi" data-testid={`channel-reason-${reason}`} data-value={n}>
                {`${words.reason(reason)}: ${fmtNumber(n)}`}
              </Typography>
            ))}
          </Flex>
        </Box>
      )}
    </Flex>
  );
}
