/**
 * All SQL of sending, in one place: the recipient snapshot, claiming batches (FOR UPDATE SKIP
 * LOCKED on Postgres, so several instances share a campaign; SQLite has one writer), recording each
 * mail's outcome, progress and the end of a campaign. Times are milliseconds since the epoch.
 */
import type { Knex } from 'knex';
import type { Outcome } from './outcomes';
import type { Channel } from '../../../shared/channels';
import { recordParts } from './sms-queries';
import {
  ACTIVE,
  DELIVERY,
  DELIVERY_ACCEPTED,
  DELIVERY_OPEN,
  STATUS,
  TRANSITIONS,
  type CampaignAction,
  type DeliveryStatus,
} from '../../../shared/campaign-lifecycle';

type Db = Knex | Knex.Transaction;
export const CAMPAIGNS = 'seg_campaigns';
export const DELIVERIES = 'seg_deliveries';
const CHUNK = 500;
const isPg = (db: Db) => db.client.dialect === 'postgresql';

export interface DeliveryRow {
  id: number;
  campaign_id: number;
  holder_id: number;
  uid: string;
  email: string;
  status: DeliveryStatus;
  attempts: number;
  /** `email` (default), `sms` (with `phone`, E.164) or `post`. */
  channel?: Channel;
  phone?: string | null;
}

/** A delivery to insert: its channel's own columns may be given (a letter: `sent_at`). */
export type NewDelivery = Omit<DeliveryRow, 'id' | 'attempts'> & { sent_at?: number | null; attempts?: number; template_version?: string | null };

export interface Contact {
  id: number;
  uid: string;
  email: string | null;
  consents: string | null;
  mailing_preference: string | null;
}

/** The contact columns of the given holders. */
export async function contactsOf(db: Db, ids: number[]): Promise<Contact[]> {
  const out: Contact[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    out.push(
      ...(await db('seg_holders')
        .whereIn('id', ids.slice(i, i + CHUNK))
        .select('id', 'uid', 'email', 'consents', 'mailing_preference')),
    );
  }
  return out;
}

/** Lower-case address -> the reason it may not be mailed (unsubscribed, hard_bounce, complaint). */
export async function suppressed(db: Db, emails: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < emails.length; i += CHUNK) {
    for (const r of await db('seg_suppressions')
      .whereIn('email', emails.slice(i, i + CHUNK))
      .select('email', 'reason'))
      out.set(r.email, r.reason);
  }
  return out;
}

/** Which of the holders were sent a mail of another campaign since `since`. */
export async function recentlyMailed(db: Db, holderIds: number[], since: number, exceptCampaign: number): Promise<Set<number>> {
  const seen = new Set<number>();
  for (let i = 0; i < holderIds.length; i += CHUNK) {
    const rows = await db(DELIVERIES)
      .whereIn('holder_id', holderIds.slice(i, i + CHUNK))
      .where('status', DELIVERY.sent)
      .where('sent_at', '>=', since)
      .whereNot('campaign_id', exceptCampaign)
      .distinct('holder_id');
    for (const r of rows) seen.add(Number(r.holder_id));
  }
  return seen;
}

/**
 * Makes `action`'s move (shared/campaign-lifecycle.ts) on a campaign, with the other columns in
 * `extra`: a compare-and-set on the status, true when this call did it. This is what makes "send"
 * idempotent: of two clicks or two instances, one wins.
 */
export async function transition(db: Db, id: number, action: CampaignAction, extra: Record<string, unknown> = {}): Promise<boolean> {
  const { from, to } = TRANSITIONS[action];
  const n = await db(CAMPAIGNS)
    .where({ id })
    .whereIn('status', from)
    .update({ status: to, ...extra });
  return Number(n) === 1;
}

/** A due scheduled campaign that could not be started fails, with the reason. */
export const failScheduled = (db: Db, documentId: string, error: string) =>
  db(CAMPAIGNS).where({ document_id: documentId }).whereIn('status', TRANSITIONS.fail.from).update({ status: TRANSITIONS.fail.to, last_error: error });

