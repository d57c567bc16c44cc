/**
 * Calendar arithmetic for segment evaluation and the import (docs/segment-definitions.md, "Dates and the evaluation date").
 *
 * Days are represented as integers: the number of days since 1970-01-01 of a *calendar date*
 * (no time zone involved once the date is known). Actions carry the local calendar day of their
 * instant in the tool's time zone, derived once at import time (`localDayOf`).
 */
import { DateTime } from 'luxon';

export const DEFAULT_TIME_ZONE = 'Europe/Brussels';

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a strict `YYYY-MM-DD` that exists in the calendar; returns null otherwise. */
export function parseIsoDate(value: string): { y: number; m: number; d: number } | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

/** Day number (days since 1970-01-01) of a calendar date. */
export function dayNumber(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

/** Day number of a valid `YYYY-MM-DD`; throws on an invalid date (validate first). */
export function isoToDay(value: string): number {
  const parts = parseIsoDate(value);
  if (!parts) throw new Error(`Invalid date '${value}'`);
  return dayNumber(parts.y, parts.m, parts.d);
}

export function dayToIso(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** `YYYYMMDD` as an integer (birthdates are compared on (month, day) for ages). */
export function isoToYmd(value: string): number {
  const parts = parseIsoDate(value);
  if (!parts) throw new Error(`Invalid date '${value}'`);
  return parts.y * 10_000 + parts.m * 100 + parts.d;
}

/** Today in the given time zone, as `YYYY-MM-DD`. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return DateTime.fromJSDate(now).setZone(timeZone).toISODate()!;
}

/**
 * Local calendar day of an instant (epoch milliseconds) in `timeZone`.
 * The UTC offset is cached per UTC day; only on the rare days when it changes (DST switches) is it
 * looked up for the exact instant, so bulk imports pay the time-zone lookup a few times a year.
 */
const offsetCache = new Map<string, Map<number, number>>();
const offsetAt = (ms: number, timeZone: string) => DateTime.fromMillis(ms, { zone: timeZone }).offset;
export function localDayOf(epochMs: number, timeZone: string): number {
  let zoneCache = offsetCache.get(timeZone);
  if (!zoneCache) offsetCache.set(timeZone, (zoneCache = new Map()));
  const utcDay = Math.floor(epochMs / MS_PER_DAY);
  let offset = zoneCache.get(utcDay);
  if (offset === undefined) {
    const start = offsetAt(utcDay * MS_PER_DAY, timeZone);
    offset = start === offsetAt((utcDay + 1) * MS_PER_DAY - 1, timeZone) ? start : NaN;
    if (zoneCache.size > 100_000) zoneCache.clear();
    zoneCache.set(utcDay, offset);
  }
  const minutes = Number.isNaN(offset) ? offsetAt(epochMs, timeZone) : offset;
  return Math.floor((epochMs + minutes * 60_000) / MS_PER_DAY);
}

/** Calendar date minus whole months/years, clamped to the last day of the target month. */
export function minusCalendar(iso: string, unit: 'month' | 'year'): string {
  const { y, m, d } = parseIsoDate(iso)!;
  let ty = y;
  let tm = m;
  if (unit === 'year') ty -= 1;
  else if (m === 1) {
    ty -= 1;
    tm = 12;
  } else tm -= 1;
  const td = Math.min(d, daysInMonth(ty, tm));
  return `${String(ty).padStart(4, '0')}-${String(tm).padStart(2, '0')}-${String(td).padStart(2, '0')}`;
}

/** Age in whole years on `asOfYmd` of someone born on `birthYmd` (both YYYYMMDD integers). */
export function ageOn(birthYmd: number, asOfYmd: number): number {
  const years = Math.floor(asOfYmd / 10_000) - Math.floor(birthYmd / 10_000);
  return asOfYmd % 10_000 < birthYmd % 10_000 ? years - 1 : years;
}
