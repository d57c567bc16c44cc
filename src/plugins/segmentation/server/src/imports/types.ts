/**
 * What the parts of the import hand each other: valid lines with their references, the prepared
 * batches of the fast path (fast/), the outcome of a batch and of an import, and what one import
 * learns on the way.
 */
import type { Knex } from 'knex';
import type { RefKind } from '../common/reference-tables';
import type { ImportEntity } from './records/schemas';

export interface ValidLine {
  line: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a record of any entity, its fields of their own types
  record: Record<string, any>;
  /** The keys it refers to: [kind, key, field]. */
  refs: [RefKind, string, string][];
  /** Their ids, once resolved (refs/resolve.ts): undefined for a key that is not stored. */
  ids?: (number | undefined)[];
}
export interface Rejected {
  line: number;
  error: string;
}
/**
 * What one import learns from batch to batch: whether its keys have been new so far (a first load),
 * so that the next batch tries a plain COPY before looking its keys up.
 */
export interface ImportHints {
  keysNew: boolean;
}
export interface Tally {
  inserted: number;
  updated: number;
  rejected: Rejected[];
}

/**
 * A batch kept as columns (fast/batch.ts): written with one prepared COPY when every line is a
 * complete new record with its references found, else given back as lines for the general rules.
 */
export interface PreparedBatch {
  readonly n: number;
  /** Whether the prepared COPY applies (every line complete, every reference found). */
  fast(): boolean;
  /** The whole transaction of the fast write; a stored key fails it with a unique violation. */
  write(trx: Knex.Transaction): Promise<void>;
  /** The lines with their records and resolved ids. */
  materialize(): ValidLine[];
}

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
