/** The SQL of channel assignment: the contact columns the channel rules read, for many holders. */
import type { Knex } from 'knex';
import type { ChannelContact } from './rules';

type Db = Knex | Knex.Transaction;
const CHUNK = 1000;

export type ContactRow = ChannelContact & { id: number };

/** The channel contacts of `ids` (ascending), by holder id. */
export async function channelContacts(db: Db, ids: ArrayLike<number>): Promise<Map<number, ContactRow>> {
  const out = new Map<number, ContactRow>();
  const all = Array.from(ids);
  for (let i = 0; i < all.length; i += CHUNK) {
    const rows = (await db('seg_holders')
      .whereIn('id', all.slice(i, i + CHUNK))
      .select('id', 'email', 'phone', 'street', 'postcode_raw', 'city', 'consents', 'mailing_preference')) as ContactRow[];
    for (const r of rows) out.set(Number(r.id), r);
  }
  return out;
}
