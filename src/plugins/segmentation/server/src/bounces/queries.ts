/** All SQL of bounces: the messages that came back, the soft-bounce count, the raw-text purge. */
import type { Knex } from 'knex';

export interface BounceRow {
  received_at: number;
  source: string;
  fingerprint: string;
  kind: string;
  severity: string | null;
  status: string | null;
  diagnostic: string | null;
  recipient: string | null;
  delivery_id: number | null;
  campaign_id: number | null;
  subject: string | null;
  sender: string | null;
  raw: string | null;
}

const clip = (value: string | null, max: number) => (value === null ? null : value.slice(0, max));

/** Keeps a message that came back; false when it was kept before (the same fingerprint). */
export async function insertBounce(knex: Knex, row: BounceRow): Promise<boolean> {
  const inserted = await knex('seg_bounce_messages')
    .insert({ ...row, subject: clip(row.subject, 500), sender: clip(row.sender, 320), recipient: clip(row.recipient, 320), status: clip(row.status, 16) })
    .onConflict('fingerprint')
    .ignore()
    .returning('id');
  return inserted.length > 0;
}

/** Soft bounces of an address received since `since` (ms). */
export async function softBounces(knex: Knex, email: string, since: number): Promise<number> {
  const row = await knex('seg_bounce_messages')
    .where({ kind: 'bounce', severity: 'soft', recipient: email.toLowerCase() })
    .where('received_at', '>=', since)
    .count({ n: '*' })
    .first();
  return Number(row?.n ?? 0);
}

/** Empties the raw text of messages received before `before` (ms); how many. */
export const purgeRaw = (knex: Knex, before: number) => knex('seg_bounce_messages').where('received_at', '<', before).whereNotNull('raw').update({ raw: null });
