/**
 * The import (SPEC-data-api.md): a streamed NDJSON or CSV body, validated line by line, written in
 * batches. Each batch is one transaction that bumps the data version and stamps its rows with it,
 * so readers (the audience index of every instance) see whole batches or nothing. Valid lines are
 * stored, invalid ones reported with their line number and skipped; re-importing a file changes
 * nothing. Memory stays bounded by the batch size whatever the body size.
 */
import { createInterface } from 'readline';
import type { Knex } from 'knex';
import { parse } from 'csv-parse';
import { DEFAULT_TIME_ZONE } from '../segments/dates';
import { RECORD_SCHEMAS, REQUIRED_FOR_NEW, describeIssues, fromCsv, type ImportEntity } from './records';
import { ENTITIES, REF_TABLES, type RefKind } from './entities';
import { idsByKey, nextVersion, replaceChildren, upsert } from './queries';

export type { ImportEntity } from './records';
export const IMPORT_ENTITIES = Object.keys(RECORD_SCHEMAS) as ImportEntity[];
export const isImportEntity = (value: unknown): value is ImportEntity => IMPORT_ENTITIES.includes(value as ImportEntity);

export interface ImportResult {
  entity: ImportEntity;
  received: number;
  inserted: number;
  updated: number;
  rejected: { line: number; error: string }[];
}

export interface ImportProgress {
  lines: number;
  inserted: number;
  updated: number;
  rejected: number;
}

export interface ImportOptions {
  timeZone?: string;
  batchSize?: number;
  onProgress?: (p: ImportProgress) => void;
}

interface Line {
  line: number;
  value: unknown;
}

/** Lines of the body as raw values (NDJSON: parsed JSON or the parse error; CSV: records). */
async function* readLines(body: NodeJS.ReadableStream, format: 'ndjson' | 'csv', entity: ImportEntity): AsyncGenerator<Line | { line: number; error: string }> {
  if (format === 'ndjson') {
    let line = 0;
    for await (const text of createInterface({ input: body as NodeJS.ReadableStream, crlfDelay: Infinity })) {
      line += 1;
      if (text.trim() === '') continue;
      try {
        yield { line, value: JSON.parse(text) };
      } catch {
        yield { line, error: 'invalid JSON' };
      }
    }
    return;
  }
  const skipped: { line: number; error: string }[] = [];
  const parser = parse({
    columns: true,
    bom: true,
    skip_empty_lines: true,
    info: true,
    relax_column_count: true,
    skip_records_with_error: true,
    on_skip: (err: { lines?: number; message?: string } | undefined) => {
      if (err) skipped.push({ line: err.lines ?? 0, error: `unreadable CSV: ${err.message}` });
    },
  });
  body.pipe(parser);
  body.on('error', (err: Error) => parser.destroy(err));
  let lastLine = 1;
  let lastEmpty = 0;
  let lastInvalid = 0; // csv-parse counts inconsistent records cumulatively
  type Info = { lines: number; empty_lines: number; invalid_field_length: number };
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: Info }>) {
    yield* skipped.splice(0);
    // A record starts after the previous one and any empty lines (a quoted cell may span lines).
    const start = lastLine + 1 + (info.empty_lines - lastEmpty);
    lastLine = info.lines;
    lastEmpty = info.empty_lines;
    const inconsistent = info.invalid_field_length > lastInvalid;
    lastInvalid = info.invalid_field_length;
    if (inconsistent) yield { line: start, error: 'wrong number of cells for the header' };
    else yield { line: start, value: fromCsv(entity, record) };
  }
  yield* skipped.splice(0);
}

