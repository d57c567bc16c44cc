/**
 * Pass holders one by one: a holder's contact history (every mailing they were a recipient of,
 * newest first, with what happened to the mail) for the token API and the admin's holder page.
 * A holder outside the caller's card systems does not exist for them (404); a mailing of another
 * partner shows without its name.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { parseInput, validationError } from '../common/errors';
import { canSee, type Scope } from '../common/scope';
import { getService } from '../services';
import { intFrom } from '../segments/requests';
import type { HistoryItem, HolderCard, HolderMatch } from '../../../shared/holders';
import { historyPage, holderByUid, type HistoryRow } from './queries';

const pageQuery = z.strictObject({ page: intFrom(1, Number.MAX_SAFE_INTEGER).optional(), pageSize: intFrom(1, 100).optional() });

export type { HistoryItem };

function itemOf(row: HistoryRow, scope: Scope): HistoryItem {
  const events = new Set((row.events ?? '').split(',').filter(Boolean));
  const visible = canSee(scope, row.campaign_card_system);
  const bounced = row.status === 'bounced' || events.has('bounce') || events.has('blocked') || row.receipt === 'failed';
  return {
    mailing: { documentId: row.campaign_document_id, name: visible ? row.campaign_name : null, otherPartner: !visible, done: row.done_at !== null },
    channel: row.channel ?? 'email',
    sentAt: row.sent_at === null ? null : new Date(Number(row.sent_at)).toISOString(),
    status: row.status,
    // An SMS is delivered once its receipt says so; a mail or letter once sent and not bounced.
    delivered: row.status !== 'failed' && !bounced && (row.channel !== 'sms' || row.receipt === 'delivered'),
    opened: events.has('open'),
    clicked: events.has('click'),
    bounced,
    unsubscribed: events.has('unsubscribe'),
    complained: events.has('complaint'),
  };
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  const service = {
    /** The holder with `uid` if the caller may see them, else a 404. */
    async find(uid: string, scope: Scope) {
      const holder = await holderByUid(knex(), uid);
      const inScope = holder && (scope === null || (await getService(strapi, 'segments').engine().scopeSet(scope))[holder.id] === 1);
      if (!holder || !inScope) throw new errors.NotFoundError(`Pass holder '${uid}' not found`);
      return holder;
    },

    /** Holders the caller may see whose uid starts with `q` or whose name contains it (the first 20 by uid). */
    async search(q: unknown, scope: Scope): Promise<HolderMatch[]> {
      const text = typeof q === 'string' ? q.trim().slice(0, 100) : '';
      if (text.length < 2) throw validationError('Type at least 2 characters', [{ path: ['q'], message: 'Type at least 2 characters' }]);
      const engine = getService(strapi, 'segments').engine();
      const set = await engine.scopeSet(scope);
      const matches = await engine.holderMatch(text);
      for (let h = 0; h < set.length; h++) if (set[h] && !matches(h)) set[h] = 0;
      const people = await engine.page(set, 1, 20);
      return people.map((p) => ({ uid: p.uid, firstName: p.firstName, lastName: p.lastName }));
    },

    /** The holder's card: name, address and contact details (behind the personal-data permission). */
    async profile(uid: string, scope: Scope): Promise<HolderCard> {
      const h = await service.find(uid, scope);
      return {
        uid: h.uid,
        firstName: h.first_name,
        lastName: h.last_name,
        email: h.email,
        phone: h.phone,
        street: h.street,
        postcode: h.postcode_raw,
        city: h.city,
        language: h.language,
      };
    },

    /** One page of the holder's contact history (`?page`, `?pageSize` up to 100), newest first. */
    async history(uid: string, query: unknown, scope: Scope) {
      const { page = 1, pageSize = 20 } = parseInput(pageQuery, query);
      const holder = await service.find(uid, scope);
      const { total, rows } = await historyPage(knex(), holder.id, page, pageSize);
      return { uid: holder.uid, total, page, pageSize, items: rows.map((r) => itemOf(r, scope)) };
    },
  };
  return service;
};
