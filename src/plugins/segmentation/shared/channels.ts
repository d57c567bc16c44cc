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
  email: ['noEmail', 'noEmailConsent', 'preferenceNotEmail', 'emailBlocked'],
  post: ['noAddress', 'preferenceNotPost'],
  sms: ['noMobile', 'noSmsConsent', 'smsStopped'],
} as const satisfies Record<Channel, readonly string[]>;
export type ChannelReason = (typeof CHANNEL_REASONS)[Channel][number];

export const ALL_CHANNEL_REASONS = Object.values(CHANNEL_REASONS).flat() as ChannelReason[];

/** Holders moved to another channel by hand on the review page. */
export const channelChangeSchema = z.strictObject({
  uids: z.array(z.string().trim().min(1, 'Expected a UID').max(255), { error: 'Expected a list of UIDs' }).min(1, 'Expected at least one UID').max(1000),
  channel: z.enum(CHANNELS, { error: `Expected one of ${CHANNELS.join(', ')}` }),
});
export type ChannelChangeInput = z.infer<typeof channelChangeSchema>;

/** A mailing's channel as stored (a string column): unknown or missing values count as e-mail. */
export function mailingChannelOf(value: unknown): MailingChannel {
  return (MAILING_CHANNELS as readonly unknown[]).includes(value) ? (value as MailingChannel) : 'email';
}
