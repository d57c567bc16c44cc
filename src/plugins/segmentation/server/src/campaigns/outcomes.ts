/**
 * Records what happened to each mail, in groups, while the lanes go on sending.
 *
 * A mail is "at risk" from the moment a lane hands it to the SMTP server until its outcome is
 * committed: if the worker dies in between, the delivery is still `sending`, is queued again after
 * the lease and may be mailed twice. `reserve()` before sending and the write of the outcome after
 * it bound the mails at risk to `window` (the batch size): a lane waits when the window is full.
 * Outcomes waiting while a write is in progress are written together by the next one (group
 * commit), so a lane never waits for its own update.
 *
 * A failed write is tried again (the outcomes are kept) until it succeeds or the writer is stopped;
 * meanwhile the full window holds the lanes, so nothing is sent that cannot be recorded.
 */
export type Outcome =
  | { kind: 'sent'; id: number; messageId: string | null; at: number; version: string; partIds?: string[] }
  | { kind: 'failed'; id: number; error: string }
  | { kind: 'retry'; id: number; error: string; nextAt: number };

export class OutcomeWriter {
  private atRisk = 0;
  private pending: Outcome[] = [];
  private writing: Promise<void> | null = null;
  private waiters: (() => void)[] = [];
  private stopped = false;

  constructor(
    private readonly write: (outcomes: Outcome[]) => Promise<void>,
    readonly window: number,
    private readonly onError: (error: Error) => void = () => undefined,
    private readonly retryMs = 1_000,
  ) {}

  /** Mails handed to the SMTP server or sent, whose outcome is not committed yet. */
  get unrecorded(): number {
    return this.atRisk;
  }

  /** Resolves once another mail may be sent (fewer than `window` at risk), and counts it. */
  async reserve(): Promise<void> {
    while (this.atRisk >= this.window) await new Promise<void>((resolve) => this.waiters.push(resolve));
    this.atRisk++;
  }

  /** The outcome of a reserved mail (each `reserve()` gets exactly one); written with the others waiting. */
  add(outcome: Outcome): void {
    this.pending.push(outcome);
    this.kick();
  }

  /** Resolves once every outcome added so far is written (or the writer gave up at stop). */
  async drain(): Promise<void> {
    while (this.writing || (this.pending.length > 0 && !this.stopped)) {
      this.kick();
      await this.writing;
    }
  }

  /** Stops retrying failed writes; what is pending is tried once more. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.drain();
  }

  private kick(): void {
    if (this.writing || this.pending.length === 0) return;
    this.writing = this.flush().finally(() => {
      this.writing = null;
      this.kick();
    });
  }

  private async flush(): Promise<void> {
    const group = this.pending;
    this.pending = [];
    for (;;) {
      try {
        await this.write(group);
        break;
      } catch (error) {
        this.onError(error as Error);
        if (this.stopped) return;
        await new Promise((r) => setTimeout(r, this.retryMs));
      }
    }
    this.atRisk -= group.length;
    for (const wake of this.waiters.splice(0)) wake();
  }
}
