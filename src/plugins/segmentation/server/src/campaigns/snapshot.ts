/**
 * What a send uses, fixed when it starts (later edits of the templates do not change it): per
 * channel of the mailing (issue 20) its template — the e-mail template with an approved sender,
 * the SMS template with the sender id and the opt-out line, the letter template — each checked as
 * the editor checks it. A channel's template is required only when the mailing has that channel.
 */
import type { Core } from '@strapi/strapi';
import { channelsOf, mailingChannelOf } from '../../../shared/channels';
import { validationError } from '../common/errors';
import type { Scope } from '../common/scope';
import { pluginConfig } from '../config';
import type { TemplateContent } from '../templates/render';
import { templateVersion } from '../templates/service';
import { TEMPLATE_UID, localeFor, orderLocales } from '../templates/records';
import { TEMPLATE_LANGUAGES, type TemplateInput } from '../../../shared/template';
import { getService } from '../services';

/** One other localisation of a template (issue 21): what a holder of that language gets. */
export interface LocalisedPart {
  content: TemplateContent;
  /** templateVersion(content): the version a delivery in this language records. */
  version: string;
  /** E-mail: the sender's display name of this language (the address is the template's). */
  from?: { name: string; address: string };
}

/** The localisations of a template by locale, the main one (`content` / `version` beside it) included. */
export type Localisations = Record<string, LocalisedPart>;

export interface Snapshot {
  /**
   * The mailing's language: 'holder' (each holder the localisation of their language, else the
   * template's main one) or a locale every holder gets (where the template has it). Absent: 'holder'.
   */
  language?: string;
  /** The e-mail template's localisations (absent: it has one, `content`). */
  locales?: Localisations;
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
  sms?: { content: TemplateContent; from: string; optOut: string; version: string; template: string; locales?: Localisations };
  /** The letter of a mailing with a post part. */
  letter?: { content: TemplateContent; version: string; template: string; locales?: Localisations };
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

const TEMPLATE_POPULATE = { image: true, sender: true, attachments: true } as const;

/**
 * Every localisation of a mailing's template (the campaign links the entry of one of them), the
 * main one first (Dutch when it has one, else the first of nl, fr, en, de).
 */
async function localisationsOf(strapi: Core.Strapi, t: Populated): Promise<Populated[]> {
  const rows = (await strapi.db.query(TEMPLATE_UID).findMany({ where: { documentId: t.documentId }, populate: TEMPLATE_POPULATE })) as Populated[];
  if (rows.length === 0) return [t];
  const order = orderLocales(rows.map((r) => String(r.locale ?? 'nl')));
  return order.map((l) => rows.find((r) => String(r.locale ?? 'nl') === l)!);
}

/** The mailing's language (the campaign attribute `language`; absent or unknown: 'holder'). */
function mailingLanguage(campaign: Record<string, unknown>): string {
  const language = campaign.language;
  return typeof language === 'string' && (TEMPLATE_LANGUAGES as readonly string[]).includes(language) ? language : 'holder';
}

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
  /** Each localisation checked; the main one's first. A mailing forced into one language needs only that one (else the main one). */
  const localised = async (t: Populated | null | undefined, field: string, channel: TemplateInput['channel'], what: string) => {
    if (!t) throw missing(field, what);
    const all = await localisationsOf(strapi, t);
    const wanted = language === 'holder' ? all : all.filter((r, i) => i === 0 || String(r.locale ?? 'nl') === language);
    const parts: { locale: string; input: TemplateInput; content: TemplateContent }[] = [];
    for (const row of wanted) parts.push({ locale: String(row.locale ?? 'nl'), ...(await checked(row, field, channel, what)) });
    return parts;
  };
  const localisations = <T extends LocalisedPart>(parts: { locale: string }[], part: (i: number) => T): Localisations | undefined =>
    parts.length > 1 ? Object.fromEntries(parts.map((p, i) => [p.locale, part(i)])) : undefined;
  const language = mailingLanguage(campaign);
  const snapshot: Snapshot = { scope, segment: (campaign.segment as { documentId?: string } | null)?.documentId ?? null };
  if (language !== 'holder') snapshot.language = language;
  if (channels.includes('email')) {
    const t = campaign.template as Populated | null;
    const parts = await localised(t, 'template', 'email', 'an e-mail template');
    const { input, content } = parts[0]!;
    const sender = input.sender ? await getService(strapi, 'senders').approved(input.sender) : null;
    if (!sender)
      throw validationError('The template needs an approved sender address', [
        { path: ['template', 'sender'], message: 'Only an approved sender address can be used' },
      ]);
    const fromOf = (i: TemplateInput) => ({ name: i.senderName || sender.displayName || sender.email, address: sender.email });
    Object.assign(snapshot, {
      content,
      version: templateVersion(content),
      from: fromOf(input),
      replyTo: input.replyTo ?? null,
      template: t!.documentId,
    });
    const locales = localisations(parts, (i) => ({ content: parts[i]!.content, version: templateVersion(parts[i]!.content), from: fromOf(parts[i]!.input) }));
    if (locales) snapshot.locales = locales;
  }
  if (channels.includes('sms')) {
    const t = campaign.smsTemplate as Populated | null;
    const parts = await localised(t, 'smsTemplate', 'sms', 'an SMS template');
    const { content } = parts[0]!;
    const settings = pluginConfig(strapi).sms;
    const optOut = settings.optOut.split('{from}').join(settings.from);
    snapshot.sms = { content, from: settings.from, optOut, version: templateVersion(content), template: t!.documentId };
    const locales = localisations(parts, (i) => ({ content: parts[i]!.content, version: templateVersion(parts[i]!.content) }));
    if (locales) snapshot.sms.locales = locales;
  }
  if (channels.includes('post')) {
    const t = campaign.letterTemplate as Populated | null;
    const parts = await localised(t, 'letterTemplate', 'letter', 'a letter template');
    const { content } = parts[0]!;
    snapshot.letter = { content, version: templateVersion(content), template: t!.documentId };
    const locales = localisations(parts, (i) => ({ content: parts[i]!.content, version: templateVersion(parts[i]!.content) }));
    if (locales) snapshot.letter.locales = locales;
  }
  return snapshot;
}

/**
 * The localisation of a snapshot part a holder gets (issue 21): the mailing's forced language when
 * the template has it, else the holder's language when it has it, else the main one. Undefined: the
 * template has one language (the part's own `content`).
 */
export function localisationFor(locales: Localisations | undefined, holderLanguage: string | null | undefined, forced: string | undefined): string | undefined {
  if (!locales) return undefined;
  return localeFor(Object.keys(locales), holderLanguage, forced);
}
