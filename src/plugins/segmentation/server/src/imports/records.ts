/**
 * One record schema per import entity (SPEC-data-api.md, "Import"), used for NDJSON and CSV alike:
 * CSV cells are first turned into the same JSON values (empty cell = not given, lists split by `|`,
 * memberships `key:endDate|key`). Every field but the key may be left out on a line that updates a
 * stored record; the required fields are checked for new records by the service.
 * `null` on an optional field clears it.
 */
import { z } from 'zod';
import { isCalendarDate } from '../../../shared/calendar';

const key = z.string().trim().min(1, 'Expected a non-empty key').max(255, 'At most 255 characters');
const text = (max: number) => z.string().max(max, `At most ${max} characters`);
const date = z.string().refine(isCalendarDate, 'Expected a date YYYY-MM-DD that exists');
const instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i, 'Expected an ISO 8601 time with an offset or Z')
  .refine((s) => isCalendarDate(s.slice(0, 10)) && !Number.isNaN(Date.parse(s)), 'Expected an existing date and time');
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
    startsAt: clearable(instant),
    endsAt: clearable(instant),
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

/** A CSV row (strings) as the JSON record it stands for; empty cells are left out. */
export function fromCsv(entity: ImportEntity, row: Record<string, string>): Record<string, unknown> {
  const kinds = CSV_KINDS[entity] ?? {};
  const out: Record<string, unknown> = {};
  for (const [field, cell] of Object.entries(row)) {
    if (cell === undefined || cell === '') continue;
    const kind = kinds[field];
    if (kind === 'int') out[field] = /^\s*-?\d+\s*$/.test(cell) ? Number(cell) : cell;
    else if (kind === 'bool') out[field] = /^(true|1|yes|ja)$/i.test(cell.trim()) ? true : /^(false|0|no|nee)$/i.test(cell.trim()) ? false : cell;
    else if (kind === 'list') out[field] = cell.split('|').map((s) => s.trim()).filter((s) => s !== '');
    else if (kind === 'memberships') {
      out[field] = cell
        .split('|')
        .map((s) => s.trim())
        .filter((s) => s !== '')
        .map((m) => {
          const i = m.indexOf(':');
          return i < 0 ? { association: m } : { association: m.slice(0, i), endDate: m.slice(i + 1) };
        });
    } else out[field] = cell;
  }
  return out;
}

/** The first problem of a line, as one readable sentence naming the field. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .flatMap((issue) => {
      const where = issue.path.join('.');
      if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => `unknown field '${[...issue.path, k].join('.')}'`);
      return [`${where || 'line'}: ${issue.message}`];
    })
    .join('; ');
}
