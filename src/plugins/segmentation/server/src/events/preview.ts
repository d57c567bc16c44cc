/**
 * The message form's preview and test: the message's template with its custom text and the event's
 * variables filled in (message-text.ts), personalised for a given ticket holder or the first one,
 * rendered and sent by the templates' own preview and test services (e-mail: a test mail to the
 * signed-in admin or a given address; SMS: a test SMS to a given number).
 */
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { parseInput, validationError } from '../common/errors';
import type { Scope } from '../common/scope';
import { getService } from '../services';
import { templateInputOf } from '../campaigns/snapshot';
import { channelPreviews } from '../templates/channel-previews';
import { localeFor, templateRecords } from '../templates/records';
import type { TemplateInput } from '../../../shared/template';
import type { EventMessageInput } from '../../../shared/event-messages';
import type { EventRow } from './queries';
import { fillMessageText, messageValuesOf, valuesIn } from './message-text';
import { parseMessage } from './validate';

const TEMPLATE_UID = 'plugin::segmentation.mail-template';
const TEXT_FIELDS = ['subject', 'preheader', 'html', 'body', 'buttonText', 'text'] as const;

export const previewSchema = z.strictObject({ message: z.unknown(), uid: z.string().trim().min(1).max(255).optional() });
export const testSchema = z.strictObject({
  message: z.unknown(),
  email: z.string().trim().max(320).optional(),
  phone: z.string().trim().max(64).optional(),
});

/** The first ticket holder of the event (by holder id) in the event's card system, or null. */
async function firstTicketHolder(strapi: Core.Strapi, event: EventRow): Promise<string | null> {
  const q = strapi.db.connection('seg_actions as a').join('seg_holders as h', 'h.id', 'a.holder_id').where({ 'a.event_id': event.id, 'a.type': 'TICKET' });
  if (event.card_system_key)
    q.whereExists((w) =>
      w
        .from('seg_holder_card_systems as hc')
        .join('seg_card_systems as cs', 'cs.id', 'hc.card_system_id')
        .whereRaw('hc.holder_id = h.id')
        .where('cs.key', event.card_system_key!),
    );
  const row = (await q.orderBy('h.id').first('h.uid')) as { uid: string } | undefined;
  return row?.uid ?? null;
}

/** The holder's language as imported (null: none, or no such holder). */
async function holderLanguage(strapi: Core.Strapi, uid: string): Promise<string | null> {
  const row = (await strapi.db.connection('seg_holders').where({ uid }).first('language')) as { language: string | null } | undefined;
  return row?.language ?? null;
}

export function messagePreviews(strapi: Core.Strapi) {
  const channels = channelPreviews(strapi);

  async function prepare(event: EventRow, body: unknown, scope: Scope, uid?: string) {
    const input: EventMessageInput = await parseMessage(strapi, body, event, scope);
    const holder = uid ?? (await firstTicketHolder(strapi, event));
    if (!holder) throw validationError('The event has no ticket holders to personalise for', [{ path: ['uid'], message: 'No ticket holder found' }]);
    // The localisation this holder gets when the message is sent, its dates in that language.
    const { locales } = await templateRecords(strapi).localesOf(input.template, scope);
    const locale = localeFor(locales, await holderLanguage(strapi, holder), input.language);
    const doc = await strapi
      .documents(TEMPLATE_UID)
      .findOne({ documentId: input.template, locale, populate: { image: true, sender: true, attachments: true } });
    const template = getService(strapi, 'templates').parse(templateInputOf(doc as Parameters<typeof templateInputOf>[0])) as TemplateInput;
    const values = valuesIn(messageValuesOf(event, input), template.language);
    const filled = { ...template } as Record<string, unknown>;
    for (const field of TEXT_FIELDS) if (typeof filled[field] === 'string') filled[field] = fillMessageText(filled[field], values);
    return { input, template: filled as TemplateInput, personalise: { uid: holder }, scope };
  }

  return {
    async preview(event: EventRow, body: unknown, scope: Scope) {
      const req = parseInput(previewSchema, body);
      const p = await prepare(event, req.message, scope, req.uid);
      if (p.input.channel === 'sms') {
        const sms = await channels.sms(p.template, p.personalise, scope, null);
        const r = sms.recipient;
        return {
          holder: { uid: r.uid, firstName: r.firstName, lastName: r.lastName },
          language: p.template.language,
          text: sms.text,
          parts: sms.parts,
        };
      }
      const { recipient: r, mail } = await getService(strapi, 'templates').preview(p.template, p.personalise, scope);
      return {
        holder: { uid: r.uid, firstName: r.firstName, lastName: r.lastName },
        language: p.template.language,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
      };
    },

    async test(event: EventRow, body: unknown, scope: Scope, user: { id: number | null; email: string | null }) {
      const req = parseInput(testSchema, body);
      const p = await prepare(event, req.message, scope);
      const userKey = `user:${user.id ?? 'anonymous'}`;
      if (p.input.channel === 'sms') {
        if (!req.phone) throw validationError('Give a mobile number for the test SMS', [{ path: ['phone'], message: 'A mobile number is required' }]);
        return channels.testSms(p.template, [req.phone], p.personalise, scope, null, userKey);
      }
      const to = req.email || user.email;
      if (!to) throw validationError('Give an address for the test mail', [{ path: ['email'], message: 'An e-mail address is required' }]);
      return getService(strapi, 'templates').sendTest(p.template, [to], p.personalise, scope, userKey);
    },
  };
}
