/**
 * One record schema per import entity (SPEC-data-api.md, "Import"), used for NDJSON and CSV alike:
 * CSV cells are first turned into the same JSON values (empty cell = not given, lists split by `|`,
 * memberships `key:endDate|key`). Every field but the key may be left out on a line that updates a
 * stored record; the fields a new record needs (REQUIRED_FOR_NEW) are checked in batch.ts, where
 * it is known whether the key is stored.
 * `null` on an optional field clears it.
 */
import { z } from 'zod';
import { daysInMonth, isCalendarDate } from '../../../shared/calendar';

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
const dateTime = z.string().max(40).refine((s) => isoTime(s, false), 'Expected an ISO 8601 date or date-time');
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
    type: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'Expected an upper-case action type such as CHECKIN').max(32).optional(),
    at: instant.optional(),
    counter: clearable(key),
    event: clearable(key),
    advantage: clearable(key),
    points: clearable(int),
  }),
} as const;

export type ImportEntity = keyof typeof RECORD_SCHEMAS;

/**
 * Fast checks for the common valid line (the import's hot path): `true` only when the schema would
 * accept the value and give it back unchanged (no key to trim, no field to drop), so the value
 * itself can be stored. Anything else, valid or not, goes through the schema, which alone writes
 * the error messages. A shape these checks do not know is never wrong, only slower.
 */
/** A key the schema keeps as is: 1-255 printable ASCII characters, no space at either end. */
const PLAIN_KEY = /^[\x21-\x7e](?:[\x20-\x7e]{0,253}[\x21-\x7e])?$/;
const ACTION_TYPE = /^[A-Z][A-Z0-9_]*$/;
const plainKey = (v: unknown) => typeof v === 'string' && PLAIN_KEY.test(v);
const digit = (s: string, i: number) => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -100_000;
};
const two = (s: string, i: number) => digit(s, i) * 10 + digit(s, i + 1);
/**
 * `YYYY-MM-DDTHH:MM:SS[.mmm](Z|+HH:MM|-HH:MM)`, a date that exists, hours up to 23, a time Date.parse
 * reads: a strict subset of what `instant` accepts (isoTime with an offset).
 */
export function isPlainInstant(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const n = v.length;
  if (n !== 20 && n !== 24 && n !== 25 && n !== 29) return false;
  if (v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45 || v.charCodeAt(10) !== 84 || v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58) return false;
  const y = two(v, 0) * 100 + two(v, 2);
  const m = two(v, 5);
  const d = two(v, 8);
  const h = two(v, 11);
  const min = two(v, 14);
  const sec = two(v, 17);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m) || h < 0 || h > 23 || min < 0 || min > 59 || sec < 0 || sec > 59) return false;
  let i = 19;
  if (v.charCodeAt(i) === 46) {
    if (digit(v, 20) < 0 || digit(v, 21) < 0 || digit(v, 22) < 0) return false;
    i = 23;
  }
  const zone = v.charCodeAt(i);
  if (zone === 90) {
    if (i + 1 !== n) return false;
  } else {
    if ((zone !== 43 && zone !== 45) || i + 6 !== n || v.charCodeAt(i + 3) !== 58 || two(v, i + 1) < 0 || two(v, i + 4) < 0) return false;
  }
  return !Number.isNaN(Date.parse(v));
}
const INT_MIN = -2_147_483_648;
const INT_MAX = 2_147_483_647;
const plainInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= INT_MIN && v <= INT_MAX;

function isPlainAction(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const r = value as Record<string, unknown>;
  let hasKey = false;
  for (const field in r) {
    if (!Object.prototype.hasOwnProperty.call(r, field)) return false;
    const v = r[field];
    switch (field) {
      case 'key':
        if (!plainKey(v)) return false;
        hasKey = true;
        break;
      case 'holder':
        if (!plainKey(v)) return false;
        break;
      case 'type':
        if (typeof v !== 'string' || v.length > 32 || !ACTION_TYPE.test(v)) return false;
        break;
      case 'at':
        if (!isPlainInstant(v)) return false;
        break;
      case 'counter':
      case 'event':
      case 'advantage':
        if (v !== null && !plainKey(v)) return false;
        break;
      case 'points':
        if (v !== null && !plainInt(v)) return false;
        break;
      default:
        return false;
    }
  }
  return hasKey && Object.getPrototypeOf(r) === Object.prototype;
}

/** Per entity, where there is one: see above. */
export const PLAIN_RECORD: Partial<Record<ImportEntity, (value: unknown) => boolean>> = { actions: isPlainAction };

export type RecordOf<E extends ImportEntity> = z.infer<(typeof RECORD_SCHEMAS)[E]>;

/** Fields a line must give when it creates a record (the spec's fields without `?`). */
export const REQUIRED_FOR_NEW: Record<ImportEntity, string[]> = {
  'card-systems': ['name'],
  counters: ['name'],
  events: ['name'],
  advantages: ['name'],
  associations: ['name'],
  'pass-holders': ['firstName', 'lastName'],
  actions: ['holder', 'type', 'at'],
};

type CellKind = 'int' | 'bool' | 'list' | 'memberships';
const CSV_KINDS: Partial<Record<ImportEntity, Record<string, CellKind>>> = {
  events: { themes: 'list' },
  advantages: { points: 'int' },
  'pass-holders': { points: 'int', kansenstatuut: 'bool', cardSystems: 'list', memberships: 'memberships', consents: 'list' },
  actions: { points: 'int' },
};
const FIELDS = Object.fromEntries(
  Object.entries(RECORD_SCHEMAS).map(([entity, schema]) => [entity, new Set(Object.keys(schema.shape))]),
) as Record<ImportEntity, Set<string>>;

const BOOLS = new Map<string, boolean>([['true', true], ['1', true], ['false', false], ['0', false]]);
const cells = (cell: string) => cell.split('|').map((s) => s.trim()).filter((s) => s !== '');

/** A membership cell item, `key` or `key:endDate` (the last `:` separates the date). */
function membership(item: string): { association: string; endDate?: string } {
  const i = item.lastIndexOf(':');
  return i < 0 ? { association: item } : { association: item.slice(0, i), endDate: item.slice(i + 1) };
}

/**
 * A CSV row (strings) as the JSON record it stands for. Empty cells are "not given" and left out,
 * except under a column the entity does not have: that stays, so the schema names the field.
 * Cells that do not convert (`1.5` as an integer, `yes` as a boolean) stay strings and fail there.
 */
export function fromCsv(entity: ImportEntity, row: Record<string, string>): Record<string, unknown> {
  const kinds = CSV_KINDS[entity] ?? {};
  const known = FIELDS[entity];
  const out: Record<string, unknown> = {};
  for (const [field, cell] of Object.entries(row)) {
    if (cell === undefined || (cell === '' && known.has(field))) continue;
    const kind = kinds[field];
    if (kind === 'int') out[field] = /^\s*-?\d{1,15}\s*$/.test(cell) ? Number(cell) : cell;
    else if (kind === 'bool') out[field] = BOOLS.get(cell.trim().toLowerCase()) ?? cell;
    else if (kind === 'list') out[field] = cells(cell);
    else if (kind === 'memberships') out[field] = cells(cell).map(membership);
    else out[field] = cell;
  }
  return out;
}

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
