/**
 * The batch pipeline, whatever reads the lines (general.ts, fast/): batches are handed to the
 * database in the order they were read, each written once the one before it has committed (and
 * not if it failed), at most PIPELINE of them not yet committed: one being written and the next
 * waiting for it, while the reader fills a third. A batch's references are looked up as soon as it
 * is handed over, while the batches before it are still being written. Memory stays bounded by
 * three batches whatever the body size.
 */
import type { Tally } from './types';

/** Batches handed to the database and not yet committed, at most (the next one is read meanwhile). */
const PIPELINE = 2;

/**
 * A turn of the event loop. A chunk of the body holds thousands of lines; the readers let the event
 * loop run now and then, so that the batch being written gets its answers from the database while
 * the next one is read.
 */
export const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class BatchPipeline {
  /** Batches handed over, oldest first. */
  private readonly pending: Promise<Tally>[] = [];

  /** `committed`: each batch's outcome, in order, once it has committed. */
  constructor(private readonly committed: (tally: Tally) => void) {}

  /** Whether a batch is being written or waits to be (then the readers let the event loop turn). */
  get busy(): boolean {
    return this.pending.length > 0;
  }

  /**
   * Hands a batch over: `resolved` (its references being looked up; null: nothing to write), then
   * `write` once the batch before it has committed, and `written` once it has. Returns when fewer
   * than PIPELINE batches are uncommitted; a batch that failed throws here or in `drain`.
   */
  async add(resolved: Promise<void> | null, write: () => Promise<Tally>, written?: () => void): Promise<void> {
    resolved?.catch(() => undefined);
    while (this.pending.length >= PIPELINE) await this.settle();
    if (!resolved) return;
    const previous = this.pending.length ? this.pending[this.pending.length - 1]! : Promise.resolve();
    const writing = previous.then(() => resolved).then(write);
    writing.catch(() => undefined); // awaited by settle(); no unhandled rejection meanwhile
    if (written) writing.then(written, () => undefined);
    this.pending.push(writing);
  }

  /** Waits until every batch handed over has committed. */
  async drain(): Promise<void> {
    while (this.pending.length) await this.settle();
  }

  /** Waits for the batches still being written, failed or not: never leaves a transaction behind. */
  async abandon(): Promise<void> {
    for (const writing of this.pending) await writing.catch(() => undefined);
  }

  private async settle(): Promise<void> {
    const tally = await this.pending[0]!;
    this.pending.shift();
    this.committed(tally);
  }
}
