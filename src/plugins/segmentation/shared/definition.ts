/**
 * The segment definition of SPEC-segments.md, version 1: ONE zod schema that is both the validator
 * and (through z.infer) the TypeScript type, shared by the admin builder, the server and the tests.
 * Browser-safe: no Node imports here.
 *
 * Shape checks only; whether the keys exist is checked by the server against the data.
 */
import { z } from 'zod';
import { isCalendarDate } from './calendar';

export const OPERATORS = ['<', '<=', '>', '>=', '=', 'between'] as const;
export const SCALAR_OPERATORS = ['<', '<=', '>', '>=', '='] as const;
export const ACTION_TYPES = ['CHECKIN', 'TICKET', 'CASHIN'] as const;
export const FILTER_TYPES = ['cardSystem', 'action', 'birthdate', 'age', 'kansenstatuut', 'membership', 'postcode', 'points'] as const;

export type Op = (typeof OPERATORS)[number];

const isoDate = z.string().refine(isCalendarDate, { message: 'Expected a date YYYY-MM-DD that exists in the calendar' });
const count = z.number().int('Expected a whole number').min(0, 'Must not be negative');
const integer = z.number().int('Expected a whole number');
const keys = (what: string) => z.array(z.string().min(1, `Expected a ${what} key`)).min(1, `List at least one ${what}`);

const ordered = <T extends number | string>(pair: [T, T]) => pair[0] <= pair[1];
const ORDER = { message: 'The low end must not be above the high end', path: ['value'] };

/** `{ op, value }` with extra fixed fields; `between` takes an ordered [low, high]. */
function comparison<S extends z.ZodType<number> | z.ZodType<string>, E extends z.ZodRawShape>(scalar: S, extra: E) {
  return z.discriminatedUnion('op', [
    z.strictObject({ ...extra, op: z.literal('between'), value: z.tuple([scalar, scalar]) }).refine((c) => ordered((c as unknown as { value: [never, never] }).value), ORDER),
    z.strictObject({ ...extra, op: z.enum(SCALAR_OPERATORS), value: scalar }),
  ]);
}

const periodSchema = z.union([
  z.strictObject({ from: isoDate, to: isoDate }).refine((p) => p.from <= p.to || !isCalendarDate(p.from) || !isCalendarDate(p.to), { message: "'from' must not be after 'to'" }),
  z.strictObject({ last: z.enum(['month', 'year']) }),
]);

const actionBase = {
  type: z.literal('action'),
  count: comparison(count, {}),
  period: periodSchema.optional(),
  counterTypes: keys('counter type').optional(),
  counters: keys('counter').optional(),
};
/** A field that does not apply to this action type: refused with a message saying where it does. */
const notFor = (field: string, allowed: string) => z.undefined({ message: `'${field}' applies to ${allowed} only` }).optional();

const actionSchema = z.discriminatedUnion('action', [
  z.strictObject({
    ...actionBase,
    action: z.enum(['CHECKIN', 'TICKET']),
    eventThemes: keys('event theme').optional(),
    events: keys('event').optional(),
    advantages: notFor('advantages', 'CASHIN'),
  }),
  z.strictObject({
    ...actionBase,
    action: z.literal('CASHIN'),
    eventThemes: notFor('eventThemes', 'CHECKIN and TICKET'),
    events: notFor('events', 'CHECKIN and TICKET'),
    advantages: keys('advantage').optional(),
  }),
]);

export const filterSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('cardSystem'), cardSystems: keys('card system') }),
  actionSchema,
  comparison(isoDate, { type: z.literal('birthdate') }),
  comparison(count, { type: z.literal('age') }),
  z.strictObject({ type: z.literal('kansenstatuut'), value: z.boolean(), currentlyValid: z.boolean().optional() }),
  z.strictObject({ type: z.literal('membership'), associations: keys('association') }),
  z.strictObject({
    type: z.literal('postcode'),
    postcodes: z.array(z.string().regex(/^[0-9]{4}$/, 'Expected a postcode of exactly 4 digits')).min(1, 'List at least one postcode'),
  }),
  comparison(integer, { type: z.literal('points') }),
]);

export const groupSchema = z.strictObject({ filters: z.array(filterSchema).min(1, 'A group needs at least one filter') });

export const segmentDefinitionSchema = z.strictObject({
  version: z.literal(1, { message: 'Expected version 1' }),
  groups: z.array(groupSchema).min(1, 'A definition needs at least one group'),
  exclude: z.array(groupSchema).min(1, 'Leave exclude out instead of giving an empty list').optional(),
});

export type SegmentDefinition = z.infer<typeof segmentDefinitionSchema>;
export type FilterGroup = z.infer<typeof groupSchema>;
export type Filter = z.infer<typeof filterSchema>;
export type ActionFilter = z.infer<typeof actionSchema>;
export type Period = z.infer<typeof periodSchema>;
export type ActionType = (typeof ACTION_TYPES)[number];
export type FilterType = Filter['type'];
export type FilterOf<T extends FilterType> = Extract<Filter, { type: T }>;
export type Comparison<T> = { op: (typeof SCALAR_OPERATORS)[number]; value: T } | { op: 'between'; value: [T, T] };

export interface DefinitionProblem {
  path: (string | number)[];
  message: string;
}

/** zod issues as problems: one per unknown key; a failed union explains its closest option. */
export function problemsOf(issues: readonly z.core.$ZodIssue[], prefix: (string | number)[] = []): DefinitionProblem[] {
  return issues.flatMap((issue): DefinitionProblem[] => {
    const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: [...path, key], message: `Unknown field '${key}'` }));
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0]!;
      return problemsOf(closest, path);
    }
    return [{ path, message: issue.message }];
  });
}

export function validateDefinitionShape(input: unknown): { ok: true; value: SegmentDefinition } | { ok: false; errors: DefinitionProblem[] } {
  const result = segmentDefinitionSchema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: problemsOf(result.error.issues) };
}

export type ReferenceKind = 'cardSystem' | 'counter' | 'counterType' | 'event' | 'eventTheme' | 'advantage' | 'association';

const REFERENCE_FIELDS: [string, ReferenceKind][] = [
  ['cardSystems', 'cardSystem'],
  ['counterTypes', 'counterType'],
  ['counters', 'counter'],
  ['eventThemes', 'eventTheme'],
  ['events', 'event'],
  ['advantages', 'advantage'],
  ['associations', 'association'],
];

/** Every key a definition refers to, with the path of the list element that names it. */
export function collectReferences(def: SegmentDefinition): { kind: ReferenceKind; key: string; path: (string | number)[] }[] {
  const refs: { kind: ReferenceKind; key: string; path: (string | number)[] }[] = [];
  const sections = [['groups', def.groups] as const, ['exclude', def.exclude ?? []] as const];
  for (const [section, groups] of sections) {
    groups.forEach((group, g) =>
      group.filters.forEach((filter, f) => {
        for (const [field, kind] of REFERENCE_FIELDS) {
          const list = (filter as Record<string, unknown>)[field];
          if (Array.isArray(list)) list.forEach((key: string, i) => refs.push({ kind, key, path: [section, g, 'filters', f, field, i] }));
        }
      }),
    );
  }
  return refs;
}
