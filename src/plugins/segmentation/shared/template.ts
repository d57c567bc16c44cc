/**
 * The mail template as staff edit it: ONE zod schema for the admin editor and the server (the
 * Liquid rules — variables, filters, unsafe HTML — are checked on the server, templates/checks.ts).
 * Browser-safe: no Node imports.
 */
import { z } from 'zod';

export const TEMPLATE_LANGUAGES = ['nl', 'fr', 'en', 'de'] as const;
export const TEMPLATE_FORMATS = ['house', 'html'] as const;
export const SENDER_STATUSES = ['requested', 'verified', 'approved', 'rejected'] as const;
export type SenderStatus = (typeof SENDER_STATUSES)[number];

const optionalText = (max: number) => z.string().max(max, `At most ${max} characters`).nullable().optional();

export const templateInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'A name is required').max(255),
  language: z.enum(TEMPLATE_LANGUAGES).default('nl'),
  subject: z.string().trim().min(1, 'A subject is required').max(255, 'At most 255 characters'),
  preheader: optionalText(255),
  format: z.enum(TEMPLATE_FORMATS).default('house'),
  houseStyle: optionalText(64),
  html: optionalText(500_000),
  /** Id of the header image in the Media Library. */
  image: z.number().int().positive().nullable().optional(),
  imageAlt: optionalText(255),
  body: optionalText(50_000),
  buttonText: optionalText(120),
  buttonUrl: optionalText(2000),
  senderName: optionalText(120),
  /** documentId of an approved sender address. */
  sender: z.string().min(1).max(64).nullable().optional(),
  replyTo: z
    .email('Expected an e-mail address')
    .max(320)
    .nullable()
    .optional()
    .or(z.literal('').transform(() => null)),
});
export type TemplateInput = z.infer<typeof templateInputSchema>;

/** Addresses typed into the test-mail field: separated by commas, semicolons, spaces or new lines. */
export function splitAddresses(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const emailSchema = z.email();
export const isEmailAddress = (s: string) => s.length <= 320 && emailSchema.safeParse(s).success;

export const senderRequestSchema = z.strictObject({
  email: z.email('Expected an e-mail address').max(320),
  displayName: optionalText(120),
  cardSystem: optionalText(255),
});
export type SenderRequest = z.infer<typeof senderRequestSchema>;

/** Who a preview or test mail is personalised for: a UID, or a random holder (of a segment). */
export const personaliseSchema = z.strictObject({
  uid: z.string().trim().min(1).max(255).optional(),
  segment: z.string().min(1).max(64).optional(),
});
export const testMailSchema = personaliseSchema.extend({
  recipients: z.string().min(1, 'Give at least one address').max(5000),
});
