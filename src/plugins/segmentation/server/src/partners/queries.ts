/**
 * All SQL of partners, scopes and the audit log, in one place (tables: database/migrations
 * 2026.11.24T00.00.00.partner-tables.ts). Plain knex, the same in SQLite and Postgres.
 */
import type { Knex } from 'knex';

export type Subject = 'user' | 'token';

export async function cardSystemsOf(knex: Knex, type: Subject, id: number): Promise<string[]> {
  const rows = await knex('seg_access').where({ subject_type: type, subject_id: id }).orderBy('card_system').select('card_system');
  return rows.map((r: { card_system: string }) => r.card_system);
}

/** Every subject's card systems, by subject id. */
export async function allCardSystems(knex: Knex, type: Subject): Promise<Map<number, string[]>> {
  const rows = await knex('seg_access').where({ subject_type: type }).orderBy(['subject_id', 'card_system']).select('subject_id', 'card_system');
  const map = new Map<number, string[]>();
  for (const r of rows as { subject_id: number; card_system: string }[])
    map.set(Number(r.subject_id), [...(map.get(Number(r.subject_id)) ?? []), r.card_system]);
  return map;
}

/** Replaces a subject's card systems in one transaction. */
export async function setCardSystems(knex: Knex, type: Subject, id: number, keys: string[]): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx('seg_access').where({ subject_type: type, subject_id: id }).delete();
    if (keys.length) await trx('seg_access').insert(keys.map((k) => ({ subject_type: type, subject_id: id, card_system: k })));
  });
}

export async function knownCardSystems(knex: Knex): Promise<{ key: string; name: string | null }[]> {
  return knex('seg_card_systems').orderBy('key').select('key', 'name');
}

export interface AuditRow {
  at: number;
  actor_type: string;
  actor_id: number | null;
  actor_label: string;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  subject_label: string | null;
  rows: number | null;
  details: string | null;
}

export async function insertAudit(knex: Knex, row: AuditRow): Promise<void> {
  await knex('seg_audit_log').insert(row);
}

export function auditPage(knex: Knex, filter: { action?: string; before?: number }, limit: number) {
  const q = knex('seg_audit_log').orderBy('id', 'desc').limit(limit).select('*');
  if (filter.action) q.where({ action: filter.action });
  if (filter.before) q.where('id', '<', filter.before);
  return q;
}
