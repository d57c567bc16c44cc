/**
 * The channels a mailing reaches holders on (issue 20): e-mail, post (letters and address labels)
 * and SMS, alone or as a combination where e-mail goes first and the other channel takes who cannot
 * be e-mailed. Shared by the server (who gets what when the audience is generated), the admin (the
 * mailing's channel, the review list) and the tests.
 */
import { z } from 'zod';

export const CHANNELS = ['email', 'post', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];
export const channelSchema = z.enum(CHANNELS);

/** A mailing's channel: one channel, or e-mail with post or SMS as the fallback. */
export const MAILING_CHANNELS = ['email', 'post', 'sms', 'email+post', 'email+sms'] as const;
export type MailingChannel = (typeof MAILING_CHANNELS)[number];
export const mailingChannelSchema = z.enum(MAILING_CHANNELS);

/** The channels of a mailing channel, in the order they are tried for a holder. */
export function channelsOf(mailing: MailingChannel): Channel[] {
  return mailing.split('+') as Channel[];
}

/** Why a holder gets nothing on a channel (the first reason that applies). */
export const CHANNEL_REASONS = {
  email: ['noEmail', 'noEmailConsent', 'preferenceNotEmail'],
  post: ['noAddress', 'preferenceNotPost'],
  sms: ['noMobile', 'noSmsConsent'],
} as const satisfies Record<Channel, readonly string[]>;
export type ChannelReason = (typeof CHANNEL_REASONS)[Channel][number];
