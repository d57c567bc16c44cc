/** The shared segment definition schema (docs/segment-definitions.md): every refusal rule with the exact path it names. */
import fc from 'fast-check';
import {
  ACTION_TYPES,
  FILTER_TYPES,
  OPERATORS,
  collectReferences,
  validateDefinitionShape,
  type ActionFilter,
  type ActionType,
  type AgeFilter,
  type BirthdateFilter,
  type CardSystemFilter,
  type Comparison,
  type Filter,
  type FilterGroup,
  type KansenstatuutFilter,
  type MembershipFilter,
  type Op,
  type Period,
  type PointsFilter,
  type PostcodeFilter,
  type SegmentDefinition,
} from '../../src/plugins/segmentation/shared/definition';
import { isCalendarDate, isLeapYear } from '../../src/plugins/segmentation/shared/calendar';

// ---- the derived types are the ones of the brief (checked by tsc, not at run time) ---------------

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? ([keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false) : false) : false;
type SpecComparison<T> = { op: '<' | '<=' | '>' | '>=' | '='; value: T } | { op: 'between'; value: [T, T] };
type SpecPeriod = { from: string; to: string } | { last: 'month' | 'year' };
type SpecAction = {
  type: 'action';
  action: 'CHECKIN' | 'TICKET' | 'CASHIN';
  count: SpecComparison<number>;
  period?: SpecPeriod;
  counterTypes?: string[];
  counters?: string[];
  eventThemes?: string[];
  events?: string[];
  advantages?: string[];
};
type SpecFilter =
  | { type: 'cardSystem'; cardSystems: string[] }
  | SpecAction
  | ({ type: 'birthdate' } & SpecComparison<string>)
  | ({ type: 'age' } & SpecComparison<number>)
  | { type: 'kansenstatuut'; value: boolean; currentlyValid?: boolean }
  | { type: 'membership'; associations: string[] }
  | { type: 'postcode'; postcodes: string[] }
  | ({ type: 'points' } & SpecComparison<number>)
  // The tool's extension: the contact history (docs/segment-definitions.md, "Mailings received").
  | { type: 'mailing'; event: 'received' | 'opened' | 'clicked'; value: boolean; mailings?: string[]; period?: SpecPeriod; days?: number };
export const typesAsSpecified: [
  Same<Op, '<' | '<=' | '>' | '>=' | '=' | 'between'>,
  Same<ActionType, 'CHECKIN' | 'TICKET' | 'CASHIN'>,
  Same<Comparison<number>, SpecComparison<number>>,
  Same<Period, SpecPeriod>,
  Same<CardSystemFilter, { type: 'cardSystem'; cardSystems: string[] }>,
  Same<ActionFilter, SpecAction>,
  Same<BirthdateFilter, { type: 'birthdate' } & SpecComparison<string>>,
  Same<AgeFilter, { type: 'age' } & SpecComparison<number>>,
  Same<KansenstatuutFilter, { type: 'kansenstatuut'; value: boolean; currentlyValid?: boolean }>,
  Same<MembershipFilter, { type: 'membership'; associations: string[] }>,
  Same<PostcodeFilter, { type: 'postcode'; postcodes: string[] }>,
  Same<PointsFilter, { type: 'points' } & SpecComparison<number>>,
  Same<Filter, SpecFilter>,
  Same<FilterGroup, { filters: SpecFilter[] }>,
  Same<SegmentDefinition, { version: 1; groups: { filters: SpecFilter[] }[]; exclude?: { filters: SpecFilter[] }[] }>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];

// ---- helpers --------------------------------------------------------------------------------------

type Path = (string | number)[];
const one = (filter: unknown, extra: object = {}) => ({ version: 1, groups: [{ filters: [filter] }], ...extra });
const F: Path = ['groups', 0, 'filters', 0];
const at = (...rest: Path): Path => [...F, ...rest];
const problems = (input: unknown) => {
  const r = validateDefinitionShape(input);
  if (r.ok) throw new Error(`expected a refusal of ${JSON.stringify(input)}`);
  return r.errors;
};
const paths = (input: unknown) => problems(input).map((e) => e.path);
const action = (act: string, extra: object = {}) => ({ type: 'action', action: act, count: { op: '>=', value: 1 }, ...extra });
const checkin = (extra: object = {}) => action('CHECKIN', extra);

