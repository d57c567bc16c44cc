/**
 * Opens and clicks are buffered in memory and written with one multi-row insert every `flushMs`
 * (or as soon as `maxRows` wait), so a pixel or redirect never waits for the database. A crash
 * loses at most the last `flushMs` of opens and clicks — never a send, an unsubscribe or a bounce,
 * which are written at once. Statistics flush first, so an instance always sees its own events.
 */
import type { Core } from '@strapi/strapi';
import { insertEvents, type TrackEvent } from './queries';

export class EventRecorder {
  private buffer: TrackEvent[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly strapi: Core.Strapi,
    private readonly opts: { flushMs: number; maxRows: number } = { flushMs: 250, maxRows: 1_000 },
  ) {}

  record(event: TrackEvent): void {
    this.buffer.push(event);
    if (this.buffer.length >= this.opts.maxRows) void this.flush();
    else if (!this.timer) this.timer = setTimeout(() => void this.flush(), this.opts.flushMs);
  }

  /** Writes what is buffered; resolves once everything recorded before the call is stored. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const rows = this.buffer;
    this.buffer = [];
    this.writing = this.writing.then(async () => {
      if (rows.length === 0) return;
      try {
        await insertEvents(this.strapi.db.connection, rows);
      } catch (error) {
        this.strapi.log.error(`[segmentation] writing ${rows.length} tracking events failed: ${(error as Error).message}`);
      }
    });
    return this.writing;
  }
}
