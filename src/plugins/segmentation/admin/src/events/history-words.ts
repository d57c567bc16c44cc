/**
 * A history entry's detail in the UI's language (pure, for the tests). The server writes short
 * English details ("before 24 h", "2 recipients", "Cancelled by staff", "The event moved: due … instead
 * of …"); the known ones are worded here, the times in Europe/Brussels; others are shown as they are.
 */
import { formatDateTime, timingLabel } from './timing';

type T = (id: string, values?: Record<string, string | number>) => string;

export function entryDetail(t: T, locale: string, entry: { what: string; detail: string | null }): string | null {
  const detail = entry.detail?.trim();
  if (!detail) return null;
  if (entry.what === 'created') {
    if (detail === 'now') return timingLabel(t, 'now', null);
    const m = /^(before|after) (\d+) h$/.exec(detail);
    if (m) return timingLabel(t, m[1] as 'before' | 'after', Number(m[2]));
  }
  if (entry.what === 'sent') {
    const m = /^(\d+) recipients?$/.exec(detail);
    if (m) return t('event.history.detail.recipients', { n: Number(m[1]) });
  }
  // "to the ticket holders of <event>": the page is that event's.
  if (entry.what === 'sending' && /^to the ticket holders of /.test(detail)) return null;
  if (detail === 'Cancelled by staff') return t('event.history.detail.byStaff');
  if (detail === 'The event was cancelled') return t('event.history.detail.eventCancelled');
  if (detail === 'The event was removed') return t('event.history.detail.eventRemoved');
  const moved = /due (\S+) instead of (\S+)/.exec(detail);
  if (entry.what === 'moved' && moved) {
    return t('event.history.detail.moved', { due: formatDateTime(moved[1], locale), was: formatDateTime(moved[2], locale) });
  }
  return detail;
}
