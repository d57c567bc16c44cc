/**
 * Who gets an event message: the event's ticket holders (a TICKET action for it), narrowed by the
 * message's choice, as a segment definition the engine evaluates — `product`: who also cashed in one
 * of the chosen advantages (since a date, or at any time); `noProduct`: who did not; `definition`:
 * the ticket filter added to each group of a segment definition (its exclude groups kept). Then the
 * consents: `any` takes everyone, `all` only holders with every consent known in the data, `chosen`
 * who gave every required consent and none of the excluded ones.
 */
import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import type { ActionFilter, SegmentDefinition } from '../../../shared/definition';
import type { EventMessageInput } from '../../../shared/event-messages';
import type { SegmentEngine } from '../segments/engine';
import { now } from '../common/clock';
import { ZONE } from './timing';

const CHUNK = 1000;

/** Today (Europe/Brussels) on the tool's clock, `YYYY-MM-DD`. */
export const today = (): string => DateTime.fromMillis(now(), { zone: ZONE }).toISODate()!;

const ticketFilter = (eventKey: string): ActionFilter => ({ type: 'action', action: 'TICKET', count: { op: '>=', value: 1 }, events: [eventKey] });

/** The definition of the message's holders (`recipients.definition` already validated). */
export function definitionOf(eventKey: string, recipients: EventMessageInput['recipients'], asOf: string): SegmentDefinition {
  const ticket = ticketFilter(eventKey);
  const cashin: ActionFilter = {
    type: 'action',
    action: 'CASHIN',
    count: { op: '>=', value: 1 },
    advantages: recipients.advantages ?? [],
    ...(recipients.since ? { period: { from: recipients.since <= asOf ? recipients.since : asOf, to: asOf } } : {}),
  };
  switch (recipients.kind) {
    case 'all':
      return { version: 1, groups: [{ filters: [ticket] }] };
    case 'product':
      return { version: 1, groups: [{ filters: [ticket, cashin] }] };
    case 'noProduct':
      return { version: 1, groups: [{ filters: [ticket] }], exclude: [{ filters: [cashin] }] };
    case 'definition': {
      const def = recipients.definition as SegmentDefinition;
      return { ...def, groups: def.groups.map((g) => ({ filters: [ticket, ...g.filters] })) };
    }
  }
}

function consentList(raw: string | null): string[] {
  try {
    const list = JSON.parse(raw ?? '[]') as unknown;
    return Array.isArray(list) ? list.filter((c): c is string => typeof c === 'string') : [];
  } catch {
    return [];
  }
}

/** Every consent any holder has given. */
export async function knownConsents(db: Knex): Promise<string[]> {
  const rows = (await db('seg_holders').whereNotNull('consents').distinct('consents')) as { consents: string | null }[];
  return [...new Set(rows.flatMap((r) => consentList(r.consents)))].sort();
}

/** `ids` kept by the consent rule. */
export async function withConsents(db: Knex, ids: number[], consents: EventMessageInput['consents']): Promise<number[]> {
  if (consents.mode === 'any' || ids.length === 0) return ids;
  const require = consents.mode === 'all' ? await knownConsents(db) : consents.require;
  const exclude = consents.mode === 'all' ? [] : consents.exclude;
  const kept = new Set<number>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = (await db('seg_holders')
      .whereIn('id', ids.slice(i, i + CHUNK))
      .select('id', 'consents')) as { id: number; consents: string | null }[];
    for (const r of rows) {
      const given = new Set(consentList(r.consents));
      if (require.every((c) => given.has(c)) && !exclude.some((c) => given.has(c))) kept.add(Number(r.id));
    }
  }
  return ids.filter((id) => kept.has(id));
}

/** The holder ids (ascending) a message goes to now, within the event's card system. */
export async function recipientIds(
  db: Knex,
  engine: SegmentEngine,
  eventKey: string,
  input: Pick<EventMessageInput, 'recipients' | 'consents'>,
  cardSystem: string | null,
): Promise<number[]> {
  const asOf = today();
  const ids = await engine.members(definitionOf(eventKey, input.recipients, asOf), { asOf, scope: cardSystem ? [cardSystem] : null });
  return withConsents(
    db,
    [...ids].sort((a, b) => a - b),
    input.consents,
  );
}

/** The UIDs of holder ids, in their order. */
export async function uidsOf(db: Knex, ids: number[]): Promise<string[]> {
  const byId = new Map<number, string>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = (await db('seg_holders')
      .whereIn('id', ids.slice(i, i + CHUNK))
      .select('id', 'uid')) as { id: number; uid: string }[];
    for (const r of rows) byId.set(Number(r.id), r.uid);
  }
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}
