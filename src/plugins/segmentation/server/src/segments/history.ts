/**
 * The contact history a segment's mailing filters look at (docs/segment-definitions.md, "Mailings
 * received"): for each such filter, the holders with a mail of the matching mailings, sent in its
 * period (local calendar days, like actions) and, for `opened` / `clicked`, opened or clicked by a
 * person. Read from the sending tables when the definition is evaluated: a mail sent a second ago
 * counts, whatever the audience index's data version.
 */
import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import type { MailingFilter, SegmentDefinition } from '../../../shared/definition';
import { dayToIso, isoToDay } from '../common/dates';
import { periodDays } from './evaluate';
import * as q from './queries';

/** The filters of a definition that read the contact history. */
export function mailingFilters(def: SegmentDefinition): MailingFilter[] {
  return [...def.groups, ...(def.exclude ?? [])].flatMap((g) => g.filters.filter((f): f is MailingFilter => f.type === 'mailing'));
}

/** The instants [from, to) of a filter's period or last `days` days (ending with `asOf`), in the time zone. */
export function sentWindow(f: MailingFilter, asOf: string, timeZone: string): [number, number] | null {
  const startOf = (day: number) => DateTime.fromISO(dayToIso(day), { zone: timeZone }).startOf('day').toMillis();
  if (f.days !== undefined) {
    const last = isoToDay(asOf);
    return [startOf(last - f.days + 1), startOf(last + 1)];
  }
  if (!f.period) return null;
  const [from, to] = periodDays(f.period, asOf);
  return [startOf(from), startOf(to + 1)];
}

export async function contactHistory(
  knex: Knex,
  def: SegmentDefinition,
  opts: { asOf: string; timeZone: string; size: number },
): Promise<Map<MailingFilter, Uint8Array>> {
  const history = new Map<MailingFilter, Uint8Array>();
  for (const f of mailingFilters(def)) {
    const ids = await q.holdersWithHistory(knex, { event: f.event, mailings: f.mailings ?? null, window: sentWindow(f, opts.asOf, opts.timeZone) });
    const set = new Uint8Array(opts.size);
    for (const id of ids) if (id < opts.size) set[id] = 1;
    history.set(f, set);
  }
  return history;
}
