/**
 * What a send uses, fixed when it starts (later edits of the templates do not change it): per
 * channel of the mailing (issue 20) its template — the e-mail template with an approved sender,
 * the SMS template with the sender id and the opt-out line, the letter template — each checked as
 * the editor checks it. A channel's template is required only when the mailing has that channel.
 */
import type { Core } from '@strapi/strapi';
import { channelsOf, mailingChannelOf } from '../../../shared/channels';
import type { TemplateInput } from '../../../shared/template';
import { validationError } from '../common/errors';
import type { Scope } from '../common/scope';
import { pluginConfig } from '../config';
import type { TemplateContent } from '../templates/render';
import { templateVersion } from '../templates/service';
import { getService } from '../services';

export interface Snapshot {
  /** The e-mail template (mailings without e-mail: absent). */
  content?: TemplateContent;
  /** templateVersion(content): each delivery records it as the version it was rendered from. */
  version?: string;
  from?: { name: string; address: string };
  replyTo?: string | null;
  scope: Scope;
  segment: string | null;
  template?: string;
  /** The SMS of a mailing with an SMS part: its Liquid text and the sender id; the opt-out line follows the text. */
  sms?: { content: TemplateContent; from: string; optOut: string; version: string; template: string };
  /** The letter of a mailing with a post part. */
  letter?: { content: TemplateContent; version: string; template: string };
}

type Populated = Record<string, unknown> & {
  documentId: string;
  image?: { id?: number } | null;
  sender?: { documentId?: string } | null;
  attachments?: { id: number }[] | null;
};

const FIELDS = [
  'name',
  'channel',
  'language',
  'subject',
  'preheader',
  'format',
  'houseStyle',
  'html',
  'imageAlt',
  'body',
  'buttonText',
  'buttonUrl',
  'senderName',
  'replyTo',
  'senderBlock',
  'place',
  'signature',
  'text',
];

/** A campaign's populated template as the templates service's input (what a send renders). */
export function templateInputOf(t: Populated) {
  return {
    ...Object.fromEntries(FIELDS.map((k) => [k, t[k] ?? null])),
    channel: t.channel ?? 'email',
    subject: t.subject ?? '',
    image: t.image?.id ?? null,
    sender: t.sender?.documentId ?? null,
    attachments: (t.attachments ?? []).map((f) => f.id),
  };
}

const missing = (field: string, what: string) => validationError(`Choose ${what} first`, [{ path: [field], message: `This mailing needs ${what}` }]);

export async function snapshotOf(strapi: Core.Strapi, campaign: Record<string, unknown>, scope: Scope): Promise<Snapshot> {
  const templates = getService(strapi, 'templates');
  const channels = channelsOf(mailingChannelOf(campaign.channel));
  const checked = async (t: Populated | null | undefined, field: string, channel: TemplateInput['channel'], what: string) => {
    if (!t) throw missing(field, what);
    const input = templates.parse(templateInputOf(t));
    if (input.channel !== channel)
      throw validationError(`The ${field} is no ${channel} template`, [{ path: [field], message: `Choose a template made for ${channel}` }]);
    await templates.validate(input);
    return { input, content: (await templates.content(input)).content };
  };
  const snapshot: Snapshot = { scope, segment: (campaign.segment as { documentId?: string } | null)?.documentId ?? null };
  if (channels.includes('email')) {
    const t = campaign.template as Populated | null;
    const { input, content } = await checked(t, 'template', 'email', 'an e-mail template');
    const sender = input.sender ? await getService(strapi, 'senders').approved(input.sender) : null;
    if (!sender)
      throw validationError('The template needs an approved sender address', [
        { path: ['template', 'sender'], message: 'Only an approved sender address can be used' },
      ]);
    Object.assign(snapshot, {
      content,
      version: templateVersion(content),
      from: { name: input.senderName || sender.displayName || sender.email, address: sender.email },
      replyTo: input.replyTo ?? null,
      template: t!.documentId,
    });
  }
  if (channels.includes('sms')) {
    const t = campaign.smsTemplate as Populated | null;
    const { content } = await checked(t, 'smsTemplate', 'sms', 'an SMS template');
    const settings = pluginConfig(strapi).sms;
    const optOut = settings.optOut.split('{from}').join(settings.from);
    snapshot.sms = { content, from: settings.from, optOut, version: templateVersion(content), template: t!.documentId };
  }
  if (channels.includes('post')) {
    const t = campaign.letterTemplate as Populated | null;
    const { content } = await checked(t, 'letterTemplate', 'letter', 'a letter template');
    snapshot.letter = { content, version: templateVersion(content), template: t!.documentId };
  }
  return snapshot;
}
