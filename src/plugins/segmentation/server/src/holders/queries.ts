/** The SQL of a holder's page and contact history. */
import type { Knex } from 'knex';
import { DELIVERY } from '../../../shared/campaign-lifecycle';
import type { PersonRow } from '../segments/queries';

/** Mails that count in the history: the tool tried to deliver them (not held out, cancelled or still queued). */
export const HISTORY_STATUSES = [DELIVERY.sent, DELIVERY.bounced, DELIVERY.failed];

export interface HistoryRow {
  delivery_id: number | string;
  campaign_document_id: string;
  campaign_name: string;
  campaign_card_system: string | null;
  done_at: string | number | Date | null;
  status: string;
  channel: string | null;
  receipt: string | null;
  sent_at: number | string | null;
  events: string | null;
}

export async function holderByUid(knex: Knex, uid: string) {
  return (await knex('seg_holders')
    .where({ uid })
    .first('id', 'uid', 'first_name', 'last_name', 'email', 'phone', 'street', 'postcode_raw', 'city', 'language')) as
    (PersonRow & { street: string | null; postcode_raw: string | null; city: string | null; language: string | null }) | undefined;
}

/** One page of the holder's mails, newest first, with the kinds of events each had (comma-separated, people's opens and clicks only). */
export async function historyPage(knex: Knex, holderId: number, page: number, pageSize: number): Promise<{ total: number; rows: HistoryRow[] }> {
  const base = knex('seg_deliveries as d').where('d.holder_id', holderId).whereIn('d.status', HISTORY_STATUSES);
  const total = Number(((await base.clone().count({ n: '*' })) as { n: number | string }[])[0]?.n ?? 0);
  const events = knex('seg_tracking_events as e')
    .whereRaw('e.delivery_id = d.id')
    .andWhere('e.machine', false)
    .select(knex.raw(knex.client.config.client === 'pg' ? "string_agg(DISTINCT e.type, ',')" : 'group_concat(DISTINCT e.type)'));
  const rows = (await base
    .clone()
    .join('seg_campaigns as c', 'c.id', 'd.campaign_id')
    .select(
      'd.id as delivery_id',
      'c.document_id as campaign_document_id',
      'c.name as campaign_name',
      'c.card_system as campaign_card_system',
      'c.done_at as done_at',
      'd.status',
      'd.channel',
      'd.receipt',
      'd.sent_at',
      events.as('events'),
    )
    // Not knex's `nulls: 'last'`: on SQLite it orders by `(sent_at is null) desc` alone, dropping sent_at itself.
    .orderByRaw('(d.sent_at is null) asc, d.sent_at desc, d.id desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)) as HistoryRow[];
  return { total, rows };
}
