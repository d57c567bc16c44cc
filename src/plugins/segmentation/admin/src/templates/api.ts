/** Calls to the plugin's admin routes for mail templates and sender addresses (/segmentation/...). */
import { useAuth, useFetchClient } from '@strapi/strapi/admin';
import type { SmsParts } from '../../../shared/sms';
import type { SenderStatus, TemplateInput } from '../../../shared/template';

export const BASE = '/plugins/mailings';

export interface MediaFile {
  id: number;
  name?: string;
  url: string;
  width?: number | null;
  height?: number | null;
  mime?: string;
  /** In kB, as the Media Library stores it. */
  size?: number;
  ext?: string;
  formats?: Record<string, { url: string; width: number }> | null;
}

export interface SenderAddress {
  documentId: string;
  email: string;
  displayName: string | null;
  cardSystem: string | null;
  status: SenderStatus;
  verifiedAt?: string | null;
  approvedAt?: string | null;
}

export type TemplateChannel = 'email' | 'letter' | 'sms';

/** An e-mail template as saved (without `channel`: e-mail, as before channels), with its attachments' Media Library ids. */
type ChannelKeys = 'channel' | 'attachments' | 'senderBlock' | 'place' | 'signature' | 'text';
export type EmailPayload = Omit<TemplateInput, ChannelKeys> & { channel?: 'email'; attachments?: number[] };
export interface LetterPayload {
  channel: 'letter';
  name: string;
  language: TemplateInput['language'];
  subject: string;
  body: string;
  houseStyle: string | null;
  image: number | null;
  senderBlock: string | null;
  place: string | null;
  signature: string | null;
}
export interface SmsPayload {
  channel: 'sms';
  name: string;
  language: TemplateInput['language'];
  text: string;
}
export type TemplatePayload = EmailPayload | LetterPayload | SmsPayload;

export interface MailTemplate extends Omit<TemplateInput, 'image' | 'sender' | 'subject' | ChannelKeys> {
  documentId: string;
  channel?: TemplateChannel;
  subject?: string;
  attachments?: MediaFile[] | null;
  senderBlock?: string | null;
  place?: string | null;
  signature?: string | null;
  text?: string | null;
  /** The partner it belongs to; null = programme-wide (made by an administrator). */
  cardSystem?: string | null;
  updatedAt: string;
  image?: MediaFile | null;
  sender?: SenderAddress | null;
  owner?: { firstname?: string; lastname?: string } | null;
  /** Its languages (Strapi i18n locales), main one first; `language` is the one shown. */
  locales?: TemplateInput['language'][];
  /** The subject as the made-up sample holder reads it (list and single template). */
  sampleSubject?: string | null;
}

export interface HouseStyle {
  key: string;
  name: string;
  primaryColor: string;
  accentColor: string;
  logoUrl?: string | null;
  /** The card systems whose new templates start with this style. */
  cardSystems?: string[];
}

export interface Recipient {
  uid: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  chosen?: 'uid' | 'random';
}

export interface Warning {
  code: string;
  field: string;
  message: string;
}

export interface Preview {
  recipient: Recipient;
  mail: { subject: string; preheader: string; html: string; text: string };
  warnings: Warning[];
}

export interface TestResult {
  sent: string[];
  monitor: string;
  recipient: Recipient;
}

/** An SMS as the holder gets it (before the opt-out line), and how it is cut into parts. */
export interface SmsPreview {
  text: string;
  parts: SmsParts;
  recipient?: Recipient;
  warnings?: Warning[];
}

/** Who a preview or test mail is personalised for: a UID, or (none) a random holder, of `segment` when given. */
export interface Personalise {
  uid?: string;
  segment?: string;
}

/** The card system a template or sender address is filed under (not part of the mail itself). */
export type Filed = { cardSystem?: string | null };

export function useTemplatesApi() {
  const { get, post, put, del } = useFetchClient();
  const token = useAuth('useTemplatesApi', (state) => state.token);
  return {
    list: async (params: Record<string, string | number>) =>
      (await get<{ results: MailTemplate[]; pagination: { total: number } }>('/segmentation/templates', { params })).data,
    get: async (documentId: string, locale?: string) =>
      (await get<MailTemplate>(`/segmentation/templates/${documentId}`, { params: locale ? { locale } : {} })).data,
    create: async (data: TemplatePayload & Filed) => (await post<MailTemplate>('/segmentation/templates', data)).data,
    /** With `locale`: that localisation (made when the template does not have it yet). */
    update: async (documentId: string, data: TemplatePayload & Filed, locale?: string) =>
      (await put<MailTemplate>(`/segmentation/templates/${documentId}${locale ? `?locale=${locale}` : ''}`, data)).data,
    duplicate: async (documentId: string) => (await post<MailTemplate>(`/segmentation/templates/${documentId}/duplicate`, {})).data,
    remove: async (documentId: string) => del(`/segmentation/templates/${documentId}`),
    /** Deletes one localisation (the last one: the template). */
    removeLocale: async (documentId: string, locale: string) =>
      (await del<{ documentId: string; locales?: string[] }>(`/segmentation/templates/${documentId}?locale=${locale}`)).data,
    preview: async (template: EmailPayload, who: Personalise, signal?: AbortSignal) =>
      (await post<Preview>('/segmentation/templates/preview', { template, ...who }, { signal })).data,
    test: async (template: EmailPayload, recipients: string, who: Personalise) =>
      (await post<TestResult>('/segmentation/templates/test', { template, recipients, ...who })).data,
    smsPreview: async (template: SmsPayload, who: Personalise, signal?: AbortSignal) =>
      (await post<SmsPreview>('/segmentation/templates/preview', { template, ...who }, { signal })).data,
    testSms: async (template: SmsPayload, numbers: string, who: Personalise) =>
      (await post<{ sent: number }>('/segmentation/templates/test-sms', { template, numbers, ...who })).data,
    /** The letter as a PDF (the fetch client reads POST answers as JSON only); errors in the fetch client's shape. */
    letterPreview: async (template: LetterPayload, who: Personalise, signal?: AbortSignal): Promise<Blob> => {
      const backend = (window as unknown as { strapi: { backendURL: string } }).strapi.backendURL;
      const res = await fetch(`${backend}/segmentation/templates/preview-letter`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/pdf, application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ template, ...who }),
        signal,
      });
      if (!res.ok) {
        const data = await res.json().catch(() => ({}));
        throw Object.assign(new Error(data?.error?.message ?? res.statusText), { status: res.status, response: { data } });
      }
      return res.blob();
    },
    houseStyles: async () => (await get<HouseStyle[]>('/segmentation/house-styles')).data,
    senders: async (status?: SenderStatus) => (await get<SenderAddress[]>('/segmentation/senders', { params: status ? { status } : {} })).data,
    requestSender: async (data: { email: string; displayName: string | null } & Filed) => (await post<SenderAddress>('/segmentation/senders', data)).data,
    resendVerification: async (documentId: string) => post(`/segmentation/senders/${documentId}/verification`, {}),
    approveSender: async (documentId: string) => (await post<SenderAddress>(`/segmentation/senders/${documentId}/approve`, {})).data,
    rejectSender: async (documentId: string) => (await post<SenderAddress>(`/segmentation/senders/${documentId}/reject`, {})).data,
  };
}
