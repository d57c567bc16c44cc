/**
 * One import as it runs, whatever reads its lines: what it has counted, the reference cache, what
 * it learns from batch to batch, its pipeline, and what every line read as a value goes through
 * (`take`: the schema, then the entity's check).
 */
import type { Knex } from 'knex';
import { PLAIN_RECORD } from './records/plain';
import { RECORD_SCHEMAS, describeIssues, type ImportEntity } from './records/schemas';
import { ENTITIES } from './entities';
import { RefCache } from './refs/cache';
import { writeBatch } from './batch';
import { BatchPipeline } from './pipeline';
import type { Item } from './readers/items';
import type { ImportHints, ImportProgress, ImportResult, PreparedBatch, Tally, ValidLine } from './types';

export class ImportRun {
  readonly result: ImportResult;
  /** The number of the last line read. */
  lines = 0;
  readonly cache = new RefCache();
  readonly hints: ImportHints = { keysNew: true };
  readonly pipeline = new BatchPipeline((tally) => this.committed(tally));
  private readonly schema;
  private readonly spec;
  private readonly check;
  private readonly plain;

  constructor(
    readonly knex: Knex,
    readonly entity: ImportEntity,
    readonly timeZone: string,
    readonly batchSize: number,
    private readonly onProgress?: (p: ImportProgress) => void,
  ) {
    this.result = { entity, received: 0, inserted: 0, updated: 0, rejected: [] };
    this.schema = RECORD_SCHEMAS[entity];
    this.spec = ENTITIES[entity];
    this.check = this.spec.check;
    this.plain = PLAIN_RECORD[entity];
  }

  /** A line as JSON or CSV gave it (or its error): its valid line, or null when it is rejected. */
  take(item: Item): ValidLine | null {
    const result = this.result;
    this.lines = item.line;
    result.received += 1;
    if ('error' in item) {
      result.rejected.push(item);
      return null;
    }
    let record: Record<string, unknown>;
    let problem: string | null | undefined;
    if (this.plain?.(item.value)) {
      // The common valid line: the schema would give it back as it is (records/plain.ts).
      record = item.value as Record<string, unknown>;
      problem = this.check?.(record);
    } else {
      const parsed = this.schema.safeParse(item.value);
      record = parsed.data as Record<string, unknown>;
      problem = parsed.success ? this.check?.(record) : describeIssues(parsed.error);
    }
    if (problem) {
      result.rejected.push({ line: item.line, error: problem });
      return null;
    }
    return { line: item.line, record, refs: this.spec.refs(record) };
  }

  /** Writes one batch whose references were looked up (batch.ts). */
  write(batch: ValidLine[] | PreparedBatch): Promise<Tally> {
    return writeBatch(this.knex, this.entity, batch, this.timeZone, this.hints);
  }

  /** The outcome once every batch has committed: progress reported, rejected lines in order. */
  finish(): ImportResult {
    this.progress();
    this.result.rejected.sort((a, b) => a.line - b.line);
    return this.result;
  }

  private committed(tally: Tally): void {
    const result = this.result;
    result.inserted += tally.inserted;
    result.updated += tally.updated;
    for (const r of tally.rejected) result.rejected.push(r);
    this.progress();
  }

  private progress(): void {
    const result = this.result;
    this.onProgress?.({ lines: this.lines, inserted: result.inserted, updated: result.updated, rejected: result.rejected.length });
  }
}
