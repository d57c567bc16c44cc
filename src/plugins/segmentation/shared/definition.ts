/**
 * The segment definition of docs/segment-definitions.md, version 1: ONE zod schema that is both the validator
 * and (through z.infer) the TypeScript type, shared by the admin builder, the server and the tests.
 * Browser-safe: no Node imports here or in ./calendar.
 *
 * Shape checks only; whether the keys exist is checked by the server against the data
 * (collectReferences gives it every key with its path).
 */
import { z } from 'zod';
import { isCalendarDate } from './calendar';

export const OPERATORS = ['<', '<=', '>', '>=', '=', 'between'] as const;
export const SCALAR_OPERATORS = ['<', '<=', '>', '>=', '='] as const;
export const ACTION_TYPES = ['CHECKIN', 'TICKET', 'CASHIN'] as const;
export const PERIOD_LASTS = ['month', 'year'] as const;
export const FILTER_TYPES = ['cardSystem', 'action', 'birthdate', 'age', 'kansenstatuut', 'membership', 'postcode', 'points', 'mailing'] as const;
/** What a mailing filter looks for in a holder's contact history: a mail sent to them, opened, clicked. */
export const MAILING_EVENTS = ['received', 'opened', 'clicked'] as const;
/** The longest `days` of a mailing filter (ten years). */
export const MAX_MAILING_DAYS = 3660;

export type Op = (typeof OPERATORS)[number];
export type ActionType = (typeof ACTION_TYPES)[number];

// ---- messages: each names what was expected and what was given -------------------------------

/** A short rendering of an input value for messages (`"2023-02-30"`, `-1`, `null`, `nothing`). */
export function given(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value) && value.length === 0) return 'an empty list';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = typeof value;
  }
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

type RawIssue = { input?: unknown } & Record<string, unknown>;
const expected = (what: string) => ({ error: (issue: RawIssue) => `Expected ${what}, got ${given(issue.input)}` });

/** Errors of a discriminated union: not an object, or a discriminator (type, op) with no option. */
const choice = (what: string) => ({
  error: (issue: RawIssue) => {
    if (issue.code !== 'invalid_union') return `Expected ${what}, got ${given(issue.input)}`;
    const field = String(issue.discriminator);
    const options = (issue.options as unknown[]).map((o) => JSON.stringify(o)).join(', ');
    return `Expected '${field}' to be one of ${options}, got ${given((issue.input as Record<string, unknown>)[field])}`;
  },
});

// ---- leaves -----------------------------------------------------------------------------------

const DATE = 'a date "YYYY-MM-DD" that exists in the calendar';
const isoDate = z.string(expected(DATE)).refine(isCalendarDate, expected(DATE));
const WHOLE = 'a whole number of 0 or more';
const wholeNumber = z.number(expected(WHOLE)).refine((n) => Number.isInteger(n) && n >= 0, expected(WHOLE));
const INTEGER = 'a whole number (negative allowed)';
const integer = z.number(expected(INTEGER)).refine(Number.isInteger, expected(INTEGER));

/**
 * Upper bounds on the lists of a definition. A list longer than its bound is refused before its
 * elements are looked at, with one problem naming the bound (so a huge body costs no more than a
 * small one, and its answer stays small).
 */
export const LIMITS = { groups: 50, filters: 50, keys: 2000, postcodes: 2000 } as const;

/**
 * A list of `element` with at least one and at most `max` entries. The bound is checked before the
 * elements are parsed (`abort`), with one problem naming it; other messages are the usual ones.
 */
function list<T extends z.ZodType>(element: T, what: string, max: number, atLeastOne: string) {
  return z
    .unknown()
    .refine((v) => !Array.isArray(v) || v.length <= max, {
      error: (issue: RawIssue) => `Expected at most ${max} ${what}, got ${(issue.input as unknown[]).length}`,
      abort: true,
    })
    .pipe(z.array(element, expected(`a list of ${what}`)).min(1, expected(atLeastOne)));
}

