/**
 * The custom text and event variables of an event message's mailing: when its send starts, the
 * snapshot's template texts get `{{ customText }}` (or `{{ eigenTekst }}`, or `#CUSTOMTEXT#`) and
 * `{{ eventName }}`, `{{ eventStart }}`, `{{ eventEnd }}`, `{{ venue }}` (and their Dutch names)
 * replaced by the value as a Liquid string output, so the HTML part escapes it and the text part
 * has it as typed; filters stay (`{{ venue | default: "…" }}`). Every other mail has them empty
 * (templates/personalise.ts).
 */
import { DateTime } from 'luxon';
import { CUSTOM_TEXT_MARKER } from '../../../shared/event-messages';
import { MESSAGE_VARIABLES, type MessageVariable } from '../../../shared/personalisation';
import type { Localisations, Snapshot } from '../campaigns/snapshot';
import type { TemplateContent } from '../templates/render';
import type { EventMessageInput } from '../../../shared/event-messages';
import type { EventRow } from './queries';
import { eventInstant, ZONE } from './timing';

/**
 * The values of a message's variables; `times` (the event's start and end as imported) lets each
 * localisation of the template get the dates in its own language.
 */
export type MessageValues = Record<MessageVariable, string> & { times?: { start: string | null; end: string | null } };

/** A date and time in `language` (nl when none), Europe/Brussels: "woensdag 3 juni 2026 om 20:00". */
export function formatEventTime(value: string | null, language: string | null): string {
  const ms = eventInstant(value);
  if (ms === null) return '';
  return DateTime.fromMillis(ms, { zone: ZONE })
    .setLocale(language && language !== 'holder' ? language : 'nl')
    .toLocaleString({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** Liquid output of a literal text (Liquid strings have no escapes: a text with both quotes is split). */
function literal(text: string, filters = ''): string {
  if (!text.includes('"')) return `{{ "${text}"${filters} }}`;
  if (!text.includes("'")) return `{{ '${text}'${filters} }}`;
  return text
    .split('"')
    .map((part) => `{{ "${part}" }}`)
    .join(`{{ '"' }}`);
}

const NAMES = new Map<string, MessageVariable>(MESSAGE_VARIABLES.flatMap((v) => [[v.english, v.english] as const, [v.dutch, v.english] as const]));
const TAG = new RegExp(`\\{\\{-?\\s*(${[...NAMES.keys()].join('|')})\\s*((?:\\|[^}]*?)?)\\s*-?\\}\\}`, 'g');

/** `source` with the message variables and the custom-text marker filled in. */
export function fillMessageText(source: string, values: MessageValues): string {
  return source
    .replace(TAG, (_, name: string, filters: string) => literal(values[NAMES.get(name)!], filters ? ` ${filters.trim()}` : ''))
    .split(CUSTOM_TEXT_MARKER)
    .join(literal(values.customText));
}

const FIELDS = ['subject', 'preheader', 'html', 'body', 'buttonText', 'text'] as const;

/** `values` with the event's dates written in `language` (as they are when the times are unknown). */
export function valuesIn(values: MessageValues, language: string | null | undefined): MessageValues {
  if (!values.times) return values;
  return { ...values, eventStart: formatEventTime(values.times.start, language ?? null), eventEnd: formatEventTime(values.times.end, language ?? null) };
}

function fillContent(content: TemplateContent, values: MessageValues): TemplateContent {
  const out: TemplateContent = { ...content };
  for (const field of FIELDS) {
    const value = out[field];
    if (typeof value === 'string') (out as unknown as Record<string, string>)[field] = fillMessageText(value, values);
  }
  return out;
}

/**
 * A snapshot part (`content` and its localisations) filled in: each localisation with the dates in
 * its own language, the main content in the first localisation's (the template's main language).
 */
function fillPart<T extends { content: TemplateContent; locales?: Localisations }>(part: T, values: MessageValues): T {
  if (!part.locales) return { ...part, content: fillContent(part.content, values) };
  const locales: Localisations = {};
  for (const [locale, l] of Object.entries(part.locales)) locales[locale] = { ...l, content: fillContent(l.content, valuesIn(values, locale)) };
  return { ...part, content: fillContent(part.content, valuesIn(values, Object.keys(part.locales)[0])), locales };
}

/** The snapshot of a campaign; for an event message's (it has `messageValues`) with its texts filled in. */
export function withMessageText(snapshot: Snapshot, values: MessageValues | null | undefined): Snapshot {
  if (!values) return snapshot;
  const out: Snapshot = { ...snapshot };
  if (snapshot.content) Object.assign(out, fillPart({ content: snapshot.content, locales: snapshot.locales }, values));
  if (!snapshot.locales) delete out.locales;
  if (snapshot.sms) out.sms = fillPart(snapshot.sms, values);
  if (snapshot.letter) out.letter = fillPart(snapshot.letter, values);
  return out;
}

/** The event variables and the custom text of a message's mailing. */
export function messageValuesOf(event: EventRow, input: EventMessageInput): MessageValues {
  return {
    customText: input.customText,
    eventName: event.name,
    eventStart: formatEventTime(event.starts_at, input.language),
    eventEnd: formatEventTime(event.ends_at, input.language),
    venue: event.counter_name ?? '',
    times: { start: event.starts_at, end: event.ends_at },
  };
}
