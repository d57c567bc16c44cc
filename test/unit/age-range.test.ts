/**
 * Age filters are evaluated as a range of birthdates (segments/evaluate.ts, birthRangeForAge): for
 * every operator, the holders in the range are exactly those whose age (dates.ts, ageOn) matches.
 */
import { birthRangeForAge } from '../../src/plugins/segmentation/server/src/segments/evaluate';
import { ageOn, isoToYmd } from '../../src/plugins/segmentation/server/src/common/dates';
import type { Comparison } from '../../src/plugins/segmentation/shared/definition';

const matches = (c: Comparison<number>, age: number): boolean => {
  if (c.op === 'between') return age >= c.value[0] && age <= c.value[1];
  return { '<': age < c.value, '<=': age <= c.value, '>': age > c.value, '>=': age >= c.value, '=': age === c.value }[c.op];
};

// Deterministic pseudo-random numbers (mulberry32).
let state = 2026;
function random(n: number): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n) | 0;
}

function randomDate(fromYear: number, years: number): number {
  const y = fromYear + random(years);
  const m = 1 + random(12);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return y * 10_000 + m * 100 + 1 + random(days);
}

const AS_OF = ['2024-02-28', '2024-02-29', '2024-03-01', '2025-02-28', '2025-03-01', '2026-01-01', '2026-12-31', '2026-11-01'].map(isoToYmd);

test('a birthdate is in the range exactly when the age on that day matches, for every operator', () => {
  const wrong: unknown[] = [];
  for (let i = 0; i < 200_000; i++) {
    const asOf = AS_OF[random(AS_OF.length)]!;
    // Leap-day birthdays and birthdays on or around the evaluation day's month and day, often.
    const birth =
      random(4) === 0 ? (1904 + 4 * random(30)) * 10_000 + 229 : random(3) === 0 ? (1900 + random(130)) * 10_000 + (asOf % 10_000) : randomDate(1900, 135);
    const a = random(90);
    const ops = ['<', '<=', '>', '>=', '='] as const;
    const pick = random(6);
    const c: Comparison<number> = pick === 5 ? { op: 'between', value: [a, a + random(15)] } : { op: ops[pick]!, value: a };
    const [lo, hi] = birthRangeForAge(c, asOf);
    const inRange = birth >= lo && birth <= hi;
    if (inRange !== matches(c, ageOn(birth, asOf))) wrong.push({ birth, asOf, c, lo, hi, age: ageOn(birth, asOf) });
  }
  expect(wrong.slice(0, 5)).toEqual([]);
});

test('an unknown birthdate (0) is never in the range', () => {
  for (const c of [
    { op: '<', value: 200 },
    { op: '<=', value: 0 },
    { op: '>=', value: 0 },
    { op: 'between', value: [0, 150] },
  ] as Comparison<number>[]) {
    const [lo] = birthRangeForAge(c, isoToYmd('2026-11-01'));
    expect(lo).toBeGreaterThan(0);
  }
});