/** A non-empty list of record keys (non-empty strings). */
const keys = (what: string) =>
  list(z.string(expected(`a ${what} key (text)`)).min(1, expected(`a non-empty ${what} key`)), `${what} keys`, LIMITS.keys, `at least one ${what} key`);

/** `[low, high]`, both inclusive, low <= high (checked once both ends are valid). */
const pairOf = <T extends number | string>(scalar: z.ZodType<T>, what: string) =>
  z.tuple([scalar, scalar], expected(`a pair [low, high] of ${what}`)).superRefine(
    ([low, high], ctx) => {
      if (low > high) ctx.addIssue({ code: 'custom', message: `Expected low <= high in [low, high], got ${given([low, high])}` });
    },
    { when: (p) => p.issues.length === 0 },
  );

/** `{ op, value }` (plus the fixed fields `extra`): a scalar for `<`..`=`, a pair for `between`. */
function comparison<E extends z.ZodRawShape, T extends number | string>(extra: E, scalar: z.ZodType<T>, what: string) {
  return z.discriminatedUnion(
    'op',
    [
      z.strictObject({ ...extra, op: z.enum(SCALAR_OPERATORS), value: scalar }),
      z.strictObject({ ...extra, op: z.literal('between'), value: pairOf(scalar, what) }),
    ],
    choice('a comparison {"op", "value"}'),
  );
}

// ---- filters ----------------------------------------------------------------------------------

const PERIOD = 'a period {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD"} or {"last": "month" | "year"}';
const fromToSchema = z.strictObject({ from: isoDate, to: isoDate }, expected(PERIOD)).superRefine((p, ctx) => {
  if (isCalendarDate(p.from) && isCalendarDate(p.to) && p.from > p.to)
    ctx.addIssue({ code: 'custom', message: `Expected 'from' on or before 'to', got from ${p.from} to ${p.to}` });
});
const lastSchema = z.strictObject({ last: z.enum(PERIOD_LASTS, expected('"month" or "year"')) }, expected(PERIOD));
export const periodSchema = z.union([fromToSchema, lastSchema], expected(PERIOD));

/** Lists that only some action types take; present on another type they are refused. */
const ACTION_ONLY: Record<ActionType, string[]> = { CHECKIN: ['advantages'], TICKET: ['advantages'], CASHIN: ['eventThemes', 'events'] };

export const actionFilterSchema = z
  .strictObject({
    type: z.literal('action'),
    action: z.enum(ACTION_TYPES, expected('an action "CHECKIN", "TICKET" or "CASHIN"')),
    count: comparison({}, wholeNumber, 'whole numbers of 0 or more'),
    period: periodSchema.optional(),
    counterTypes: keys('counter type').optional(),
    counters: keys('counter').optional(),
    eventThemes: keys('event theme').optional(),
    events: keys('event').optional(),
    advantages: keys('advantage').optional(),
  })
  .superRefine(
    (f, ctx) => {
      for (const field of ACTION_ONLY[f.action]) {
        const value = (f as Record<string, unknown>)[field];
        if (value === undefined) continue;
        const where = field === 'advantages' ? 'CASHIN' : 'CHECKIN and TICKET';
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `Expected no '${field}' on a ${f.action} action (only ${where} actions take it), got ${given(value)}`,
        });
      }
    },
    // run even when other fields of the filter failed, so all problems come out together
    { when: (p) => ACTION_TYPES.includes((p.value as { action?: never } | null)?.action as never) },
  );

