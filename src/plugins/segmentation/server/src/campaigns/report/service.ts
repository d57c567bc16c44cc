/**
 * The per-person lists of a mailing's statistics (issue 22): who opened and how often, who clicked
 * which link, who bounced or was blocked (and why), who complained, who unsubscribed; searchable by
 * UID, name or address, in pages. The campaign is loaded in the caller's scope (another partner's
 * mailing is not found); buffered opens and clicks are written first, as for the figures.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { parseInput } from '../../common/errors';
import type { Scope } from '../../common/scope';
import { getService } from '../../services';
import { linkFormsOf } from '../stats';
import { templateFormOf } from '../../tracking/link-forms';
import { peopleQuerySchema, type BounceKind, type PeoplePage, type PeopleQuery, type PersonItem } from '../../../../shared/mailing-people';
import { bouncedPeople, clickPairs, eventPeople, openedPeople, peopleOf, type ListArgs, type PersonRecord } from './queries';

const num = (v: unknown) => Number(v ?? 0);
const iso = (v: unknown) => (v === null || v === undefined || v === '' ? null : new Date(num(v)).toISOString());

const personOf = (r: PersonRecord): Pick<PersonItem, 'uid' | 'firstName' | 'lastName' | 'email'> => ({
  uid: r.uid,
  firstName: r.first_name ?? null,
  lastName: r.last_name ?? null,
  email: r.email,
});

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** A bounced row: the worst that came back (hard, then blocked, then soft) and its reason. */
function bounceItem(r: PersonRecord): PersonItem {
  const [hard, soft, blocked] = [num(r.hard), num(r.soft), num(r.blocked)];
  const kind: BounceKind = hard > 0 ? 'hard' : blocked > 0 || r.status === 'failed' ? 'blocked' : 'soft';
  const message = [text(r.message_status), text(r.message_diagnostic)].filter(Boolean).join(' ') || null;
  const reason = kind === 'hard' ? (text(r.error) ?? message) : kind === 'blocked' ? (text(r.blocked_reason) ?? text(r.error) ?? message) : message;
  return { ...personOf(r), at: iso(r.last_at), count: hard + soft + blocked, kind, reason };
}

/** The clicked list: click pairs grouped per person by the links' template form, optionally of one link; most clicks first. */
async function clickedPage(knex: Knex, a: ListArgs, forms: ReturnType<typeof linkFormsOf>, link: string | undefined) {
  const people = new Map<number, { clicks: number; links: Set<string>; last: number }>();
  for (const p of await clickPairs(knex, a.campaignId, a.search)) {
    const id = num(p.delivery);
    const person = people.get(id) ?? { clicks: 0, links: new Set<string>(), last: 0 };
    person.clicks += num(p.n);
    person.links.add(templateFormOf(forms, p.url ?? ''));
    person.last = Math.max(person.last, num(p.last_at));
    people.set(id, person);
  }
  const all = [...people].filter(([, p]) => link === undefined || p.links.has(link)).sort(([ia, a], [ib, b]) => b.clicks - a.clicks || ia - ib);
  const page = all.slice((a.page - 1) * a.pageSize, a.page * a.pageSize);
  const rows = new Map(
    (
      await peopleOf(
        knex,
        a.campaignId,
        page.map(([id]) => id),
      )
    ).map((r) => [num(r.id), r]),
  );
  const items = page.flatMap(([id, p]): PersonItem[] => {
    const r = rows.get(id);
    return r ? [{ ...personOf(r), at: iso(p.last), count: p.clicks, links: [...p.links].sort() }] : [];
  });
  return { total: all.length, items };
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** One page of one list of a mailing the caller may see; a bad query is a 400 with its paths. */
  async people(documentId: string, query: unknown, scope: Scope): Promise<PeoplePage> {
    const q: PeopleQuery = parseInput(peopleQuerySchema, query, 'query');
    await getService(strapi, 'recorder').flush();
    const c = await getService(strapi, 'campaigns').load(documentId, scope);
    const knex = strapi.db.connection;
    const a: ListArgs = { campaignId: c.id, search: q.q || undefined, page: q.page, pageSize: q.pageSize };
    const answer = (r: { total: number; items: PersonItem[] }): PeoplePage => ({ list: q.list, page: q.page, pageSize: q.pageSize, ...r });
    switch (q.list) {
      case 'opened': {
        const { total, rows } = await openedPeople(knex, a);
        return answer({ total, items: rows.map((r) => ({ ...personOf(r), at: iso(r.last_at), firstAt: iso(r.first_at), count: num(r.n) })) });
      }
      case 'clicked':
        return answer(await clickedPage(knex, a, linkFormsOf(c as { snapshot?: unknown }), q.link));
      case 'bounced': {
        const { total, rows } = await bouncedPeople(knex, a);
        return answer({ total, items: rows.map(bounceItem) });
      }
      default: {
        const { total, rows } = await eventPeople(knex, a, q.list === 'complained' ? 'complaint' : 'unsubscribe');
        const withReason = q.list === 'complained';
        return answer({
          total,
          items: rows.map((r) => ({ ...personOf(r), at: iso(r.last_at), count: num(r.n), ...(withReason ? { reason: text(r.reason) } : {}) })),
        });
      }
    }
  },
});