export async function importStream(
  knex: Knex,
  entity: ImportEntity,
  body: NodeJS.ReadableStream,
  format: 'ndjson' | 'csv',
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const spec = ENTITIES[entity];
  const schema = RECORD_SCHEMAS[entity];
  const timeZone = opts.timeZone ?? DEFAULT_TIME_ZONE;
  const batchSize = opts.batchSize ?? (entity === 'actions' ? 10_000 : 5_000);
  const result: ImportResult = { entity, received: 0, inserted: 0, updated: 0, rejected: [] };
  let inflight = new Set<string>(); // keys of the batch being written (not yet visible to look-ups)
  let batch: { line: number; record: Record<string, any> }[] = [];
  let lines = 0;

  const reject = (line: number, error: string) => result.rejected.push({ line, error });

  // Keys resolved earlier in this body (references never disappear: imports only add and update).
  const known = new Map<RefKind, Map<string, number>>();
  const lookup = async (kind: RefKind, keys: Set<string>) => {
    let cache = known.get(kind);
    if (!cache || cache.size > 500_000) known.set(kind, (cache = new Map())); // bounded memory
    const missing = [...keys].filter((k) => !cache!.has(k));
    for (const [k, id] of await idsByKey(knex, REF_TABLES[kind].table, REF_TABLES[kind].key, missing)) cache.set(k, id);
    return cache;
  };

  /** Validates references and existence of a batch; returns what to write (sync state updated). */
  const prepare = async (current: typeof batch) => {
    const wanted = new Map<RefKind, Set<string>>();
    for (const { record } of current) {
      for (const [kind, key] of spec.refs(record)) {
        if (!wanted.has(kind)) wanted.set(kind, new Set());
        wanted.get(kind)!.add(key);
      }
    }
    const ids = new Map<RefKind, Map<string, number>>();
    for (const [kind, keys] of wanted) ids.set(kind, await lookup(kind, keys));
    const keys = [...new Set(current.map((c) => c.record[spec.keyField] as string))];
    const stored = await idsByKey(knex, spec.table, spec.keyColumn, keys.filter((k) => !inflight.has(k)));
    const merged = new Map<string, Record<string, any>>();
    for (const { line, record } of current) {
      const missing = spec.refs(record).find(([kind, key]) => !ids.get(kind)!.has(key));
      if (missing) {
        reject(line, `unknown ${REF_TABLES[missing[0]].label} '${missing[1]}' (${missing[2]})`);
        continue;
      }
      const key = record[spec.keyField] as string;
      const exists = stored.has(key) || inflight.has(key) || merged.has(key);
      if (!exists) {
        const absent = REQUIRED_FOR_NEW[entity].filter((f) => record[f] === undefined || record[f] === null);
        if (absent.length) {
          reject(line, `missing ${absent.join(', ')} (required for a new ${entity} record '${key}')`);
          continue;
        }
      }
      if (exists) result.updated += 1;
      else result.inserted += 1;
      merged.set(key, { ...(merged.get(key) ?? {}), ...record });
    }
    const resolve = (kind: RefKind, key: string) => ids.get(kind)!.get(key)!;
    return { merged, resolve };
  };

  /** Writes a prepared batch in one transaction stamped with a new data version. */
  const write = async ({ merged, resolve }: Awaited<ReturnType<typeof prepare>>) => {
    if (merged.size === 0) return;
    await knex.transaction(async (trx) => {
      const seq = await nextVersion(trx);
      const groups = new Map<string, Record<string, unknown>[]>();
      for (const record of merged.values()) {
        const row = { ...spec.columns(record, resolve, { timeZone }), seq };
        const signature = Object.keys(row).join(',');
        if (!groups.has(signature)) groups.set(signature, []);
        groups.get(signature)!.push(row);
      }
      for (const rows of groups.values()) await upsert(trx, spec.table, spec.keyColumn, rows);
      if (spec.children) await writeChildren(trx, [...merged.values()], resolve);
    });
  };

  const writeChildren = async (trx: Knex.Transaction, records: Record<string, any>[], resolve: (kind: RefKind, key: string) => number) => {
    const withChildren = records.filter((r) => spec.children!(r, resolve).length > 0);
    if (withChildren.length === 0) return;
    const parentIds = await idsByKey(trx, spec.table, spec.keyColumn, withChildren.map((r) => r[spec.keyField]));
    const byTable = new Map<string, { parentColumn: string; parents: number[]; rows: Record<string, unknown>[] }>();
    for (const record of withChildren) {
      const parent = parentIds.get(record[spec.keyField])!;
      for (const child of spec.children!(record, resolve)) {
        if (!byTable.has(child.table)) byTable.set(child.table, { parentColumn: child.parentColumn, parents: [], rows: [] });
        const entry = byTable.get(child.table)!;
        entry.parents.push(parent);
        for (const row of child.rows) entry.rows.push({ [child.parentColumn]: parent, ...row });
      }
    }
    for (const [table, entry] of byTable) await replaceChildren(trx, table, entry.parentColumn, entry.parents, entry.rows);
  };

  // One batch is written while the next is parsed and checked (the database works on the other core).
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    const prepared = await prepare(current);
    await writing;
    inflight = new Set(prepared.merged.keys());
    writing = write(prepared);
    writing.catch(() => undefined); // awaited (and thrown) at the next flush or at the end
  };

  for await (const item of readLines(body, format, entity)) {
    lines = item.line;
    result.received += 1;
    if ('error' in item) {
      reject(item.line, item.error);
      continue;
    }
    const parsed = schema.safeParse(item.value);
    if (!parsed.success) {
      reject(item.line, describeIssues(parsed.error));
      continue;
    }
    const problem = spec.check?.(parsed.data);
    if (problem) {
      reject(item.line, problem);
      continue;
    }
    batch.push({ line: item.line, record: parsed.data });
    if (batch.length >= batchSize) {
      await flush();
      opts.onProgress?.({ lines, inserted: result.inserted, updated: result.updated, rejected: result.rejected.length });
    }
  }
  await flush();
  await writing;
  opts.onProgress?.({ lines, inserted: result.inserted, updated: result.updated, rejected: result.rejected.length });
  result.rejected.sort((a, b) => a.line - b.line);
  return result;
}