test('the option lists for the builder', () => {
  expect(OPERATORS).toEqual(['<', '<=', '>', '>=', '=', 'between']);
  expect(ACTION_TYPES).toEqual(['CHECKIN', 'TICKET', 'CASHIN']);
  expect([...FILTER_TYPES].sort()).toEqual(['action', 'age', 'birthdate', 'cardSystem', 'kansenstatuut', 'mailing', 'membership', 'points', 'postcode']);
  expect(typesAsSpecified.every(Boolean)).toBe(true);
});

test('calendar: leap years and impossible days', () => {
  expect([2000, 2024, 1996].map(isLeapYear)).toEqual([true, true, true]);
  expect([1900, 2023, 2100].map(isLeapYear)).toEqual([false, false, false]);
  expect(['2024-02-29', '2000-02-29', '2023-12-31', '2023-04-30'].every(isCalendarDate)).toBe(true);
  expect(
    ['2023-02-29', '1900-02-29', '2023-02-30', '2023-04-31', '2023-13-01', '2023-00-10', '2023-01-00', '2023-1-01', ' 2023-01-01', '2023-01-01T00:00'].some(
      isCalendarDate,
    ),
  ).toBe(false);
});

// ---- valid definitions pass unchanged -----------------------------------------------------------

describe('valid definitions pass unchanged', () => {
  const scalarOps = ['<', '<=', '>', '>=', '='];
  const valid: object[] = [
    one({ type: 'cardSystem', cardSystems: ['a', 'b'] }),
    ...scalarOps.map((op) => one({ type: 'birthdate', op, value: '2000-02-29' })),
    one({ type: 'birthdate', op: 'between', value: ['2000-01-01', '2000-01-01'] }),
    ...scalarOps.map((op) => one({ type: 'age', op, value: 0 })),
    one({ type: 'age', op: 'between', value: [18, 25] }),
    one({ type: 'kansenstatuut', value: true }),
    one({ type: 'kansenstatuut', value: false, currentlyValid: true }),
    one({ type: 'kansenstatuut', value: true, currentlyValid: false }),
    one({ type: 'membership', associations: ['x', 'y'] }),
    one({ type: 'postcode', postcodes: ['9000', '0123'] }),
    ...scalarOps.map((op) => one({ type: 'points', op, value: -5 })),
    one({ type: 'points', op: 'between', value: [-10, 10] }),
    ...scalarOps.map((op) => one(checkin({ count: { op, value: 0 } }))),
    one(checkin({ count: { op: 'between', value: [0, 0] } })),
    one(
      checkin({ period: { from: '2024-01-01', to: '2024-01-01' }, counterTypes: ['Festival'], counters: ['c'], eventThemes: ['jazz en blues'], events: ['e'] }),
    ),
    one(action('TICKET', { count: { op: 'between', value: [0, 2] }, period: { last: 'year' }, events: ['e'], eventThemes: ['t'] })),
    one(action('CASHIN', { period: { last: 'month' }, advantages: ['adv'], counters: ['c'], counterTypes: ['Bib'] })),
    {
      version: 1,
      groups: [{ filters: [checkin(), { type: 'age', op: '>', value: 65 }] }, { filters: [checkin()] }],
      exclude: [{ filters: [{ type: 'points', op: '>', value: 1 }] }, { filters: [{ type: 'postcode', postcodes: ['1000'] }] }],
    },
  ];
  test.each(valid.map((v) => [JSON.stringify(v), v]))('%s', (_, v) => {
    expect(validateDefinitionShape(v)).toEqual({ ok: true, value: v });
  });
});

// ---- every refusal rule names its path ------------------------------------------------------------

