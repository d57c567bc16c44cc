/**
 * All SQL of the import, in one place: key look-ups, the data-version bump and the upserts
 * (`INSERT ... ON CONFLICT (key) DO UPDATE`, only the given columns change on a stored key).
 * Postgres gets a bulk path: one statement a batch with arrays (`= ANY($1)`, `unnest(...)`), so a
 * batch of 10,000 actions costs a handful of round trips. SQLite uses plain multi-row knex.
 */
import type { Knex } from 'knex';

/** SQLite allows 32766 bound variables per statement, Postgres 65535: stay under both. */
const MAX_PARAMS = 30_000;

/** Postgres element types of the columns the import writes (others are text). */
const PG_TYPES: Record<string, string> = {
  seq: 'int8',
  day: 'int4',
  points: 'int4',
  holder_id: 'int4',
  counter_id: 'int4',
  event_id: 'int4',
  advantage_id: 'int4',
  card_system_id: 'int4',
  association_id: 'int4',
  has_email: 'bool',
  has_phone: 'bool',
  kansenstatuut: 'bool',
};

const isPg = (knex: Knex) => knex.client.config.client === 'pg' || knex.client.config.client === 'postgres';

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** key -> id for the given keys of a table (keyed by `key`, or `uid` for holders). */
export async function idsByKey(knex: Knex, table: string, keyColumn: string, keys: string[]): Promise<Map<string, number>> {
  const map = new Map<string, number>();
  if (keys.length === 0) return map;
  if (isPg(knex)) {
    const { rows } = await knex.raw(`SELECT id, ${keyColumn} AS k FROM ${table} WHERE ${keyColumn} = ANY(?::text[])`, [keys]);
    for (const r of rows as { id: number | string; k: string }[]) map.set(r.k, Number(r.id));
    return map;
  }
  for (const part of chunks(keys, MAX_PARAMS)) {
    const rows: { id: number | string; k: string }[] = await knex(table).select('id', { k: keyColumn }).whereIn(keyColumn, part);
    for (const r of rows) map.set(r.k, Number(r.id));
  }
  return map;
}

/** Bumps and returns the data version; on Postgres the row lock serialises concurrent imports. */
export async function nextVersion(trx: Knex.Transaction): Promise<number> {
  await trx('seg_meta').where({ key: 'data_version' }).increment('value', 1);
  const row = await trx('seg_meta').where({ key: 'data_version' }).first('value');
  return Number(row.value);
}

/** Upserts rows that all have the same columns; on a stored key only those columns change. */
export async function upsert(trx: Knex.Transaction, table: string, keyColumn: string, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const update = columns.filter((c) => c !== keyColumn);
  if (isPg(trx)) {
    const arrays = columns.map((c) => rows.map((r) => r[c] ?? null));
    const unnest = columns.map((c) => `?::${PG_TYPES[c] ?? 'text'}[]`).join(', ');
    const set = update.map((c) => `"${c}" = EXCLUDED."${c}"`).join(', ');
    await trx.raw(
      `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) SELECT * FROM unnest(${unnest})
       ON CONFLICT ("${keyColumn}") DO ${set ? `UPDATE SET ${set}` : 'NOTHING'}`,
      arrays,
    );
    return;
  }
  for (const part of chunks(rows, Math.max(1, Math.floor(MAX_PARAMS / columns.length)))) {
    await trx(table).insert(part).onConflict(keyColumn).merge(update);
  }
}

/** Replaces the rows of a child table (links, themes) of the given parents. */
export async function replaceChildren(
  trx: Knex.Transaction,
  table: string,
  parentColumn: string,
  parentIds: number[],
  rows: Record<string, unknown>[],
): Promise<void> {
  if (isPg(trx)) {
    await trx.raw(`DELETE FROM ${table} WHERE "${parentColumn}" = ANY(?::int4[])`, [parentIds]);
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0]!);
    const arrays = columns.map((c) => rows.map((r) => r[c] ?? null));
    await trx.raw(
      `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) SELECT * FROM unnest(${columns.map((c) => `?::${PG_TYPES[c] ?? 'text'}[]`).join(', ')})`,
      arrays,
    );
    return;
  }
  for (const part of chunks(parentIds, MAX_PARAMS)) await trx(table).whereIn(parentColumn, part).delete();
  if (rows.length === 0) return;
  const width = Object.keys(rows[0]!).length;
  for (const part of chunks(rows, Math.floor(MAX_PARAMS / width))) await trx(table).insert(part);
}
