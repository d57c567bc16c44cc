/** Opens and clicks over time (recharts bar chart), per hour or per day; machine opens left out. */
import { Box, Typography } from '@strapi/design-system';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Stats } from '../api';
import { buckets } from './timeline';
import { fmtNumber, LOCALE } from '../format';
import { useT } from '../../utils/useT';

const COLORS = { open: '#4945ff', click: '#328048' } as const;

export function TimelineChart({ timeline }: { timeline: Stats['timeline'] }) {
  const t = useT();
  const { step, buckets: rows } = buckets(timeline);
  if (rows.length === 0) return <Typography textColor="neutral600">{t('campaign.stats.chart.empty')}</Typography>;
  const label = (at: number) =>
    new Date(at).toLocaleString(
      LOCALE,
      step === 'day' ? { day: '2-digit', month: '2-digit' } : { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' },
    );
  return (
    <Box role="img" aria-label={t(`campaign.stats.chart.label.${step}`)} data-testid="timeline-chart" width="100%" height="260px">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#dcdce4" vertical={false} />
          <XAxis dataKey="at" tickFormatter={label} fontSize={11} minTickGap={24} />
          <YAxis allowDecimals={false} tickFormatter={(n: number) => fmtNumber(n)} fontSize={11} width={48} />
          <Tooltip labelFormatter={(at) => label(Number(at))} formatter={(value) => fmtNumber(Number(value))} />
          <Legend />
          <Bar dataKey="open" name={t('campaign.stats.chart.opens')} fill={COLORS.open} isAnimationActive={false} />
          <Bar dataKey="click" name={t('campaign.stats.chart.clicks')} fill={COLORS.click} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </Box>
  );
}