describe('refusals name their exact path', () => {
  const cases: [string, unknown, Path[]][] = [
    ['not an object', 'x', [[]]],
    ['null definition', null, [[]]],
    ['version other than 1', { version: 2, groups: [{ filters: [checkin()] }] }, [['version']]],
    ['version "1" as text', { version: '1', groups: [{ filters: [checkin()] }] }, [['version']]],
    ['version missing', { groups: [{ filters: [checkin()] }] }, [['version']]],
    ['groups missing', { version: 1 }, [['groups']]],
    ['no groups', { version: 1, groups: [] }, [['groups']]],
    ['empty group', { version: 1, groups: [{ filters: [] }] }, [['groups', 0, 'filters']]],
    ['empty group in exclude', one(checkin(), { exclude: [{ filters: [] }] }), [['exclude', 0, 'filters']]],
    ['empty exclude', one(checkin(), { exclude: [] }), [['exclude']]],
    ['null exclude', one(checkin(), { exclude: null }), [['exclude']]],
    ['unknown top-level field', one(checkin(), { name: 'x' }), [['name']]],
    ['two unknown fields, one problem each', one(checkin(), { name: 'x', colour: 'red' }), [['name'], ['colour']]],
    ['unknown group field', { version: 1, groups: [{ filters: [checkin()], label: 'x' }] }, [['groups', 0, 'label']]],
    ['unknown filter type', one({ type: 'gender', value: 'x' }), [at('type')]],
    ['filter without type', one({ cardSystems: ['a'] }), [at('type')]],
    ['filter not an object', one('age'), [F]],
    ['unknown field on an action filter', one(checkin({ colour: 'red' })), [at('colour')]],
    ['unknown field on a comparison filter', one({ type: 'age', op: '<', value: 3, unit: 'y' }), [at('unit')]],
    ['unknown field in count', one(checkin({ count: { op: '<', value: 3, x: 1 } })), [at('count', 'x')]],
    ['unknown field in period', one(checkin({ period: { last: 'month', x: 1 } })), [at('period', 'x')]],
    ['unknown field in a from/to period', one(checkin({ period: { from: '2024-01-01', to: '2024-01-02', x: 1 } })), [at('period', 'x')]],
    ['null period', one(checkin({ period: null })), [at('period')]],
    ['null counters', one(checkin({ counters: null })), [at('counters')]],
    ['null currentlyValid', one({ type: 'kansenstatuut', value: true, currentlyValid: null }), [at('currentlyValid')]],
    ['unknown operator', one({ type: 'points', op: '!=', value: 1 }), [at('op')]],
    ['missing operator', one({ type: 'points', value: 1 }), [at('op')]],
    ['unknown count operator', one(checkin({ count: { op: '==', value: 1 } })), [at('count', 'op')]],
    ['between with a scalar', one({ type: 'age', op: 'between', value: 3 }), [at('value')]],
    ['between with one element', one({ type: 'points', op: 'between', value: [3] }), [at('value')]],
    ['between with three elements', one({ type: 'points', op: 'between', value: [1, 2, 3] }), [at('value')]],
    ['scalar op with a pair', one({ type: 'age', op: '<', value: [1, 2] }), [at('value')]],
    ['count low > high', one(checkin({ count: { op: 'between', value: [3, 1] } })), [at('count', 'value')]],
    ['age low > high', one({ type: 'age', op: 'between', value: [30, 18] }), [at('value')]],
    ['points low > high', one({ type: 'points', op: 'between', value: [0, -1] }), [at('value')]],
    ['birthdate pair out of order', one({ type: 'birthdate', op: 'between', value: ['2001-01-01', '2000-12-31'] }), [at('value')]],
    ['negative count', one(checkin({ count: { op: '>=', value: -1 } })), [at('count', 'value')]],
    ['fractional count', one(checkin({ count: { op: '>=', value: 1.5 } })), [at('count', 'value')]],
    ['count as text', one(checkin({ count: { op: '>=', value: '1' } })), [at('count', 'value')]],
    ['missing count', one({ type: 'action', action: 'CHECKIN' }), [at('count')]],
    ['negative age', one({ type: 'age', op: '>', value: -3 }), [at('value')]],
    ['fractional age', one({ type: 'age', op: '=', value: 17.5 }), [at('value')]],
    ['fractional age inside a pair points at the element', one({ type: 'age', op: 'between', value: [18, 25.5] }), [at('value', 1)]],
    [
      'negative and fractional pair: one problem per element, no order problem',
      one({ type: 'age', op: 'between', value: [-1, 0.5] }),
      [at('value', 0), at('value', 1)],
    ],
    ['fractional points', one({ type: 'points', op: '=', value: 2.5 }), [at('value')]],
    ['impossible date', one({ type: 'birthdate', op: '<', value: '2023-02-30' }), [at('value')]],
    ['29 February of a common year', one({ type: 'birthdate', op: '<', value: '2023-02-29' }), [at('value')]],
    ['29 February 1900 (not a leap year)', one({ type: 'birthdate', op: '<', value: '1900-02-29' }), [at('value')]],
    ['date in another format', one({ type: 'birthdate', op: '<', value: '01/02/2000' }), [at('value')]],
    ['bad date inside a birthdate pair', one({ type: 'birthdate', op: 'between', value: ['2000-01-01', '2000-04-31'] }), [at('value', 1)]],
    ['period from after to', one(checkin({ period: { from: '2024-02-01', to: '2024-01-31' } })), [at('period')]],
    ['period bad date', one(checkin({ period: { from: '2024-13-01', to: '2024-12-31' } })), [at('period', 'from')]],
    ['period missing to', one(checkin({ period: { from: '2024-01-01' } })), [at('period')]],
    ['period as text', one(checkin({ period: 'month' })), [at('period')]],
    ['period mixing both forms', one(checkin({ period: { from: '2024-01-01', to: '2024-01-31', last: 'month' } })), [at('period')]],
    ['unknown last', one(checkin({ period: { last: 'week' } })), [at('period', 'last')]],
    ['events on CASHIN', one(action('CASHIN', { events: ['e'] })), [at('events')]],
    ['eventThemes on CASHIN', one(action('CASHIN', { eventThemes: ['t'] })), [at('eventThemes')]],
    ['advantages on CHECKIN', one(action('CHECKIN', { advantages: ['a'] })), [at('advantages')]],
    ['advantages on TICKET', one(action('TICKET', { advantages: ['a'] })), [at('advantages')]],
    ['unknown action', one(action('VISIT')), [at('action')]],
    ['empty card system list', one({ type: 'cardSystem', cardSystems: [] }), [at('cardSystems')]],
    ['empty counters list', one(checkin({ counters: [] })), [at('counters')]],
    ['empty association key', one({ type: 'membership', associations: ['a', ''] }), [at('associations', 1)]],
    ['key that is not text', one(checkin({ counterTypes: ['Festival', 7] })), [at('counterTypes', 1)]],
    ['key list that is not a list', one({ type: 'cardSystem', cardSystems: 'gent' }), [at('cardSystems')]],
    ['empty postcode list', one({ type: 'postcode', postcodes: [] }), [at('postcodes')]],
    [
      'postcodes not 4 digits',
      one({ type: 'postcode', postcodes: ['9000', '900', '90000', 'Gent', '9000 Gent', ' 9000', '٩٠٠٠', 9000] }),
      [1, 2, 3, 4, 5, 6, 7].map((i) => at('postcodes', i)),
    ],
    ['kansenstatuut without value', one({ type: 'kansenstatuut' }), [at('value')]],
    ['kansenstatuut value as text', one({ type: 'kansenstatuut', value: 'true' }), [at('value')]],
    ['currentlyValid as text', one({ type: 'kansenstatuut', value: true, currentlyValid: 'yes' }), [at('currentlyValid')]],
  ];
  test.each(cases)('%s', (_, input, expected) => {
    expect(paths(input)).toEqual(expected);
  });

  test('every problem has a plain-English message naming what was expected and what was given', () => {
    const messages = (input: unknown) => problems(input).map((p) => p.message);
    expect(messages(one(checkin({ colour: 'red' })))).toEqual(["Unknown field 'colour'"]);
    expect(messages(one({ type: 'birthdate', op: '<', value: '2023-02-30' }))[0]).toMatch(/YYYY-MM-DD.*"2023-02-30"/);
    expect(messages(one(checkin({ count: { op: '>=', value: -1 } })))[0]).toMatch(/whole number.*-1/);
    expect(messages(one({ type: 'gender' }))[0]).toMatch(/"cardSystem".*"points".*"gender"/);
    expect(messages(one({ type: 'age', op: 'between', value: [30, 18] }))[0]).toMatch(/low <= high.*\[30,18\]/);
    expect(messages(one(checkin(), { exclude: null }))[0]).toMatch(/exclude.*null/);
    expect(messages(one(action('CASHIN', { events: ['e'] })))[0]).toMatch(/CASHIN/);
    for (const [, input] of cases) for (const m of messages(input)) expect(m).toMatch(/^(Expected .+, got .+|Unknown field '.+')$/);
  });

  test('all problems of a definition are reported together, in a stable order', () => {
    const input = {
      version: 2,
      groups: [
        { filters: [checkin({ count: { op: 'between', value: [2, 1] }, advantages: ['a'], period: { from: '2024-02-30', to: '2024-03-01' } })] },
        { filters: [{ type: 'postcode', postcodes: ['12', '9000', 'x'] }, { type: 'gender' }], note: 'n' },
      ],
      exclude: [
        {
          filters: [
            { type: 'age', op: '<', value: -1 },
            { type: 'membership', associations: [] },
          ],
        },
      ],
      extra: true,
    };
    const expected: Path[] = [
      ['version'],
      ['groups', 0, 'filters', 0, 'count', 'value'],
      ['groups', 0, 'filters', 0, 'period', 'from'],
      ['groups', 0, 'filters', 0, 'advantages'],
      ['groups', 1, 'filters', 0, 'postcodes', 0],
      ['groups', 1, 'filters', 0, 'postcodes', 2],
      ['groups', 1, 'filters', 1, 'type'],
      ['groups', 1, 'note'],
      ['exclude', 0, 'filters', 0, 'value'],
      ['exclude', 0, 'filters', 1, 'associations'],
      ['extra'],
    ];
    expect(paths(input)).toEqual(expected);
    expect(paths(JSON.parse(JSON.stringify(input)))).toEqual(expected);
  });
});