export const cardSystemFilterSchema = z.strictObject({ type: z.literal('cardSystem'), cardSystems: keys('card system') });
export const birthdateFilterSchema = comparison({ type: z.literal('birthdate') }, isoDate, 'dates');
export const ageFilterSchema = comparison({ type: z.literal('age') }, wholeNumber, 'whole numbers of 0 or more');
export const kansenstatuutFilterSchema = z.strictObject({
  type: z.literal('kansenstatuut'),
  value: z.boolean(expected('true or false')),
  currentlyValid: z.boolean(expected('true or false')).optional(),
});
export const membershipFilterSchema = z.strictObject({ type: z.literal('membership'), associations: keys('association') });
const POSTCODE = 'a postcode of exactly 4 digits';
export const postcodeFilterSchema = z.strictObject({
  type: z.literal('postcode'),
  postcodes: list(z.string(expected(POSTCODE)).regex(/^[0-9]{4}$/, expected(POSTCODE)), 'postcodes', LIMITS.postcodes, 'at least one postcode'),
});
export const pointsFilterSchema = comparison({ type: z.literal('points') }, integer, 'whole numbers');
const DAYS = `a whole number of days from 1 to ${MAX_MAILING_DAYS}`;
export const mailingFilterSchema = z
  .strictObject({
    type: z.literal('mailing'),
    event: z.enum(MAILING_EVENTS, expected('an event "received", "opened" or "clicked"')),
    value: z.boolean(expected('true (did) or false (did not)')),
    mailings: keys('mailing').optional(),
    period: periodSchema.optional(),
    days: z.number(expected(DAYS)).int(expected(DAYS)).min(1, expected(DAYS)).max(MAX_MAILING_DAYS, expected(DAYS)).optional(),
  })
  .superRefine((f, ctx) => {
    if (f.period !== undefined && f.days !== undefined)
      ctx.addIssue({ code: 'custom', path: ['days'], message: "Expected either 'period' or 'days', not both" });
  });

export const filterSchema = z.discriminatedUnion(
  'type',
  [
    cardSystemFilterSchema,
    actionFilterSchema,
    birthdateFilterSchema,
    ageFilterSchema,
    kansenstatuutFilterSchema,
    membershipFilterSchema,
    postcodeFilterSchema,
    pointsFilterSchema,
    mailingFilterSchema,
  ],
  choice('a filter object {"type", ...}'),
);

export const groupSchema = z.strictObject(
  { filters: list(filterSchema, 'filters', LIMITS.filters, 'at least one filter in the group') },
  expected('a group {"filters": [...]}'),
);

export const segmentDefinitionSchema = z.strictObject(
  {
    version: z.literal(1, expected('version 1')),
    groups: list(groupSchema, 'groups', LIMITS.groups, 'at least one group'),
    exclude: list(
      groupSchema,
      "exclude groups (or no 'exclude' field at all)",
      LIMITS.groups,
      "at least one exclude group (or no 'exclude' field at all)",
    ).optional(),
  },
  expected('a segment definition {"version": 1, "groups": [...]}'),
);

// ---- types, all derived from the schema ---------------------------------------------------------

export type Comparison<T> = { op: (typeof SCALAR_OPERATORS)[number]; value: T } | { op: 'between'; value: [T, T] };
export type Period = z.infer<typeof periodSchema>;
export type CardSystemFilter = z.infer<typeof cardSystemFilterSchema>;
export type ActionFilter = z.infer<typeof actionFilterSchema>;
export type BirthdateFilter = z.infer<typeof birthdateFilterSchema>;
export type AgeFilter = z.infer<typeof ageFilterSchema>;
export type KansenstatuutFilter = z.infer<typeof kansenstatuutFilterSchema>;
export type MembershipFilter = z.infer<typeof membershipFilterSchema>;
export type PostcodeFilter = z.infer<typeof postcodeFilterSchema>;
export type PointsFilter = z.infer<typeof pointsFilterSchema>;
export type MailingFilter = z.infer<typeof mailingFilterSchema>;
export type Filter = z.infer<typeof filterSchema>;
export type FilterType = Filter['type'];
export type FilterOf<T extends FilterType> = Extract<Filter, { type: T }>;
export type FilterGroup = z.infer<typeof groupSchema>;
export type SegmentDefinition = z.infer<typeof segmentDefinitionSchema>;

