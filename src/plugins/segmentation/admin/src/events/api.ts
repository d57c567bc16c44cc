/**
 * Calls to the plugin's admin routes for events and their automatic messages (issue 21,
 * /segmentation/events/...), and their answers. The message input is the shared schema's
 * (shared/event-messages.ts); event keys are sent URL-encoded (they come from the pass system).
 */
import { useFetchClient } from '@strapi/strapi/admin';
import type { EventMessage, EventMessageInput } from '../../../shared/event-messages';
import type { CountQuery } from './form-state';

export type { CountQuery, EventMessage, EventMessageInput };

/** The events pages in the admin panel. */
export const BASE = '/plugins/events';
export const eventPath = (key: string) => `${BASE}/${encodeURIComponent(key)}`;

export interface Ref {
  key: string;
  name: string;
}

export interface EventItem {
  key: string;
  name: string;
  startsAt: string | null;
  endsAt: string | null;
  cancelled: boolean;
  /** The venue. */
  counter: Ref | null;
  cardSystem: Ref | null;
  /** How many messages the event has. */
  messages: number;
}

export interface EventDetail extends EventItem {
  ticketHolders: number;
}

export interface EventPage {
  items: EventItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface HistoryEntry {
  at: string;
  what: string;
  detail: string | null;
}

export interface HistoryRecipient {
  uid: string;
  firstName: string | null;
  lastName: string | null;
  channel: string | null;
  status: string;
  openedAt: string | null;
}

export interface MessageHistory {
  entries: HistoryEntry[];
  /** The mailing that carried the message (its statistics). */
  campaign: string | null;
  counts: { total: number; sent: number; delivered: number; opened: number; failed: number };
  recipients: { items: HistoryRecipient[]; total: number };
}

export interface PreviewHolder {
  uid: string;
  firstName: string | null;
  lastName: string | null;
}

export interface EmailPreview {
  holder: PreviewHolder;
  language: string;
  subject: string;
  html: string;
  text: string;
}

export interface SmsPreview {
  holder: PreviewHolder;
  language: string;
  text: string;
  /** Parts as the shared SMS counter says (a number, or the counter's object). */
  parts: number | { segments: number; characters?: number; encoding?: string };
}

export type MessagePreview = EmailPreview | SmsPreview;
export const isEmailPreview = (p: MessagePreview): p is EmailPreview => 'html' in p;

/** A template as a choice of the message form. */
export interface TemplateChoice {
  documentId: string;
  name: string;
  channel?: 'email' | 'letter' | 'sms';
}

export function useEventsApi() {
  const { get, post, put, del } = useFetchClient();
  const event = (key: string) => `/segmentation/events/${encodeURIComponent(key)}`;
  const messages = (key: string) => `${event(key)}/messages`;
  const message = (key: string, id: number | string) => `${messages(key)}/${encodeURIComponent(String(id))}`;
  return {
    list: async (params: { q?: string; page: number; pageSize: number }, signal?: AbortSignal) =>
      (await get<EventPage>('/segmentation/events', { params: params.q ? params : { page: params.page, pageSize: params.pageSize }, signal })).data,
    get: async (key: string) => (await get<EventDetail>(event(key))).data,
    messages: async (key: string) => (await get<{ items: EventMessage[] }>(messages(key))).data.items,
    message: async (key: string, id: number | string) => (await get<EventMessage>(message(key, id))).data,
    create: async (key: string, input: unknown) => (await post<EventMessage>(messages(key), input)).data,
    update: async (key: string, id: number | string, input: unknown) => (await put<EventMessage>(message(key, id), input)).data,
    remove: async (key: string, id: number | string) => del(message(key, id)),
    cancel: async (key: string, id: number | string) => (await post<EventMessage>(`${message(key, id)}/cancel`, {})).data,
    history: async (key: string, id: number | string) => (await get<MessageHistory>(`${message(key, id)}/history`)).data,
    count: async (key: string, query: CountQuery, signal?: AbortSignal) =>
      (await post<{ count: number }>(`${messages(key)}/count`, query, { signal })).data.count,
    preview: async (key: string, input: unknown, uid: string | undefined, signal?: AbortSignal) =>
      (await post<MessagePreview>(`${messages(key)}/preview`, uid ? { message: input, uid } : { message: input }, { signal })).data,
    test: async (key: string, input: unknown, to: { email?: string; phone?: string }) =>
      (await post<Record<string, unknown>>(`${messages(key)}/test`, { message: input, ...to })).data,
    /** The templates list the mailing pages use; the form filters it by channel. */
    templates: async () => (await get<{ results: TemplateChoice[] }>('/segmentation/templates', { params: { pageSize: 100 } })).data.results,
  };
}
