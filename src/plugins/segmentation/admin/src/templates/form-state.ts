/** The template editor's form: plain strings while editing, the shared input schema when sent. */
import { PERSONALISATION_VARIABLES } from '../../../shared/personalisation';
import type { TemplateInput } from '../../../shared/template';
import type { EmailPayload, MailTemplate, MediaFile, TemplateChannel, TemplatePayload } from './api';

export type TemplateLanguage = TemplateInput['language'];

export interface TemplateForm {
  /** E-mail, letter or SMS: chosen when the template is made. */
  channel: TemplateChannel;
  name: string;
  language: TemplateLanguage;
  format: 'house' | 'html';
  houseStyle: string;
  subject: string;
  preheader: string;
  image: MediaFile | null;
  imageAlt: string;
  body: string;
  html: string;
  buttonText: string;
  buttonUrl: string;
  senderName: string;
  sender: string;
  replyTo: string;
  /** E-mail: files from the Media Library sent with the mail. */
  attachments: MediaFile[];
  /** The server knows attachments (the template came with the field): sent even when empty. */
  sendAttachments: boolean;
  /** Letter: sender block and signature (several lines), place (as in "Gent, 7 december 2026"). */
  senderBlock: string;
  place: string;
  signature: string;
  /** SMS: the text, with Liquid. */
  text: string;
}

/** The variables the editor suggests: the Dutch names (the English equivalents keep working; the server refuses any other). */
export const TEMPLATE_VARIABLES = PERSONALISATION_VARIABLES.map((v) => v.dutch);

export const emptyForm = (channel: TemplateChannel = 'email'): TemplateForm => ({
  channel,
  name: '',
  language: 'nl',
  format: 'house',
  houseStyle: 'neutral',
  subject: '',
  preheader: '',
  image: null,
  imageAlt: '',
  body: '',
  html: '',
  buttonText: '',
  buttonUrl: '',
  senderName: '',
  sender: '',
  replyTo: '',
  attachments: [],
  sendAttachments: false,
  senderBlock: '',
  place: '',
  signature: '',
  text: '',
});

export function toForm(t: MailTemplate): TemplateForm {
  return {
    channel: t.channel ?? 'email',
    name: t.name ?? '',
    language: t.language ?? 'nl',
    format: t.format ?? 'house',
    houseStyle: t.houseStyle ?? 'neutral',
    subject: t.subject ?? '',
    preheader: t.preheader ?? '',
    image: t.image ?? null,
    imageAlt: t.imageAlt ?? '',
    body: t.body ?? '',
    html: t.html ?? '',
    buttonText: t.buttonText ?? '',
    buttonUrl: t.buttonUrl ?? '',
    senderName: t.senderName ?? '',
    sender: t.sender?.documentId ?? '',
    replyTo: t.replyTo ?? '',
    attachments: t.attachments ?? [],
    sendAttachments: Array.isArray(t.attachments),
    senderBlock: t.senderBlock ?? '',
    place: t.place ?? '',
    signature: t.signature ?? '',
    text: t.text ?? '',
  };
}

const orNull = (s: string) => (s.trim() ? s : null);

/** What the server expects (empty fields as null, the image as its Media Library id). */
export function toInput(f: TemplateForm): EmailPayload {
  const house = f.format === 'house';
  return {
    name: f.name,
    channel: 'email',
    language: f.language,
    format: f.format,
    subject: f.subject,
    preheader: orNull(f.preheader),
    houseStyle: house ? orNull(f.houseStyle) : null,
    html: house ? null : orNull(f.html),
    image: house ? (f.image?.id ?? null) : null,
    imageAlt: house ? orNull(f.imageAlt) : null,
    body: house ? orNull(f.body) : null,
    buttonText: house ? orNull(f.buttonText) : null,
    buttonUrl: house ? orNull(f.buttonUrl) : null,
    senderName: orNull(f.senderName),
    sender: orNull(f.sender),
    replyTo: orNull(f.replyTo),
  };
}

/**
 * What is saved, by channel: an e-mail template as before channels (no `channel` key, its default;
 * `attachments` only when there are any or the server sent the field), a letter or an SMS with its own fields.
 */
export function toPayload(f: TemplateForm): TemplatePayload {
  switch (f.channel) {
    case 'letter':
      return {
        channel: 'letter',
        name: f.name,
        language: f.language,
        subject: f.subject,
        body: f.body,
        houseStyle: orNull(f.houseStyle),
        image: f.image?.id ?? null,
        senderBlock: orNull(f.senderBlock),
        place: orNull(f.place),
        signature: orNull(f.signature),
      };
    case 'sms':
      return { channel: 'sms', name: f.name, language: f.language, text: f.text };
    default: {
      const input = toInput({ ...f, channel: 'email' });
      return f.attachments.length || f.sendAttachments ? { ...input, attachments: f.attachments.map((a) => a.id) } : input;
    }
  }
}

/** A preview of a letter or SMS needs its text; the name does not matter yet. */
export function previewablePayload(f: TemplateForm): TemplatePayload | null {
  if (f.channel === 'sms' ? !f.text.trim() : f.channel === 'letter' ? !f.subject.trim() || !f.body.trim() : true) return null;
  const payload = toPayload(f);
  return { ...payload, name: payload.name.trim() || 'preview' };
}

/** A preview needs the parts a mail cannot do without; the name does not matter yet. */
export function previewable(f: TemplateForm): EmailPayload | null {
  if (f.channel !== 'email') return null;
  if (!f.subject.trim() || !(f.format === 'house' ? f.body.trim() : f.html.trim())) return null;
  const input = toInput(f);
  return { ...input, name: input.name.trim() || 'preview' };
}

/** An uploaded file's address as the admin panel can load it. */
export function fileUrl(url: string): string {
  if (/^https?:\/\//.test(url)) return url;
  const backend = (window as unknown as { strapi?: { backendURL?: string } }).strapi?.backendURL ?? '';
  return `${backend}${url}`;
}
