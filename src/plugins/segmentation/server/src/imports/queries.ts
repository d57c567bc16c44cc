/**
 * All SQL of the import, in one place: key look-ups, the data-version bump and the upserts.
 * Plain knex that runs the same on SQLite and Postgres (`INSERT ... ON CONFLICT (key) DO UPDATE`).
 */
import type { Knex } from 'knex';

/** SQLite allows 32766 bound variables per statement, Postgres 65535: stay under both. */
const MAX_PARAMS = 30_000;

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** key -> id for the given keys of a table (keyed by `key`, or `uid` for holders). */
export async function idsByKey(knex: Knex, table: string, keyColumn: string, keys: string[]): Promise<Map<string, number>> {
  const map = new Map<string, number>();
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
  for (const part of chunks(parentIds, MAX_PARAMS)) await trx(table).whereIn(parentColumn, part).delete();
  if (rows.length === 0) return;
  const width = Object.keys(rows[0]!).length;
  for (const part of chunks(rows, Math.floor(MAX_PARAMS / width))) await trx(table).insert(part);
}