export async function insertDeliveries(db: Db, rows: NewDelivery[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await db(DELIVERIES).insert(rows.slice(i, i + CHUNK));
}

/**
 * Claims up to `limit` queued deliveries of one campaign, if it is sending, for one worker. The
 * pick walks the (campaign_id, status, next_attempt_at) index in order, so a claim costs the same
 * at the first mail of a campaign as at the last (ordered by id over the whole table, it cost a
 * top-N sort of every queued row). On Postgres, rows another instance holds are skipped, never
 * taken twice.
 */
export async function claimBatch(db: Knex, worker: string, campaignId: number, limit: number, now: number): Promise<DeliveryRow[]> {
  const pick = `SELECT d.id FROM ${DELIVERIES} d WHERE d.campaign_id = ? AND d.status = ? AND d.next_attempt_at <= ?
    AND EXISTS (SELECT 1 FROM ${CAMPAIGNS} c WHERE c.id = ? AND c.status = ?) ORDER BY d.next_attempt_at LIMIT ?`;
  const sql = `UPDATE ${DELIVERIES} SET status = ?, claimed_by = ?, claimed_at = ?, attempts = attempts + 1
    WHERE id IN (${pick}${isPg(db) ? ' FOR UPDATE OF d SKIP LOCKED' : ''}) RETURNING id, campaign_id, holder_id, uid, email, status, attempts, channel, phone`;
  const result = await db.raw(sql, [DELIVERY.sending, worker, now, campaignId, DELIVERY.queued, now, campaignId, STATUS.sending, limit]);
  const rows = (Array.isArray(result) ? result : result.rows) as DeliveryRow[];
  return rows.map((r) => ({ ...r, id: Number(r.id), campaign_id: Number(r.campaign_id), holder_id: Number(r.holder_id), attempts: Number(r.attempts) }));
}

/**
 * Deliveries a worker claimed but never finished (it died): queued again once their lease is over.
 * Mails the SMTP server accepted just before the worker died may not be recorded yet: at most one
 * batch, the unavoidable window (campaigns/outcomes.ts, docs/decisions.md).
 */
export async function requeueStale(db: Knex, olderThan: number): Promise<number> {
  return Number(
    await db(DELIVERIES).where('status', DELIVERY.sending).where('claimed_at', '<', olderThan).update({ status: DELIVERY.queued, claimed_by: null }),
  );
}

/** A live worker renews the lease of the rows it holds, so a slow (rate-limited) batch is never taken over. */
export const renewClaims = (db: Knex, worker: string, now: number) =>
  db(DELIVERIES).where({ status: DELIVERY.sending, claimed_by: worker }).update({ claimed_at: now });

/**
 * Writes a group of mail outcomes (campaigns/outcomes.ts): the sent ones in one statement (an
 * `UPDATE ... FROM` a list of values), failures and retries one by one (they are rare); all in one
 * transaction unless it is a single statement anyway.
 */
export async function recordOutcomes(db: Knex, outcomes: Outcome[]): Promise<void> {
  const sent = outcomes.filter((o): o is Extract<Outcome, { kind: 'sent' }> => o.kind === 'sent');
  const write = async (trx: Knex) => {
    // An SMS's parts are written with it (sms-queries.ts).
    for (let i = 0; i < sent.length; i += CHUNK) {
      const rows = sent.slice(i, i + CHUNK);
      const row = isPg(db) ? '(?::bigint, ?::varchar, ?::bigint, ?::varchar, ?::integer)' : '(?, ?, ?, ?, ?)';
      await trx.raw(
        `WITH v(id, message_id, sent_at, version, parts) AS (VALUES ${rows.map(() => row).join(', ')})
         UPDATE ${DELIVERIES} SET status = ?, message_id = v.message_id, sent_at = v.sent_at, error = NULL, template_version = v.version, parts = v.parts
         FROM v WHERE ${DELIVERIES}.id = v.id`,
        [...rows.flatMap((o) => [o.id, o.messageId, o.at, o.version, o.partIds ? o.partIds.length : null]), DELIVERY.sent],
      );
    }
    const parts = sent.flatMap((o) => (o.partIds ?? []).map((messageId) => ({ messageId, deliveryId: o.id })));
    if (parts.length) await recordParts(trx, parts);
    for (const o of outcomes) {
      if (o.kind === 'retry')
        await trx(DELIVERIES).where({ id: o.id }).update({ status: DELIVERY.queued, claimed_by: null, next_attempt_at: o.nextAt, error: o.error });
      if (o.kind === 'failed') await trx(DELIVERIES).where({ id: o.id }).update({ status: DELIVERY.failed, error: o.error, claimed_by: null });
    }
  };
  // One statement needs no transaction; an SMS's parts are written with it, in one.
  if (sent.length === outcomes.length && sent.length <= CHUNK && !sent.some((o) => o.partIds)) await write(db);
  else await db.transaction(write);
}

/**
 * Claimed deliveries not sent: their campaign was paused (queued again) or cancelled, or the worker
 * stops (queued again). The claim's attempt is given back.
 */
export async function releaseClaims(db: Knex, ids: number[], status: typeof DELIVERY.queued | typeof DELIVERY.cancelled): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK) {
    await db(DELIVERIES)
      .whereIn('id', ids.slice(i, i + CHUNK))
      .where('status', DELIVERY.sending)
      .update({ status, claimed_by: null, attempts: db.raw('attempts - 1') });
  }
}

