/** Calls to the plugin's admin routes for mail templates and sender addresses (/segmentation/...). */
import { useFetchClient } from '@strapi/strapi/admin';
import type { SenderStatus, TemplateInput } from '../../../shared/template';

export const BASE = '/plugins/mailings';

export interface MediaFile {
  id: number;
  name?: string;
  url: string;
  width?: number | null;
  height?: number | null;
  mime?: string;
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

export interface MailTemplate extends Omit<TemplateInput, 'image' | 'sender'> {
  documentId: string;
  /** The partner it belongs to; null = programme-wide (made by an administrator). */
  cardSystem?: string | null;
  updatedAt: string;
  image?: MediaFile | null;
  sender?: SenderAddress | null;
  owner?: { firstname?: string; lastname?: string } | null;
  /** The subject as the made-up sample holder reads it (list and single template). */
  sampleSubject?: string | null;
}

export interface HouseStyle {
  key: string;
  name: string;
  primaryColor: string;
  accentColor: string;
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

/** Who a preview or test mail is personalised for: a UID, or (none) a random holder, of `segment` when given. */
export interface Personalise {
  uid?: string;
  segment?: string;
}

/** The card system a template or sender address is filed under (not part of the mail itself). */
export type Filed = { cardSystem?: string | null };

export function useTemplatesApi() {
  const { get, post, put, del } = useFetchClient();
  return {
    list: async (params: Record<string, string | number>) =>
      (await get<{ results: MailTemplate[]; pagination: { total: number } }>('/segmentation/templates', { params })).data,
    get: async (documentId: string) => (await get<MailTemplate>(`/segmentation/templates/${documentId}`)).data,
    create: async (data: TemplateInput & Filed) => (await post<MailTemplate>('/segmentation/templates', data)).data,
    update: async (documentId: string, data: TemplateInput & Filed) => (await put<MailTemplate>(`/segmentation/templates/${documentId}`, data)).data,
    duplicate: async (documentId: string) => (await post<MailTemplate>(`/segmentation/templates/${documentId}/duplicate`, {})).data,
    remove: async (documentId: string) => del(`/segmentation/templates/${documentId}`),
    preview: async (template: TemplateInput, who: Personalise, signal?: AbortSignal) =>
      (await post<Preview>('/segmentation/templates/preview', { template, ...who }, { signal })).data,
    test: async (template: TemplateInput, recipients: string, who: Personalise) =>
      (await post<TestResult>('/segmentation/templates/test', { template, recipients, ...who })).data,
    houseStyles: async () => (await get<HouseStyle[]>('/segmentation/house-styles')).data,
    senders: async (status?: SenderStatus) => (await get<SenderAddress[]>('/segmentation/senders', { params: status ? { status } : {} })).data,
    requestSender: async (data: { email: string; displayName: string | null } & Filed) => (await post<SenderAddress>('/segmentation/senders', data)).data,
    resendVerification: async (documentId: string) => post(`/segmentation/senders/${documentId}/verification`, {}),
    approveSender: async (documentId: string) => (await post<SenderAddress>(`/segmentation/senders/${documentId}/approve`, {})).data,
    rejectSender: async (documentId: string) => (await post<SenderAddress>(`/segmentation/senders/${documentId}/reject`, {})).data,
  };
}
