/** A bar chart (SVG, no chart library) of opens and clicks over time, machine opens left out. */
import { Box, Flex, Typography } from '@strapi/design-system';
import type { Stats } from '../api';
import { buckets } from './timeline';
import { fmtNumber, LOCALE } from '../format';
import { useT } from '../../utils/useT';

const W = 960;
const H = 240;
const LEFT = 48;
const TOP = 14;
const BOTTOM = 28;
const COLORS = { open: '#4945ff', click: '#328048' } as const;

export function TimelineChart({ timeline }: { timeline: Stats['timeline'] }) {
  const t = useT();
  const { step, buckets: rows } = buckets(timeline);
  if (rows.length === 0) return <Typography textColor="neutral600">{t('campaign.stats.chart.empty')}</Typography>;
  const max = Math.max(1, ...rows.map((r) => Math.max(r.open, r.click)));
  const slot = (W - LEFT) / rows.length;
  const bar = Math.min(48, Math.max(1, slot * 0.4));
  // Whole numbers only: 0, the middle and the top (fewer when the top is small).
  const ticks = [...new Set([0, Math.round(max / 2), max])];
  const y = (n: number) => TOP + (H - BOTTOM - TOP) * (1 - n / max);
  const label = (at: number) =>
    new Date(at).toLocaleString(LOCALE, step === 'day' ? { day: '2-digit', month: '2-digit' } : { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' });
  const every = Math.max(1, Math.ceil(rows.length / 8));

  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={t(`campaign.stats.chart.label.${step}`)} data-testid="timeline-chart">
        {ticks.map((n) => (
          <g key={n}>
            <line x1={LEFT} x2={W} y1={y(n)} y2={y(n)} stroke="#dcdce4" />
            <text x={LEFT - 6} y={y(n) + 4} fontSize="11" textAnchor="end" fill="#666687">{fmtNumber(n)}</text>
          </g>
        ))}
        {rows.map((r, i) => {
          const x = LEFT + i * slot + (slot - 2 * bar) / 2;
          return (
            <g key={r.at}>
              <title>{`${label(r.at)}: ${t('campaign.stats.chart.opens')} ${fmtNumber(r.open)}, ${t('campaign.stats.chart.clicks')} ${fmtNumber(r.click)}`}</title>
              <rect x={x} y={y(r.open)} width={bar} height={H - BOTTOM - y(r.open)} fill={COLORS.open} />
              <rect x={x + bar} y={y(r.click)} width={bar} height={H - BOTTOM - y(r.click)} fill={COLORS.click} />
              {i % every === 0 && <text x={LEFT + i * slot + slot / 2} y={H - 8} fontSize="11" textAnchor="middle" fill="#666687">{label(r.at)}</text>}
            </g>
          );
        })}
      </svg>
      <Flex gap={4}>
        {(['open', 'click'] as const).map((k) => (
          <Flex key={k} gap={2}>
            <Box width="12px" height="12px" style={{ background: COLORS[k] }} />
            <Typography variant="pi">{t(`campaign.stats.chart.${k}s`)}</Typography>
          </Flex>
        ))}
      </Flex>
    </Flex>
  );
}
