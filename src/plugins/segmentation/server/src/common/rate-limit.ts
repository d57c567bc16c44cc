/**
 * A sliding-window limit per key (an admin user): at most `limit` units per `windowMs`. Kept in
 * memory: with several instances each enforces its own window, which bounds misuse all the same.
 */
export class SlidingWindow {
  private readonly used = new Map<string, number[]>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Takes `units` if they fit in the window; returns how many are left, or -1 when refused. */
  take(key: string, units = 1, now = Date.now()): number {
    const times = (this.used.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (times.length + units > this.limit) {
      this.used.set(key, times);
      return -1;
    }
    for (let i = 0; i < units; i++) times.push(now);
    this.used.set(key, times);
    return this.limit - times.length;
  }

  /** When `units` would fit for `key` (ms since the epoch), or null if they fit now. Takes nothing. */
  retryAt(key: string, units = 1, now = Date.now()): number | null {
    const times = (this.used.get(key) ?? []).filter((t) => t > now - this.windowMs);
    const over = times.length + units - this.limit;
    if (over <= 0) return null;
    const freeing = times[over - 1];
    return freeing === undefined ? Number.POSITIVE_INFINITY : freeing + this.windowMs;
  }
}
