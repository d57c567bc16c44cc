/**
 * The import (docs/api.md, "Import"): a streamed NDJSON or CSV body, validated line by line and
 * written in batches, each one transaction stamped with its own data version (batch.ts), so readers
 * see whole batches or nothing. Valid lines are stored, invalid ones reported with their line number
 * and skipped (a line that is not UTF-8 too: readers/utf8.ts); re-importing a file changes nothing.
 * While one batch is written and the one after it waits, the next one is read and validated, and
 * no further (pipeline.ts): memory stays bounded by three batches whatever the body size.
 * The readers: general.ts for every entity and format, and for actions from NDJSON into Postgres
 * the fast path (fast/), which reads the common line from the bytes into the batch's COPY text,
 * with the same outcome.
 */
import type { Knex } from 'knex';
import { DEFAULT_TIME_ZONE } from '../common/dates';
import { RECORD_SCHEMAS, type ImportEntity } from './records/schemas';
import { isPostgres } from './queries';
import { ImportRun } from './run';
import { importItems } from './general';
import { importFastActions } from './fast';
import type { ImportOptions, ImportResult } from './types';

export type { ImportEntity } from './records/schemas';
export type { ImportOptions, ImportProgress, ImportResult } from './types';

/** In dependency order: an entity only refers to entities before it. */
export const IMPORT_ENTITIES = Object.keys(RECORD_SCHEMAS) as ImportEntity[];
export const isImportEntity = (value: unknown): value is ImportEntity => IMPORT_ENTITIES.includes(value as ImportEntity);

export async function importStream(
  knex: Knex,
  entity: ImportEntity,
  body: NodeJS.ReadableStream,
  format: 'ndjson' | 'csv',
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const batchSize = Math.max(1, opts.batchSize ?? (entity === 'actions' ? 10_000 : 5_000));
  const run = new ImportRun(knex, entity, opts.timeZone ?? DEFAULT_TIME_ZONE, batchSize, opts.onProgress);
  const source = body as AsyncIterable<Buffer | string>;
  try {
    if (entity === 'actions' && format === 'ndjson' && isPostgres(knex)) await importFastActions(run, source);
    else await importItems(run, source, format);
    await run.pipeline.drain();
  } finally {
    await run.pipeline.abandon(); // never leave a transaction behind
  }
  return run.finish();
}