// ---- validation -------------------------------------------------------------------------------

export interface DefinitionProblem {
  path: (string | number)[];
  message: string;
}

/** An option of a union that the input does not even have the shape of (not an object, missing or unknown fields). */
const misfits = (issues: readonly z.core.$ZodIssue[]) => issues.some((i) => i.path.length === 0 || (i.path.length === 1 && i.input === undefined));

/**
 * zod issues (parsed with reportInput) as problems: one per unknown key; a union (period) reports the
 * option the input has the shape of, or, when it fits none, one problem at the union itself.
 */
export function problemsOf(issues: readonly z.core.$ZodIssue[], prefix: (string | number)[] = []): DefinitionProblem[] {
  return issues.flatMap((issue): DefinitionProblem[] => {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: [...path, key], message: `Unknown field '${key}'` }));
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const closest = issue.errors.reduce((best, option) => (option.length < best.length ? option : best));
      if (!misfits(closest)) return problemsOf(closest, path);
    }
    return [{ path, message: issue.message }];
  });
}

export function validateDefinitionShape(input: unknown): { ok: true; value: SegmentDefinition } | { ok: false; errors: DefinitionProblem[] } {
  const result = segmentDefinitionSchema.safeParse(input, { reportInput: true });
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: problemsOf(result.error.issues) };
}

// ---- references -------------------------------------------------------------------------------

export type ReferenceKind = 'cardSystem' | 'counter' | 'counterType' | 'event' | 'eventTheme' | 'advantage' | 'association' | 'mailing';
export interface Reference {
  kind: ReferenceKind;
  key: string;
  path: (string | number)[];
}

const REFERENCE_FIELDS: [string, ReferenceKind][] = [
  ['cardSystems', 'cardSystem'],
  ['counterTypes', 'counterType'],
  ['counters', 'counter'],
  ['eventThemes', 'eventTheme'],
  ['events', 'event'],
  ['advantages', 'advantage'],
  ['associations', 'association'],
  ['mailings', 'mailing'],
];

/** The keys one filter refers to, with the path of each list element (`at` is the filter's path). */
function referencesOf(filter: Filter, at: (string | number)[]): Reference[] {
  const refs: Reference[] = [];
  for (const [field, kind] of REFERENCE_FIELDS) {
    const list = (filter as Record<string, unknown>)[field];
    if (Array.isArray(list)) list.forEach((key: string, i) => refs.push({ kind, key, path: [...at, field, i] }));
  }
  return refs;
}

const SECTIONS = ['groups', 'exclude'] as const;

/** Every key a definition refers to, with the path of the list element that names it (groups, then exclude). */
export function collectReferences(def: SegmentDefinition): Reference[] {
  return SECTIONS.flatMap((section) =>
    (def[section] ?? []).flatMap((group, g) => group.filters.flatMap((filter, f) => referencesOf(filter, [section, g, 'filters', f]))),
  );
}

/**
 * The keys named by the filters of a definition that does not pass as a whole but whose filters
 * (some of them) do: so that one answer reports an unknown key in one place and a bad field in
 * another. Lists over their bounds are not looked into.
 */
export function collectValidReferences(input: unknown): Reference[] {
  const record = (v: unknown): Record<string, unknown> | null =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  const listOf = (v: unknown, max: number): unknown[] => (Array.isArray(v) && v.length <= max ? v : []);
  const def = record(input);
  if (!def) return [];
  return SECTIONS.flatMap((section) =>
    listOf(def[section], LIMITS.groups).flatMap((group, g) =>
      listOf(record(group)?.filters, LIMITS.filters).flatMap((filter, f) => {
        const parsed = filterSchema.safeParse(filter);
        return parsed.success ? referencesOf(parsed.data, [section, g, 'filters', f]) : [];
      }),
    ),
  );
}
