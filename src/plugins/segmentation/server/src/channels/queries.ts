/** The SQL of channel assignment: the contact columns the channel rules read, for many holders. */
import type { Knex } from 'knex';
import type { ChannelContact } from './rules';
import type { Channel } from '../../../shared/channels';

type Db = Knex | Knex.Transaction;
const CHUNK = 1000;

export type ContactRow = ChannelContact & { id: number };

const COLUMNS = ['id', 'email', 'phone', 'street', 'postcode_raw', 'city', 'consents', 'mailing_preference'] as const;
type Column = (typeof COLUMNS)[number];

/** The contact columns the rules of each channel read (channels/rules.ts); the others are left null. */
const COLUMNS_OF: Record<Channel, Column[]> = {
  email: ['email', 'consents', 'mailing_preference'],
  sms: ['phone', 'consents', 'mailing_preference'],
  post: ['street', 'postcode_raw', 'city', 'mailing_preference'],
};
const isPg = (db: Db) => db.client.dialect === 'postgresql';

/**
 * The channel contacts of `ids` (ascending), by holder id: the columns the rules of `channels` read
 * (all when not given; the others null). PostgreSQL reads them in one statement with the ids as
 * one array parameter (an audience of 500,000 is one scan, not 500 lookups of 1,000).
 */
export async function channelContacts(
  db: Db,
  ids: ArrayLike<number>,
  channels: readonly Channel[] = ['email', 'sms', 'post'],
): Promise<Map<number, ContactRow>> {
  const out = new Map<number, ContactRow>();
  const all = Array.from(ids);
  if (all.length === 0) return out;
  const wanted = new Set<Column>(['id', ...channels.flatMap((c) => COLUMNS_OF[c])]);
  // The columns the rules do not read come back as NULL, so every row has the shape of a contact.
  const select = COLUMNS.map((c) => (wanted.has(c) ? c : `NULL AS ${c}`)).join(', ');
  const add = (rows: ContactRow[]) => {
    for (const r of rows) out.set(Number(r.id), r);
  };
  if (isPg(db)) {
    add((await db.raw(`SELECT ${select} FROM seg_holders WHERE id = ANY(string_to_array(?, ',')::int[])`, [all.join(',')])).rows);
    return out;
  }
  for (let i = 0; i < all.length; i += CHUNK)
    add(
      await db('seg_holders')
        .whereIn('id', all.slice(i, i + CHUNK))
        .select(db.raw(select)),
    );
  return out;
}

/** Which of `addresses` (lower-case e-mail addresses, E.164 numbers) are suppressed for any reason. */
export async function suppressedAddresses(db: Db, addresses: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  if (addresses.length === 0) return out;
  // Usually far fewer addresses are suppressed than asked about: then read them all and look up here.
  const suppressions = Number(((await db('seg_suppressions').count({ n: '*' })) as { n: number | string }[])[0]?.n ?? 0);
  if (suppressions <= addresses.length) {
    const asked = new Set(addresses);
    for (const email of (await db('seg_suppressions').distinct().pluck('email')) as string[]) if (asked.has(email)) out.add(email);
    return out;
  }
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
