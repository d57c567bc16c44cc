/**
 * Event messages (issue 21): automatic e-mail or SMS to an event's ticket holders (holders with a
 * TICKET action for it), a chosen number of hours before its start or after its end, or now.
 * ONE zod schema for the admin form, the API (`/api/segmentation/events/:key/messages`) and the
 * tests. The definition of "specific holders" is checked by the segment schema (definition.ts),
 * its paths under `recipients.definition`. Browser-safe: no Node imports.
 */
import { z } from 'zod';
import { TEMPLATE_LANGUAGES } from './template';

/** Who of the ticket holders get the message. */
export const RECIPIENT_KINDS = ['all', 'product', 'noProduct', 'definition'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

/** Which consents a holder must have given (or not) to get the message. */
export const CONSENT_MODES = ['any', 'all', 'chosen'] as const;
export type ConsentMode = (typeof CONSENT_MODES)[number];

/** When the message goes: hours before the start, hours after the end, or now (within 15 minutes). */
export const TIMINGS = ['before', 'after', 'now'] as const;
export type Timing = (typeof TIMINGS)[number];

/** At most a month before or after. */
export const MAX_OFFSET_HOURS = 24 * 31;

/** `holder`: each holder's own language where the template has it, else the template's default. */
export const LANGUAGE_MODES = ['holder', ...TEMPLATE_LANGUAGES] as const;
export type LanguageMode = (typeof LANGUAGE_MODES)[number];

export const MESSAGE_CHANNELS = ['email', 'sms'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

/**
 * The lifecycle of one message:
 *   pending → sending → sent          (due: claimed by one instance; its recipients taken then)
 *   pending → cancelled               (by staff, or the event was removed or marked cancelled)
 *   pending → missed                  (due while the tool was down, later than the grace)
 */
export const MESSAGE_STATUSES = ['pending', 'sending', 'sent', 'cancelled', 'missed', 'failed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

const keyList = (what: string) =>
  z.array(z.string().trim().min(1, `Expected a ${what} key`).max(255), { error: `Expected a list of ${what} keys` }).max(2000, 'At most 2000 keys');

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date as YYYY-MM-DD');

export const recipientsSchema = z
  .strictObject({
    kind: z.enum(RECIPIENT_KINDS, { error: `Expected one of ${RECIPIENT_KINDS.join(', ')}` }),
    /** product / noProduct: the advantages (add-ons) cashed in. */
    advantages: keyList('advantage').optional(),
    /** product / noProduct: counted from this date (Europe/Brussels); absent = at any time. */
    since: isoDate.nullable().optional(),
    /** definition: a segment definition applied on top of the ticket holders. */
    definition: z.unknown().optional(),
  })
  .superRefine((r, ctx) => {
    if ((r.kind === 'product' || r.kind === 'noProduct') && !r.advantages?.length) {
      ctx.addIssue({ code: 'custom', path: ['advantages'], message: 'Choose at least one product (advantage)' });
    }
    if (r.kind === 'definition' && r.definition === undefined) {
      ctx.addIssue({ code: 'custom', path: ['definition'], message: 'A segment definition is required for specific holders' });
    }
  });

export const consentsSchema = z
  .strictObject({
    mode: z.enum(CONSENT_MODES, { error: `Expected one of ${CONSENT_MODES.join(', ')}` }),
    /** chosen: consents a holder must have given. */
    require: keyList('consent').default([]),
    /** chosen: consents a holder must NOT have given. */
    exclude: keyList('consent').default([]),
  })
  .superRefine((c, ctx) => {
    const both = c.require.filter((k) => c.exclude.includes(k));
    if (both.length) ctx.addIssue({ code: 'custom', path: ['exclude'], message: `Required and excluded at once: ${both.join(', ')}` });
  });

export const eventMessageInputSchema = z
  .strictObject({
    name: z.string().trim().min(1, 'A name is required').max(255),
    channel: z.enum(MESSAGE_CHANNELS, { error: `Expected one of ${MESSAGE_CHANNELS.join(', ')}` }).default('email'),
    /** documentId of a template of the message's channel (e-mail or SMS). */
    template: z.string().trim().min(1, 'Choose a template').max(255),
    recipients: recipientsSchema.default({ kind: 'all' }),
    consents: consentsSchema.default({ mode: 'any', require: [], exclude: [] }),
    language: z.enum(LANGUAGE_MODES, { error: `Expected one of ${LANGUAGE_MODES.join(', ')}` }).default('holder'),
    timing: z.enum(TIMINGS, { error: `Expected one of ${TIMINGS.join(', ')}` }),
    /** before / after: whole hours (0 … a month). */
    hours: z.number().int('Expected whole hours').min(0).max(MAX_OFFSET_HOURS).nullable().optional(),
    /** Placed where the template has `{{ customText }}` (or `#CUSTOMTEXT#`). */
    customText: z.string().max(5000, 'At most 5000 characters').default(''),
  })
  .superRefine((m, ctx) => {
    if (m.timing !== 'now' && (m.hours === undefined || m.hours === null)) {
      ctx.addIssue({ code: 'custom', path: ['hours'], message: 'Say how many hours before the start or after the end' });
    }
  });
export type EventMessageInput = z.infer<typeof eventMessageInputSchema>;

/** One message as the API answers it. */
export interface EventMessage extends EventMessageInput {
  id: number;
  event: string;
  status: MessageStatus;
  /** When it is due (ISO 8601), from the event's start or end; null while the event lacks it. */
  dueAt: string | null;
  sentAt: string | null;
  /** The mailing that carried it once sent (its statistics and deliveries). */
  campaign: string | null;
  recipients: EventMessageInput['recipients'];
  /** Why it was cancelled, missed or failed. */
  reason: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The placeholder other tools' templates use for the custom text. */
export const CUSTOM_TEXT_MARKER = '#CUSTOMTEXT#';
