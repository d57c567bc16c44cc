/** All SQL of bounces: the messages that came back, the soft-bounce count, the raw-text purge. */
import type { Knex } from 'knex';

export interface BounceRow {
  received_at: number;
  source: string;
  fingerprint: string;
  kind: string;
  severity: string | null;
  status: string | null;
  diagnostic: string | null;
  recipient: string | null;
  delivery_id: number | null;
  campaign_id: number | null;
  subject: string | null;
  sender: string | null;
  raw: string | null;
}

const clip = (value: string | null, max: number) => (value === null ? null : value.slice(0, max));

/** Keeps a message that came back; false when it was kept before (the same fingerprint). */
export async function insertBounce(knex: Knex, row: BounceRow): Promise<boolean> {
  const inserted = await knex('seg_bounce_messages')
    .insert({ ...row, subject: clip(row.subject, 500), sender: clip(row.sender, 320), recipient: clip(row.recipient, 320), status: clip(row.status, 16) })
    .onConflict('fingerprint')
    .ignore()
    .returning('id');
  return inserted.length > 0;
}

/** Soft bounces of an address received since `since` (ms). */
export async function softBounces(knex: Knex, email: string, since: number): Promise<number> {
  const row = await knex('seg_bounce_messages')
    .where({ kind: 'bounce', severity: 'soft', recipient: email.toLowerCase() })
    .where('received_at', '>=', since)
    .count({ n: '*' })
    .first();
  return Number(row?.n ?? 0);
}

/** Empties the raw text of messages received before `before` (ms); how many. */
export const purgeRaw = (knex: Knex, before: number) => knex('seg_bounce_messages').where('received_at', '<', before).whereNotNull('raw').update({ raw: null });

export interface BounceFilter {
  scope: string[] | null;
  campaignId?: number;
  kind?: string;
  severity?: string;
  source?: string;
  q?: string;
}

/** Bounces the caller may see: of their partners' mailings (everything for an unscoped caller). */
function visible(knex: Knex, f: BounceFilter) {
  const query = knex('seg_bounce_messages as b').leftJoin('seg_campaigns as c', 'c.id', 'b.campaign_id');
  if (f.scope !== null) query.whereIn('c.card_system', f.scope.length ? f.scope : ['\u0000none']);
  if (f.campaignId !== undefined) query.where('b.campaign_id', f.campaignId);
  if (f.kind) query.where('b.kind', f.kind);
  if (f.severity) query.where('b.severity', f.severity);
  if (f.source) query.where('b.source', f.source);
  if (f.q) query.whereRaw("b.recipient LIKE ? ESCAPE '\\'", [`%${f.q.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`]);
  return query;
}

const COLUMNS = [
  'b.id',
  'b.received_at',
  'b.source',
  'b.kind',
  'b.severity',
  'b.status',
  'b.diagnostic',
  'b.recipient',
  'b.subject',
  'c.document_id as campaign_document_id',
  'c.name as campaign_name',
];

export async function listBounces(knex: Knex, f: BounceFilter, page: number, pageSize: number) {
  const total = Number(((await visible(knex, f).count({ n: '*' })) as { n: unknown }[])[0]?.n ?? 0);
  const rows = await visible(knex, f)
    .select(COLUMNS)
    .orderBy('b.received_at', 'desc')
    .orderBy('b.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { total, rows: rows as Record<string, unknown>[] };
}

export async function bounceWithRaw(knex: Knex, id: number, scope: string[] | null) {
  return (await visible(knex, { scope })
    .where('b.id', id)
    .first([...COLUMNS, 'b.raw', 'b.sender'])) as Record<string, unknown> | undefined;
}

/** Removes an address's suppressions of the given reasons; the reasons removed. */
export async function liftSuppressions(knex: Knex, email: string, reasons: readonly string[]): Promise<string[]> {
  const rows = await knex('seg_suppressions').where({ email }).whereIn('reason', reasons).pluck('reason');
  if (rows.length) await knex('seg_suppressions').where({ email }).whereIn('reason', reasons).del();
  return rows;
}

export const suppressionReasons = (knex: Knex, email: string): Promise<string[]> => knex('seg_suppressions').where({ email }).pluck('reason');
