/**
 * The personalisation variables of a mail, for the admin's insert menu and the server's renderer:
 * each has a Dutch name (what staff type and the insert menu inserts) and its English equivalent
 * (what templates used before and still may). The Liquid context of a mail has both.
 * Browser-safe: no Node imports.
 */

export interface PersonalisationVariable {
  /** The Dutch name, e.g. `voornaam` in `{{ voornaam }}`. */
  dutch: string;
  /** The English name the renderer offered first, e.g. `firstName`. */
  english: string;
}

/** In the order the insert menu lists them. */
export const PERSONALISATION_VARIABLES = [
  { dutch: 'voornaam', english: 'firstName' },
  { dutch: 'naam', english: 'lastName' },
  { dutch: 'punten', english: 'points' },
  { dutch: 'kaartsysteem', english: 'cardSystem' },
  { dutch: 'email', english: 'email' },
  { dutch: 'taal', english: 'language' },
  { dutch: 'uid', english: 'uid' },
  { dutch: 'uitschrijflink', english: 'unsubscribeUrl' },
] as const satisfies readonly PersonalisationVariable[];

export type EnglishVariable = (typeof PERSONALISATION_VARIABLES)[number]['english'];
export type DutchVariable = (typeof PERSONALISATION_VARIABLES)[number]['dutch'];

/**
 * The variables of event messages (issue 21): the message's custom text and the event's name, start,
 * end and venue. Filled in when an event message becomes a mailing (events/message-text.ts); empty in
 * every other mail. Not in the insert menu (templates for event messages type them).
 */
export const MESSAGE_VARIABLES = [
  { dutch: 'eigenTekst', english: 'customText' },
  { dutch: 'evenement', english: 'eventName' },
  { dutch: 'evenementStart', english: 'eventStart' },
  { dutch: 'evenementEinde', english: 'eventEnd' },
  { dutch: 'locatie', english: 'venue' },
] as const satisfies readonly PersonalisationVariable[];
export type MessageVariable = (typeof MESSAGE_VARIABLES)[number]['english'];

/** The message variables, empty (every mail but an event message's). */
export const EMPTY_MESSAGE_VARIABLES: Record<string, string> = Object.fromEntries(
  MESSAGE_VARIABLES.flatMap((v) => [
    [v.english, ''],
    [v.dutch, ''],
  ]),
);

/** Every name a template may use, Dutch first. */
export const ALL_VARIABLE_NAMES: readonly string[] = [
  ...new Set([
    ...PERSONALISATION_VARIABLES.map((v) => v.dutch),
    ...PERSONALISATION_VARIABLES.map((v) => v.english),
    ...MESSAGE_VARIABLES.map((v) => v.dutch),
    ...MESSAGE_VARIABLES.map((v) => v.english),
  ]),
];

/** The values under their English names plus the same values under their Dutch names. */
export function withDutchNames<T>(values: Record<EnglishVariable, T>): Record<EnglishVariable | DutchVariable, T> {
  const out: Record<string, T> = { ...values };
  for (const v of PERSONALISATION_VARIABLES) out[v.dutch] = values[v.english];
  return out as Record<EnglishVariable | DutchVariable, T>;
}

/**
 * The Liquid output for a variable, with a fallback when the holder has no value:
 * `{{ voornaam | default: "Hallo" }}`. The fallback is quoted with whichever quote it does not
 * contain (Liquid strings have no escapes); line breaks and a quote of both kinds are dropped.
 */
export function personalisationTag(name: string, fallback = ''): string {
  const text = fallback.replace(/[\r\n]+/g, ' ').trim();
  if (!text) return `{{ ${name} }}`;
  const quote = text.includes('"') ? (text.includes("'") ? '"' : "'") : '"';
  const safe = quote === '"' ? text.replace(/"/g, '') : text;
  return `{{ ${name} | default: ${quote}${safe}${quote} }}`;
}

/** `text` with `insert` put in place of the selection [start, end) (the cursor when equal). */
export function insertAt(text: string, insert: string, start: number, end = start): { text: string; cursor: number } {
  const a = Math.max(0, Math.min(start, text.length));
  const b = Math.max(a, Math.min(end, text.length));
  return { text: text.slice(0, a) + insert + text.slice(b), cursor: a + insert.length };
}
