/** The SQL of audiences: an earlier mailing's recipients by what happened to their mail. */
import type { Knex } from 'knex';
import { DELIVERY_ACCEPTED } from '../../../shared/campaign-lifecycle';
import type { Outcome } from '../../../shared/audience';

const DELIVERIES = 'seg_deliveries';
const EVENTS = 'seg_tracking_events';

/** Deliveries of the campaign with an event of `type` (opens and clicks by people, not machines). */
const withEvent = (knex: Knex, campaignId: number, types: string[], people: boolean) =>
  knex(EVENTS)
    .whereIn('type', types)
    .andWhere('campaign_id', campaignId)
    .modify((q) => (people ? q.andWhere('machine', false) : q))
    .select('delivery_id');

/**
 * Holder ids of the campaign's recipients with the outcome: `sent` (the mail was accepted for
 * delivery), `delivered` (sent and neither bounced nor blocked), `opened` / `clicked` (by a person),
 * `notOpened` / `notClicked` (sent, but not).
 */
export async function holdersWithOutcome(knex: Knex, campaignId: number, outcome: Outcome): Promise<number[]> {
  const q = knex(DELIVERIES).where('campaign_id', campaignId).whereIn('status', DELIVERY_ACCEPTED);
  if (outcome === 'delivered') q.whereNotIn('id', withEvent(knex, campaignId, ['bounce', 'blocked'], false));
  if (outcome === 'opened') q.whereIn('id', withEvent(knex, campaignId, ['open'], true));
  if (outcome === 'notOpened') q.whereNotIn('id', withEvent(knex, campaignId, ['open'], true));
  if (outcome === 'clicked') q.whereIn('id', withEvent(knex, campaignId, ['click'], true));
  if (outcome === 'notClicked') q.whereNotIn('id', withEvent(knex, campaignId, ['click'], true));
  return holderIdsOf(knex, q, 'holder_id');
}

/**
 * The ids a query selects in `column`. On PostgreSQL as one comma-separated text (a row object per
 * holder costs more than the query for hundreds of thousands of them); elsewhere row by row.
 */
export async function holderIdsOf(knex: Knex, query: Knex.QueryBuilder, column: string): Promise<number[]> {
  if (knex.client.config.client === 'pg') {
    const row = (await knex.from(query.select(column).as('q')).first(knex.raw(`string_agg(q.??::text, ',') as ids`, [column.split('.').pop()!]))) as
      { ids: string | null } | undefined;
    return row?.ids ? row.ids.split(',').map(Number) : [];
  }
  const rows = (await query.select(column)) as Record<string, number | string>[];
  const key = column.split('.').pop()!;
  return rows.map((r) => Number(r[key]));
}

const LISTS = 'seg_audience_lists';

export interface StoredList {
  key: string;
  name: string | null;
  scope: string[] | null;
  count: number;
  holders: Int32Array<ArrayBufferLike>;
}

export async function insertList(knex: Knex, list: StoredList): Promise<void> {
  const holders = Buffer.from(list.holders.buffer, list.holders.byteOffset, list.holders.byteLength);
  await knex(LISTS).insert({
    key: list.key,
    name: list.name,
    scope: list.scope && JSON.stringify(list.scope),
    count: list.count,
    holders,
    created_at: Date.now(),
  });
}

export async function findList(knex: Knex, key: string): Promise<StoredList | null> {
  const row = (await knex(LISTS).where({ key }).first('key', 'name', 'scope', 'count', 'holders')) as
    { key: string; name: string | null; scope: string | null; count: number | string; holders: Buffer } | undefined;
  if (!row) return null;
  const bytes = Buffer.from(row.holders); // a copy, aligned for the Int32Array
  return {
    key: row.key,
    name: row.name,
    scope: row.scope === null ? null : (JSON.parse(row.scope) as string[]),
    count: Number(row.count),
    holders: new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4),
  };
}
