/**
 * Who may be reached on which channel (issue 20), decided per holder when a mailing's audience is
 * generated:
 * - e-mail: a valid address, the `email` consent, a preference of `email` or `both`, and an address
 *   not on the suppression list (unsubscribed, hard bounce, complaint);
 * - post: street, postcode and city all given, and a preference of `post` or `both`;
 * - SMS: a number that normalises to an E.164 mobile number, the `sms` consent, and a number that
 *   did not answer STOP.
 * A combination tries e-mail first and takes the other channel for whoever cannot be e-mailed.
 * A holder without a stored preference counts as `both` (the import's default).
 */
import { channelsOf, type Channel, type ChannelReason, type MailingChannel } from '../../../shared/channels';

/** The holder columns the rules read (seg_holders). */
export interface ChannelContact {
  email: string | null;
  phone: string | null;
  street: string | null;
  postcode_raw: string | null;
  city: string | null;
  consents: string | null;
  mailing_preference: string | null;
  /** The address unsubscribed, bounced hard or complained (the suppression list). */
  emailBlocked?: boolean;
  /** The number answered STOP to an earlier SMS. */
  smsBlocked?: boolean;
}

/** A channel the holder can be reached on, or why not. */
export type Reach = { ok: true } | { ok: false; reason: ChannelReason };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const given = (value: string | null) => Boolean(value && value.trim());

function consentsOf(contact: ChannelContact): string[] {
  try {
    const consents = JSON.parse(contact.consents ?? '[]') as unknown;
    return Array.isArray(consents) ? consents.filter((c): c is string => typeof c === 'string') : [];
  } catch {
    return [];
  }
}

const no = (reason: ChannelReason): Reach => ({ ok: false, reason });
const yes: Reach = { ok: true };

/**
 * Whose consent a mailing needs: `channel` (the default) the `email` / `sms` consent of its channel;
 * `message` none — service messages to ticket buyers (event messages, issue 21); suppressions,
 * STOP and the preference still apply.
 */
export type ConsentRule = 'channel' | 'message';

/** Whether `contact` may be reached on `channel`; `mobileOf` normalises a number (E.164 mobile or null). */
export function reachOn(channel: Channel, contact: ChannelContact, mobileOf: (raw: string) => string | null, rule: ConsentRule = 'channel'): Reach {
  const needsConsent = rule === 'channel';
  const preference = contact.mailing_preference ?? 'both';
  switch (channel) {
    case 'email':
      if (!EMAIL.test((contact.email ?? '').trim())) return no('noEmail');
      if (needsConsent && !consentsOf(contact).includes('email')) return no('noEmailConsent');
      if (preference === 'post') return no('preferenceNotEmail');
      return contact.emailBlocked ? no('emailBlocked') : yes;
    case 'post':
      if (!given(contact.street) || !given(contact.postcode_raw) || !given(contact.city)) return no('noAddress');
      return preference === 'email' ? no('preferenceNotPost') : yes;
    case 'sms':
      if (!contact.phone || !mobileOf(contact.phone)) return no('noMobile');
      if (needsConsent && !consentsOf(contact).includes('sms')) return no('noSmsConsent');
      return contact.smsBlocked ? no('smsStopped') : yes;
  }
}

/** The channel a holder gets in a mailing, or (reachable on none) the reason on each channel tried. */
export type Assignment = { channel: Channel } | { channel: null; reasons: ChannelReason[] };

export function assignChannel(
  mailing: MailingChannel,
  contact: ChannelContact,
  mobileOf: (raw: string) => string | null,
  rule: ConsentRule = 'channel',
): Assignment {
  const reasons: ChannelReason[] = [];
  for (const channel of channelsOf(mailing)) {
    const reach = reachOn(channel, contact, mobileOf, rule);
    if (reach.ok) return { channel };
    reasons.push(reach.reason);
  }
  return { channel: null, reasons };
}
