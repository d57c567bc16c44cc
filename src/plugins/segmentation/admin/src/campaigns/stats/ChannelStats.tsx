/** A mailing's SMS and post parts (issue 20): SMS sent, delivered, failed, opted out and parts; letters produced and when posted. */
import type { ReactNode } from 'react';
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

/** One channel's card: a heading and its figures in a row; `col`: its width in the grid. */
function ChannelCard({
  col,
  testId,
  title,
  alignItems,
  children,
}: {
  col: number;
  testId: string;
  title: string;
  alignItems?: 'flex-end';
  children: ReactNode;
}) {
  return (
    <Grid.Item col={col} s={12} direction="column" alignItems="stretch">
      <Box background="neutral0" padding={5} shadow="filterShadow" hasRadius data-testid={testId}>
        <Typography variant="delta" tag="h3">
          {title}
        </Typography>
        <Flex gap={6} wrap="wrap" paddingTop={3} alignItems={alignItems}>
          {children}
        </Flex>
      </Box>
    </Grid.Item>
  );
}

export function ChannelStats({ channels }: { channels: Channels }) {
  const t = useT();
  const { sms, post } = channels;
  return (
    <Grid.Root gap={4}>
      {sms && (
        <ChannelCard col={post ? 7 : 12} testId="stats-sms" title={t('campaign.stats.sms.title')}>
          {(['sent', 'delivered', 'failed', 'optOuts', 'segments'] as const).map((k) => (
            <Figure key={k} label={t(`campaign.stats.sms.${k}`)} n={sms[k]} testId={`stats-sms-${k}`} />
          ))}
        </ChannelCard>
      )}
      {post && (
        <ChannelCard col={sms ? 5 : 12} testId="stats-post" title={t('campaign.stats.post.title')} alignItems="flex-end">
          <Figure label={t('campaign.stats.post.letters')} n={post.letters} testId="stats-post-letters" />
          <Typography textColor={post.doneAt ? undefined : 'neutral600'} data-testid="stats-post-done" data-value={post.doneAt ?? ''}>
            {post.doneAt ? t('campaign.stats.post.doneAt', { date: fmtDate(post.doneAt) }) : t('campaign.stats.post.notDone')}
          </Typography>
        </ChannelCard>
      )}
    </Grid.Root>
  );
}
