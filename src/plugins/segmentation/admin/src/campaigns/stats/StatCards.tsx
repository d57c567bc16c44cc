/**
 * The campaign's figures as cards: each with its count, its percentage and what that is of
 * (docs/decisions.md: delivered and bounced of sent, blocked of attempted, opened / unsubscribed /
 * spam of delivered, clicked of opened = click-to-open). Opens and clicks count people (unique);
 * the totals and the machine opens (not counted) are shown under them.
 */
import { Box, Flex, Grid, Typography } from '@strapi/design-system';
import type { Stats } from '../api';
import { fmtNumber, fmtPct } from '../format';
import { useT } from '../../utils/useT';

interface Detail {
  text: string;
  testId: string;
  value: number | null;
}

interface Card {
  key: string;
  n: number;
  pct?: number | null;
  /** Translation key of what the percentage is of. */
  of?: string;
  details?: Detail[];
}

function StatCard({ card }: { card: Card }) {
  const t = useT();
  return (
    <Box background="neutral0" padding={5} shadow="filterShadow" hasRadius height="100%" data-testid={`stat-${card.key}`} data-value={card.n}>
      <Flex direction="column" alignItems="flex-start" gap={1}>
        <Typography variant="sigma" textColor="neutral600">
          {t(`campaign.stats.${card.key}`)}
        </Typography>
        <Flex gap={2} alignItems="baseline">
          <Typography variant="alpha" tag="p" data-testid={`stat-${card.key}-n`}>
            {fmtNumber(card.n)}
          </Typography>
          {card.pct !== undefined && (
            <Typography variant="delta" textColor="primary600" data-testid={`stat-${card.key}-pct`}>
              {fmtPct(card.pct)}
            </Typography>
          )}
        </Flex>
        {card.of && (
          <Typography variant="pi" textColor="neutral600">
            {t(card.of)}
          </Typography>
        )}
        {card.details?.map((d) => (
          <Typography key={d.testId} variant="pi" textColor="neutral800" data-testid={d.testId} data-value={d.value ?? ''}>
            {d.text}
          </Typography>
        ))}
      </Flex>
    </Box>
  );
}

export function StatCards({ stats: s }: { stats: Stats }) {
  const t = useT();
  const excluded = Object.values(s.campaign.excluded ?? {}).reduce((a, b) => a + Number(b || 0), 0);
  const detail = (testId: string, key: string, value: number | null, values: Record<string, string | number>) => ({ testId, value, text: t(key, values) });
  /** A detail that is one count. */
  const count = (testId: string, key: string, n: number) => detail(testId, key, n, { n: fmtNumber(n) });
  /** Unique people and all events, e.g. opens. */
  const uniqueTotal = (testId: string, unique: number, total: number) =>
    detail(testId, 'campaign.stats.uniqueTotal', total, { unique: fmtNumber(unique), total: fmtNumber(total) });
  const cards: Card[] = [
    {
      key: 'sent',
      n: s.verstuurd,
      details: [
        count('stat-sent-queued', 'campaign.stats.sent.queued', s.queued),
        count('stat-sent-holdout', 'campaign.stats.sent.holdout', s.holdout),
        count('stat-sent-excluded', 'campaign.stats.sent.excluded', excluded),
      ],
    },
    { key: 'delivered', n: s.delivered.n, pct: s.delivered.pct, of: 'campaign.stats.ofSent' },
    { key: 'blocked', n: s.blocked.n, pct: s.blocked.pct, of: 'campaign.stats.ofSent' },
    {
      key: 'bounced',
      n: s.bounced.n,
      pct: s.bounced.pct,
      of: 'campaign.stats.ofSent',
      details: [
        count('stat-bounced-hard', 'campaign.stats.bounced.hard', s.bounced.hard),
        count('stat-bounced-soft', 'campaign.stats.bounced.soft', s.bounced.soft),
      ],
    },
    {
      key: 'opened',
      n: s.opened.n,
      pct: s.opened.pct,
      of: 'campaign.stats.ofDelivered',
      details: [uniqueTotal('stat-opened-total', s.opened.n, s.opened.total), count('stat-opened-machine', 'campaign.stats.opened.machine', s.opened.machine)],
    },
    {
      key: 'clicked',
      n: s.clicked.n,
      pct: s.clicked.clickToOpen,
      of: 'campaign.stats.ofOpened',
      details: [
        uniqueTotal('stat-clicked-total', s.clicked.n, s.clicked.total),
        detail('stat-clicked-ctr', 'campaign.stats.clicked.ctr', s.clicked.clickThrough, { pct: fmtPct(s.clicked.clickThrough) }),
      ],
    },
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
