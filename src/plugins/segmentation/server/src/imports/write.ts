/**
 * The writing of one batch's records (batch.ts decided which lines are written): one statement per
 * set of given columns, new records in the order of their lines, child lists replaced.
 */
import type { Knex } from 'knex';
import type { RefKind } from '../common/reference-tables';
import { ENTITIES } from './entities';
import { refIds, type RefIds } from './refs/resolve';
import { REQUIRED_FOR_NEW, type ImportEntity } from './records/schemas';
import { idsByKey, isPostgres, replaceChildren, update, upsert, type Row } from './queries';
import { copyIfAllNew, insertNew } from './copy-queries';
import type { ImportHints, ValidLine } from './types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a table row: each column's value has its own type
type Rec = Record<string, any>;
/** The record to write for a key: one line's, or several lines' merged (`line` null). */
export interface Entry {
  record: Rec;
  line: ValidLine | null;
}

/** Upserts the records (one per key) stamped with `seq` and replaces their lists; returns the new keys. */
export async function write(
  trx: Knex.Transaction,
  entity: ImportEntity,
  entries: Entry[],
  lines: ValidLine[],
  seq: number,
  timeZone: string,
  hints: ImportHints,
): Promise<number> {
  const spec = ENTITIES[entity];
  const records = entries.map((e) => e.record);
  // A record of one line finds its ids among that line's; a merged one (or a child list) in maps of
  // all the batch's ids, made only when needed.
  let ids: RefIds | null = null;
  let current: ValidLine | null = null;
  const resolve = (kind: RefKind, key: string): number => {
    if (current) {
      const refs = current.refs;
      for (let i = 0; i < refs.length; i++) if (refs[i]![0] === kind && refs[i]![1] === key) return current.ids![i]!;
    }
    return (ids ??= refIds(lines)).get(kind)!.get(key)!;
  };
  // One statement per set of given columns: a line only replaces the fields it gives.
  const groups = new Map<string | number, [Row[], Rec[]]>();
  const ctx = { timeZone };
  // Complete records of an entity with `newColumns`, in the order of the lines (writeInOrder).
  const inOrder: Row[] | null = spec.newColumns ? [] : null;
  const required = REQUIRED_FOR_NEW[entity];
  for (const { record, line } of entries) {
    current = line;
    const row = spec.columns(record, resolve, ctx);
    row.seq = seq;
    if (inOrder && required.every((f) => record[f] != null)) {
      inOrder.push(row);
      continue;
    }
    // columns() adds them in a fixed order, so the fields given tell the columns where the entity says how.
    const signature = spec.signature ? spec.signature(record) : Object.keys(row).join(',');
    const group = groups.get(signature);
    if (!group) groups.set(signature, [[row], [record]]);
    else {
      group[0].push(row);
      group[1].push(record);
    }
  }
  let inserted = inOrder?.length ? await writeInOrder(trx, entity, inOrder, hints) : 0;
  const parents = new Map<string, number>();
  for (const [rows, given] of groups.values()) {
    // Records without the fields a new one needs are stored ones (writeBatch checked): update them.
    const complete = REQUIRED_FOR_NEW[entity].every((f) => given[0]![f] != null);
    if (complete && !spec.children && isPostgres(trx)) {
      inserted += await insertOrUpsert(trx, entity, rows, hints, (row) => row);
      continue;
    }
    const store = complete ? upsert : update;
    const done = await store(trx, spec.table, spec.keyColumn, rows, spec.children !== undefined, spec.revisedColumn);
    inserted += done.inserted;
    for (const [key, id] of done.ids) parents.set(key, id);
  }
  current = null;
  if (!spec.children) return inserted;
  const lists = records.map((record) => ({ key: record[spec.keyField] as string, children: spec.children!(record, resolve) })).filter((r) => r.children.length);
  const byTable = new Map<string, { parentColumn: string; parents: number[]; rows: Row[] }>();
  for (const { key, children } of lists) {
    const parent = parents.get(key)!;
    for (const child of children) {
      let entry = byTable.get(child.table);
      if (!entry) byTable.set(child.table, (entry = { parentColumn: child.parentColumn, parents: [], rows: [] }));
      entry.parents.push(parent);
      for (const row of child.rows) entry.rows.push({ [child.parentColumn]: parent, ...row });
    }
  }
  for (const [table, entry] of byTable) await replaceChildren(trx, table, entry.parentColumn, entry.parents, entry.rows);
  return inserted;
}

/**
 * Complete rows of an entity whose absent fields are NULL in a new row (`newColumns`, entities.ts):
 * the new ones inserted together with every column, in the order of their lines, so that ids rise
 * with the lines (a file's keys in its order then reach both unique indexes in rising order, each
 * appended at its right end; grouped by their columns the keys went in out of order, and the key
 * index came out 1.6x as large). Returns how many were new.
 */
function writeInOrder(trx: Knex.Transaction, entity: ImportEntity, rows: Row[], hints: ImportHints): Promise<number> {
  const columns = [...ENTITIES[entity].newColumns!, 'seq'];
  return insertOrUpsert(trx, entity, rows, hints, (row) => {
    const out: Row = {};
    for (const c of columns) out[c] = row[c] ?? null;
    return out;
  });
}

/**
 * Complete rows, one per key: the new ones inserted in the order given, as `asNew` makes them (all
 * with the same columns), the stored ones upserted by the columns they give. On Postgres, while an
 * import's keys keep being new, all are COPYed without looking them up (a stored key undoes the
 * attempt); otherwise the keys are looked up under the version lock and the new rows COPYed.
 * Returns how many were new.
 */
async function insertOrUpsert(trx: Knex.Transaction, entity: ImportEntity, rows: Row[], hints: ImportHints, asNew: (row: Row) => Row): Promise<number> {
  const spec = ENTITIES[entity];
  const pg = isPostgres(trx);
  if (pg && hints.keysNew && (await copyIfAllNew(trx, spec.table, rows.map(asNew)))) return rows.length;
  const stored = await idsByKey(
    trx,
    spec.table,
    spec.keyColumn,
    rows.map((r) => r[spec.keyColumn] as string),
  );
  const isNew = (r: Row) => !stored.has(r[spec.keyColumn] as string);
  await insertNew(trx, spec.table, rows.filter(isNew).map(asNew));
  const byColumns = new Map<string, Row[]>();
  for (const row of rows) {
    if (isNew(row)) continue;
    const columnsGiven = Object.keys(row).join(',');
    const group = byColumns.get(columnsGiven);
    if (group) group.push(row);
    else byColumns.set(columnsGiven, [row]);
  }
  for (const group of byColumns.values()) await upsert(trx, spec.table, spec.keyColumn, group, false, spec.revisedColumn);
  if (pg) hints.keysNew = stored.size === 0;
  return rows.length - stored.size;
}
