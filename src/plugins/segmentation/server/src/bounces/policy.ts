/**
 * What a bounce or complaint does to a delivery and its address, whatever its source (SMTP
 * listener, bounce mailbox, provider webhook), in the caller's transaction:
 * - hard bounce: the delivery is `bounced`, the address suppressed at once;
 * - soft bounce: counted; the `softLimit`-th within `softWindowDays` suppresses the address;
 * - blocked (policy, reputation): counted as blocked, nobody suppressed (not the holder's doing);
 * - complaint: the address suppressed at once.
 * Auto-replies, delays, deliveries and unknown messages change nothing.
 */
import type { Knex } from 'knex';
import { addEvent, markBounced, suppress, type TrackedDelivery } from '../tracking/queries';
import type { Classification } from './classify';
import { softBounces } from './queries';

export interface SoftPolicy {
  softLimit: number;
  softWindowDays: number;
}

const DAY = 86_400_000;

/** Applies a classified message to its delivery; what it did ('suppressed', 'counted', 'ignored'). */
export async function applyBounce(
  trx: Knex,
  delivery: TrackedDelivery,
  c: Classification,
  policy: SoftPolicy,
  now: number,
): Promise<'suppressed' | 'counted' | 'ignored'> {
  if (c.kind === 'complaint') {
    await addEvent(trx, delivery, 'complaint', c.feedbackType);
    await suppress(trx, delivery.email, 'complaint', delivery.campaign_id);
    return 'suppressed';
  }
  if (c.kind !== 'bounce') return 'ignored';
  const reason = [c.status, c.diagnostic].filter(Boolean).join(' ').slice(0, 500) || `${c.severity} bounce`;
  if (c.severity === 'blocked') {
    await addEvent(trx, delivery, 'blocked', reason);
    return 'counted';
  }
  await addEvent(trx, delivery, 'bounce', c.severity);
  if (c.severity === 'hard') {
    await markBounced(trx, delivery.id, reason);
    await suppress(trx, delivery.email, 'hard_bounce', delivery.campaign_id);
    return 'suppressed';
  }
  if ((await softBounces(trx, delivery.email, now - policy.softWindowDays * DAY)) >= policy.softLimit) {
    await suppress(trx, delivery.email, 'soft_bounce', delivery.campaign_id);
    return 'suppressed';
  }
  return 'counted';
}
