/**
 * The fast path of a large action import (NDJSON on Postgres, service.ts): the common line is read
 * from the body's bytes straight into the batch's columns and its COPY line, with no JSON.parse,
 * no record, no row object and no string per field, and the batch is written with one COPY.
 *
 * The parts: scanner.ts reads a line of the strict shape it describes (`scanAction`), with
 * instants.ts for its instant and local day and key-table.ts for its text keys; copy-text.ts keeps
 * the batch's COPY text in the order of its lines; batch.ts holds the batch (`ActionBatch`) with its
 * columns, the lines that went through the schema (`addRecord`), the references looked up
 * (`resolveBatch`) and the write. Here: the reading loop, which feeds the pipeline (pipeline.ts).
 *
 * A batch takes the fast write only when nothing about it needs the general rules: every line
 * complete, every reference found, every key new (a stored or repeated key fails the COPY and rolls
 * the batch's transaction back, and batch.ts of the import writes it again by the general rules).
 * Otherwise its lines are materialized and written as any other batch, so the outcome is the same.
 * test/unit/import-fast.test.ts checks all this, down to the rows and ids stored.
 *
 * Bundlers. The files of this folder bind what their per-line and per-byte loops use from other
 * modules to local constants (`const { scanAction } = scanning` after `import * as scanning`): a
 * transpiler may turn every read of an imported name into a getter call (esbuild's CommonJS output,
 * which the command line import and the benchmarks run through esbuild-register, does). For the
 * same reason copy-text.ts exports its constants in a list after declaring them: tsc's CommonJS
 * output reads a constant exported where it is declared as a property of `exports`, also in the
 * module itself.
 */
import { isUtf8 } from '../readers/utf8';
import { lineItem, readLines, type LineSink } from '../readers/ndjson';
import { turn } from '../pipeline';
import type { ImportRun } from '../run';
import { ActionBatch, FastWriter, addRecord, resolveBatch } from './batch';
import * as scanning from './scanner';

const { Scanner, scanAction } = scanning;

/** Lines read between two turns of the event loop (while a batch is being written). */
const YIELD_EVERY = 100;

/** Reads the body's action lines into batches kept as columns, and hands them to the pipeline. */
export async function importFastActions(run: ImportRun, source: AsyncIterable<Buffer | string>): Promise<void> {
  const { knex, cache, pipeline, batchSize, hints, timeZone, result } = run;
  const scanner = new Scanner(cache, timeZone);
  const writer = new FastWriter();
  // Batches written are used again (their arrays and text buffer): less for the GC to do.
  const spare: ActionBatch[] = [];
  const nextBatch = () => spare.pop()?.reset() ?? new ActionBatch(batchSize, writer);
  let prepared = new ActionBatch(batchSize, writer);
  const flush = async () => {
    const current = prepared;
    prepared = nextBatch();
    // The COPY text is made as soon as the references are known, before the transaction.
    const resolved = current.n
      ? resolveBatch(current, cache, knex).then(() => {
          if (hints.keysNew && current.fast()) current.prepareAhead();
        })
      : null;
    await pipeline.add(
      resolved,
      () => run.write(current),
      () => spare.push(current),
    );
  };

  let sinceTurn = 0;
  let due = false; // a turn of the event loop is due
  /** After a line: whether to pause (a turn, or a full batch). */
  const after = () => {
    if (++sinceTurn >= YIELD_EVERY) {
      sinceTurn = 0;
      if (pipeline.busy) due = true;
    }
    return due || prepared.n >= batchSize;
  };
  const sink: LineSink = {
    // The general path's rules (readers/ndjson.ts, ImportRun.take), then the batch as a record.
    text(text, line, tooLong, notUtf8) {
      const item = lineItem(text, line, tooLong, notUtf8);
      if (!item) return false;
      const valid = run.take(item);
      if (valid) addRecord(prepared, valid, cache, timeZone);
      return after();
    },
    bytes(chunk, s, e, line) {
      // A line scanAction takes is ASCII (scanner.ts); any other is checked here.
      if (!scanAction(prepared, chunk, s, e, line, scanner)) {
        return isUtf8(chunk.subarray(s, e)) ? sink.text(chunk.toString('utf8', s, e), line, false) : sink.text('', line, false, true);
      }
      run.lines = line;
      result.received += 1;
      return after();
    },
  };
  await readLines(source, sink, async () => {
    if (due) await turn();
    due = false;
    if (prepared.n >= batchSize) await flush();
  });
  await flush();
}
