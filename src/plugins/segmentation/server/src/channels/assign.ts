/**
 * Channels for a whole audience: each holder's channel in a mailing (rules.ts) as one byte per
 * member — 1 e-mail, 2 post, 3 SMS, or for a holder reachable on none 0x10 + the index of the reason
 * (on the mailing's last channel, the one tried when e-mail could not be used), 0 for a holder no
 * longer known — so the counts per channel and per reason follow from the bytes alone. Changes made
 * by hand are applied after the rules, where still allowed.
 */
import type { Knex } from 'knex';
import { ALL_CHANNEL_REASONS, CHANNELS, type Channel, type ChannelReason, type MailingChannel, channelsOf } from '../../../shared/channels';
import { normaliseMobile } from '../../../shared/phone';
import { assignChannel, reachOn, type ConsentRule, type Reach } from './rules';
import { channelContacts, suppressedAddresses, type ContactRow } from './queries';

const UNREACHABLE = 0x10;
export const channelCode = (channel: Channel): number => CHANNELS.indexOf(channel) + 1;
export const channelOfCode = (code: number): Channel | null => CHANNELS[code - 1] ?? null;
export const reasonOfCode = (code: number): ChannelReason | null => (code >= UNREACHABLE ? (ALL_CHANNEL_REASONS[code - UNREACHABLE] ?? null) : null);
const reasonCode = (reason: ChannelReason) => UNREACHABLE + ALL_CHANNEL_REASONS.indexOf(reason);

/** A channel set by hand on the review page. */
export interface ChannelChange {
  uid: string;
  channel: Channel;
  by: number | null;
  at: number;
}

export interface ChannelCounts {
  email: number;
  post: number;
  sms: number;
  none: number;
  /** Holders reachable on no channel of the mailing, per reason. */
  unreachable: Partial<Record<ChannelReason, number>>;
}

export function countChannels(codes: Uint8Array): ChannelCounts {
  const counts: ChannelCounts = { email: 0, post: 0, sms: 0, none: 0, unreachable: {} };
  for (const code of codes) {
    const channel = channelOfCode(code);
    if (channel) {
      counts[channel] += 1;
      continue;
    }
    counts.none += 1;
    const reason = reasonOfCode(code);
    if (reason) counts.unreachable[reason] = (counts.unreachable[reason] ?? 0) + 1;
  }
  return counts;
}

/** Reads holders' contacts and answers, per holder, on which channels they may be reached. */
export interface ChannelJudge {
  /** The byte of holder `h` in the mailing by the rules (0: unknown holder). */
  assign(h: number): number;
  /** Whether `h` may be reached on `channel` (unknown holders: no). */
  reach(h: number, channel: Channel): Reach;
}

export async function channelJudge(
  db: Knex,
  ids: ArrayLike<number>,
  mailing: MailingChannel,
  region: string,
  rule: ConsentRule = 'channel',
): Promise<ChannelJudge> {
  const contacts: Map<number, ContactRow> = await channelContacts(db, ids, channelsOf(mailing));
  if (channelsOf(mailing).includes('email')) {
    const key = (email: string) => email.trim().toLowerCase();
    const emails = new Set<string>();
    for (const c of contacts.values()) if (c.email) emails.add(key(c.email));
    const blocked = await suppressedAddresses(db, [...emails]);
    for (const c of contacts.values()) if (c.email && blocked.has(key(c.email))) c.emailBlocked = true;
  }
  const mobileOf = (raw: string) => normaliseMobile(raw, region);
  if (channelsOf(mailing).includes('sms')) {
    const phones = new Map<ContactRow, string>();
    for (const c of contacts.values()) {
      const phone = c.phone ? mobileOf(c.phone) : null;
      if (phone) phones.set(c, phone);
    }
    const stopped = await suppressedAddresses(db, [...new Set(phones.values())]);
    for (const [c, phone] of phones) if (stopped.has(phone)) c.smsBlocked = true;
  }
  return {
    assign(h) {
      const contact = contacts.get(h);
      if (!contact) return 0;
      const got = assignChannel(mailing, contact, mobileOf, rule);
      return got.channel ? channelCode(got.channel) : reasonCode(got.reasons[got.reasons.length - 1]!);
    },
    reach(h, channel) {
      const contact = contacts.get(h);
      return contact
        ? reachOn(channel, contact, mobileOf, rule)
        : { ok: false, reason: channel === 'email' ? 'noEmail' : channel === 'post' ? 'noAddress' : 'noMobile' };
    },
  };
}

/**
 * The byte of each of `members` (ascending holder ids) in a `mailing`; `changes` by holder id (the
 * last change of a holder wins) override the rules when the channel is one of the mailing's and
 * the holder may be reached on it. Answers the bytes and how many changes applied.
 */
export async function planChannels(
  db: Knex,
  members: Int32Array,
  mailing: MailingChannel,
  region: string,
  changes: Map<number, Channel> = new Map(),
  rule: ConsentRule = 'channel',
): Promise<{ channels: Uint8Array; changed: number }> {
  const judge = await channelJudge(db, members, mailing, region, rule);
  const allowed = new Set(channelsOf(mailing));
  const channels = new Uint8Array(members.length);
  let changed = 0;
  members.forEach((h, i) => {
    const wanted = changes.get(h);
    if (wanted && allowed.has(wanted) && judge.reach(h, wanted).ok) {
      channels[i] = channelCode(wanted);
      changed += 1;
    } else channels[i] = judge.assign(h);
  });
  return { channels, changed };
}
