/**
 * The mail template as staff edit it: ONE zod schema for the admin editor and the server (the
 * Liquid rules — variables, filters, unsafe HTML — are checked on the server, templates/checks.ts).
 * Browser-safe: no Node imports.
 */
import { z } from 'zod';

export const TEMPLATE_LANGUAGES = ['nl', 'fr', 'en', 'de'] as const;
export const TEMPLATE_FORMATS = ['house', 'html'] as const;
/** What a template is for (issue 20): a mail, a letter (PDF, by post) or an SMS. */
export const TEMPLATE_CHANNELS = ['email', 'letter', 'sms'] as const;
export type TemplateChannel = (typeof TEMPLATE_CHANNELS)[number];
/** An SMS template's text: at most ten parts of GSM-7 (the opt-out line comes on top). */
export const SMS_TEXT_MAX = 1600;
/** Attachments of an e-mail template: at most this many files from the Media Library. */
export const ATTACHMENTS_MAX = 5;
export const SENDER_STATUSES = ['requested', 'verified', 'approved', 'rejected'] as const;
export type SenderStatus = (typeof SENDER_STATUSES)[number];

const optionalText = (max: number) => z.string().max(max, `At most ${max} characters`).nullable().optional();

const required = (path: string, message: string) => ({
  code: 'too_small' as const,
  origin: 'string' as const,
  minimum: 1,
  inclusive: true,
  path: [path],
  message,
  input: '',
});

export const templateInputSchema = z
  .strictObject({
    name: z.string().trim().min(1, 'A name is required').max(255),
    channel: z.enum(TEMPLATE_CHANNELS).default('email'),
    language: z.enum(TEMPLATE_LANGUAGES).default('nl'),
    /** Mails and letters: required; SMS: none. */
    subject: z.string().trim().max(255, 'At most 255 characters').default(''),
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
    /** E-mail: files from the Media Library sent with every mail (PDF or image). */
    attachments: z
      .array(z.number().int().positive(), { error: 'Expected a list of files' })
      .max(ATTACHMENTS_MAX, `At most ${ATTACHMENTS_MAX} attachments`)
      .optional(),
    /** Letter: the sender's name and address, top right; place (and the date) above the subject; the signature under the body. */
    senderBlock: optionalText(500),
    place: optionalText(120),
    signature: optionalText(500),
    /** SMS: the message (Liquid), the opt-out line is added when sent. */
    text: optionalText(SMS_TEXT_MAX),
  })
  .superRefine((t, ctx) => {
    if (t.channel !== 'sms' && !t.subject) ctx.addIssue(required('subject', 'A subject is required'));
    if (t.channel === 'sms' && !t.text?.trim()) ctx.addIssue(required('text', 'The SMS needs a text'));
    if (t.channel === 'letter' && !t.body?.trim()) ctx.addIssue(required('body', 'The letter needs a text'));
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
