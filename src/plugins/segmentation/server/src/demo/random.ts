/** Seeded randomness and time helpers for the demo generator (no Math.random, no Date.now). */

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A stateless float in [0, 1) for (seed, salt, i): properties of record i that other entities must
 * know without replaying the whole stream (an event's counter and date, an advantage's counter).
 */
export function hashUnit(seed: number, salt: number, i: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(salt + 1, 0xc2b2ae35) ^ Math.imul(i + 1, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

export const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
export const pad = (n: number, width: number) => String(n).padStart(width, '0');

export const DAY_MS = 86_400_000;
export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Last Sunday of a month (UTC ms at 01:00 UTC): when EU summer time starts/ends. */
function lastSunday01Utc(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0, 1));
  return last.getTime() - last.getUTCDay() * DAY_MS;
}

/** `ms` as ISO 8601 local time in Europe/Brussels with its offset, e.g. `2025-07-01T20:15:00+02:00`. */
export function brusselsIso(ms: number): string {
  const year = new Date(ms).getUTCFullYear();
  const summer = ms >= lastSunday01Utc(year, 2) && ms < lastSunday01Utc(year, 9);
  const offset = summer ? 2 : 1;
  return `${new Date(ms + offset * 3_600_000).toISOString().slice(0, 19)}+0${offset}:00`;
}
