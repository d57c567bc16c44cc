/**
 * A send's holders split by channel (issue 20): those to e-mail go on through the e-mail
 * exclusions (recipients.ts); those to reach by SMS get their E.164 number; those to reach by post
 * become letters. The channel of each holder comes from the generated audience, or (a mailing of a
 * segment, not generated) is chosen now by the same rules.
 */
import type { Knex } from 'knex';
import { channelsOf, type MailingChannel } from '../../../shared/channels';
import { normaliseMobile } from '../../../shared/phone';
import { channelOfCode, countChannels, planChannels, type ChannelCounts } from '../channels/assign';

export interface ChannelSplit {
  email: number[];
  sms: { holder_id: number; uid: string; phone: string }[];
  post: { holder_id: number; uid: string }[];
  counts: ChannelCounts;
  /** Holders to reach by SMS whose number another holder of the send has. */
  smsDuplicates: number;
}

const CHUNK = 1000;

/**
 * `ids` ascending; `codes` their channel bytes, or null to choose them now. An e-mail-only mailing
 * ignores the bytes: there is no other channel to move a holder to, and recipients.ts applies
 * today's e-mail rules with its own reasons (no address, no consent, unsubscribed, bounced, duplicate),
 * which the confirmation shows — for a generated audience as for a segment.
 */
export async function splitByChannel(db: Knex, ids: number[], codes: Uint8Array | null, mailing: MailingChannel, region: string): Promise<ChannelSplit> {
  if (mailing === 'email') {
    return { email: ids, sms: [], post: [], counts: { email: ids.length, post: 0, sms: 0, none: 0, unreachable: {} }, smsDuplicates: 0 };
  }
  const members = Int32Array.from(ids);
  const bytes = codes ?? (await planChannels(db, members, mailing, region)).channels;
  const out: ChannelSplit = { email: [], sms: [], post: [], counts: countChannels(bytes), smsDuplicates: 0 };
  const smsIds: number[] = [];
  const postIds: number[] = [];
  members.forEach((h, i) => {
    const channel = channelOfCode(bytes[i]!);
    if (!channel || !channelsOf(mailing).includes(channel)) return;
    (channel === 'email' ? out.email : channel === 'sms' ? smsIds : postIds).push(h);
  });
  const phones = new Set<string>();
  for (let i = 0; i < smsIds.length; i += CHUNK) {
    const rows = (await db('seg_holders')
      .whereIn('id', smsIds.slice(i, i + CHUNK))
      .orderBy('id')
      .select('id', 'uid', 'phone')) as {
      id: number;
      uid: string;
      phone: string | null;
    }[];
    for (const r of rows) {
      const phone = r.phone ? normaliseMobile(r.phone, region) : null;
      // Two holders sharing a number get one SMS (the first holder's), as a shared e-mail address gets one mail.
      if (!phone || phones.has(phone)) out.smsDuplicates += 1;
      else {
        phones.add(phone);
        out.sms.push({ holder_id: Number(r.id), uid: r.uid, phone });
      }
    }
  }
  for (let i = 0; i < postIds.length; i += CHUNK) {
    const rows = (await db('seg_holders')
      .whereIn('id', postIds.slice(i, i + CHUNK))
      .select('id', 'uid')) as { id: number; uid: string }[];
    for (const r of rows) out.post.push({ holder_id: Number(r.id), uid: r.uid });
  }
  out.sms.sort((a, b) => a.holder_id - b.holder_id);
  out.post.sort((a, b) => a.holder_id - b.holder_id);
  return out;
}
