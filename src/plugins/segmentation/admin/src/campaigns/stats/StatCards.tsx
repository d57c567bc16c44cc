/** The campaign's figures as cards: each with its count, its percentage and what that is of. */
import { Box, Flex, Grid, Typography } from '@strapi/design-system';
import type { Stats } from '../api';
import { fmtNumber, fmtPct } from '../format';
import { useT } from '../../utils/useT';

interface Card {
  key: string;
  n: number;
  pct?: number | null;
  /** Translation key of what the percentage is of. */
  of?: string;
  detail?: string;
}

function StatCard({ card }: { card: Card }) {
  const t = useT();
  return (
    <Box background="neutral0" padding={5} shadow="filterShadow" hasRadius height="100%" data-testid={`stat-${card.key}`} data-value={card.n}>
      <Flex direction="column" alignItems="flex-start" gap={1}>
        <Typography variant="sigma" textColor="neutral600">{t(`campaign.stats.${card.key}`)}</Typography>
        <Flex gap={2} alignItems="baseline">
          <Typography variant="alpha" tag="p" data-testid={`stat-${card.key}-n`}>{fmtNumber(card.n)}</Typography>
          {card.pct !== undefined && <Typography variant="delta" textColor="primary600" data-testid={`stat-${card.key}-pct`}>{fmtPct(card.pct)}</Typography>}
        </Flex>
        {card.of && <Typography variant="pi" textColor="neutral600">{t(card.of)}</Typography>}
        {card.detail && <Typography variant="pi" textColor="neutral600">{card.detail}</Typography>}
      </Flex>
    </Box>
  );
}

export function StatCards({ stats: s }: { stats: Stats }) {
  const t = useT();
  const cards: Card[] = [
    { key: 'sent', n: s.sent, detail: t('campaign.stats.sent.detail', { queued: fmtNumber(s.queued), holdout: fmtNumber(s.holdout) }) },
    { key: 'delivered', n: s.delivered.n, pct: s.delivered.pct, of: 'campaign.stats.ofSent' },
    { key: 'blocked', n: s.blocked.n, pct: s.blocked.pct, of: 'campaign.stats.ofSent' },
    { key: 'bounced', n: s.bounced.n, pct: s.bounced.pct, of: 'campaign.stats.ofSent', detail: t('campaign.stats.bounced.detail', { hard: fmtNumber(s.bounced.hard), soft: fmtNumber(s.bounced.soft) }) },
    { key: 'opened', n: s.opened.n, pct: s.opened.pct, of: 'campaign.stats.ofDelivered', detail: t('campaign.stats.opened.detail', { total: fmtNumber(s.opened.total), machine: fmtNumber(s.opened.machine) }) },
    { key: 'clicked', n: s.clicked.n, pct: s.clicked.clickToOpen, of: 'campaign.stats.ofOpened', detail: t('campaign.stats.clicked.detail', { ctr: fmtPct(s.clicked.clickThrough), total: fmtNumber(s.clicked.total) }) },
    { key: 'unsubscribed', n: s.unsubscribed.n, pct: s.unsubscribed.pct, of: 'campaign.stats.ofDelivered' },
    { key: 'spam', n: s.spam.n, pct: s.spam.pct, of: 'campaign.stats.ofDelivered' },
  ];
  return (
    <Grid.Root gap={4}>
      {cards.map((c) => (
        <Grid.Item key={c.key} col={3} s={6} xs={12} direction="column" alignItems="stretch">
          <StatCard card={c} />
        </Grid.Item>
      ))}
    </Grid.Root>
  );
}
