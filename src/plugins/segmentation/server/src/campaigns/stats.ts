/**
 * Campaign statistics, and all their SQL, in one place (the stats controller only shapes answers). Opens and clicks by machines (tracking/machine.ts)
 * are counted apart. Percentages on the guide's bases (shared/report.ts): delivered, blocked and
 * bounced of verstuurd, opened of delivered, clicked of opened (click-to-open) and of delivered
 * (click-through), the rest of delivered; two decimals.
 * Opens of one delivery less than OPEN_GAP_MS after its previous open count once in the totals and
 * the timeline (a replayed pixel is not a new open); links are reported by their template form
 * (tracking/link-forms.ts), never as rendered for one holder.
 */
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { linkForms, templateFormOf, type LinkForm } from '../tracking/link-forms';
import { validationError } from '../common/errors';
import type { ActionType } from '../../../shared/definition';
import type { Snapshot } from './snapshot';
import { DELIVERY, DELIVERY_ACCEPTED, DELIVERY_OPEN } from '../../../shared/campaign-lifecycle';
import { percentage as pct, reportRates } from '../../../shared/report';

/** An open this soon after the same delivery's previous open is the same open. */
export const OPEN_GAP_MS = 60_000;
const DAY = 86_400_000;

const num = (v: unknown) => Number(v ?? 0);

async function distinctDeliveries(knex: Knex, campaignId: number, type: string, where: (q: Knex.QueryBuilder) => void = () => undefined): Promise<number> {
  const q = knex('seg_tracking_events').where({ campaign_id: campaignId, type });
  where(q);
  return num((await q.countDistinct({ n: 'delivery_id' }))[0]?.n);
}

async function total(knex: Knex, campaignId: number, type: string, machine: boolean): Promise<number> {
  return num((await knex('seg_tracking_events').where({ campaign_id: campaignId, type, machine }).count({ n: '*' }))[0]?.n);
}

/** A person's opens that count: each delivery's first, and each at least OPEN_GAP_MS after its previous one. */
export function countedOpens(knex: Knex, campaignId: number) {
  const opens = knex('seg_tracking_events')
    .where({ campaign_id: campaignId, type: 'open', machine: false })
    .select('delivery_id', 'at', knex.raw('LAG(at) OVER (PARTITION BY delivery_id ORDER BY at, id) AS prev'));
  return knex.from(opens.as('o')).where((q) => q.whereNull('o.prev').orWhereRaw('o.at - o.prev >= ?', [OPEN_GAP_MS]));
}

/** Clicks per link in its template form: all clicks and distinct clicking deliveries. */
async function linkStats(knex: Knex, campaignId: number, forms: LinkForm[]) {
  const pairs = await knex('seg_tracking_events')
    .where({ campaign_id: campaignId, type: 'click', machine: false })
    .groupBy('detail', 'delivery_id')
    .select({ url: 'detail', delivery: 'delivery_id' })
    .count({ n: '*' });
  const links = new Map<string, { total: number; deliveries: Set<number> }>();
  for (const p of pairs as { url: string | null; delivery: unknown; n: unknown }[]) {
    const url = templateFormOf(forms, p.url ?? '');
    const link = links.get(url) ?? { total: 0, deliveries: new Set<number>() };
    link.total += num(p.n);
    link.deliveries.add(num(p.delivery));
    links.set(url, link);
  }
  return [...links].map(([url, l]) => ({ url, total: l.total, unique: l.deliveries.size })).sort((a, b) => b.total - a.total || a.url.localeCompare(b.url));
}

