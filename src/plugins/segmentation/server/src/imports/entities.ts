/**
 * How each import entity maps onto its table: the key column, the references it names (resolved to
 * ids, unknown ones reject the line), the columns a record gives (plus what is derived from them at
 * import time), and the child lists it replaces.
 */
import type { ImportEntity } from './records/schemas';
import { normalisePostcode } from './postcode';
import { localDayOf } from '../common/dates';
import type { RefKind } from '../common/reference-tables';

export type { RefKind } from '../common/reference-tables';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a table row: each column's value has its own type
type Rec = Record<string, any>;
export type Resolve = (kind: RefKind, key: string) => number;

export interface EntitySpec {
  table: string;
  keyColumn: string;
  keyField: string;
  /**
   * Optional: a column set to the batch's data version whenever an import changes a stored row
   * (seg_actions: the refresh finds new rows by id and changed ones by this column).
   */
  revisedColumn?: string;
  /** The references of a record: [kind, key, field] (lists give one entry per element). */
  refs(r: Rec): [RefKind, string, string][];
  /** Extra line rule beyond the schema (returns the problem, or null). */
  check?(r: Rec): string | null;
  /** The columns the record gives, with derived ones (the same fields give the same column order). */
  columns(r: Rec, resolve: Resolve, ctx: { timeZone: string }): Rec;
  /**
   * Optional: a value that differs exactly when the sets of columns of two records differ (so that
   * rows can be grouped without listing their columns); by default the list of the row's columns.
   */
  signature?(r: Rec): number | string;
  /**
   * Optional: every column of a new record, when an absent field is stored as NULL (its column's
   * default). The batch's new records then go in together, in the order of their lines, so that
   * ids rise with the lines as the keys of a file in its order do (write.ts).
   */
  newColumns?: readonly string[];
  /** Child lists the record replaces: table -> rows (without the parent id), by parent column. */
  children?(r: Rec, resolve: Resolve): { table: string; parentColumn: string; rows: Rec[] }[];
}

const given = (r: Rec, field: string) => r[field] !== undefined;
const ref = (resolve: Resolve, kind: RefKind, key: string | null | undefined) => (key == null ? null : resolve(kind, key));
const trimmed = (s: string | null | undefined) => s != null && s.trim() !== '';

function pick(r: Rec, map: Record<string, string>, out: Rec = {}): Rec {
  for (const field in map) if (given(r, field)) out[map[field]!] = r[field];
  return out;
}

const single =
  (kind: RefKind, field: string) =>
  (r: Rec): [RefKind, string, string][] =>
    r[field] != null ? [[kind, r[field], field]] : [];

const named = (table: string, refs: EntitySpec['refs'], extra: (r: Rec, resolve: Resolve) => Rec): EntitySpec => ({
  table,
  keyColumn: 'key',
  keyField: 'key',
  refs,
  columns: (r, resolve) => ({ key: r.key, ...pick(r, { name: 'name' }), ...extra(r, resolve) }),
});

