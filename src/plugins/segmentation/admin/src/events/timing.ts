/**
 * When an event message goes, in words and in the form's fields (pure, for the tests): a number of
 * hours before the start or after the end, shown as days and hours ("1 dag vóór de start",
 * "3 uur na het einde", "1 dag en 2 uur vóór de start"), or "nu". Texts are translation ids with
 * their values; dates are shown in Europe/Brussels, in the UI's locale.
 */
import { MAX_OFFSET_HOURS, type Timing } from '../../../shared/event-messages';

export const TIME_ZONE = 'Europe/Brussels';

/** The quick choices beside the hours field (in hours). */
export const QUICK_HOURS = [2, 24, 48, 168] as const;

/** Whole hours as days and the hours left over: 26 → { days: 1, hours: 2 }. */
export function splitHours(total: number): { days: number; hours: number } {
  const h = Math.max(0, Math.floor(total));
  return { days: Math.floor(h / 24), hours: h % 24 };
}

/**
 * Days and hours as whole hours; null when neither is typed (an empty field). Fractions are cut,
 * negatives count as 0; the result may exceed MAX_OFFSET_HOURS (the schema says so at the field).
 */
export function joinHours(days: number | null | undefined, hours: number | null | undefined): number | null {
  const ok = (n: number | null | undefined) => typeof n === 'number' && Number.isFinite(n);
  if (!ok(days) && !ok(hours)) return null;
  const d = ok(days) ? Math.max(0, Math.floor(days!)) : 0;
  const h = ok(hours) ? Math.max(0, Math.floor(hours!)) : 0;
  return d * 24 + h;
}

export const withinRange = (hours: number) => hours >= 0 && hours <= MAX_OFFSET_HOURS;

export interface Words {
  id: string;
  values?: Record<string, number>;
}

/** A duration in words: "event.duration.days" (2 dagen), "...hours" (3 uur), "...daysHours" (1 dag en 2 uur). */
export function durationWords(total: number): Words {
  const { days, hours } = splitHours(total);
  if (days > 0 && hours > 0) return { id: 'event.duration.daysHours', values: { days, hours } };
  if (days > 0) return { id: 'event.duration.days', values: { days } };
  return { id: 'event.duration.hours', values: { hours } };
}

/** The timing of a message in words, as the list shows it; `duration` is the worded duration. */
export function timingWords(timing: Timing, hours: number | null | undefined): { id: string; duration?: Words } {
  if (timing === 'now') return { id: 'event.timing.now' };
  if (hours === null || hours === undefined) return { id: `event.timing.${timing}.unset` };
  return { id: `event.timing.${timing}`, duration: durationWords(hours) };
}

type Translate = (id: string, values?: Record<string, string | number>) => string;

/** "1 dag vóór de start", "3 uur na het einde", "nu". */
export function timingLabel(t: Translate, timing: Timing, hours: number | null | undefined): string {
  const words = timingWords(timing, hours);
  return words.duration ? t(words.id, { duration: t(words.duration.id, words.duration.values) }) : t(words.id);
}

/**
 * When a message would be due, from the event's start or end (null when the event lacks it);
 * the server's `dueAt` is what counts — this is the form's hint before saving.
 */
export function dueAt(timing: Timing, hours: number | null | undefined, event: { startsAt: string | null; endsAt: string | null }, now: Date): Date | null {
  if (timing === 'now') return now;
  if (hours === null || hours === undefined) return null;
  const anchor = timing === 'before' ? event.startsAt : event.endsAt;
  if (!anchor) return null;
  const at = Date.parse(anchor);
  if (Number.isNaN(at)) return null;
  return new Date(at + (timing === 'before' ? -1 : 1) * hours * 3_600_000);
}

/** A date and time in Europe/Brussels, in the UI's locale ("—" without one). */
export function formatDateTime(iso: string | Date | null | undefined, locale: string): string {
  if (!iso) return '—';
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }).format(date);
}
