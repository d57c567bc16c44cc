/**
 * The SQL of event messages: events with their counter and card system, the messages and their
 * history, the compare-and-set of a message's status, and what a sent message's mailing did.
 */
import type { Knex } from 'knex';
import type { MessageStatus } from '../../../shared/event-messages';

export interface EventRow {
  id: number;
  key: string;
  name: string;
  starts_at: string | null;
  ends_at: string | null;
  cancelled: boolean | number;
  counter_key: string | null;
  counter_name: string | null;
  card_system_key: string | null;
  card_system_name: string | null;
}

export interface MessageRow {
  id: number;
  event_key: string;
  name: string;
  channel: string;
  template: string;
  recipients: string;
  consents: string;
  language: string;
  timing: string;
  hours: number | null;
  custom_text: string;
  status: MessageStatus;
  due_at: number | string | null;
  sent_at: number | string | null;
  campaign_id: number | null;
  campaign_document_id: string | null;
  recipient_count: number | null;
  reason: string | null;
  card_system: string | null;
  owner: number | null;
  created_at: number | string;
  updated_at: number | string;
}

export interface HistoryRow {
  at: number | string;
  what: string;
  detail: string | null;
}

const EVENT_COLUMNS = [
  'e.id',
  'e.key',
  'e.name',
  'e.starts_at',
  'e.ends_at',
  'e.cancelled',
  'c.key as counter_key',
  'c.name as counter_name',
  'cs.key as card_system_key',
  'cs.name as card_system_name',
];

const events = (db: Knex) =>
  db('seg_events as e').leftJoin('seg_counters as c', 'c.id', 'e.counter_id').leftJoin('seg_card_systems as cs', 'cs.id', 'c.card_system_id');

/** `scope`: card-system keys (null: all); an event without a card system is programme-wide. */
const inScope = (q: Knex.QueryBuilder, scope: string[] | null) => (scope === null ? q : q.whereIn('cs.key', scope.length ? scope : ['\u0000none']));

export async function findEvent(db: Knex, key: string): Promise<EventRow | null> {
  return ((await events(db).where('e.key', key).first(EVENT_COLUMNS)) as EventRow | undefined) ?? null;
}

/** The events by key, for the scheduler (absent keys: removed events). */
export async function eventsByKey(db: Knex, keys: string[]): Promise<Map<string, EventRow>> {
  const out = new Map<string, EventRow>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = (await events(db)
      .whereIn('e.key', keys.slice(i, i + 500))
      .select(EVENT_COLUMNS)) as EventRow[];
    for (const r of rows) out.set(r.key, r);
  }
  return out;
}

