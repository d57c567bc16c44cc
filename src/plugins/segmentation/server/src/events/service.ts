/**
 * Event messages (issue 21): the events a caller may see, their messages (create, edit and cancel
 * while pending), each message's history and the live count of its recipients. The scheduler
 * (scheduler.ts) sends them when due. Another partner's event is "not found".
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { conflictError, parseInput } from '../common/errors';
import { canSee, type Scope } from '../common/scope';
import { now } from '../common/clock';
import { getService } from '../services';
import {
  addHistory,
  campaignCounts,
  campaignRecipients,
  findEvent,
  findMessage,
  historyOf,
  insertMessage,
  listMessages,
  messageCounts,
  moveStatus,
  searchEvents,
  ticketHolderCount,
  updatePending,
  type EventRow,
  type MessageRow,
} from './queries';
import { columnsOf, eventOf, messageOf } from './records';
import { dueAt } from './timing';
import { checkCount, countSchema, parseMessage } from './validate';
import { recipientIds } from './recipients';
import { messagePreviews } from './preview';

const int = (value: unknown, fallback: number, max: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
};

export const notPending = (m: MessageRow) =>
  conflictError(`A ${m.status} message cannot be changed`, [{ path: ['status'], message: `The message is ${m.status}; only pending messages can be changed` }]);

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const previews = messagePreviews(strapi);

  /** An event the caller may see (else 404, also for another partner's). */
  async function eventFor(key: string, scope: Scope): Promise<EventRow> {
    const event = await findEvent(knex(), key);
    if (!event || !canSee(scope, event.card_system_key)) throw new errors.NotFoundError(`Event '${key}' not found`);
    return event;
  }

  async function messageFor(key: string, id: unknown, scope: Scope): Promise<{ event: EventRow; message: MessageRow }> {
    const event = await eventFor(key, scope);
    const n = Number(id);
    const message = Number.isInteger(n) && n > 0 ? await findMessage(knex(), key, n) : null;
    if (!message) throw new errors.NotFoundError('Event message not found');
    return { event, message };
  }

  const service = {
    eventFor,

    async events(query: Record<string, unknown>, scope: Scope) {
      const page = int(query.page, 1, 100_000);
      const pageSize = int(query.pageSize, 20, 100);
      const q = typeof query.q === 'string' ? query.q.trim().slice(0, 255) : '';
      const { rows, total } = await searchEvents(knex(), { q, scope, page, pageSize });
      const counts = await messageCounts(
        knex(),
        rows.map((r) => r.key),
      );
      return { items: rows.map((r) => eventOf(r, counts.get(r.key) ?? 0)), total, page, pageSize };
    },

    async event(key: string, scope: Scope) {
      const event = await eventFor(key, scope);
      const counts = await messageCounts(knex(), [key]);
      return { ...eventOf(event, counts.get(key) ?? 0), ticketHolders: await ticketHolderCount(knex(), event.id) };
    },

    async list(key: string, scope: Scope) {
      await eventFor(key, scope);
      return { items: (await listMessages(knex(), key)).map(messageOf) };
    },

    async find(key: string, id: unknown, scope: Scope) {
      return messageOf((await messageFor(key, id, scope)).message);
    },

    async create(key: string, body: unknown, scope: Scope, owner: number | null) {
      const event = await eventFor(key, scope);
      const input = await parseMessage(strapi, body, event, scope);
      const at = now();
      const id = await knex().transaction(async (trx) => {
        const created = await insertMessage(trx, {
          event_key: key,
          ...columnsOf(input),
          status: 'pending',
          due_at: dueAt(input.timing, input.hours, { startsAt: event.starts_at, endsAt: event.ends_at }, at),
          sent_at: null,
          campaign_id: null,
          campaign_document_id: null,
          recipient_count: null,
          reason: null,
          card_system: event.card_system_key,
          owner,
          created_at: at,
          updated_at: at,
        });
        await addHistory(trx, created, at, 'created', `${input.timing}${input.timing === 'now' ? '' : ` ${input.hours} h`}`);
        return created;
      });
      getService(strapi, 'worker')?.wake?.();
      return service.find(key, id, scope);
    },

    /** Changes a pending message (409 for any other status); its due time follows the new timing. */
    async update(key: string, id: unknown, body: unknown, scope: Scope) {
      const { event, message } = await messageFor(key, id, scope);
      if (message.status !== 'pending') throw notPending(message);
      const input = await parseMessage(strapi, body, event, scope);
      const at = now();
      const changed = await knex().transaction(async (trx) => {
        const ok = await updatePending(trx, message.id, {
          ...columnsOf(input),
          due_at: dueAt(input.timing, input.hours, { startsAt: event.starts_at, endsAt: event.ends_at }, at),
          updated_at: at,
        });
        if (ok) await addHistory(trx, message.id, at, 'edited');
        return ok;
      });
      if (!changed) throw notPending({ ...message, status: 'sending' });
      getService(strapi, 'worker')?.wake?.();
      return service.find(key, message.id, scope);
    },

    /** Cancels a pending message (kept, with its history); a cancelled one stays so; others: 409. */
    async cancel(key: string, id: unknown, scope: Scope, reason = 'Cancelled by staff') {
      const { message } = await messageFor(key, id, scope);
      if (message.status === 'cancelled') return messageOf(message);
      if (message.status !== 'pending') throw notPending(message);
      const at = now();
      const done = await knex().transaction(async (trx) => {
        const ok = await moveStatus(trx, message.id, 'pending', 'cancelled', { reason, updated_at: at });
        if (ok) await addHistory(trx, message.id, at, 'cancelled', reason);
        return ok;
      });
      if (!done) throw notPending({ ...message, status: 'sending' });
      return service.find(key, message.id, scope);
    },

    /** The history, the mailing that carried the message, its counts and a page of its recipients. */
    async history(key: string, id: unknown, query: Record<string, unknown>, scope: Scope) {
      const { message } = await messageFor(key, id, scope);
      const entries = (await historyOf(knex(), message.id)).map((h) => ({ at: new Date(Number(h.at)).toISOString(), what: h.what, detail: h.detail }));
      const campaignId = message.campaign_id === null ? null : Number(message.campaign_id);
      const counts = campaignId === null ? { total: 0, sent: 0, delivered: 0, opened: 0, failed: 0 } : await campaignCounts(knex(), campaignId);
      const page = int(query.page, 1, 100_000);
      const pageSize = int(query.pageSize, 50, 200);
      const recipients = campaignId === null ? { items: [], total: 0 } : await campaignRecipients(knex(), campaignId, page, pageSize);
      return { entries, campaign: message.campaign_document_id, counts, recipients };
    },

    /** The message form's preview: the mail or SMS for a ticket holder (preview.ts). */
    async preview(key: string, body: unknown, scope: Scope) {
      return previews.preview(await eventFor(key, scope), body, scope);
    },

    /** The message form's test: one mail to the admin (or an address), or one SMS to a number. */
    async test(key: string, body: unknown, scope: Scope, user: { id: number | null; email: string | null }) {
      return previews.test(await eventFor(key, scope), body, scope, user);
    },

    /** How many holders a message with these recipients and consents would go to now. */
    async count(key: string, body: unknown, scope: Scope) {
      const event = await eventFor(key, scope);
      const input = parseInput(countSchema, body);
      await checkCount(strapi, input, scope);
      const engine = getService(strapi, 'segments').engine();
      return { count: (await recipientIds(knex(), engine, key, input, event.card_system_key)).length };
    },
  };
  return service;
};
