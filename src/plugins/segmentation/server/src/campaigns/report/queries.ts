/**
 * All SQL of a mailing's per-person lists (report/service.ts shapes them): over the e-mail
 * deliveries of one campaign, their tracking events (tracking/) and the messages that came back
 * (bounces/). Opens are counted as the statistics count them (stats.ts `countedOpens`: machine opens
 * left out, a replay within OPEN_GAP_MS is the same open), so a list's total is the figure on its card.
 */
import type { Knex } from 'knex';
import { DELIVERY } from '../../../../shared/campaign-lifecycle';
import { countedOpens } from '../stats';

/** A person row as the lists read it: the delivery, the holder's names, and the list's own columns. */
export type PersonRecord = Record<string, unknown> & { id: unknown; uid: string; email: string; first_name: string | null; last_name: string | null };

const PERSON = ['d.id', 'd.uid', 'd.email', 'h.first_name', 'h.last_name'];

/** The campaign's e-mail deliveries with their holders, narrowed by a search on UID, name or address. */
function deliveries(knex: Knex, campaignId: number, search: string | undefined) {
  const q = knex('seg_deliveries as d').leftJoin('seg_holders as h', 'h.id', 'd.holder_id').where({ 'd.campaign_id': campaignId, 'd.channel': 'email' });
  if (search) {
    const like = `%${search.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    const has = (column: string) => [`LOWER(${column}) LIKE ? ESCAPE '\\'`, [like]] as const;
    q.where((w) =>
      w
        .whereRaw(...has('d.uid'))
        .orWhereRaw(...has('d.email'))
        .orWhereRaw(...has('h.first_name'))
        .orWhereRaw(...has('h.last_name'))
        .orWhereRaw(...has("h.first_name || ' ' || h.last_name")),
    );
  }
  return q;
}

/** Per delivery: how many events of a type and when the last one was (machine opens and clicks left out). */
const eventsOf = (knex: Knex, campaignId: number, types: string[]) =>
  knex('seg_tracking_events')
    .where({ campaign_id: campaignId, machine: false })
    .whereIn('type', types)
    .groupBy('delivery_id')
    .select('delivery_id')
    .count({ n: '*' })
    .max({ last_at: 'at' });

/** The detail of a delivery's last event of a type (a correlated subquery on `d`). */
const lastDetail = (knex: Knex, type: string) =>
  knex('seg_tracking_events as e')
    .whereRaw('e.delivery_id = d.id')
    .where('e.type', type)
    .orderBy('e.at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(1)
    .select('e.detail');

/** The last message that came back for the delivery: one column of it (a correlated subquery on `d`). */
const lastMessage = (knex: Knex, column: 'status' | 'diagnostic') =>
  knex('seg_bounce_messages as b')
    .whereRaw('b.delivery_id = d.id')
    .where('b.kind', 'bounce')
    .orderBy('b.received_at', 'desc')
    .orderBy('b.id', 'desc')
    .limit(1)
    .select(`b.${column}`);

/** One page of a list (as a subquery, so its columns can be ordered by name) and how many rows it has in all. */
async function paged(knex: Knex, inner: Knex.QueryBuilder, order: [string, 'asc' | 'desc'][], page: number, pageSize: number) {
  const total = Number(((await knex.from(inner.clone().as('p')).count({ n: '*' })) as { n: unknown }[])[0]?.n ?? 0);
  const rows = knex.from(inner.as('p')).select('p.*');
  for (const [column, direction] of order) rows.orderBy(`p.${column}`, direction, 'last'); // NULLS LAST: PostgreSQL puts them first in a descending order, SQLite last
  return {
    total,
    rows: (await rows
      .orderBy('p.uid')
      .limit(pageSize)
      .offset((page - 1) * pageSize)) as PersonRecord[],
  };
}

export interface ListArgs {
  campaignId: number;
  search?: string;
  page: number;
  pageSize: number;
}

/** Who opened (counted opens, first and last), most opens first. */
export function openedPeople(knex: Knex, a: ListArgs) {
  const opens = countedOpens(knex, a.campaignId)
    .groupBy('o.delivery_id')
    .select('o.delivery_id')
    .count({ n: '*' })
    .min({ first_at: 'o.at' })
    .max({ last_at: 'o.at' });
  const inner = deliveries(knex, a.campaignId, a.search)
    .join(opens.as('x'), 'x.delivery_id', 'd.id')
    .select(...PERSON, 'x.n', 'x.first_at', 'x.last_at');
  return paged(knex, inner, [['n', 'desc']], a.page, a.pageSize);
}

/** Who unsubscribed or complained through this mailing (the last time, and the complaint's feedback type), newest first. */
export function eventPeople(knex: Knex, a: ListArgs, type: 'unsubscribe' | 'complaint') {
  const inner = deliveries(knex, a.campaignId, a.search)
    .join(eventsOf(knex, a.campaignId, [type]).as('x'), 'x.delivery_id', 'd.id')
    .select(...PERSON, 'x.n', 'x.last_at', { reason: lastDetail(knex, type) });
  return paged(knex, inner, [['last_at', 'desc']], a.page, a.pageSize);
}

/**
 * Who bounced or was blocked: a bounce or blocked event, or refused while sending (status failed,
 * counted as blocked in the statistics). Per delivery its hard, soft and blocked events, the last
 * blocked reason, the send error (a hard bounce's reason, or the refusal) and the last message that
 * came back; newest first.
 */
export function bouncedPeople(knex: Knex, a: ListArgs) {
  const count = (type: string, detail?: string) => {
    const q = knex('seg_tracking_events as e').whereRaw('e.delivery_id = d.id').where('e.type', type);
    if (detail) q.where('e.detail', detail);
    return q.count('*');
  };
  const last = knex('seg_tracking_events as e').whereRaw('e.delivery_id = d.id').whereIn('e.type', ['bounce', 'blocked']).max('e.at');
  const inner = deliveries(knex, a.campaignId, a.search)
    .where((w) =>
      w
        .where('d.status', DELIVERY.failed)
        .orWhereExists(knex('seg_tracking_events as e').whereRaw('e.delivery_id = d.id').whereIn('e.type', ['bounce', 'blocked'])),
    )
    .select(...PERSON, 'd.status', 'd.error', {
      hard: count('bounce', 'hard'),
      soft: count('bounce', 'soft'),
      blocked: count('blocked'),
      blocked_reason: lastDetail(knex, 'blocked'),
      message_status: lastMessage(knex, 'status'),
      message_diagnostic: lastMessage(knex, 'diagnostic'),
      last_at: knex.raw('coalesce((?), d.sent_at)', [last]),
    });
  return paged(knex, inner, [['last_at', 'desc']], a.page, a.pageSize);
}

/**
 * Clicks of the campaign per delivery and rendered link, with the last click's time (of the deliveries
 * the search matches). Links are reported in their template form, which only the link forms know:
 * the service groups these pairs in memory, as the statistics' links table does (stats.ts `linkStats`).
 */
export async function clickPairs(knex: Knex, campaignId: number, search: string | undefined) {
  const q = knex('seg_tracking_events as e').where({ 'e.campaign_id': campaignId, 'e.type': 'click', 'e.machine': false });
  if (search) q.whereIn('e.delivery_id', deliveries(knex, campaignId, search).select('d.id'));
  const rows = await q.groupBy('e.delivery_id', 'e.detail').select({ delivery: 'e.delivery_id', url: 'e.detail' }).count({ n: '*' }).max({ last_at: 'e.at' });
  return rows as { delivery: unknown; url: string | null; n: unknown; last_at: unknown }[];
}

/** The people of the given deliveries (a page of the clicked list). */
export async function peopleOf(knex: Knex, campaignId: number, ids: number[]): Promise<PersonRecord[]> {
  if (ids.length === 0) return [];
  return (await deliveries(knex, campaignId, undefined)
    .whereIn('d.id', ids)
    .select(...PERSON)) as PersonRecord[];
}
