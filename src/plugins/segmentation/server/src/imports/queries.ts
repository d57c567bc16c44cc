/**
 * The SQL of the import (its COPY statements: copy-queries.ts): the data-version bump, key look-ups,
 * upserts and the replacement of child lists. Postgres gets one statement per batch and kind, with
 * the values as arrays (`unnest`): a handful of parameters whatever the batch size. SQLite gets
 * multi-row statements kept under its 32766 bound variables.
 */
import type { Knex } from 'knex';
import { to as copyTo } from 'pg-copy-streams';
import { digitKey, readKeyRows, type KeyRow } from './refs/stored-keys';

type Db = Knex | Knex.Transaction;
export type Row = Record<string, unknown>;

/** Bound variables per SQLite statement (its limit is 32766). */
const SQLITE_PARAMS = 30_000;
/** Elements per Postgres array parameter (only to keep single statements reasonably sized). */
const PG_ARRAY = 50_000;

/** Postgres element types of the import's columns, for the `unnest` casts. */
const PG_TYPES: Record<string, string> = {
  key: 'text',
  uid: 'text',
  name: 'text',
  type: 'text',
  seq: 'bigint',
  theme: 'text',
  card_system_id: 'int',
  counter_id: 'int',
  event_id: 'int',
  advantage_id: 'int',
  association_id: 'int',
  holder_id: 'int',
  starts_at: 'text',
  ends_at: 'text',
  cancelled: 'boolean',
  points: 'int',
  at: 'text',
  day: 'int',
  end_date: 'text',
  first_name: 'text',
  last_name: 'text',
  email: 'text',
  phone: 'text',
  has_email: 'boolean',
  has_phone: 'boolean',
  birthdate: 'text',
  postcode_raw: 'text',
  postcode: 'text',
  street: 'text',
  city: 'text',
  language: 'text',
  kansenstatuut: 'boolean',
  kansenstatuut_end_date: 'text',
  consents: 'text',
  mailing_preference: 'text',
};

export const isPostgres = (db: Db) => db.client.dialect === 'postgresql';
export const quoteName = (name: string) => `"${name.replace(/"/g, '""')}"`;
const q = quoteName;

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Rows of a raw query, whatever the driver's result shape. */
async function rowsOf<T>(db: Db, sql: string, bindings: readonly unknown[]): Promise<T[]> {
  const result = await db.raw(sql, bindings as Knex.RawBinding[]);
  if (Array.isArray(result)) return result as T[];
  return (Array.isArray(result?.rows) ? result.rows : []) as T[]; // better-sqlite3 run(): { changes }
}

/**
 * Bumps and returns the data version. On Postgres the row stays locked until the transaction ends,
 * which serialises concurrent import batches (and so their look-ups and counts).
 */
export async function nextVersion(trx: Knex.Transaction): Promise<number> {
  const [row] = await rowsOf<{ value: number | string }>(trx, BUMP_VERSION, []);
  return Number(versionRow(row).value);
}

const BUMP_VERSION = `UPDATE seg_meta SET value = value + 1 WHERE key = 'data_version' RETURNING value`;
function versionRow<T>(row: T | undefined): T {
  if (!row) throw new Error("seg_meta has no 'data_version' row: run the audience migration");
  return row;
}

/**
 * A Postgres array literal (`{"a","b",NULL}`), built here in one pass: much cheaper than letting
 * the driver convert ten thousand values one by one, and one bound parameter whatever the size.
 */
