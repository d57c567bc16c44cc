/** Flow limits of the SMS boundary: a window of requests in flight (SMPP) and a rate (messages per second). */

/** At most `size` holders at once; the others wait, first come first served. */
export class Window {
  private used = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {}

  async acquire(): Promise<void> {
    if (this.used < this.size) {
      this.used++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** Hands the slot to the next waiting one, or frees it. */
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.used--;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }
}

/** Spaces `take`s `1000 / perSecond` ms apart (null: no limit). */
export class RateGate {
  private next = 0;

  constructor(private readonly perSecond: number | null) {}

  /** Waits for `count` consecutive slots. */
  async take(count = 1): Promise<void> {
    if (!this.perSecond || count <= 0) return;
    const interval = 1000 / this.perSecond;
    const now = Date.now();
    const start = Math.max(now, this.next);
    this.next = start + interval * count;
    // The last slot taken is at start + interval * (count - 1).
    const wait = start + interval * (count - 1) - now;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
