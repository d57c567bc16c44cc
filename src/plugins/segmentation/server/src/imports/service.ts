/**
 * The import (SPEC-data-api.md, "Import"): a streamed NDJSON or CSV body, validated line by line and
 * written in batches (batch.ts), each one transaction stamped with its own data version, so readers
 * see whole batches or nothing. Valid lines are stored, invalid ones reported with their line number
 * and skipped (a line that is not UTF-8 too: utf8.ts); re-importing a file changes nothing. While one batch is written and the one after it
 * waits, the next one is read and validated, and no further: memory stays bounded by three batches
 * whatever the body size. Actions from NDJSON into Postgres take a columnar path (fast-actions.ts):
 * the common line read from the bytes into the batch's COPY text, the same outcome.
 */
import type { Knex } from 'knex';
import { DEFAULT_TIME_ZONE } from '../common/dates';
import { PLAIN_RECORD, RECORD_SCHEMAS, describeIssues, fromCsv, type ImportEntity } from './records';
import { ENTITIES } from './entities';
import { csvItems, lineItem, ndjsonItems, readLines, type Item, type LineSink } from './lines';
import { isUtf8 } from './utf8';
import { RefCache, resolveRefs } from './refs';
import { ActionBatch, FastWriter, addRecord, resolveBatch } from './fast-actions';
import * as scanning from './action-scanner';
import { isPostgres } from './queries';
import { writeBatch, type ImportHints, type Rejected, type Tally, type ValidLine } from './batch';

// Local bindings of what runs per line (see action-scanner.ts).
const { Scanner, scanAction } = scanning;

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

