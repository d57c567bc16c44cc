/**
 * The event-message scheduler, run from the sending worker's once-a-second upkeep. For each pending
 * message it reads the event as it is now: removed or cancelled → the message is cancelled with the
 * reason; moved → its due time follows (a `moved` history entry). A due message is claimed with a
 * compare-and-set on its status (pending → sending), so with several instances and workers one
 * sends it; then it is materialised into a mailing (send.ts) and marked sent with its count. One due
 * longer ago than the grace (`events.graceHours`: the tool was down) is marked missed instead.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { now } from '../common/clock';
import { pluginConfig } from '../config';
import { addHistory, campaignState, eventsByKey, moveDue, moveStatus, pendingMessages, staleSending, type EventRow, type MessageRow } from './queries';
import { materialise } from './send';
import { dueAt } from './timing';

const HOUR = 3_600_000;
/** A claim not finished after this long was cut short (the instance died between claim and start). */
export const STALE_SENDING_MS = 10 * 60_000;
const STARTED = new Set(['sending', 'paused', 'sent']);
const iso = (ms: number | null) => (ms === null ? 'none' : new Date(ms).toISOString());

/** Moves a message's status and writes its history entry, in one transaction; false when another instance moved it first. */
async function move(
  db: Knex,
  m: MessageRow,
  from: MessageRow['status'],
  to: MessageRow['status'],
  what: string,
  detail: string,
  extra: Partial<MessageRow> = {},
) {
  return db.transaction(async (trx) => {
    const at = now();
    const won = await moveStatus(trx, m.id, from, to, { ...extra, updated_at: at });
    if (won) await addHistory(trx, m.id, at, what, detail);
    return won;
  });
}

export function eventScheduler(strapi: Core.Strapi) {
  const db = () => strapi.db.connection;
  let running = false;
  let looks = 0;

  /** The message's due time now, or (the event is gone or cancelled) why it is cancelled. */
  function judge(m: MessageRow, event: EventRow | undefined): { cancel: string } | { due: number | null } {
    if (!event) return { cancel: 'The event was removed' };
    if (event.cancelled === true || Number(event.cancelled) === 1) return { cancel: 'The event was cancelled' };
    if (m.timing === 'now') return { due: m.due_at === null ? null : Number(m.due_at) };
    return { due: dueAt(m.timing as 'before' | 'after', m.hours, { startsAt: event.starts_at, endsAt: event.ends_at }, Number(m.created_at)) };
  }

  async function send(m: MessageRow, event: EventRow): Promise<void> {
    if (!(await move(db(), m, 'pending', 'sending', 'sending', `to the ticket holders of ${event.key}`))) return;
    try {
      const done = await materialise(strapi, m, event, async (id, documentId) => {
        await db()('seg_event_messages').where({ id: m.id }).update({ campaign_id: id, campaign_document_id: documentId });
      });
      await move(db(), m, 'sending', 'sent', 'sent', `${done.count} recipient${done.count === 1 ? '' : 's'}`, {
        sent_at: now(),
        recipient_count: done.count,
        campaign_id: done.campaignId,
        campaign_document_id: done.documentId,
      });
    } catch (error) {
      const reason = `Not sent: ${(error as Error).message}`;
      await move(db(), m, 'sending', 'failed', 'failed', reason, { reason });
      strapi.log.error(`[segmentation] event message ${m.id}: ${reason}`);
    }
  }

  /** Claims whose instance died: sent when their mailing started, else failed with the reason. */
  async function recover(): Promise<void> {
    for (const m of await staleSending(db(), now() - STALE_SENDING_MS)) {
      const campaign = m.campaign_id === null ? null : await campaignState(db(), Number(m.campaign_id));
      if (campaign && STARTED.has(campaign.status)) {
        const count = Number(campaign.total ?? 0);
        await move(db(), m, 'sending', 'sent', 'sent', `${count} recipient${count === 1 ? '' : 's'} (finished after an interruption)`, {
          sent_at: now(),
          recipient_count: count,
        });
      } else {
        const reason = 'Interrupted while sending: its mailing was not started';
        await move(db(), m, 'sending', 'failed', 'failed', reason, { reason });
      }
    }
  }

  async function run(): Promise<void> {
    await recover();
    const pending = await pendingMessages(db());
    if (pending.length === 0) return;
    const events = await eventsByKey(db(), [...new Set(pending.map((m) => m.event_key))]);
    const grace = pluginConfig(strapi).events.graceHours * HOUR;
    for (const m of pending) {
      const event = events.get(m.event_key);
      const verdict = judge(m, event);
      if ('cancel' in verdict) {
        await move(db(), m, 'pending', 'cancelled', 'cancelled', verdict.cancel, { reason: verdict.cancel });
        continue;
      }
      const stored = m.due_at === null ? null : Number(m.due_at);
      if (verdict.due !== stored) {
        const at = now();
        const moved = await db().transaction(async (trx) => {
          const ok = await moveDue(trx, m.id, stored, verdict.due, at);
          if (ok) await addHistory(trx, m.id, at, 'moved', `The event moved: due ${iso(verdict.due)} instead of ${iso(stored)}`);
          return ok;
        });
        if (!moved) continue; // another instance got there first; its next look sees the new time
      }
      if (verdict.due === null || verdict.due > now()) continue;
      const late = now() - verdict.due;
      if (late > grace) {
        const reason = `Due at ${iso(verdict.due)}, ${Math.floor(late / HOUR)} h ago: later than the grace of ${grace / HOUR} h (the tool was not running)`;
        await move(db(), m, 'pending', 'missed', 'missed', reason, { reason });
        continue;
      }
      await send(m, event!);
    }
  }

  return {
    /** Completed looks (tests wait on it instead of the clock). */
    get looks() {
      return looks;
    },
    /** One look at the pending messages; never throws (errors are logged), never runs twice at once in one process. */
    async tick(): Promise<void> {
      if (running) return;
      running = true;
      try {
        await run();
        looks += 1;
      } catch (error) {
        strapi.log.error(`[segmentation] event messages: ${(error as Error).message}`);
      } finally {
        running = false;
      }
    },
  };
}
