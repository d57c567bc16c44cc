/**
 * The builder's problem texts (admin/src/segments/problems.ts): every problem the definition schema
 * can produce, and the server's unknown keys, get a Dutch text that names the field by its label and
 * is not zod's English or a path.
 */
import nl from '../../src/plugins/segmentation/admin/src/translations/nl.json';
import en from '../../src/plugins/segmentation/admin/src/translations/en.json';
import {
  PROBLEM_CODES,
  SPECIFIC_TEXTS,
  filterTypeAt,
  problemCode,
  problemText,
  serverProblems,
} from '../../src/plugins/segmentation/admin/src/segments/problems';
import { LIMITS, validateDefinitionShape, type DefinitionProblem } from '../../src/plugins/segmentation/shared/definition';

const translator =
  (texts: Record<string, string>) =>
  (id: string, values: Record<string, string | number> = {}) => {
    const text = texts[id];
    if (text === undefined) throw new Error(`no text '${id}'`);
    return text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
  };
const tNl = translator(nl as Record<string, string>);
const tEn = translator(en as Record<string, string>);

const filters: unknown[] = [
  {},
  { type: 'nope' },
  { type: 'cardSystem', cardSystems: [] },
  { type: 'cardSystem' },
  { type: 'cardSystem', cardSystems: [''] },
  { type: 'cardSystem', cardSystems: [1] },
  { type: 'cardSystem', cardSystems: Array.from({ length: LIMITS.keys + 1 }, (_, i) => `k${i}`) },
  { type: 'cardSystem', cardSystems: ['a'], extra: 1 },
  { type: 'membership', associations: [] },
  { type: 'postcode', postcodes: [] },
  { type: 'postcode', postcodes: ['90x0'] },
  { type: 'age', op: 'between', value: [30, 20] },
  { type: 'age', op: 'between', value: [30] },
  { type: 'age', op: '>=', value: -1 },
  { type: 'age', op: '>=' },
  { type: 'age', op: 'about', value: 1 },
  { type: 'age', value: 1 },
  { type: 'points', op: '<', value: 1.5 },
  { type: 'birthdate', op: '<', value: '2023-02-30' },
  { type: 'birthdate', op: '<' },
  { type: 'kansenstatuut', value: 'yes' },
  { type: 'kansenstatuut', value: true, currentlyValid: 1 },
  { type: 'action', count: { op: '>=', value: 1 } },
  { type: 'action', action: 'FLY', count: { op: '>=', value: 1 } },
  { type: 'action', action: 'CHECKIN' },
  { type: 'action', action: 'CHECKIN', count: { op: '>=', value: 1 }, advantages: ['a'] },
  { type: 'action', action: 'CASHIN', count: { op: '>=', value: 1 }, events: ['e'] },
  { type: 'action', action: 'CHECKIN', count: { op: '>=', value: 1 }, period: { from: '2024-05-01', to: '2024-04-01' } },
  { type: 'action', action: 'CHECKIN', count: { op: '>=', value: 1 }, period: { from: '2024-05-01' } },
  { type: 'action', action: 'CHECKIN', count: { op: '>=', value: 1 }, period: { last: 'week' } },
  { type: 'action', action: 'CHECKIN', count: { op: '>=', value: 1 }, period: 'always' },
  { type: 'action', action: 'CHECKIN', count: { op: '>=', value: 1 }, counters: [] },
  { type: 'mailing', value: true },
  { type: 'mailing', event: 'bounced', value: true },
  { type: 'mailing', event: 'opened' },
  { type: 'mailing', event: 'opened', value: true, days: 0 },
  { type: 'mailing', event: 'opened', value: true, days: 1.5 },
  { type: 'mailing', event: 'opened', value: true, days: 5, period: { last: 'month' } },
  { type: 'mailing', event: 'opened', value: true, mailings: [] },
];
const definitions: unknown[] = [
  ...filters.map((f) => ({ version: 1, groups: [{ filters: [f] }] })),
  ...filters.map((f) => ({ version: 1, groups: [{ filters: [{ type: 'kansenstatuut', value: true }] }], exclude: [{ filters: [f] }] })),
  { version: 1, groups: [] },
  { version: 1, groups: [{ filters: [] }] },
  { version: 1, groups: [{ filters: [{ type: 'kansenstatuut', value: true }] }], exclude: [] },
  { version: 1, groups: Array.from({ length: LIMITS.groups + 1 }, () => ({ filters: [{ type: 'kansenstatuut', value: true }] })) },
];

