/** A mailing's SMS and post parts (issue 20): SMS sent, delivered, failed, opted out and parts; letters produced and when posted. */
import { Box, Flex, Grid, Typography } from '@strapi/design-system';
import type { Stats } from '../api';
import { fmtDate, fmtNumber } from '../format';
import { useT } from '../../utils/useT';

type Channels = NonNullable<Stats['channels']>;

function Figure({ label, n, testId }: { label: string; n: number; testId: string }) {
  return (
    <Flex direction="column" alignItems="flex-start" gap={1} data-testid={testId} data-value={n}>
      <Typography variant="sigma" textColor="neutral600">
        {label}
      </Typography>
      <Typography variant="beta" tag="p">
        {fmtNumber(n)}
      </Typography>
    </Flex>
  );
}

export function ChannelStats({ channels }: { channels: Channels }) {
  const t = useT();
  const { sms, post } = channels;
  return (
    <Grid.Root gap={4}>
      {sms && (
        <Grid.Item col={post ? 7 : 12} s={12} direction="column" alignItems="stretch">
          <Box background="neutral0" padding={5} shadow="filterShadow" hasRadius data-testid="stats-sms">
            <Typography variant="delta" tag="h3">
              {t('campaign.stats.sms.title')}
            </Typography>
            <Flex gap={6} wrap="wrap" paddingTop={3}>
              {(['sent', 'delivered', 'failed', 'optOuts', 'segments'] as const).map((k) => (
                <Figure key={k} label={t(`campaign.stats.sms.${k}`)} n={sms[k]} testId={`stats-sms-${k}`} />
              ))}
            </Flex>
          </Box>
        </Grid.Item>
      )}
      {post && (
        <Grid.Item col={sms ? 5 : 12} s={12} direction="column" alignItems="stretch">
          <Box background="neutral0" padding={5} shadow="filterShadow" hasRadius data-testid="stats-post">
            <Typography variant="delta" tag="h3">
              {t('campaign.stats.post.title')}
            </Typography>
            <Flex gap={6} wrap="wrap" paddingTop={3} alignItems="flex-end">
              <Figure label={t('campaign.stats.post.letters')} n={post.letters} testId="stats-post-letters" />
              <Typography textColor={post.doneAt ? undefined : 'neutral600'} data-testid="stats-post-done" data-value={post.doneAt ?? ''}>
                {post.doneAt ? t('campaign.stats.post.doneAt', { date: fmtDate(post.doneAt) }) : t('campaign.stats.post.notDone')}
              </Typography>
            </Flex>
          </Box>
        </Grid.Item>
      )}
    </Grid.Root>
  );
}
