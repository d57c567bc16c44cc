/**
 * SQL of the reference look-ups used by the segment builder's searchable selects, and of the
 * unreadable-postcode report. Searches are case-insensitive on key and name (LOWER(...) LIKE works
 * the same on SQLite and Postgres) and paginated: thousands of events are never sent whole.
 */
import type { Knex } from 'knex';
import { REFERENCE_TABLES, type RefKind } from '../common/reference-tables';

/** The builder's names of the keyed references, and the kind each is (its table: REFERENCE_TABLES). */
const KEYED = {
  cardSystems: 'cardSystem',
  counters: 'counter',
  events: 'event',
  advantages: 'advantage',
  associations: 'association',
} as const satisfies Record<string, RefKind>;
export type KeyedReference = keyof typeof KEYED;
const tableOf = (kind: KeyedReference) => REFERENCE_TABLES[KEYED[kind]].table;

const like = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** `only`: restrict to these keys (a partner picks only its own card systems). */
export function searchKeyed(knex: Knex, kind: KeyedReference, q: string, limit: number, offset: number, only: string[] | null = null) {
  const query = knex(tableOf(kind)).select('key', 'name').orderBy('name').orderBy('key').limit(limit).offset(offset);
  if (only) query.whereIn('key', only);
  if (q) {
    query.where((w) => w.whereRaw("LOWER(name) LIKE ? ESCAPE '\\'", [like(q)]).orWhereRaw("LOWER(key) LIKE ? ESCAPE '\\'", [like(q)]));
  }
  return query as Promise<{ key: string; name: string }[]>;
}

export function namesOf(knex: Knex, kind: KeyedReference, keys: string[]) {
  return knex(tableOf(kind)).select('key', 'name').whereIn('key', keys) as Promise<{ key: string; name: string }[]>;
}

/** Distinct counter types or event themes, with how many counters/events carry them. */
export function searchNames(knex: Knex, kind: 'counterTypes' | 'eventThemes', q: string, limit: number, offset: number) {
  const [table, column] = kind === 'counterTypes' ? ['seg_counters', 'type'] : ['seg_event_themes', 'theme'];
  const query = knex(table).select({ name: column }).count({ uses: '*' }).whereNotNull(column).groupBy(column).orderBy(column).limit(limit).offset(offset);
  if (q) query.whereRaw(`LOWER(${column}) LIKE ? ESCAPE '\\'`, [like(q)]);
  return query as unknown as Promise<{ name: string; uses: number | string }[]>;
}

/**
 * Holders who typed a postcode that cannot be read (they never match a postcode filter), with the
 * most frequent such values; holders without any postcode are counted apart. `scope`: only holders
 * of these card systems (null: everyone).
 */
export async function unreadablePostcodes(knex: Knex, top: number, scope: string[] | null) {
  const holders = () => {
    const query = knex('seg_holders');
    if (scope === null) return query;
    return query.whereIn(
      'id',
      knex('seg_holder_card_systems as hc').join('seg_card_systems as cs', 'cs.id', 'hc.card_system_id').whereIn('cs.key', scope).select('hc.holder_id'),
    );
  };
  const base = () => holders().whereNull('postcode').whereNotNull('postcode_raw').andWhere('postcode_raw', '<>', '');
  const [{ n }] = (await base().count({ n: '*' })) as { n: number | string }[];
  const values = (await base()
    .select({ value: 'postcode_raw' })
    .count({ holders: '*' })
    .groupBy('postcode_raw')
    .orderBy([{ column: 'holders', order: 'desc' }, { column: 'postcode_raw' }])
    .limit(top)) as { value: string | null; holders: number | string }[];
  const [{ m }] = (await holders()
    .where((w) => w.whereNull('postcode_raw').orWhere('postcode_raw', ''))
    .count({ m: '*' })) as { m: number | string }[];
  return {
    unreadable: Number(n),
    missing: Number(m),
    top: values.map((v) => ({ value: v.value ?? '', holders: Number(v.holders) })),
  };
}