// ---- properties -----------------------------------------------------------------------------------

describe('properties', () => {
  test('arbitrary JSON never throws: ok, or a non-empty list of problems with array paths', () => {
    const holds = (value: unknown) => {
      const r = validateDefinitionShape(value);
      if (r.ok) return true;
      return (
        r.errors.length > 0 &&
        r.errors.every(
          (e) =>
            Array.isArray(e.path) &&
            e.path.every((p) => typeof p === 'string' || typeof p === 'number') &&
            typeof e.message === 'string' &&
            e.message.length > 0,
        )
      );
    };
    fc.assert(fc.property(fc.jsonValue(), holds), { numRuns: 1000 });
    const filterish = fc.oneof(
      fc.jsonValue(),
      fc.record({ type: fc.constantFrom(...FILTER_TYPES, 'x'), op: fc.constantFrom(...OPERATORS, '!'), value: fc.jsonValue() }, { requiredKeys: ['type'] }),
      fc.record(
        {
          type: fc.constant('action'),
          action: fc.constantFrom(...ACTION_TYPES, 'X'),
          count: fc.jsonValue(),
          period: fc.jsonValue(),
          events: fc.jsonValue(),
          advantages: fc.jsonValue(),
        },
        { requiredKeys: ['type'] },
      ),
    );
    const groups = fc.array(fc.record({ filters: fc.array(filterish, { maxLength: 3 }) }), { maxLength: 3 });
    fc.assert(fc.property(fc.record({ version: fc.constantFrom(1, 2), groups, exclude: groups }, { requiredKeys: ['groups'] }), holds), { numRuns: 1000 });
  });

  test('generated valid definitions pass unchanged', () => {
    const key = fc.string({ minLength: 1, maxLength: 5 });
    const keys = fc.array(key, { minLength: 1, maxLength: 3 });
    const nat = fc.nat({ max: 200 });
    const date = fc
      .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const cmp = <T>(scalar: fc.Arbitrary<T>, le: (a: T, b: T) => boolean) =>
      fc.oneof(
        fc.record({ op: fc.constantFrom('<', '<=', '>', '>=', '='), value: scalar }),
        fc.tuple(scalar, scalar).map(([a, b]) => ({ op: 'between', value: le(a, b) ? [a, b] : [b, a] })),
      );
    const le = <T>(a: T, b: T) => a <= b;
    const period = fc.oneof(
      fc.record({ last: fc.constantFrom('month', 'year') }),
      fc.tuple(date, date).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a })),
    );
    const filter = fc.oneof(
      fc.record({ type: fc.constant('cardSystem'), cardSystems: keys }),
      fc.record(
        {
          type: fc.constant('action'),
          action: fc.constantFrom('CHECKIN', 'TICKET'),
          count: cmp(nat, le),
          period,
          counterTypes: keys,
          counters: keys,
          eventThemes: keys,
          events: keys,
        },
        { requiredKeys: ['type', 'action', 'count'] },
      ),
      fc.record(
        { type: fc.constant('action'), action: fc.constant('CASHIN'), count: cmp(nat, le), period, counterTypes: keys, counters: keys, advantages: keys },
        { requiredKeys: ['type', 'action', 'count'] },
      ),
      cmp(date, le).map((c) => ({ type: 'birthdate', ...c })),
      cmp(nat, le).map((c) => ({ type: 'age', ...c })),
      fc.record({ type: fc.constant('kansenstatuut'), value: fc.boolean(), currentlyValid: fc.boolean() }, { requiredKeys: ['type', 'value'] }),
      fc.record({ type: fc.constant('membership'), associations: keys }),
      fc.record({
        type: fc.constant('postcode'),
        postcodes: fc.array(
          fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
          { minLength: 1, maxLength: 3 },
        ),
      }),
      cmp(fc.integer({ min: -1000, max: 1000 }), le).map((c) => ({ type: 'points', ...c })),
    );
    const groups = fc.array(fc.record({ filters: fc.array(filter, { minLength: 1, maxLength: 4 }) }), { minLength: 1, maxLength: 3 });
    const definition = fc.record({ version: fc.constant(1), groups, exclude: groups }, { requiredKeys: ['version', 'groups'] });
    fc.assert(
      fc.property(definition, (def) => {
        expect(validateDefinitionShape(def)).toEqual({ ok: true, value: def });
      }),
      { numRuns: 300 },
    );
  });
});

