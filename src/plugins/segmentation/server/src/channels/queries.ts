/** The SQL of channel assignment: the contact columns the channel rules read, for many holders. */
import type { Knex } from 'knex';
import type { ChannelContact } from './rules';

type Db = Knex | Knex.Transaction;
const CHUNK = 1000;

export type ContactRow = ChannelContact & { id: number };

const COLUMNS = ['id', 'email', 'phone', 'street', 'postcode_raw', 'city', 'consents', 'mailing_preference'];
const isPg = (db: Db) => db.client.dialect === 'postgresql';

/**
 * The channel contacts of `ids` (ascending), by holder id. PostgreSQL reads them in one statement
 * with the ids as one array parameter (an audience of 500,000 is one scan, not 500 lookups of 1,000).
 */
export async function channelContacts(db: Db, ids: ArrayLike<number>): Promise<Map<number, ContactRow>> {
  const out = new Map<number, ContactRow>();
  const all = Array.from(ids);
  if (all.length === 0) return out;
  if (isPg(db)) {
    const rows = (await db.raw(`SELECT ${COLUMNS.join(', ')} FROM seg_holders WHERE id = ANY(string_to_array(?, ',')::int[])`, [all.join(',')]))
      .rows as ContactRow[];
    for (const r of rows) out.set(Number(r.id), r);
    return out;
  }
  for (let i = 0; i < all.length; i += CHUNK) {
    const rows = (await db('seg_holders')
      .whereIn('id', all.slice(i, i + CHUNK))
      .select(...COLUMNS)) as ContactRow[];
    for (const r of rows) out.set(Number(r.id), r);
  }
  return out;
}

/** Which of `addresses` (lower-case e-mail addresses, E.164 numbers) are suppressed for any reason. */
export async function suppressedAddresses(db: Db, addresses: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  if (addresses.length === 0) return out;
  if (isPg(db)) {
    const rows = (await db.raw('SELECT DISTINCT email FROM seg_suppressions WHERE email = ANY(?::text[])', [addresses])).rows as { email: string }[];
    for (const r of rows) out.add(r.email);
    return out;
  }
  for (let i = 0; i < addresses.length; i += CHUNK)
    for (const email of await db('seg_suppressions')
      .whereIn('email', addresses.slice(i, i + CHUNK))
      .distinct()
      .pluck('email'))
      out.add(email);
  return out;
}
