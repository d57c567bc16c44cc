/** All SQL of tracking, in one place: events, suppressions, and the deliveries they refer to. */
import type { Knex } from 'knex';

export interface TrackedDelivery {
  id: number;
  campaign_id: number;
  email: string;
  sent_at: number | null;
  status: string;
}

export async function deliveryById(knex: Knex, id: number): Promise<TrackedDelivery | null> {
  const row = await knex('seg_deliveries').where({ id }).first('id', 'campaign_id', 'email', 'sent_at', 'status');
  return row ? { ...row, id: Number(row.id), campaign_id: Number(row.campaign_id), sent_at: row.sent_at == null ? null : Number(row.sent_at) } : null;
}

export async function deliveryByMessageId(knex: Knex, messageId: string): Promise<TrackedDelivery | null> {
  const id = /^<?d(\d+)\.c\d+@uitpas-segmentation>?$/.exec(messageId.trim())?.[1];
  if (id) return deliveryById(knex, Number(id));
  const row = await knex('seg_deliveries').where({ message_id: messageId }).first('id');
  return row ? deliveryById(knex, Number(row.id)) : null;
}

export interface TrackEvent {
  delivery_id: number;
  campaign_id: number;
  type: 'open' | 'click' | 'unsubscribe' | 'bounce' | 'complaint';
  detail: string | null;
  machine: boolean;
  at: number;
}

/** Buffered opens and clicks (recorder.ts), in chunks that stay under every dialect's parameter limit. */
export async function insertEvents(knex: Knex, rows: TrackEvent[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await knex('seg_tracking_events').insert(rows.slice(i, i + 500));
}

export const addEvent = (knex: Knex, d: TrackedDelivery, type: string, detail: string | null, machine = false) =>
  knex('seg_tracking_events').insert({ delivery_id: d.id, campaign_id: d.campaign_id, type, detail, machine, at: Date.now() });

/** An address no later send may use; the first reason recorded stays. */
export async function suppress(
  knex: Knex,
  email: string,
  reason: 'unsubscribed' | 'hard_bounce' | 'soft_bounce' | 'complaint',
  campaignId: number | null,
): Promise<void> {
  await knex('seg_suppressions')
    .insert({ email: email.trim().toLowerCase(), reason, campaign_id: campaignId, at: Date.now() })
    .onConflict(['email', 'reason'])
    .ignore();
}

export const markBounced = (knex: Knex, id: number, error: string) => knex('seg_deliveries').where({ id }).update({ status: 'bounced', error });
