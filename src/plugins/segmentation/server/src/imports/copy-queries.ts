/**
 * The import's COPY statements (Postgres): rows known to be new (`copyNew`, `insertNew`), rows
 * probably new under a savepoint (`copyIfAllNew`), and text already built by the fast path
 * (`copyPrepared`, fast/).
 */
import { Readable } from 'stream';
import { pipeline } from 'stream/promises';
import type { Knex } from 'knex';
import { from as copyFrom } from 'pg-copy-streams';
import { insertRows, isPostgres, quoteName as q, type Row } from './queries';

/**
 * Inserts rows known to be new (their keys were looked up under the data-version lock, which every
 * import batch takes first), in the order given: with COPY on Postgres.
 */
export const insertNew = (trx: Knex.Transaction, table: string, rows: Row[]): Promise<void> =>
  isPostgres(trx) ? copyNew(trx, table, rows) : insertRows(trx, table, rows);

/** COPY text format: NULL as \N; backslash, tab, newline and carriage return escaped. */
const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
export function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  const text = String(v);
  return COPY_SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : text;
}

/**
 * Postgres bulk path for rows known to be new (their keys were looked up under the data-version
 * lock, which every import batch takes first): COPY into the table, no conflict handling needed.
 */
export async function copyNew(trx: Knex.Transaction, table: string, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const connection = await trx.client.acquireConnection(); // a transaction's client hands out its own connection
  const sink = connection.query(copyFrom(`COPY ${q(table)} (${columns.map(q).join(', ')}) FROM STDIN`));
  function* lines() {
    let chunk = '';
    for (const row of rows) {
      let line = copyValue(row[columns[0]!]);
      for (let i = 1; i < columns.length; i++) line += `\t${copyValue(row[columns[i]!])}`;
      chunk += `${line}\n`;
      if (chunk.length > 1 << 18) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  await pipeline(Readable.from(lines()), sink);
}

/**
 * COPY of rows whose keys are probably all new (a first load): under a savepoint, so that when a
 * key turns out to be stored (the unique index refuses it) nothing of the attempt remains and the
 * caller looks the keys up instead. Returns whether the rows went in.
 */
export async function copyIfAllNew(trx: Knex.Transaction, table: string, rows: Row[]): Promise<boolean> {
  await trx.raw('SAVEPOINT seg_copy');
  try {
    await copyNew(trx, table, rows);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error; // a stored key
    await trx.raw('ROLLBACK TO SAVEPOINT seg_copy');
    return false;
  }
  await trx.raw('RELEASE SAVEPOINT seg_copy');
  return true;
}

/** Whether a statement failed on a unique index (a key that is stored already). */
export const isUniqueViolation = (error: unknown): boolean => (error as { code?: string } | null)?.code === '23505';

/**
 * COPY of text already built (bytes in parts, the given columns in order, a line a row). A stored
 * key fails it with a unique violation, which aborts the transaction.
 */
export async function copyPrepared(trx: Knex.Transaction, table: string, columns: string[], text: Uint8Array[]): Promise<void> {
  const connection = await trx.client.acquireConnection();
  const sink = connection.query(copyFrom(`COPY ${q(table)} (${columns.map(q).join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(text), sink);
}
