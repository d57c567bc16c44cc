/**
 * Who a campaign goes to, decided once when it starts: the segment's holders (within the caller's
 * scope) minus those who cannot or may not be mailed, each with its reason, and a random holdout
 * kept out of the send and remembered for conversion.
 */
import { contactsOf, suppressed, type Contact } from './queries';
import type { Knex } from 'knex';

export const EXCLUSION_REASONS = ['noEmail', 'noConsent', 'unsubscribed', 'bounced', 'duplicate'] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export interface Recipients {
  /** Holders to mail: id, uid and the address (trimmed). */
  send: { holder_id: number; uid: string; email: string }[];
  holdout: { holder_id: number; uid: string; email: string }[];
  /** Per reason; `recentlyMailed` only when the campaign leaves recently mailed holders out. */
  excluded: Record<ExclusionReason, number> & { recentlyMailed?: number };
  /** Holders the segment selected (before exclusions). */
  selected: number;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function consentsEmail(c: Contact, consentNeeded: boolean): boolean {
  if (c.mailing_preference === 'post') return false;
  if (!consentNeeded) return true;
  try {
    const consents = JSON.parse(c.consents ?? '[]') as unknown;
    return Array.isArray(consents) && consents.includes('email');
  } catch {
    return false;
  }
}

/** Deterministic per campaign and holder, so a retried start keeps the same holdout. */
function inHoldout(campaignId: number, holderId: number, percent: number): boolean {
  if (percent <= 0) return false;
  let h = (campaignId * 0x9e3779b1) ^ holderId;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) % 10_000 < percent * 100;
}

/**
 * `leaveOut`: holders to leave out as recently mailed (the campaign's choice), after the other
 * exclusions and before the holdout split, so the holdout is drawn from who is left.
 */
export async function chooseRecipients(
  knex: Knex,
  campaignId: number,
  holderIds: number[],
  holdoutPercent: number,
  leaveOut?: Set<number>,
  /** `message`: no e-mail consent needed (service messages, channels/rules.ts). */
  consentRule: 'channel' | 'message' = 'channel',
): Promise<Recipients> {
  const excluded: Recipients['excluded'] = Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, 0])) as Record<ExclusionReason, number>;
  if (leaveOut) excluded.recentlyMailed = 0;
  const contacts = (await contactsOf(knex, holderIds)).sort((a, b) => Number(a.id) - Number(b.id));
  const withAddress: { c: Contact; email: string }[] = [];
  for (const c of contacts) {
    const email = (c.email ?? '').trim();
    if (!EMAIL.test(email)) excluded.noEmail += 1;
    else if (!consentsEmail(c, consentRule === 'channel')) excluded.noConsent += 1;
    else withAddress.push({ c, email });
  }
  const blocked = await suppressed(knex, [...new Set(withAddress.map((w) => w.email.toLowerCase()))]);
  const seen = new Set<string>();
  const out: Recipients = { send: [], holdout: [], excluded, selected: holderIds.length };
  for (const { c, email } of withAddress) {
    const key = email.toLowerCase();
    const reason = blocked.get(key);
    if (reason === 'unsubscribed') excluded.unsubscribed += 1;
    else if (reason)
      excluded.bounced += 1; // hard bounce or spam complaint
    else if (seen.has(key)) excluded.duplicate += 1;
    else if (leaveOut?.has(Number(c.id))) {
      seen.add(key);
      excluded.recentlyMailed = (excluded.recentlyMailed ?? 0) + 1;
    } else {
      seen.add(key);
      const row = { holder_id: Number(c.id), uid: c.uid, email };
      (inHoldout(campaignId, row.holder_id, holdoutPercent) ? out.holdout : out.send).push(row);
    }
  }
  return out;
}
