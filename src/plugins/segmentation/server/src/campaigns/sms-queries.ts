/**
 * The SQL of the SMS part of the outbox (issue 20): the gateway's message id of each part sent,
 * the delivery receipts (which may arrive before the send is recorded: either write makes the
 * part's row), the receipt of each SMS from those of its parts, and numbers that answered STOP
 * (kept in seg_suppressions under their E.164 number, reason `sms_stop`).
 */
import type { Knex } from 'knex';
import { DELIVERIES } from './queries';

const PARTS = 'seg_sms_parts';
const CHUNK = 500;

/** The parts of sent SMS: message id -> delivery; a receipt that came first is applied now. */
export async function recordParts(db: Knex | Knex.Transaction, parts: { messageId: string; deliveryId: number }[]): Promise<void> {
  const early: number[] = [];
  for (let i = 0; i < parts.length; i += CHUNK) {
    const rows = parts.slice(i, i + CHUNK).map((p) => ({ message_id: p.messageId, delivery_id: p.deliveryId }));
    const merged = (await db(PARTS).insert(rows).onConflict('message_id').merge(['delivery_id']).returning(['delivery_id', 'status'])) as {
      delivery_id: number;
      status: string | null;
    }[];
    for (const r of merged) if (r.status !== null) early.push(Number(r.delivery_id));
  }
  if (early.length) await refreshReceipts(db, early);
}

/** A delivery receipt of one part. */
export async function recordReceipt(db: Knex, messageId: string, status: 'delivered' | 'failed', at: number): Promise<void> {
  await db(PARTS).insert({ message_id: messageId, status, at }).onConflict('message_id').merge(['status', 'at']);
  const row = (await db(PARTS).where({ message_id: messageId }).first('delivery_id')) as { delivery_id: number | null } | undefined;
  if (row?.delivery_id) await refreshReceipts(db, [Number(row.delivery_id)]);
}

/** An SMS failed when one part failed, was delivered when all its parts were. */
async function refreshReceipts(db: Knex | Knex.Transaction, deliveryIds: number[]): Promise<void> {
  const ids = [...new Set(deliveryIds)];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    await db.raw(
      `UPDATE ${DELIVERIES} SET receipt = CASE
         WHEN EXISTS (SELECT 1 FROM ${PARTS} p WHERE p.delivery_id = ${DELIVERIES}.id AND p.status = 'failed') THEN 'failed'
         WHEN (SELECT count(*) FROM ${PARTS} p WHERE p.delivery_id = ${DELIVERIES}.id AND p.status = 'delivered') >= coalesce(${DELIVERIES}.parts, 1) THEN 'delivered'
         ELSE NULL END
       WHERE id IN (${chunk.map(() => '?').join(', ')})`,
      chunk,
    );
  }
}

/**
 * A STOP from `phone` (E.164): no SMS to it in later mailings. Answers the campaign that last sent
 * it an SMS (null: none), which the opt-out is counted for; a repeated STOP changes nothing.
 */
export async function stopNumber(db: Knex, phone: string, at: number): Promise<{ campaignId: number | null; isNew: boolean }> {
  const last = (await db(DELIVERIES).where({ phone, channel: 'sms' }).whereNotNull('sent_at').orderBy('sent_at', 'desc').first('campaign_id')) as
    { campaign_id: number } | undefined;
  const campaignId = last ? Number(last.campaign_id) : null;
  const inserted = await db('seg_suppressions')
    .insert({ email: phone, reason: 'sms_stop', campaign_id: campaignId, at })
    .onConflict(['email', 'reason'])
    .ignore()
    .returning('id');
  return { campaignId, isNew: inserted.length > 0 };
}
