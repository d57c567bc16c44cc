/**
 * The Bounces page and the lifting of a suppression (issue 22): one zod schema each for the query
 * and the body, shared by the admin and the server. Browser-safe.
 */
import { z } from 'zod';

export const BOUNCE_KINDS = ['bounce', 'complaint', 'delayed', 'delivered', 'autoreply', 'unknown'] as const;
export const BOUNCE_SEVERITIES = ['hard', 'soft', 'blocked'] as const;
export const BOUNCE_SOURCES = ['smtp', 'imap', 'ses', 'sendgrid', 'postmark', 'mailgun', 'webhook'] as const;
/** Suppressions an administrator may lift; an unsubscribe or an SMS STOP is the holder's own choice and stays. */
export const LIFTABLE_REASONS = ['hard_bounce', 'soft_bounce', 'complaint'] as const;

const whole = (min: number, max: number, fallback: number) => z.coerce.number().int('Expected a whole number').min(min).max(max).default(fallback);

export const bounceQuerySchema = z.strictObject({
  kind: z.enum(BOUNCE_KINDS).optional(),
  severity: z.enum(BOUNCE_SEVERITIES).optional(),
  source: z.enum(BOUNCE_SOURCES).optional(),
  /** documentId of a mailing. */
  campaign: z.string().trim().max(255).optional(),
  /** Part of the address. */
  q: z.string().trim().max(320).optional(),
  page: whole(1, 100_000, 1),
  pageSize: whole(1, 100, 25),
});
export type BounceQuery = z.infer<typeof bounceQuerySchema>;

export const liftSchema = z.strictObject({
  email: z.string().trim().toLowerCase().min(3, 'Give the address').max(320),
  reason: z.string().trim().min(5, 'Say why the address may be mailed again (at least 5 characters)').max(500),
});
export type LiftInput = z.infer<typeof liftSchema>;

export interface BounceItem {
  id: number;
  receivedAt: string;
  source: string;
  kind: string;
  severity: string | null;
  status: string | null;
  diagnostic: string | null;
  recipient: string | null;
  campaign: { documentId: string; name: string } | null;
  subject: string | null;
  /** The address is suppressed now (any reason). */
  suppressed: boolean;
}