export function pgArray(values: readonly unknown[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ',';
    if (v === null || v === undefined) out += 'NULL';
    else if (typeof v === 'number' || typeof v === 'boolean') out += String(v);
    else {
      const text = String(v);
      out += /["\\]/.test(text) ? `"${text.replace(/["\\]/g, '\\$&')}"` : `"${text}"`;
    }
  }
  return out + '}';
}

/** key -> id for the given keys of a table (keyed by `key`, or `uid` for holders). */
export async function idsByKey(db: Db, table: string, keyColumn: string, keys: string[]): Promise<Map<string, number>> {
  const map = new Map<string, number>();
  const pg = isPostgres(db);
  for (const part of chunks(keys, pg ? PG_ARRAY : SQLITE_PARAMS)) {
    const sql = pg
      ? `SELECT id, ${q(keyColumn)} AS k FROM ${q(table)} WHERE ${q(keyColumn)} = ANY(?::text[])`
      : `SELECT id, ${q(keyColumn)} AS k FROM ${q(table)} WHERE ${q(keyColumn)} IN (${part.map(() => '?').join(',')})`;
    for (const r of await rowsOf<{ id: number | string; k: string }>(db, sql, pg ? [pgArray(part)] : part)) map.set(r.k, Number(r.id));
  }
  return map;
}

/** How many rows a table has. */
export async function tableRows(db: Db, table: string): Promise<number> {
  const [row] = await rowsOf<{ n: number | string }>(db, `SELECT count(*) AS n FROM ${q(table)}`, []);
  return Number(row?.n ?? 0);
}

/**
 * Every key of a table with its id (digit-only keys as their digitKey): on Postgres one COPY of the
 * two columns, read from its text; elsewhere a page at a time along the primary key.
 */
export async function forEachKey(db: Db, table: string, keyColumn: string, each: KeyRow, page = 100_000): Promise<void> {
  if (isPostgres(db)) {
    const connection = await db.client.acquireConnection();
    try {
      await readKeyRows(connection.query(copyTo(`COPY (SELECT id, ${q(keyColumn)} FROM ${q(table)}) TO STDOUT`)), each);
    } finally {
      await db.client.releaseConnection(connection);
    }
    return;
  }
  for (let last = 0; ;) {
    const rows = await rowsOf<{ id: number | string; k: string }>(db, `SELECT id, ${q(keyColumn)} AS k FROM ${q(table)} WHERE id > ? ORDER BY id LIMIT ?`, [
      last,
      page,
    ]);
    for (const r of rows) {
      const digits = digitKey(r.k);
      each(Number(r.id), digits, digits >= 0 ? null : r.k);
    }
    if (rows.length < page) return;
    last = Number(rows[rows.length - 1]!.id);
  }
}

const sqliteValue = (v: unknown) => (typeof v === 'boolean' ? (v ? 1 : 0) : v === undefined ? null : v);

/**
 * Runs `statement(source)` over the rows in parts, where `source` is a row source with the given
 * columns: on Postgres one `unnest` of an array a column, on SQLite a VALUES list (under its limit
 * of bound variables). Returns the rows the statements return.
 */
async function overRows<T>(trx: Knex.Transaction, columns: string[], rows: Row[], statement: (source: string) => string): Promise<T[]> {
  const names = columns.map(q).join(', ');
  const out: T[] = [];
  const pg = isPostgres(trx);
  for (const part of chunks(rows, pg ? PG_ARRAY : Math.floor(SQLITE_PARAMS / columns.length))) {
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    const [source, bindings] = pg
      ? [`unnest(${columns.map((c) => `?::${PG_TYPES[c] ?? 'text'}[]`).join(', ')}) AS v(${names})`, columns.map((c) => pgArray(part.map((r) => r[c])))]
      : [
          `(SELECT ${columns.map((c, i) => `column${i + 1} AS ${q(c)}`).join(', ')} FROM (VALUES ${part.map(() => tuple).join(', ')})) AS v`,
          part.flatMap((r) => columns.map((c) => sqliteValue(r[c]))),
        ];
    out.push(...(await rowsOf<T>(trx, statement(source), bindings)));
  }
  return out;
}

type Written = { inserted: number; ids: Map<string, number> };
type Out = { fresh?: boolean; id?: number | string; k?: string };
const idsOf = (out: Out[]) => new Map(out.map((r) => [r.k!, Number(r.id)]));

/**
 * Upserts rows that all give the same columns (one row per key): new keys are inserted, stored
 * keys get exactly these columns replaced and keep the others (and `revisedColumn`, if any, set to
 * their `seq`). Returns how many keys were new,
 * and with `withIds` the id of every key. Postgres tells new rows from updated ones itself (a row
 * inserted by this statement has no `xmax` yet); SQLite looks the keys up first.
 */
export async function upsert(trx: Knex.Transaction, table: string, keyColumn: string, rows: Row[], withIds = false, revisedColumn?: string): Promise<Written> {
  if (rows.length === 0) return { inserted: 0, ids: new Map() };
  const columns = Object.keys(rows[0]!);
  const [t, key] = [q(table), q(keyColumn)];
  // `seq` is always among the columns, so there is always something to set.
  const set = columns.filter((c) => c !== keyColumn).map((c) => `${q(c)} = excluded.${q(c)}`);
  if (revisedColumn) set.push(`${q(revisedColumn)} = excluded.seq`);
  const insert = (source: string, returning: string) =>
    `INSERT INTO ${t} (${columns.map(q).join(', ')}) SELECT * FROM ${source} WHERE true ON CONFLICT (${key}) DO UPDATE SET ${set.join(', ')} ${returning}`;
  const returnIds = withIds ? `, id, ${key} AS k` : '';
  if (isPostgres(trx)) {
    const out = await overRows<Out>(trx, columns, rows, (source) => insert(source, `RETURNING (xmax = 0) AS fresh${returnIds}`));
    return { inserted: out.reduce((n, r) => n + (r.fresh ? 1 : 0), 0), ids: idsOf(out) };
  }
  const stored = await idsByKey(
    trx,
    table,
    keyColumn,
    rows.map((r) => r[keyColumn] as string),
  );
  const out = await overRows<Out>(trx, columns, rows, (source) => insert(source, withIds ? `RETURNING id, ${key} AS k` : ''));
  return { inserted: rows.length - stored.size, ids: idsOf(out) };
}

/**
 * Updates stored keys with the columns the rows give (rows that could not create a record: an
 * insert would break the NOT NULL columns they leave out even where it would turn into an update).
 * `revisedColumn`, if any, is set to the rows' `seq`.
 */
export async function update(trx: Knex.Transaction, table: string, keyColumn: string, rows: Row[], withIds = false, revisedColumn?: string): Promise<Written> {
  if (rows.length === 0) return { inserted: 0, ids: new Map() };
  const columns = Object.keys(rows[0]!);
  const [t, key] = [q(table), q(keyColumn)];
  const set = columns.filter((c) => c !== keyColumn).map((c) => `${q(c)} = v.${q(c)}`);
  if (revisedColumn) set.push(`${q(revisedColumn)} = v.seq`);
  const returning = withIds ? `RETURNING ${t}.id, ${t}.${key} AS k` : '';
  const out = await overRows<Out>(trx, columns, rows, (source) => `UPDATE ${t} SET ${set.join(', ')} FROM ${source} WHERE ${t}.${key} = v.${key} ${returning}`);
  return { inserted: 0, ids: idsOf(out) };
}

/** Replaces the rows of a child table (links, themes) of the given parents. */
export async function replaceChildren(trx: Knex.Transaction, table: string, parentColumn: string, parentIds: number[], rows: Row[]): Promise<void> {
  const pg = isPostgres(trx);
  for (const part of chunks(parentIds, pg ? PG_ARRAY : SQLITE_PARAMS)) {
    const where = pg ? `= ANY(?::int[])` : `IN (${part.map(() => '?').join(',')})`;
    await trx.raw(`DELETE FROM ${q(table)} WHERE ${q(parentColumn)} ${where}`, (pg ? [pgArray(part)] : part) as Knex.RawBinding[]);
  }
  await insertRows(trx, table, rows);
}

/** Inserts rows that all give the same columns, in the order given. */
export async function insertRows(trx: Knex.Transaction, table: string, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  await overRows(trx, columns, rows, (source) => `INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) SELECT * FROM ${source}`);
}

/** The sequence of a table's id column (null unless it hands out ids one apart, so blocks can be taken). */
export async function idSequence(trx: Knex.Transaction, table: string): Promise<string | null> {
  const [row] = await rowsOf<{ name: string; inc: string | number }>(
    trx,
    `SELECT s.seqrelid::regclass::text AS name, s.seqincrement AS inc FROM pg_sequence s WHERE s.seqrelid = pg_get_serial_sequence(?, 'id')::regclass`,
    [table],
  );
  return row && Number(row.inc) === 1 ? row.name : null;
}

/**
 * `nextVersion` and, in the same statement, `n` consecutive ids from `sequence`, taken once the
 * version row is locked (the ids come from the UPDATE's row): the version and the first id.
 */
export async function nextVersionWithIds(trx: Knex.Transaction, sequence: string, n: number): Promise<{ seq: number; firstId: number }> {
  const [row] = await rowsOf<{ value: number | string; last: number | string }>(
    trx,
    `WITH v AS (${BUMP_VERSION}) SELECT v.value, setval(?::regclass, nextval(?::regclass) + ? - 1) AS last FROM v`,
    [sequence, sequence, n],
  );
  const { value, last } = versionRow(row);
  return { seq: Number(value), firstId: Number(last) - n + 1 };
}
