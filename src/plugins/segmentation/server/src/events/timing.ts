/**
 * When an event message is due. Hours count on the Europe/Brussels wall clock (docs/decisions.md):
 * "24 hours before an event at 20:00" is 20:00 the day before, also across a change to or from
 * summer time. The event's start and end are read as the import stores them: an instant with an
 * offset, or a local date-time or date (read in Europe/Brussels; a date alone is its midnight).
 * A wall-clock time that does not exist (the hour skipped in March) moves forward by the gap; one
 * that happens twice (the hour repeated in October) is its later (winter-time) occurrence.
 */
import { DateTime } from 'luxon';
import type { Timing } from '../../../shared/event-messages';

export const ZONE = 'Europe/Brussels';

/** An event time as stored (ISO 8601), as ms since the epoch; null when absent or unreadable. */
export function eventInstant(value: string | null | undefined): number | null {
  if (!value) return null;
  const dt = DateTime.fromISO(value, { zone: ZONE });
  return dt.isValid ? dt.toMillis() : null;
}

/** `at` moved by `hours` on the Brussels wall clock (negative: earlier). */
export function shiftWallClock(at: number, hours: number): number {
  const local = DateTime.fromMillis(at, { zone: ZONE });
  const floating = local.setZone('UTC', { keepLocalTime: true }).plus({ hours });
  return floating.setZone(ZONE, { keepLocalTime: true }).toMillis();
}

export interface EventTimes {
  startsAt: string | null;
  endsAt: string | null;
}

/**
 * When a message of `timing` is due for an event with `times`; `createdAt` for `now`. Null when the
 * event lacks the start (before) or the end (after) it is counted from.
 */
export function dueAt(timing: Timing, hours: number | null | undefined, times: EventTimes, createdAt: number): number | null {
  if (timing === 'now') return createdAt;
  const from = eventInstant(timing === 'before' ? times.startsAt : times.endsAt);
  if (from === null) return null;
  return shiftWallClock(from, timing === 'before' ? -(hours ?? 0) : (hours ?? 0));
}
