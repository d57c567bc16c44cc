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
  const rows = (await q.select('holder_id')) as { holder_id: number | string }[];
  return rows.map((r) => Number(r.holder_id));
}