const all: { problem: DefinitionProblem; type?: string; def: unknown }[] = definitions.flatMap((def) => {
  const result = validateDefinitionShape(def);
  return result.ok ? [] : result.errors.map((problem) => ({ problem, def, type: filterTypeAt(def, problem.path) }));
});

test('every problem the schema produces has a code and a Dutch text that is not English nor a path', () => {
  expect(all.length).toBeGreaterThan(filters.length);
  for (const { problem, type } of all) {
    const code = problemCode(problem);
    expect({ message: problem.message, code }).not.toEqual({ message: problem.message, code: 'other' });
    const text = problemText(problem, tNl, type);
    expect(text).not.toMatch(/Expected|got |›|\{|filters|groups|undefined/);
    expect(text).not.toBe(problemText(problem, tEn, type));
  }
  // All codes but the fallback are reached by the schema's problems or the server's.
  const reached = new Set([...all.map((a) => problemCode(a.problem)), 'unknownKey', 'other']);
  expect(PROBLEM_CODES.filter((c) => !reached.has(c))).toEqual([]);
});

test('every code has a Dutch and an English text, and the Dutch differs; no ICU-quoted placeholder', () => {
  const ids = PROBLEM_CODES.flatMap((code) => [`problem.${code}`, ...(SPECIFIC_TEXTS[code] ?? []).map((f) => `problem.${code}.${f}`)]);
  for (const id of ids) {
    expect(typeof (nl as Record<string, string>)[id]).toBe('string');
    expect(typeof (en as Record<string, string>)[id]).toBe('string');
    expect((nl as Record<string, string>)[id]).not.toBe((en as Record<string, string>)[id]);
  }
  // In ICU messages (react-intl) '{x}' is the literal text {x}: quote with “ ” instead.
  for (const texts of [nl, en]) expect(Object.entries(texts).filter(([, v]) => /'\{/.test(v))).toEqual([]);
});

test('the issue`s example: an empty card-system list reads "Kies minstens één kaartsysteem"', () => {
  const result = validateDefinitionShape({ version: 1, groups: [{ filters: [{ type: 'cardSystem', cardSystems: [] }] }] });
  if (result.ok) throw new Error('must fail');
  expect(problemText(result.errors[0]!, tNl, 'cardSystem')).toBe('Kies minstens één kaartsysteem');
  const age = validateDefinitionShape({ version: 1, groups: [{ filters: [{ type: 'age', op: '>=', value: -1 }] }] });
  if (age.ok) throw new Error('must fail');
  expect(problemText(age.errors[0]!, tNl, 'age')).toBe('Vul bij Leeftijd (jaren) een geheel getal in, 0 of meer');
});

test('server problems (paths, English) are read from Strapi`s error and named by label', () => {
  const error = {
    response: {
      data: {
        error: {
          status: 400,
          details: { errors: [{ path: ['definition', 'groups', 0, 'filters', 1, 'cardSystems', 0], message: "Unknown card system 'xx'" }] },
        },
      },
    },
  };
  const [problem] = serverProblems(error);
  expect(problem!.path).toEqual(['groups', 0, 'filters', 1, 'cardSystems', 0]);
  expect(problemText(problem!, tNl, 'cardSystem')).toBe('Kaartsystemen: “xx” bestaat niet (meer); kies een andere waarde');
  expect(serverProblems(new Error('network'))).toEqual([]);
});