export async function campaignStats(knex: Knex, campaignId: number, forms: LinkForm[] = []) {
  const byStatus = Object.fromEntries(
    (await knex('seg_deliveries').where({ campaign_id: campaignId, channel: 'email' }).groupBy('status').select('status').count({ n: '*' })).map((r) => [
      (r as { status: string }).status,
      num(r.n),
    ]),
  ) as Record<string, number>;
  const count = (statuses: readonly string[]) => statuses.reduce((n, s) => n + (byStatus[s] ?? 0), 0);
  const sent = count(DELIVERY_ACCEPTED);
  const hard = await distinctDeliveries(knex, campaignId, 'bounce', (q) => q.where('detail', 'hard'));
  const soft = await distinctDeliveries(knex, campaignId, 'bounce', (q) => q.where('detail', 'soft'));
  const opened = await distinctDeliveries(knex, campaignId, 'open', (q) => q.where('machine', false));
  const rates = reportRates({
    accepted: sent,
    refused: byStatus.failed ?? 0,
    hard,
    soft,
    blockedLater: await distinctDeliveries(knex, campaignId, 'blocked'),
    opened,
    clicked: await distinctDeliveries(knex, campaignId, 'click', (q) => q.where('machine', false)),
    unsubscribed: await distinctDeliveries(knex, campaignId, 'unsubscribe'),
    spam: await distinctDeliveries(knex, campaignId, 'complaint'),
  });
  const hour = knex.raw('(at / 3600000) * 3600000');
  const hourlyOpens = await countedOpens(knex, campaignId).select({ hour }).count({ n: '*' }).groupBy(hour);
  const hourlyClicks = await knex('seg_tracking_events')
    .where({ campaign_id: campaignId, type: 'click', machine: false })
    .select({ hour })
    .count({ n: '*' })
    .groupBy(hour);
  /** An hour of opens or clicks: its start (ms) and how many. */
  type HourRow = { hour: number | string; n: number | string };
  const hourly = [...(hourlyOpens as HourRow[]).map((h) => ({ ...h, type: 'open' })), ...(hourlyClicks as HourRow[]).map((h) => ({ ...h, type: 'click' }))];
  return {
    queued: count(DELIVERY_OPEN),
    holdout: byStatus.holdout ?? 0,
    sent,
    verstuurd: rates.verstuurd,
    delivered: rates.delivered,
    blocked: rates.blocked,
    bounced: rates.bounced,
    opened: {
      ...rates.opened,
      total: num((await countedOpens(knex, campaignId).count({ n: '*' }))[0]?.n),
      machine: await distinctDeliveries(knex, campaignId, 'open', (q) => q.where('machine', true)),
    },
    clicked: { ...rates.clicked, total: await total(knex, campaignId, 'click', false) },
    unsubscribed: rates.unsubscribed,
    spam: rates.spam,
    links: await linkStats(knex, campaignId, forms),
    channels: await channelStats(knex, campaignId),
    timeline: hourly
      .map((h) => ({ type: h.type, hour: new Date(num(h.hour)).toISOString(), n: num(h.n) }))
      .sort((a, b) => a.hour.localeCompare(b.hour) || a.type.localeCompare(b.type)),
  };
}

/**
 * The SMS and post parts of a mailing (issue 20): SMS accepted by the gateway, delivered and failed
 * by their receipts (or refused), numbers that answered STOP to it, and the SMS parts used (what
 * the gateway bills); letters produced, and when the mailing was marked done.
 */
/** A datetime column as SQLite (milliseconds, maybe as text) or PostgreSQL (a Date) gives it. */
const dateOf = (v: unknown): Date => (v instanceof Date ? v : new Date(typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : (v as string | number)));

export async function channelStats(knex: Knex, campaignId: number) {
  const sms = (await knex('seg_deliveries')
    .where({ campaign_id: campaignId, channel: 'sms' })
    .select(
      knex.raw('count(*) as total'),
      knex.raw(`sum(case when status = ? then 1 else 0 end) as sent`, [DELIVERY.sent]),
      knex.raw(`sum(case when receipt = 'delivered' then 1 else 0 end) as delivered`),
      knex.raw(`sum(case when receipt = 'failed' or status = ? then 1 else 0 end) as failed`, [DELIVERY.failed]),
      knex.raw(`sum(case when status in (?, ?) then 1 else 0 end) as queued`, [...DELIVERY_OPEN]),
      knex.raw('sum(coalesce(parts, 0)) as segments'),
    )
    .first()) as Record<string, unknown>;
  const optOuts = await knex('seg_suppressions').where({ campaign_id: campaignId, reason: 'sms_stop' }).count({ n: '*' });
  const letters = await knex('seg_deliveries').where({ campaign_id: campaignId, channel: 'post' }).count({ n: '*' });
  const done = (await knex('seg_campaigns').where({ id: campaignId }).first('done_at')) as { done_at: unknown } | undefined;
  return {
    sms: {
      total: num(sms.total),
      queued: num(sms.queued),
      sent: num(sms.sent),
      delivered: num(sms.delivered),
      failed: num(sms.failed),
      optOuts: num(optOuts[0]?.n),
      segments: num(sms.segments),
    },
    post: { letters: num(letters[0]?.n), doneAt: done?.done_at ? dateOf(done.done_at).toISOString() : null },
  };
}

/** Each recipient (and holdout holder) with what they did, by uid, in pages of `pageSize` (keyset). */
export async function* people(knex: Knex, campaignId: number, pageSize = 2_000): AsyncGenerator<PersonRow> {
  const count = (type: string, machine?: boolean) =>
    knex('seg_tracking_events as e')
      .whereRaw('e.delivery_id = d.id')
      .where({ 'e.type': type, ...(machine === undefined ? {} : { 'e.machine': machine }) })
      .count('*');
  let after = '';
  for (;;) {
    const page = await knex('seg_deliveries as d')
      .leftJoin('seg_holders as h', 'h.id', 'd.holder_id')
      .where('d.campaign_id', campaignId)
      .andWhere('d.uid', '>', after)
      .orderBy('d.uid')
      .limit(pageSize)
      .select(
        'd.uid',
        'd.email',
        'd.status',
        'd.sent_at',
        { firstName: 'h.first_name' },
        { lastName: 'h.last_name' },
        { opens: count('open', false) },
        { clicks: count('click', false) },
        { unsubscribed: count('unsubscribe') },
      );
    for (const r of page)
      yield {
        uid: r.uid,
        email: r.email,
        firstName: r.firstName ?? null,
        lastName: r.lastName ?? null,
        status: r.status,
        sentAt: r.sent_at ? new Date(num(r.sent_at)).toISOString() : '',
        opens: num(r.opens),
        clicks: num(r.clicks),
        unsubscribed: num(r.unsubscribed) > 0,
      };
    if (page.length < pageSize) return;
    after = page[page.length - 1].uid;
  }
}

