/** Opens and clicks per hour (or per day, over more than four days), with the empty buckets filled in. */
import type { Stats } from '../api';

export interface Bucket {
  at: number;
  open: number;
  click: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Over more than this many hours the chart shows days. */
const MAX_HOURS = 96;

/** The start of the day of `t` in the browser's time zone. */
const dayOf = (t: number) => {
  const d = new Date(t);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
};

export function buckets(timeline: Stats['timeline']): { step: 'hour' | 'day'; buckets: Bucket[] } {
  if (timeline.length === 0) return { step: 'hour', buckets: [] };
  const times = timeline.map((p) => new Date(p.hour).getTime());
  const first = Math.min(...times);
  const last = Math.max(...times);
  const step = (last - first) / HOUR > MAX_HOURS ? 'day' : 'hour';
  const keyOf = (t: number) => (step === 'day' ? dayOf(t) : t);
  const byKey = new Map<number, Bucket>();
  for (let t = keyOf(first); t <= keyOf(last); t = step === 'day' ? dayOf(t + DAY + 2 * HOUR) : t + HOUR) byKey.set(t, { at: t, open: 0, click: 0 });
  timeline.forEach((p, i) => {
    const b = byKey.get(keyOf(times[i]!));
    if (b) b[p.type] += p.n;
  });
  return { step, buckets: [...byKey.values()] };
}
