/**
 * The general path, for every entity and format but the fast one (fast/): the body's items (NDJSON
 * or CSV, readers/), each through the schema and the entity's check (ImportRun.take), gathered into
 * batches whose references are looked up (refs/resolve.ts) and which the pipeline writes by the
 * general rules (batch.ts).
 */
import { fromCsv } from './records/csv-cells';
import { csvItems } from './readers/csv';
import { ndjsonItems } from './readers/ndjson';
import { resolveRefs } from './refs/resolve';
import { turn } from './pipeline';
import type { ImportRun } from './run';
import type { ValidLine } from './types';

/** Lines read between two turns of the event loop (while a batch is being written). */
const YIELD_EVERY = 500;

export async function importItems(run: ImportRun, source: AsyncIterable<Buffer | string>, format: 'ndjson' | 'csv'): Promise<void> {
  const { knex, entity, cache, pipeline, batchSize } = run;
  let batch: ValidLine[] = [];
  const flush = async () => {
    const current = batch;
    batch = [];
    const resolved = current.length ? resolveRefs(knex, current, cache) : null;
    await pipeline.add(resolved, () => run.write(current));
  };
  const items = format === 'csv' ? csvItems(source, (row) => fromCsv(entity, row)) : ndjsonItems(source);
  let sinceTurn = 0;
  for await (const chunk of items) {
    for (const item of chunk) {
      if (++sinceTurn >= YIELD_EVERY) {
        sinceTurn = 0;
        if (pipeline.busy) await turn();
      }
      const valid = run.take(item);
      if (valid) batch.push(valid);
      if (batch.length >= batchSize) await flush();
    }
  }
  await flush();
}