export interface PersonRow {
  uid: string;
  email: string | null;
  /** The holder's names (a download for whoever may see personal data; not in the CSV of the token-era format). */
  firstName: string | null;
  lastName: string | null;
  status: string;
  sentAt: string;
  opens: number;
  clicks: number;
  unsubscribed: boolean;
}

export interface ConversionQuery {
  type: string;
  eventId?: number;
  advantageId?: number;
  counterId?: number;
  from: string;
  to: string;
}

/**
 * Holders (recipients vs holdout) with a matching action in [from, to) — ISO instants, as stored.
 *
 * seg_actions has no index on holder_id (every index there costs import speed), so the matching
 * actions are read once, reduced to the set of their distinct holders and left-joined to the
 * deliveries: one scan of seg_actions, whatever the size of the campaign. Not a correlated EXISTS
 * per delivery (a scan of seg_actions per row in SQLite, and in Postgres as soon as the matching
 * actions exceed hash_mem), nor `holder_id IN (subquery)` (Postgres hashes that only while it fits
 * in hash_mem, and otherwise rescans the subquery per row). See docs/performance.md, "Campaign
 * conversion".
 */
export async function conversion(knex: Knex, campaignId: number, q: ConversionQuery) {
  const converters = knex('seg_actions').distinct('holder_id').where('type', q.type).andWhere('at', '>=', q.from).andWhere('at', '<', q.to);
  if (q.eventId) converters.andWhere('event_id', q.eventId);
  if (q.advantageId) converters.andWhere('advantage_id', q.advantageId);
  if (q.counterId) converters.andWhere('counter_id', q.counterId);
  const groups = await knex('seg_deliveries as d')
    .leftJoin(converters.as('c'), 'c.holder_id', 'd.holder_id')
    .where('d.campaign_id', campaignId)
    .whereIn('d.status', [DELIVERY.sent, DELIVERY.holdout])
    .groupBy('d.status')
    .select('d.status')
    .count({ n: '*' })
    .count({ converted: 'c.holder_id' }); // at most one c row per delivery (DISTINCT): n stays the number of holders
  const of = (status: string) => {
    const g = (groups as { status: string; n: number | string; [column: string]: unknown }[]).find((r) => r.status === status);
    const n = num(g?.n);
    const converted = num(g?.converted);
    return { holders: n, converted, rate: pct(converted, n) };
  };
  const recipients = of(DELIVERY.sent);
  const holdout = of(DELIVERY.holdout);
  return { recipients, holdout, uplift: recipients.rate !== null && holdout.rate !== null ? Math.round((recipients.rate - holdout.rate) * 10) / 10 : null };
}

/** The content the send froze (a JSON column: an object, or its text on some dialects). */
const snapshotOf = (c: { snapshot?: unknown }): Snapshot | null =>
  typeof c.snapshot === 'string' ? JSON.parse(c.snapshot) : ((c.snapshot as Snapshot) ?? null);

/** The links of a campaign's frozen template, in their template form (tracking/link-forms.ts). */
export const linkFormsOf = (c: { snapshot?: unknown }) => linkForms(snapshotOf(c)?.content);

/** A campaign's figures, its links in the form its frozen template wrote them. */
export const statsOf = (knex: Knex, c: { id: number; snapshot?: unknown }) => campaignStats(knex, c.id, linkFormsOf(c));

/** Conversion asked for by keys: in the `days` after the send started, of an event, advantage or counter when given. */
export interface ConversionAsk {
  type: ActionType;
  event?: string;
  advantage?: string;
  counter?: string;
  days: number;
}

/** The id of a reference (event, advantage, counter) by its key; an unknown key is a 400 naming the field. */
async function idOf(knex: Knex, table: string, key: string | undefined, field: string): Promise<number | undefined> {
  if (!key) return undefined;
  const row = await knex(table).where({ key }).first('id');
  if (!row) throw validationError(`Unknown ${field} '${key}'`, [{ path: [field], message: `Unknown ${field} '${key}'` }]);
  return Number(row.id);
}

/** Conversion of a started campaign's recipients vs its holdout (a campaign not sent yet: refused). */
export async function conversionAfter(knex: Knex, c: { id: number; startedAt?: string | Date | null }, q: ConversionAsk) {
  if (!c.startedAt) throw new errors.ApplicationError('The campaign has not been sent');
  const from = new Date(c.startedAt).getTime();
  return conversion(knex, c.id, {
    type: q.type,
    eventId: await idOf(knex, 'seg_events', q.event, 'event'),
    advantageId: await idOf(knex, 'seg_advantages', q.advantage, 'advantage'),
    counterId: await idOf(knex, 'seg_counters', q.counter, 'counter'),
    from: new Date(from).toISOString(),
    to: new Date(from + q.days * DAY).toISOString(),
  });
}
