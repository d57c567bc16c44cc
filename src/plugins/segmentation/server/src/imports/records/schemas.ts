/**
 * One record schema per import entity (docs/api.md, "Import"), used for NDJSON and CSV alike (CSV
 * cells are first turned into the same JSON values: csv-cells.ts). Every field but the key may be
 * left out on a line that updates a stored record; the fields a new record needs (REQUIRED_FOR_NEW)
 * are checked in batch.ts, where it is known whether the key is stored.
 * `null` on an optional field clears it.
 */
import { z } from 'zod';
import { isCalendarDate } from '../../../../shared/calendar';

/** Text a database stores as given: no NUL character, no half of a UTF-16 surrogate pair. */
const storable = (s: string) => !s.includes('\0') && (s as string & { isWellFormed(): boolean }).isWellFormed();
const UNSTORABLE = 'Contains a NUL character or a lone surrogate, which cannot be stored';
const key = z.string().trim().min(1, 'Expected a non-empty key').max(255, 'At most 255 characters').refine(storable, UNSTORABLE);
const text = (max: number) => z.string().max(max, `At most ${max} characters`).refine(storable, UNSTORABLE);
const date = z.string().refine(isCalendarDate, 'Expected a date YYYY-MM-DD that exists');
const TIME = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
/** ISO 8601 date or date-time; `withOffset`: a date-time that fixes the instant (offset or Z). */
function isoTime(value: string, withOffset: boolean): boolean {
  const m = TIME.exec(value);
  if (!m || !isCalendarDate(m[1]!)) return false;
  if (withOffset && !m[5]) return false;
  if (m[2] !== undefined) {
    const [h, min, sec] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
    if (h > 24 || min > 59 || sec > 59 || (h === 24 && min + sec > 0)) return false;
  }
  return !withOffset || !Number.isNaN(Date.parse(value));
}
/** An instant: ISO 8601 date-time with an offset or Z (without one, the instant is unknown). */
const instant = z.string().refine((s) => isoTime(s, true), 'Expected an ISO 8601 date-time with an offset or Z, e.g. 2024-05-01T20:00:00+02:00');
const dateTime = z
  .string()
  .max(40)
  .refine((s) => isoTime(s, false), 'Expected an ISO 8601 date or date-time');
const int = z.number().int('Expected a whole number').min(-2_147_483_648).max(2_147_483_647);
const list = <T extends z.ZodTypeAny>(item: T) => z.array(item).max(10_000);
const clearable = <T extends z.ZodTypeAny>(schema: T) => schema.nullable().optional();

export const RECORD_SCHEMAS = {
  'card-systems': z.strictObject({ key, name: text(512).min(1).optional() }),
  counters: z.strictObject({ key, name: text(512).min(1).optional(), type: clearable(text(255)), cardSystem: clearable(key) }),
  events: z.strictObject({
    key,
    name: text(512).min(1).optional(),
    themes: clearable(list(text(255).min(1))),
    counter: clearable(key),
    startsAt: clearable(dateTime),
    endsAt: clearable(dateTime),
    /** Optional extension (issue 21): the event is cancelled; its pending event messages are cancelled. */
    cancelled: clearable(z.boolean()),
  }),
  advantages: z.strictObject({ key, name: text(512).min(1).optional(), counter: clearable(key), points: clearable(int) }),
  associations: z.strictObject({ key, name: text(512).min(1).optional(), cardSystem: clearable(key) }),
  'pass-holders': z.strictObject({
    uid: key,
    firstName: text(255).optional(),
    lastName: text(255).optional(),
    email: clearable(text(320)),
    phone: clearable(text(64)),
    birthdate: clearable(date),
    postcode: clearable(text(255)),
    street: clearable(text(512)),
    city: clearable(text(255)),
    language: clearable(z.enum(['nl', 'fr', 'en', 'de'])),
    points: clearable(int),
    kansenstatuut: clearable(z.boolean()),
    kansenstatuutEndDate: clearable(date),
    cardSystems: clearable(list(key)),
    memberships: clearable(list(z.strictObject({ association: key, endDate: clearable(date) }))),
    consents: clearable(list(text(64).min(1))),
    mailingPreference: clearable(z.enum(['email', 'post', 'both'])),
  }),
  actions: z.strictObject({
    key,
    holder: key.optional(),
    type: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]*$/, 'Expected an upper-case action type such as CHECKIN')
      .max(32)
      .optional(),
    at: instant.optional(),
    counter: clearable(key),
    event: clearable(key),
    advantage: clearable(key),
    points: clearable(int),
  }),
} as const;

export type ImportEntity = keyof typeof RECORD_SCHEMAS;
export type RecordOf<E extends ImportEntity> = z.infer<(typeof RECORD_SCHEMAS)[E]>;

/** Fields a line must give when it creates a record (those docs/api.md does not mark optional). */
export const REQUIRED_FOR_NEW: Record<ImportEntity, string[]> = {
  'card-systems': ['name'],
  counters: ['name'],
  events: ['name'],
  advantages: ['name'],
  associations: ['name'],
  'pass-holders': ['firstName', 'lastName'],
  actions: ['holder', 'type', 'at'],
};

/** The problems of a line, as one readable sentence naming the fields. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .flatMap((issue) => {
      const where = issue.path.join('.');
      if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => `unknown field '${[...issue.path, k].join('.')}'`);
      return [`${where || 'line'}: ${issue.message}`];
    })
    .join('; ');
}
