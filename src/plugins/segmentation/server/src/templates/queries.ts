/**
 * All SQL of mail personalisation, in one place: a pass holder as a mail recipient (by UID or id),
 * only when one of their card systems is in the caller's scope, and a random holder in scope.
 */
import type { Knex } from 'knex';
import type { Recipient } from './render';

import type { Scope } from '../common/scope';

interface HolderRow {
  id: number;
  uid: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  points: number | null;
  language: string | null;
}

/** Holders with a card system in the scope (all holders when the scope is null). */
function inScope(knex: Knex, query: Knex.QueryBuilder, scope: Scope): Knex.QueryBuilder {
  if (scope === null) return query;
  return query.whereIn(
    'h.id',
    knex('seg_holder_card_systems as l').join('seg_card_systems as cs', 'cs.id', 'l.card_system_id').whereIn('cs.key', scope).select('l.holder_id'),
  );
}

async function cardSystemOf(knex: Knex, holderId: number, scope: Scope): Promise<Recipient['cardSystem']> {
  const query = knex('seg_holder_card_systems as l').join('seg_card_systems as cs', 'cs.id', 'l.card_system_id').where('l.holder_id', holderId);
  if (scope !== null) query.whereIn('cs.key', scope);
  const row = await query.orderBy('cs.key').first('cs.key', 'cs.name');
  return row ? { key: row.key, name: row.name } : null;
}

async function recipientWhere(knex: Knex, where: Record<string, unknown>, scope: Scope): Promise<(Recipient & { id: number }) | null> {
  const query = knex('seg_holders as h').where(where).first('h.id', 'h.uid', 'h.first_name', 'h.last_name', 'h.email', 'h.points', 'h.language');
  const row = (await inScope(knex, query, scope)) as HolderRow | undefined;
  if (!row) return null;
  return {
    id: Number(row.id),
    uid: row.uid,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    points: Number(row.points ?? 0),
    language: row.language,
    cardSystem: await cardSystemOf(knex, Number(row.id), scope),
  };
}

export const recipientByUid = (knex: Knex, uid: string, scope: Scope) => recipientWhere(knex, { 'h.uid': uid }, scope);
export const recipientById = (knex: Knex, id: number, scope: Scope) => recipientWhere(knex, { 'h.id': id }, scope);

/** A random holder in scope, one with an e-mail address when there is one. */
export async function randomHolderId(knex: Knex, scope: Scope, random: () => number): Promise<number | null> {
  for (const withEmail of [true, false]) {
    const base = () => inScope(knex, withEmail ? knex('seg_holders as h').where('h.has_email', true) : knex('seg_holders as h'), scope);
    const n = Number((await base().count({ n: '*' }))[0]?.n ?? 0);
    if (n === 0) continue;
    const row = await base()
      .orderBy('h.id')
      .offset(Math.floor(random() * n))
      .first('h.id');
    if (row) return Number(row.id);
  }
  return null;
}

/** Recipients by holder id, in one pass (the sending worker's batch); card system within scope. */
export async function recipientsByIds(knex: Knex, ids: number[], scope: Scope): Promise<Map<number, Recipient>> {
  const out = new Map<number, Recipient>();
  if (ids.length === 0) return out;
  const rows = (await knex('seg_holders as h')
    .whereIn('h.id', ids)
    .select('h.id', 'h.uid', 'h.first_name', 'h.last_name', 'h.email', 'h.points', 'h.language')) as HolderRow[];
  const links = knex('seg_holder_card_systems as l').join('seg_card_systems as cs', 'cs.id', 'l.card_system_id').whereIn('l.holder_id', ids);
  if (scope !== null) links.whereIn('cs.key', scope);
  const cards = new Map<number, { key: string; name: string }>();
  for (const l of await links.orderBy('cs.key', 'desc').select('l.holder_id', 'cs.key', 'cs.name'))
    cards.set(Number(l.holder_id), { key: l.key, name: l.name });
  for (const r of rows) {
    const id = Number(r.id);
    out.set(id, {
      uid: r.uid,
      firstName: r.first_name,
      lastName: r.last_name,
      email: r.email,
      points: Number(r.points ?? 0),
      language: r.language,
      cardSystem: cards.get(id) ?? null,
    });
  }
  return out;
}
