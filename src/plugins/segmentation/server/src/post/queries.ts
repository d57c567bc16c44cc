/** The SQL of a mailing's post part: the holders of its letters with their addresses. */
import type { Knex } from 'knex';
import type { Scope } from '../common/scope';
import { recipientsByIds } from '../templates/queries';
import type { PostRecipient } from './letter-template';

const CHUNK = 1000;

/** The holders a mailing reaches by post (their letters), with what a letter personalises. */
export async function postRecipients(knex: Knex, campaignId: number, scope: Scope): Promise<PostRecipient[]> {
  const rows = (await knex('seg_deliveries as d')
    .join('seg_holders as h', 'h.id', 'd.holder_id')
    .where({ 'd.campaign_id': campaignId, 'd.channel': 'post' })
    .select('h.id', 'h.street', 'h.postcode_raw', 'h.city')) as { id: number; street: string | null; postcode_raw: string | null; city: string | null }[];
  const out: PostRecipient[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const people = await recipientsByIds(
      knex,
      chunk.map((r) => Number(r.id)),
      scope,
    );
    for (const r of chunk) {
      const person = people.get(Number(r.id));
      if (person) out.push({ ...person, street: r.street ?? '', postcode: r.postcode_raw ?? '', city: r.city ?? '' });
    }
  }
  return out;
}
