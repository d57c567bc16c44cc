/**
 * Problems of a segment definition (the shared schema's, or the server's with their paths) as
 * messages for people: in the UI's language, naming the field by its label and saying what to do.
 * The API keeps its English messages and paths; only the admin translates them here.
 *
 * A problem gets a code from its (English, schema-made) message; the code picks the text
 * `problem.<code>` (or `problem.<code>.<field>` when that exists), with `{field}` the field's label.
 */
import type { DefinitionProblem } from '../../../shared/definition';
import { MAX_MAILING_DAYS } from '../../../shared/definition';

export const PROBLEM_CODES = [
  'chooseType',
  'chooseAtLeastOne',
  'wholeNumber',
  'integer',
  'pair',
  'lowHigh',
  'date',
  'fromBeforeTo',
  'period',
  'postcode',
  'tooMany',
  'notForAction',
  'periodOrDays',
  'days',
  'boolean',
  'operator',
  'choose',
  'unknownField',
  'unknownKey',
  'emptyGroup',
  'noGroup',
  'other',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** Fields whose problem texts have a text of their own (`problem.chooseAtLeastOne.cardSystems`). */
export const SPECIFIC_TEXTS: Partial<Record<ProblemCode, string[]>> = { chooseAtLeastOne: ['cardSystems', 'associations', 'postcodes', 'mailings'] };

/** [pattern on the message, code], first match wins. The patterns follow shared/definition.ts's messages. */
const RULES: [RegExp, ProblemCode][] = [
  [/^Expected at most \d+ /, 'tooMany'],
  [/a pair \[low, high\]/, 'pair'],
  [/low <= high/, 'lowHigh'],
  [/at least one filter in the group/, 'emptyGroup'],
  [/at least one group|at least one exclude group/, 'noGroup'],
  [/'type' to be one of|a filter object/, 'chooseType'],
  [/at least one .*(key|postcode)|a list of|key \(text\)|non-empty .* key/, 'chooseAtLeastOne'],
  [/whole number of days/, 'days'],
  [/whole number of 0 or more/, 'wholeNumber'],
  [/whole number \(negative allowed\)/, 'integer'],
  [/'from' on or before 'to'/, 'fromBeforeTo'],
  [/a date "YYYY-MM-DD"|a date YYYY-MM-DD/, 'date'],
  [/a period|"month" or "year"/, 'period'],
  [/a postcode of exactly 4 digits/, 'postcode'],
  [/^Expected no '\w+' on a/, 'notForAction'],
  [/either 'period' or 'days'/, 'periodOrDays'],
  [/true or false|true \(did\)/, 'boolean'],
  [/'op' to be one of|a comparison/, 'operator'],
  [/an action "CHECKIN"|an event "received"|to be one of/, 'choose'],
  [/^Unknown field '/, 'unknownField'],
  [/^Unknown [a-z ]+ '/, 'unknownKey'],
];

export function problemCode(problem: DefinitionProblem): ProblemCode {
  return RULES.find(([pattern]) => pattern.test(problem.message))?.[1] ?? 'other';
}

/** The field a problem of a filter concerns (the path element after the filter), `type` for the filter itself. */
export function problemField(problem: DefinitionProblem): string {
  const path = problem.path[0] === 'definition' ? problem.path.slice(1) : problem.path;
  if (path[2] !== 'filters') return 'type';
  const field = path[4];
  if (problemCode(problem) === 'unknownField' && typeof path[path.length - 1] === 'string') return 'type';
  return typeof field === 'string' ? field : 'type';
}

/** The label (translation id) of a field of a filter of `filterType`. */
export function labelId(field: string, filterType?: string): string {
  if (field === 'value') {
    if (filterType === 'kansenstatuut') return 'filter.kansenstatuut';
    if (filterType === 'mailing') return 'filter.mailingValue';
    if (filterType === 'age' || filterType === 'points' || filterType === 'birthdate') return `filter.${filterType}`;
    return 'label.value';
  }
  if (field === 'op') return 'filter.operator';
  if (field === 'type') return 'filter.type';
  if (field === 'currentlyValid') return 'kansenstatuut.currentlyValid';
  return `label.${field}`;
}

type Translate = (id: string, values?: Record<string, string | number>) => string;

/** The message for one problem; `filterType` is the type of the filter the problem is in, when known. */
export function problemText(problem: DefinitionProblem, t: Translate, filterType?: string): string {
  const code = problemCode(problem);
  const field = problemField(problem);
  const values = {
    field: t(labelId(field, filterType)),
    max: /at most (\d+)/.exec(problem.message)?.[1] ?? MAX_MAILING_DAYS,
    key: /'([^']*)'/.exec(problem.message)?.[1] ?? '',
  };
  const id = SPECIFIC_TEXTS[code]?.includes(field) ? `problem.${code}.${field}` : `problem.${code}`;
  return t(id, values);
}

/** The server's problems of a failed call (Strapi's `error.details.errors`), if it sent any. */
export function serverProblems(error: unknown): DefinitionProblem[] {
  const body = (error as { response?: { data?: { error?: { details?: { errors?: unknown } } } } } | null)?.response?.data?.error;
  const list = body?.details?.errors;
  if (!Array.isArray(list)) return [];
  return list
    .filter((p): p is DefinitionProblem => Array.isArray((p as DefinitionProblem)?.path) && typeof (p as DefinitionProblem).message === 'string')
    .map((p) => ({ path: p.path[0] === 'definition' ? p.path.slice(1) : p.path, message: p.message }));
}

/** The type of the filter a path points into, in a definition-shaped value (a draft or a definition). */
export function filterTypeAt(definition: unknown, path: (string | number)[]): string | undefined {
  if (path[2] !== 'filters') return undefined;
  const sections = definition as Record<string, { filters?: { type?: string }[] }[] | undefined>;
  const type = sections?.[String(path[0])]?.[Number(path[1])]?.filters?.[Number(path[3])]?.type;
  return typeof type === 'string' && type ? type : undefined;
}