// ---- references -----------------------------------------------------------------------------------

test('collectReferences lists every key with the path of its element', () => {
  const input = {
    version: 1,
    groups: [
      {
        filters: [
          { type: 'cardSystem', cardSystems: ['gent'] },
          checkin({ counterTypes: ['Festival'], counters: ['c1', 'c2'], eventThemes: ['jazz'], events: ['ev'] }),
        ],
      },
      { filters: [{ type: 'age', op: '<', value: 3 }, action('CASHIN', { advantages: ['adv-7'] })] },
    ],
    exclude: [{ filters: [{ type: 'membership', associations: ['as'] }] }],
  };
  const checked = validateDefinitionShape(input);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  expect(collectReferences(checked.value)).toEqual([
    { kind: 'cardSystem', key: 'gent', path: ['groups', 0, 'filters', 0, 'cardSystems', 0] },
    { kind: 'counterType', key: 'Festival', path: ['groups', 0, 'filters', 1, 'counterTypes', 0] },
    { kind: 'counter', key: 'c1', path: ['groups', 0, 'filters', 1, 'counters', 0] },
    { kind: 'counter', key: 'c2', path: ['groups', 0, 'filters', 1, 'counters', 1] },
    { kind: 'eventTheme', key: 'jazz', path: ['groups', 0, 'filters', 1, 'eventThemes', 0] },
    { kind: 'event', key: 'ev', path: ['groups', 0, 'filters', 1, 'events', 0] },
    { kind: 'advantage', key: 'adv-7', path: ['groups', 1, 'filters', 1, 'advantages', 0] },
    { kind: 'association', key: 'as', path: ['exclude', 0, 'filters', 0, 'associations', 0] },
  ]);
  expect(collectReferences({ version: 1, groups: [{ filters: [{ type: 'points', op: '>', value: 0 }] }] })).toEqual([]);
});