export async function campaignStatus(db: Knex, id: number): Promise<string | null> {
  const row = await db(CAMPAIGNS).where({ id }).first('status');
  return row ? String(row.status) : null;
}

/** Deliveries requeued after a dead worker's lease, of a campaign cancelled meanwhile, are cancelled too. */
export const cancelOrphans = (db: Knex) =>
  db(DELIVERIES)
    .where('status', DELIVERY.queued)
    .whereIn('campaign_id', db(CAMPAIGNS).where('status', STATUS.cancelled).select('id'))
    .update({ status: DELIVERY.cancelled });

/** Queued deliveries of a cancelled campaign are not sent. */
export const cancelQueued = (db: Db, campaignId: number) =>
  db(DELIVERIES).where({ campaign_id: campaignId, status: DELIVERY.queued }).update({ status: DELIVERY.cancelled });

/** Deliveries per status. */
export async function statusCounts(db: Db, campaignId: number): Promise<Record<string, number>> {
  const rows = await db(DELIVERIES).where({ campaign_id: campaignId }).groupBy('status').select('status').count({ n: '*' });
  return Object.fromEntries((rows as { status: string; n: number | string }[]).map((r) => [r.status, Number(r.n)]));
}

/** Mails of the campaign the SMTP server accepted since `since` (ms): the recent sending rate. */
export async function acceptedSince(db: Db, campaignId: number, since: number): Promise<number> {
  return Number(
    (await db(DELIVERIES).where({ campaign_id: campaignId }).whereIn('status', DELIVERY_ACCEPTED).where('sent_at', '>=', since).count({ n: '*' }))[0]?.n ?? 0,
  );
}

/** A sending campaign with nothing left to send becomes sent. */
export async function finishIfDone(db: Knex, campaignId: number, now: number): Promise<boolean> {
  const open = await db(DELIVERIES).where({ campaign_id: campaignId }).whereIn('status', DELIVERY_OPEN).first('id');
  if (open) return false;
  return transition(db, campaignId, 'finish', { finished_at: new Date(now) });
}

/** Campaigns currently sending (their ids), and scheduled ones that are due (their documentIds). */
export const sendingCampaigns = async (db: Knex) => (await db(CAMPAIGNS).whereIn('status', ACTIVE).pluck('id')).map(Number);
export const dueScheduled = (db: Knex, now: number) =>
  db(CAMPAIGNS).where('status', STATUS.scheduled).where('scheduled_at', '<=', new Date(now)).pluck('document_id') as Promise<string[]>;
