/**
 * All SQL of segment evaluation, in one place. The in-memory index (store.ts) is filled and
 * refreshed from these queries; preview/export read the personal columns of the selected page.
 * Every query is plain, dialect-free SQL through knex (SQLite and Postgres alike).
 */
import type { Knex } from 'knex';
import { DELIVERY_ACCEPTED } from '../../../shared/campaign-lifecycle';

export const CHUNK = 50_000;

export async function dataVersion(knex: Knex): Promise<number> {
  const row = await knex('seg_meta').where({ key: 'data_version' }).first('value');
  return row ? Number(row.value) : 0;
}

export function cardSystems(knex: Knex) {
  return knex('seg_card_systems').select('id', 'key');
}
export function counters(knex: Knex) {
  return knex('seg_counters').select('id', 'key', 'type');
}
export function events(knex: Knex) {
  return knex('seg_events').select('id', 'key');
}
export function eventThemes(knex: Knex) {
  return knex('seg_event_themes').select('event_id', 'theme');
}
export function advantages(knex: Knex) {
  return knex('seg_advantages').select('id', 'key');
}
export function associations(knex: Knex) {
  return knex('seg_associations').select('id', 'key');
}

export interface HolderRow {
  id: number;
  uid: string;
  birthdate: string | null;
  postcode: string | null;
  points: number;
  kansenstatuut: boolean | number;
  kansenstatuut_end_date: string | null;
  has_email: boolean | number;
  has_phone: boolean | number;
}

/** Where a paginated read of changed rows stands. */
export interface Cursor {
  seq: number;
  id: number;
}

/**
 * Rows written after version `afterSeq` (up to `maxSeq`), keyset-paginated: a full load
 * (afterSeq < 0) walks the primary key; a refresh walks the (seq, id) index (holders; actions
 * have their own two walks below).
 */
function changed(knex: Knex, table: string, columns: string[], afterSeq: number, maxSeq: number, cursor: Cursor) {
  const query = knex(table)
    .select([...columns, 'seq'])
    .limit(CHUNK);
  if (afterSeq < 0) return query.where('id', '>', cursor.id).orderBy('id');
  return query
    .where('seq', '>', afterSeq)
    .andWhere('seq', '<=', maxSeq)
    .andWhereRaw('(seq > ? OR (seq = ? AND id > ?))', [cursor.seq, cursor.seq, cursor.id])
    .orderBy([{ column: 'seq' }, { column: 'id' }]);
}

export function changedHolders(knex: Knex, afterSeq: number, maxSeq: number, cursor: Cursor): Promise<(HolderRow & { seq: number })[]> {
  const columns = [
    'id',
    'uid',
    'first_name',
    'last_name',
    'birthdate',
    'postcode',
    'points',
    'kansenstatuut',
    'kansenstatuut_end_date',
    'has_email',
    'has_phone',
  ];
  return changed(knex, 'seg_holders', columns, afterSeq, maxSeq, cursor);
}

const ACTION_COLUMNS = ['id', 'holder_id', 'type', 'day', 'counter_id', 'event_id', 'advantage_id'];
export interface ActionRow {
  id: number | string;
  holder_id: number;
  type: string;
  day: number;
  counter_id: number | null;
  event_id: number | null;
  advantage_id: number | null;
}

/**
 * Actions with id above `afterId` and data version up to `maxSeq`, along the primary key: the rows
 * inserted since the highest id loaded (import batches take ids only under the data-version lock,
 * so a later version's rows always have higher ids), or all rows for a full load (`afterId` 0).
 * A row revised after `maxSeq` is left to `revisedActions`.
 */
export function newActions(knex: Knex, afterId: number, maxSeq: number): Promise<ActionRow[]> {
  return knex('seg_actions').select(ACTION_COLUMNS).where('id', '>', afterId).andWhere('seq', '<=', maxSeq).orderBy('id').limit(CHUNK);
}

/** Stored actions an import changed in versions (afterSeq, maxSeq], along the partial revision index. */
export function revisedActions(knex: Knex, afterSeq: number, maxSeq: number, cursor: Cursor): Promise<(ActionRow & { revised_seq: number })[]> {
  return knex('seg_actions')
    .select([...ACTION_COLUMNS, 'revised_seq'])
    .whereNotNull('revised_seq')
    .andWhere('revised_seq', '>', afterSeq)
    .andWhere('revised_seq', '<=', maxSeq)
    .andWhereRaw('(revised_seq > ? OR (revised_seq = ? AND id > ?))', [cursor.seq, cursor.seq, cursor.id])
    .orderBy([{ column: 'revised_seq' }, { column: 'id' }])
    .limit(CHUNK);
}

/** Card-system links of holders with id in (fromId, toId]. */
export function cardSystemLinks(knex: Knex, fromId: number, toId: number) {
  return knex('seg_holder_card_systems').select('holder_id', 'card_system_id').where('holder_id', '>', fromId).andWhere('holder_id', '<=', toId);
}
export function cardSystemLinksOf(knex: Knex, holderIds: number[]) {
  return knex('seg_holder_card_systems').select('holder_id', 'card_system_id').whereIn('holder_id', holderIds);
}

export function membershipLinks(knex: Knex, fromId: number, toId: number) {
  return knex('seg_memberships').select('holder_id', 'association_id', 'end_date').where('holder_id', '>', fromId).andWhere('holder_id', '<=', toId);
}
export function membershipLinksOf(knex: Knex, holderIds: number[]) {
  return knex('seg_memberships').select('holder_id', 'association_id', 'end_date').whereIn('holder_id', holderIds);
}

export interface PersonRow {
  id: number;
  uid: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
}

/** The personal columns shown in previews and exports, for a page of holder ids. */
export function people(knex: Knex, ids: number[]): Promise<PersonRow[]> {
  return knex('seg_holders').select('id', 'uid', 'first_name', 'last_name', 'email', 'phone').whereIn('id', ids);
}

/** The mailings (campaign document ids) of `documentIds` that exist. */
export async function existingMailings(knex: Knex, documentIds: string[]): Promise<Set<string>> {
  const rows = (await knex('seg_campaigns')
    .whereIn('document_id', [...new Set(documentIds)])
    .distinct('document_id')) as { document_id: string }[];
  return new Set(rows.map((r) => r.document_id));
}

/**
 * Holders (ids) with a mail accepted for delivery (sent or later bounced) of any mailing, or of the
 * mailings named by document id, sent in [from, to) ms when a window is given; for `opened` /
 * `clicked` only mails a person opened / clicked (not a machine).
 */
export async function holdersWithHistory(
  knex: Knex,
  f: { event: 'received' | 'opened' | 'clicked'; mailings: string[] | null; window: [number, number] | null },
): Promise<number[]> {
  const q = knex('seg_deliveries as d').whereIn('d.status', DELIVERY_ACCEPTED);
  if (f.mailings) q.whereIn('d.campaign_id', knex('seg_campaigns').whereIn('document_id', f.mailings).select('id'));
  if (f.window) q.where('d.sent_at', '>=', f.window[0]).andWhere('d.sent_at', '<', f.window[1]);
  if (f.event !== 'received') {
    const type = f.event === 'opened' ? 'open' : 'click';
    q.whereExists(knex('seg_tracking_events as e').whereRaw('e.delivery_id = d.id').andWhere({ 'e.type': type, 'e.machine': false }).select(knex.raw('1')));
  }
  const rows = (await q.distinct('d.holder_id')) as { holder_id: number | string }[];
  return rows.map((r) => Number(r.holder_id));
}
