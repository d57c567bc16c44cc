/** Event-message rows as the API answers them, and the input as the row stores it. */
import type { EventMessage, EventMessageInput, LanguageMode, MessageChannel, Timing } from '../../../shared/event-messages';
import type { EventRow, MessageRow } from './queries';
import { eventInstant } from './timing';

const iso = (ms: number | string | null): string | null => (ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString());

function json<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function inputOf(row: MessageRow): EventMessageInput {
  return {
    name: row.name,
    channel: row.channel as MessageChannel,
    template: row.template,
    recipients: json(row.recipients, { kind: 'all' }),
    consents: json(row.consents, { mode: 'any', require: [], exclude: [] }),
    language: row.language as LanguageMode,
    timing: row.timing as Timing,
    hours: row.hours,
    customText: row.custom_text,
  };
}

export function messageOf(row: MessageRow): EventMessage & { recipientCount: number | null } {
  return {
    id: Number(row.id),
    event: row.event_key,
    ...inputOf(row),
    status: row.status,
    dueAt: iso(row.due_at),
    sentAt: iso(row.sent_at),
    campaign: row.campaign_document_id,
    recipientCount: row.recipient_count === null ? null : Number(row.recipient_count),
    reason: row.reason,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}

/** The columns of an input. */
export function columnsOf(input: EventMessageInput) {
  return {
    name: input.name,
    channel: input.channel,
    template: input.template,
    recipients: JSON.stringify(input.recipients),
    consents: JSON.stringify(input.consents),
    language: input.language,
    timing: input.timing,
    hours: input.timing === 'now' ? null : (input.hours ?? null),
    custom_text: input.customText,
  };
}

/** An event as the admin's list shows it. */
export function eventOf(row: EventRow, messages: number) {
  const at = (value: string | null) => {
    const ms = eventInstant(value);
    return ms === null ? null : new Date(ms).toISOString();
  };
  return {
    key: row.key,
    name: row.name,
    startsAt: at(row.starts_at),
    endsAt: at(row.ends_at),
    cancelled: Boolean(row.cancelled),
    counter: row.counter_key ? { key: row.counter_key, name: row.counter_name ?? row.counter_key } : null,
    cardSystem: row.card_system_key ? { key: row.card_system_key, name: row.card_system_name ?? row.card_system_key } : null,
    messages,
  };
}
