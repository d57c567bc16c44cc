/**
 * Refuses a signed webhook call whose timestamp is more than `toleranceMs` away from now, or whose
 * signature (or token) was seen within that time: a captured call cannot be sent again.
 */
import { WebhookError } from './types';

export class ReplayGuard {
  private readonly seen = new Map<string, number>();

  constructor(private readonly toleranceMs = 5 * 60_000) {}

  check(key: string, at: number, now = Date.now()): void {
    if (!Number.isFinite(at) || Math.abs(now - at) > this.toleranceMs)
      throw new WebhookError(401, 'The signed timestamp is too old or in the future (replayed?)');
    for (const [k, until] of this.seen) if (until < now) this.seen.delete(k);
    if (this.seen.has(key)) throw new WebhookError(401, 'This signed call was received before (replayed)');
    this.seen.set(key, now + this.toleranceMs);
  }
}