/** A page of events the scope may see, searched on name, key and counter name (case-insensitive). */
export async function searchEvents(db: Knex, opts: { q: string; scope: string[] | null; page: number; pageSize: number }) {
  const base = () => {
    const q = inScope(events(db), opts.scope);
    if (!opts.q) return q;
    const like = `%${opts.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return q.where((w) =>
      w
        .whereRaw("lower(e.name) like ? escape '\\'", [like])
        .orWhereRaw("lower(e.key) like ? escape '\\'", [like])
        .orWhereRaw("lower(c.name) like ? escape '\\'", [like]),
    );
  };
  const [{ n }] = (await base().count({ n: '*' })) as [{ n: number | string }];
  const rows = (await base()
    .orderBy([
      { column: 'e.starts_at', order: 'desc' },
      { column: 'e.id', order: 'desc' },
    ])
    .limit(opts.pageSize)
    .offset((opts.page - 1) * opts.pageSize)
    .select(EVENT_COLUMNS)) as EventRow[];
  return { rows, total: Number(n) };
}

/** Messages per event key (all statuses). */
export async function messageCounts(db: Knex, keys: string[]): Promise<Map<string, number>> {
  if (!keys.length) return new Map();
  const rows = (await db('seg_event_messages').whereIn('event_key', keys).groupBy('event_key').select('event_key', db.raw('count(*) as n'))) as {
    event_key: string;
    n: number | string;
  }[];
  return new Map(rows.map((r) => [r.event_key, Number(r.n)]));
}

/** Holders with a TICKET action for the event. */
export async function ticketHolderCount(db: Knex, eventId: number): Promise<number> {
  const [row] = (await db('seg_actions').where({ event_id: eventId, type: 'TICKET' }).countDistinct({ n: 'holder_id' })) as [{ n: number | string }];
  return Number(row.n);
}

export async function listMessages(db: Knex, eventKey: string): Promise<MessageRow[]> {
  return (await db('seg_event_messages').where({ event_key: eventKey }).orderBy('id')) as MessageRow[];
}

export async function findMessage(db: Knex, eventKey: string, id: number): Promise<MessageRow | null> {
  return ((await db('seg_event_messages').where({ event_key: eventKey, id }).first()) as MessageRow | undefined) ?? null;
}

export async function messageById(db: Knex, id: number): Promise<MessageRow | null> {
  return ((await db('seg_event_messages').where({ id }).first()) as MessageRow | undefined) ?? null;
}

export async function insertMessage(db: Knex, row: Omit<MessageRow, 'id'>): Promise<number> {
  const [inserted] = (await db('seg_event_messages').insert(row).returning('id')) as ({ id: number } | number)[];
  return typeof inserted === 'object' ? Number(inserted!.id) : Number(inserted);
}

export async function addHistory(db: Knex, messageId: number, at: number, what: string, detail: string | null = null): Promise<void> {
  await db('seg_event_message_history').insert({ message_id: messageId, at, what, detail });
}

export async function historyOf(db: Knex, messageId: number): Promise<HistoryRow[]> {
  return (await db('seg_event_message_history').where({ message_id: messageId }).orderBy('id').select('at', 'what', 'detail')) as HistoryRow[];
}

/**
 * Compare-and-set: moves message `id` from status `from` to `to` (with `extra` columns) only when it
 * still has `from`; true when this call made the move. Several instances may try at once: one wins.
 */
export async function moveStatus(db: Knex, id: number, from: MessageStatus, to: MessageStatus, extra: Partial<MessageRow> = {}): Promise<boolean> {
  const changed = await db('seg_event_messages')
    .where({ id, status: from })
    .update({ ...extra, status: to });
  return Number(changed) === 1;
}

/** Changes a pending message's columns (compare-and-set on `pending`). */
export async function updatePending(db: Knex, id: number, data: Partial<MessageRow>): Promise<boolean> {
  return Number(await db('seg_event_messages').where({ id, status: 'pending' }).update(data)) === 1;
}

export async function pendingMessages(db: Knex): Promise<MessageRow[]> {
  return (await db('seg_event_messages').where({ status: 'pending' }).orderBy('id')) as MessageRow[];
}

/** What the deliveries of a mailing did: per status, opened (not by machines) and failed. */
export async function campaignCounts(db: Knex, campaignId: number) {
  const rows = (await db('seg_deliveries')
    .where({ campaign_id: campaignId })
    .whereNot({ status: 'holdout' })
    .groupBy('status')
    .select('status', db.raw('count(*) as n'))) as {
    status: string;
    n: number | string;
  }[];
  const by = new Map(rows.map((r) => [r.status, Number(r.n)]));
  const total = [...by.values()].reduce((a, b) => a + b, 0);
  const distinct = async (type: string) => {
    const [row] = (await db('seg_tracking_events').where({ campaign_id: campaignId, type, machine: false }).countDistinct({ n: 'delivery_id' })) as [
      { n: number | string },
    ];
    return Number(row.n);
  };
  const [{ n: deliveredSms }] = (await db('seg_deliveries').where({ campaign_id: campaignId, receipt: 'delivered' }).count({ n: '*' })) as [
    { n: number | string },
  ];
  return {
    total,
    sent: (by.get('sent') ?? 0) + (by.get('bounced') ?? 0),
    delivered: (await distinct('delivered')) + Number(deliveredSms),
    opened: await distinct('open'),
    failed: (by.get('failed') ?? 0) + (by.get('bounced') ?? 0),
  };
}

/** A page of a mailing's recipients with their names, channel, status and first open. */
export async function campaignRecipients(db: Knex, campaignId: number, page: number, pageSize: number) {
  const base = () => db('seg_deliveries as d').where('d.campaign_id', campaignId).whereNot('d.status', 'holdout');
  const [{ n }] = (await base().count({ n: '*' })) as [{ n: number | string }];
  const rows = (await base()
    .leftJoin('seg_holders as h', 'h.id', 'd.holder_id')
    .orderBy('d.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .select(
      'd.uid',
      'h.first_name',
      'h.last_name',
      'd.channel',
      'd.status',
      db('seg_tracking_events as t').where('t.delivery_id', db.ref('d.id')).where('t.type', 'open').min('t.at').as('opened_at'),
    )) as { uid: string; first_name: string | null; last_name: string | null; channel: string; status: string; opened_at: number | string | null }[];
  return {
    total: Number(n),
    items: rows.map((r) => ({
      uid: r.uid,
      firstName: r.first_name,
      lastName: r.last_name,
      channel: r.channel,
      status: r.status,
      openedAt: r.opened_at === null ? null : new Date(Number(r.opened_at)).toISOString(),
    })),
  };
}

/** Compare-and-set of a pending message's due time (from `from` to `to`): one instance records the move. */
export async function moveDue(db: Knex, id: number, from: number | null, to: number | null, at: number): Promise<boolean> {
  const q = db('seg_event_messages').where({ id, status: 'pending' });
  if (from === null) q.whereNull('due_at');
  else q.where('due_at', from);
  return Number(await q.update({ due_at: to, updated_at: at })) === 1;
}

/** Messages claimed (`sending`) and not finished since before `before`: their instance died mid-way. */
export async function staleSending(db: Knex, before: number): Promise<MessageRow[]> {
  return (await db('seg_event_messages').where({ status: 'sending' }).where('updated_at', '<', before).orderBy('id')) as MessageRow[];
}

/** The status and total of a mailing (null when it is gone). */
export async function campaignState(db: Knex, id: number): Promise<{ status: string; total: number | null } | null> {
  const row = (await db('seg_campaigns').where({ id }).first('status', 'total')) as { status: string; total: number | null } | undefined;
  return row ?? null;
}