/** Batches handed to the database and not yet committed, at most (the next one is read meanwhile). */
const PIPELINE = 2;
/** Lines read between two turns of the event loop (while a batch is being written). */
const YIELD_EVERY = 500;
/** The same for the columnar path, whose lines are read faster (fast-actions.ts). */
const YIELD_EVERY_FAST = 100;
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

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
  const plain = PLAIN_RECORD[entity];
  const cache = new RefCache();
  const timeZone = opts.timeZone ?? DEFAULT_TIME_ZONE;
  const batchSize = Math.max(1, opts.batchSize ?? (entity === 'actions' ? 10_000 : 5_000));
  const result: ImportResult = { entity, received: 0, inserted: 0, updated: 0, rejected: [] };
  const source = body as AsyncIterable<Buffer | string>;
  // Actions from NDJSON into Postgres: the common line read from the bytes into columns (fast-actions.ts).
  const columnar = entity === 'actions' && format === 'ndjson' && isPostgres(knex);
  const scanner = columnar ? new Scanner(cache, timeZone) : null;
  let lines = 0;
  let batch: ValidLine[] = [];
  const writer = new FastWriter();
  // Batches written are used again (their arrays and text buffer): less for the GC to do.
  const spare: ActionBatch[] = [];
  const nextBatch = () => spare.pop()?.reset() ?? new ActionBatch(batchSize, writer);
  let prepared = new ActionBatch(columnar ? batchSize : 0, writer);
  // Batches handed to the database, oldest first: one being written, the next one waiting for it
  // (each write starts when the one before it has committed), while a third one is read.
  const pending: Promise<Tally>[] = [];
  const hints: ImportHints = { keysNew: true };

  const progress = () => opts.onProgress?.({ lines, inserted: result.inserted, updated: result.updated, rejected: result.rejected.length });
  const settle = async () => {
    if (pending.length === 0) return;
    const tally = await pending[0]!;
    pending.shift();
    result.inserted += tally.inserted;
    result.updated += tally.updated;
    for (const r of tally.rejected) result.rejected.push(r);
    progress();
  };
  const flush = async () => {
    let resolved: Promise<void> | null = null;
    let current: ValidLine[] | ActionBatch;
    // The references are looked up while the previous batches are still being written.
    if (columnar) {
      current = prepared;
      prepared = nextBatch();
      if (current.n) {
        const ready = current;
        // The COPY text is made as soon as the references are known, before the transaction.
        resolved = resolveBatch(ready, cache, knex).then(() => {
          if (hints.keysNew && ready.fast()) ready.prepareAhead();
        });
      }
    } else {
      current = batch;
      batch = [];
      if (current.length) resolved = resolveRefs(knex, current, cache);
    }
    resolved?.catch(() => undefined);
    while (pending.length >= PIPELINE) await settle();
    if (!resolved) return;
    // In order: a batch is written once the one before it has committed (and not if it failed).
    const previous = pending.length ? pending[pending.length - 1]! : Promise.resolve();
    const writing = previous.then(() => resolved).then(() => writeBatch(knex, entity, current, timeZone, hints));
    writing.catch(() => undefined); // awaited by settle(); no unhandled rejection meanwhile
    if (current instanceof ActionBatch) {
      const done = current;
      writing.then(() => spare.push(done), () => undefined);
    }
    pending.push(writing);
  };
  const size = () => (columnar ? prepared.n : batch.length);

  /** A line as JSON or CSV gave it (or its error): the schema, the entity's check, then the batch. */
  const take = (item: Item) => {
    lines = item.line;
    result.received += 1;
    if ('error' in item) {
      result.rejected.push(item);
      return;
    }
    let record: Record<string, unknown>;
    let problem: string | null | undefined;
    if (plain?.(item.value)) {
      // The common valid line: the schema would give it back as it is (records.ts).
      record = item.value as Record<string, unknown>;
      problem = check?.(record);
    } else {
      const parsed = schema.safeParse(item.value);
      record = parsed.data as Record<string, unknown>;
      problem = parsed.success ? check?.(record) : describeIssues(parsed.error);
    }
    if (problem) result.rejected.push({ line: item.line, error: problem });
    else if (columnar) addRecord(prepared, { line: item.line, record, refs: spec.refs(record) }, cache, timeZone);
    else batch.push({ line: item.line, record, refs: spec.refs(record) });
  };

  let sinceTurn = 0;
  // A chunk of the body holds thousands of lines; now and then let the event loop run, so that the
  // batch being written gets its answers from the database while the next one is read.
  const yieldEvery = columnar ? YIELD_EVERY_FAST : YIELD_EVERY;
  const yieldNow = () => {
    if (++sinceTurn < yieldEvery) return false;
    sinceTurn = 0;
    return pending.length > 0;
  };
  try {
    if (columnar) {
      let due = false; // a turn of the event loop is due
      /** After a line: whether to pause (a turn, or a full batch). */
      const after = () => {
        if (yieldNow()) due = true;
        return due || prepared.n >= batchSize;
      };
      const sink: LineSink = {
        // The general path: ndjsonItems's rules (lines.ts), then the schema.
        text(text, line, tooLong, notUtf8) {
          const item = lineItem(text, line, tooLong, notUtf8);
          if (!item) return false;
          take(item);
          return after();
        },
        bytes(chunk, s, e, line) {
          // A line scanAction takes is ASCII (action-scanner.ts); any other is checked here.
          if (!scanAction(prepared, chunk, s, e, line, scanner!)) {
            return isUtf8(chunk.subarray(s, e)) ? sink.text(chunk.toString('utf8', s, e), line, false) : sink.text('', line, false, true);
          }
          lines = line;
          result.received += 1;
          return after();
        },
      };
      await readLines(source, sink, async () => {
        if (due) await turn();
        due = false;
        if (prepared.n >= batchSize) await flush();
      });
    } else {
      const items = format === 'csv' ? csvItems(source, (row) => fromCsv(entity, row)) : ndjsonItems(source);
      for await (const chunk of items) {
        for (const item of chunk) {
          if (yieldNow()) await turn();
          take(item);
          if (size() >= batchSize) await flush();
        }
      }
    }
    await flush();
    while (pending.length) await settle();
  } finally {
    for (const writing of pending) await writing.catch(() => undefined); // never leave a transaction behind
  }
  progress();
  result.rejected.sort((a, b) => a.line - b.line);
  return result;
}
