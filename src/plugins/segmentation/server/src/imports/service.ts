/**
 * The import (SPEC-data-api.md, "Import"): a streamed NDJSON or CSV body, validated line by line and
 * written in batches (batch.ts), each one transaction stamped with its own data version, so readers
 * see whole batches or nothing. Valid lines are stored, invalid ones reported with their line number
 * and skipped; re-importing a file changes nothing. While one batch is written the next one is
 * read and validated, and no further: memory stays bounded by two batches whatever the body size.
 */
import type { Knex } from 'knex';
import { DEFAULT_TIME_ZONE } from '../segments/dates';
import { RECORD_SCHEMAS, describeIssues, fromCsv, type ImportEntity } from './records';
import { ENTITIES } from './entities';
import { csvItems, ndjsonItems } from './lines';
import { RefCache, resolveRefs } from './refs';
import { writeBatch, type ImportHints, type Rejected, type Tally, type ValidLine } from './batch';

export type { ImportEntity } from './records';
/** In dependency order: an entity only refers to entities before it. */
export const IMPORT_ENTITIES = Object.keys(RECORD_SCHEMAS) as ImportEntity[];
export const isImportEntity = (value: unknown): value is ImportEntity => IMPORT_ENTITIES.includes(value as ImportEntity);

export interface ImportResult {
  entity: ImportEntity;
  received: number;
  inserted: number;
  updated: number;
  rejected: Rejected[];
}

export interface ImportProgress {
  lines: number;
  inserted: number;
  updated: number;
  rejected: number;
}

export interface ImportOptions {
  timeZone?: string;
  /** Lines a transaction (default 5000, actions 10000). */
  batchSize?: number;
  /** Called after every batch is committed, and once at the end. */
  onProgress?: (p: ImportProgress) => void;
}

export async function importStream(
  knex: Knex,
  entity: ImportEntity,
  body: NodeJS.ReadableStream,
  format: 'ndjson' | 'csv',
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const schema = RECORD_SCHEMAS[entity];
  const spec = ENTITIES[entity];
  const check = spec.check;
  const cache = new RefCache();
  const timeZone = opts.timeZone ?? DEFAULT_TIME_ZONE;
  const batchSize = Math.max(1, opts.batchSize ?? (entity === 'actions' ? 10_000 : 5_000));
  const result: ImportResult = { entity, received: 0, inserted: 0, updated: 0, rejected: [] };
  const source = body as AsyncIterable<Buffer | string>;
  const items = format === 'csv' ? csvItems(source, (row) => fromCsv(entity, row)) : ndjsonItems(source);
  let lines = 0;
  let batch: ValidLine[] = [];
  let writing: Promise<Tally> | null = null; // the batch being written while the next one is read
  const hints: ImportHints = { keysNew: true };

  const progress = () => opts.onProgress?.({ lines, inserted: result.inserted, updated: result.updated, rejected: result.rejected.length });
  const settle = async () => {
    if (!writing) return;
    const tally = await writing;
    writing = null;
    result.inserted += tally.inserted;
    result.updated += tally.updated;
    for (const r of tally.rejected) result.rejected.push(r);
    progress();
  };
  const flush = async () => {
    const current = batch;
    batch = [];
    // The references are looked up while the previous batch is still being written.
    const ids = current.length ? resolveRefs(knex, current, cache) : null;
    ids?.catch(() => undefined);
    await settle();
    if (!ids) return;
    writing = ids.then((resolved) => writeBatch(knex, entity, current, timeZone, resolved, hints));
    writing.catch(() => undefined); // awaited by the next settle(); no unhandled rejection meanwhile
  };

  try {
    for await (const chunk of items) {
      for (const item of chunk) {
        lines = item.line;
        result.received += 1;
        if ('error' in item) {
          result.rejected.push(item);
          continue;
        }
        const parsed = schema.safeParse(item.value);
        const record = parsed.data as Record<string, unknown>;
        const problem = parsed.success ? check?.(record) : describeIssues(parsed.error);
        if (problem) result.rejected.push({ line: item.line, error: problem });
        else batch.push({ line: item.line, record, refs: spec.refs(record) });
        if (batch.length >= batchSize) await flush();
      }
    }
    await flush();
    await settle();
  } finally {
    await (writing as Promise<Tally> | null)?.catch(() => undefined); // never leave a transaction behind
  }
  progress();
  result.rejected.sort((a, b) => a.line - b.line);
  return result;
}