const ACTION_REFS = ['holder', 'counter', 'event', 'advantage'] as const;
/** An instant already written the way it is stored (`Date.toISOString`: UTC, milliseconds). */
const UTC_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export const ENTITIES: Record<ImportEntity, EntitySpec> = {
  'card-systems': named(
    'seg_card_systems',
    () => [],
    () => ({}),
  ),
  counters: named('seg_counters', single('cardSystem', 'cardSystem'), (r, resolve) => ({
    ...pick(r, { type: 'type' }),
    ...(given(r, 'cardSystem') ? { card_system_id: ref(resolve, 'cardSystem', r.cardSystem) } : {}),
  })),
  events: {
    ...named('seg_events', single('counter', 'counter'), (r, resolve) => ({
      ...pick(r, { startsAt: 'starts_at', endsAt: 'ends_at' }),
      ...(given(r, 'cancelled') ? { cancelled: r.cancelled ?? false } : {}),
      ...(given(r, 'counter') ? { counter_id: ref(resolve, 'counter', r.counter) } : {}),
    })),
    children: (r) =>
      given(r, 'themes')
        ? [{ table: 'seg_event_themes', parentColumn: 'event_id', rows: [...new Set<string>(r.themes ?? [])].map((theme) => ({ theme })) }]
        : [],
  },
  advantages: named('seg_advantages', single('counter', 'counter'), (r, resolve) => ({
    ...pick(r, { points: 'points' }),
    ...(given(r, 'counter') ? { counter_id: ref(resolve, 'counter', r.counter) } : {}),
  })),
  associations: named('seg_associations', single('cardSystem', 'cardSystem'), (r, resolve) => ({
    ...(given(r, 'cardSystem') ? { card_system_id: ref(resolve, 'cardSystem', r.cardSystem) } : {}),
  })),
  'pass-holders': {
    table: 'seg_holders',
    keyColumn: 'uid',
    keyField: 'uid',
    refs: (r) => [
      ...((r.cardSystems ?? []) as string[]).map((k, i): [RefKind, string, string] => ['cardSystem', k, `cardSystems.${i}`]),
      ...((r.memberships ?? []) as Rec[]).map((m, i): [RefKind, string, string] => ['association', m.association, `memberships.${i}.association`]),
    ],
    columns: (r) => ({
      uid: r.uid,
      ...pick(r, {
        firstName: 'first_name',
        lastName: 'last_name',
        birthdate: 'birthdate',
        street: 'street',
        city: 'city',
        language: 'language',
        kansenstatuutEndDate: 'kansenstatuut_end_date',
      }),
      ...(given(r, 'email') ? { email: r.email, has_email: trimmed(r.email) } : {}),
      ...(given(r, 'phone') ? { phone: r.phone, has_phone: trimmed(r.phone) } : {}),
      ...(given(r, 'postcode') ? { postcode_raw: r.postcode, postcode: r.postcode == null ? null : normalisePostcode(r.postcode) } : {}),
      ...(given(r, 'points') ? { points: r.points ?? 0 } : {}),
      ...(given(r, 'kansenstatuut') ? { kansenstatuut: r.kansenstatuut ?? false } : {}),
      ...(given(r, 'mailingPreference') ? { mailing_preference: r.mailingPreference ?? 'both' } : {}),
      ...(given(r, 'consents') ? { consents: JSON.stringify([...new Set(r.consents ?? [])]) } : {}),
    }),
    children: (r, resolve) => [
      ...(given(r, 'cardSystems')
        ? [
            {
              table: 'seg_holder_card_systems',
              parentColumn: 'holder_id',
              rows: [...new Set<string>(r.cardSystems ?? [])].map((k) => ({ card_system_id: resolve('cardSystem', k) })),
            },
          ]
        : []),
      ...(given(r, 'memberships')
        ? [
            {
              table: 'seg_memberships',
              parentColumn: 'holder_id',
              rows: [...new Map<string, Rec>(((r.memberships ?? []) as Rec[]).map((m) => [m.association, m])).values()].map((m) => ({
                association_id: resolve('association', m.association),
                end_date: m.endDate ?? null,
              })),
            },
          ]
        : []),
    ],
  },
  actions: {
    table: 'seg_actions',
    keyColumn: 'key',
    keyField: 'key',
    revisedColumn: 'revised_seq',
    newColumns: ['key', 'type', 'points', 'holder_id', 'at', 'day', 'counter_id', 'event_id', 'advantage_id'],
    refs: (r) => {
      const refs: [RefKind, string, string][] = [];
      for (const kind of ACTION_REFS) if (r[kind] != null) refs.push([kind, r[kind], kind]);
      return refs;
    },
    check: (r) => {
      if (r.event != null && r.type !== undefined && r.type !== 'CHECKIN' && r.type !== 'TICKET')
        return `event: only CHECKIN and TICKET actions have an event, not ${r.type}`;
      if (r.advantage != null && r.type !== undefined && r.type !== 'CASHIN') return `advantage: only CASHIN actions have an advantage, not ${r.type}`;
      return null;
    },
    // The hot path of a large import: the fields one by one, always in this order.
    columns: (r, resolve, { timeZone }) => {
      const cols: Rec = { key: r.key };
      if (r.type !== undefined) cols.type = r.type;
      if (r.points !== undefined) cols.points = r.points;
      if (r.holder !== undefined) cols.holder_id = resolve('holder', r.holder);
      if (r.at !== undefined) {
        const ms = Date.parse(r.at);
        cols.at = UTC_ISO.test(r.at) ? r.at : new Date(ms).toISOString();
        cols.day = localDayOf(ms, timeZone);
      }
      if (r.counter !== undefined) cols.counter_id = ref(resolve, 'counter', r.counter);
      if (r.event !== undefined) cols.event_id = ref(resolve, 'event', r.event);
      if (r.advantage !== undefined) cols.advantage_id = ref(resolve, 'advantage', r.advantage);
      return cols;
    },
    signature: (r) =>
      (r.type !== undefined ? 1 : 0) |
      (r.points !== undefined ? 2 : 0) |
      (r.holder !== undefined ? 4 : 0) |
      (r.at !== undefined ? 8 : 0) |
      (r.counter !== undefined ? 16 : 0) |
      (r.event !== undefined ? 32 : 0) |
      (r.advantage !== undefined ? 64 : 0),
  },
};
