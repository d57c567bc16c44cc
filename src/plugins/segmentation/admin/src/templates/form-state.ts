/** The template editor's form: plain strings while editing, the shared input schema when sent. */
import { PERSONALISATION_VARIABLES } from '../../../shared/personalisation';
import type { TemplateInput } from '../../../shared/template';
import type { MailTemplate, MediaFile } from './api';

export type TemplateLanguage = TemplateInput['language'];

export interface TemplateForm {
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
}

/** The variables the editor suggests: the Dutch names (the English equivalents keep working; the server refuses any other). */
export const TEMPLATE_VARIABLES = PERSONALISATION_VARIABLES.map((v) => v.dutch);

export const emptyForm = (): TemplateForm => ({
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
});

export function toForm(t: MailTemplate): TemplateForm {
  return {
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
  };
}

const orNull = (s: string) => (s.trim() ? s : null);

/** What the server expects (empty fields as null, the image as its Media Library id). */
export function toInput(f: TemplateForm): TemplateInput {
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

/** A preview needs the parts a mail cannot do without; the name does not matter yet. */
export function previewable(f: TemplateForm): TemplateInput | null {
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
