/** The shared definition schema: every refusal rule of SPEC-segments.md, with the path it names. */
import fc from 'fast-check';
import { collectReferences, validateDefinitionShape, type SegmentDefinition } from '../../src/plugins/segmentation/shared/definition';

const one = (filter: object, extra: object = {}) => ({ version: 1, groups: [{ filters: [filter] }], ...extra });
const paths = (input: unknown) => {
  const r = validateDefinitionShape(input);
  if (r.ok) throw new Error('expected a refusal');
  return r.errors.map((e) => e.path);
};
const checkin = (extra: object = {}) => ({ type: 'action', action: 'CHECKIN', count: { op: '>=', value: 1 }, ...extra });

describe('valid definitions pass unchanged', () => {
  const valid: object[] = [
    one({ type: 'cardSystem', cardSystems: ['a', 'b'] }),
    one({ type: 'birthdate', op: '<', value: '2000-02-29' }),
    one({ type: 'birthdate', op: 'between', value: ['2000-01-01', '2000-01-01'] }),
    one({ type: 'age', op: 'between', value: [18, 25] }),
    one({ type: 'age', op: '=', value: 0 }),
    one({ type: 'kansenstatuut', value: false, currentlyValid: true }),
    one({ type: 'membership', associations: ['x'] }),
    one({ type: 'postcode', postcodes: ['9000', '0123'] }),
    one({ type: 'points', op: '<=', value: -5 }),
    ...['<', '<=', '>', '>=', '='].map((op) => one(checkin({ count: { op, value: 0 } }))),
    one(checkin({ period: { from: '2024-01-01', to: '2024-01-01' }, counterTypes: ['Festival'], counters: ['c'], eventThemes: ['jazz en blues'], events: ['e'] })),
    one({ type: 'action', action: 'TICKET', count: { op: 'between', value: [0, 2] }, period: { last: 'year' } }),
    one({ type: 'action', action: 'CASHIN', count: { op: '>=', value: 1 }, period: { last: 'month' }, advantages: ['adv'] }),
    { version: 1, groups: [{ filters: [checkin()] }, { filters: [checkin()] }], exclude: [{ filters: [{ type: 'points', op: '>', value: 1 }] }] },
  ];
  test.each(valid.map((v) => [JSON.stringify(v), v]))('%s', (_, v) => {
    expect(validateDefinitionShape(v)).toEqual({ ok: true, value: v });
  });
});

describe('refusals name their path', () => {
  test.each<[string, unknown, (string | number)[][]]>([
    ['not an object', 'x', [[]]],
    ['version other than 1', { version: 2, groups: [{ filters: [checkin()] }] }, [['version']]],
    ['no groups', { version: 1, groups: [] }, [['groups']]],
    ['empty group', { version: 1, groups: [{ filters: [] }] }, [['groups', 0, 'filters']]],
    ['empty exclude', one(checkin(), { exclude: [] }), [['exclude']]],
    ['null exclude', one(checkin(), { exclude: null }), [['exclude']]],
    ['unknown top-level field', one(checkin(), { name: 'x' }), [['name']]],
    ['unknown filter type', one({ type: 'gender', value: 'x' }), [['groups', 0, 'filters', 0, 'type']]],
    ['unknown filter field', one(checkin({ colour: 'red' })), [['groups', 0, 'filters', 0, 'colour']]],
    ['unknown group field', { version: 1, groups: [{ filters: [checkin()], label: 'x' }] }, [['groups', 0, 'label']]],
    ['null optional field', one(checkin({ period: null })), [['groups', 0, 'filters', 0, 'period']]],
    ['between low > high', one(checkin({ count: { op: 'between', value: [3, 1] } })), [['groups', 0, 'filters', 0, 'count', 'value']]],
    ['between with a scalar', one({ type: 'age', op: 'between', value: 3 }), [['groups', 0, 'filters', 0, 'value']]],
    ['scalar op with a pair', one({ type: 'age', op: '<', value: [1, 2] }), [['groups', 0, 'filters', 0, 'value']]],
    ['negative count', one(checkin({ count: { op: '>=', value: -1 } })), [['groups', 0, 'filters', 0, 'count', 'value']]],
    ['fractional count', one(checkin({ count: { op: '>=', value: 1.5 } })), [['groups', 0, 'filters', 0, 'count', 'value']]],
    ['negative age', one({ type: 'age', op: '>', value: -3 }), [['groups', 0, 'filters', 0, 'value']]],
    ['fractional age', one({ type: 'age', op: 'between', value: [18, 25.5] }), [['groups', 0, 'filters', 0, 'value', 1]]],
    ['fractional points', one({ type: 'points', op: '=', value: 2.5 }), [['groups', 0, 'filters', 0, 'value']]],
    ['impossible date', one({ type: 'birthdate', op: '<', value: '2023-02-30' }), [['groups', 0, 'filters', 0, 'value']]],
    ['29 Feb of a common year', one({ type: 'birthdate', op: '<', value: '2023-02-29' }), [['groups', 0, 'filters', 0, 'value']]],
    ['birthdate pair out of order', one({ type: 'birthdate', op: 'between', value: ['2001-01-01', '2000-01-01'] }), [['groups', 0, 'filters', 0, 'value']]],
    ['period from after to', one(checkin({ period: { from: '2024-02-01', to: '2024-01-31' } })), [['groups', 0, 'filters', 0, 'period']]],
    ['period bad date', one(checkin({ period: { from: '2024-13-01', to: '2024-12-31' } })), [['groups', 0, 'filters', 0, 'period', 'from']]],
    ['unknown last', one(checkin({ period: { last: 'week' } })), [['groups', 0, 'filters', 0, 'period', 'last']]],
    ['events on CASHIN', one({ type: 'action', action: 'CASHIN', count: { op: '>=', value: 1 }, events: ['e'] }), [['groups', 0, 'filters', 0, 'events']]],
    ['themes on CASHIN', one({ type: 'action', action: 'CASHIN', count: { op: '>=', value: 1 }, eventThemes: ['t'] }), [['groups', 0, 'filters', 0, 'eventThemes']]],
    ['advantages on TICKET', one({ type: 'action', action: 'TICKET', count: { op: '>=', value: 1 }, advantages: ['a'] }), [['groups', 0, 'filters', 0, 'advantages']]],
    ['unknown action', one({ type: 'action', action: 'VISIT', count: { op: '>=', value: 1 } }), [['groups', 0, 'filters', 0, 'action']]],
    ['empty key list', one({ type: 'cardSystem', cardSystems: [] }), [['groups', 0, 'filters', 0, 'cardSystems']]],
    ['empty key', one({ type: 'membership', associations: ['a', ''] }), [['groups', 0, 'filters', 0, 'associations', 1]]],
    ['postcode not 4 digits', one({ type: 'postcode', postcodes: ['9000', '900', '90000', 'Gent'] }), [1, 2, 3].map((i) => ['groups', 0, 'filters', 0, 'postcodes', i])],
    ['kansenstatuut without value', one({ type: 'kansenstatuut' }), [['groups', 0, 'filters', 0, 'value']]],
    ['unknown operator', one({ type: 'points', op: '!=', value: 1 }), [['groups', 0, 'filters', 0, 'op']]],
  ])('%s', (_, input, expected) => {
    expect(paths(input)).toEqual(expected);
  });

  test('several problems are reported together, in the exclude groups too', () => {
    const input = {
      version: 1,
      groups: [{ filters: [checkin({ count: { op: 'between', value: [2, 1] } })] }, { filters: [{ type: 'postcode', postcodes: ['12'] }] }],
      exclude: [{ filters: [{ type: 'age', op: '<', value: -1 }] }],
      extra: true,
    };
    expect(paths(input)).toEqual(
      expect.arrayContaining([
        ['groups', 0, 'filters', 0, 'count', 'value'],
        ['groups', 1, 'filters', 0, 'postcodes', 0],
        ['exclude', 0, 'filters', 0, 'value'],
        ['extra'],
      ]),
    );
  });

  test('arbitrary input never throws: ok, or a non-empty list of problems with array paths', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const r = validateDefinitionShape(value);
        if (r.ok) return true;
        return r.errors.length > 0 && r.errors.every((e) => Array.isArray(e.path) && typeof e.message === 'string');
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.record({ version: fc.constant(1), groups: fc.array(fc.record({ filters: fc.array(fc.jsonValue(), { maxLength: 3 }) }), { maxLength: 3 }) }), (value) => {
        const r = validateDefinitionShape(value);
        return r.ok || r.errors.length > 0;
      }),
      { numRuns: 2000 },
    );
  });
});

test('collectReferences lists every key with the path of its element', () => {
  const def = {
    version: 1,
    groups: [{ filters: [{ type: 'cardSystem', cardSystems: ['gent'] }, checkin({ counters: ['c1', 'c2'], eventThemes: ['jazz'] })] }],
    exclude: [{ filters: [{ type: 'membership', associations: ['as'] }] }],
  } as SegmentDefinition;
  expect(collectReferences(def)).toEqual([
    { kind: 'cardSystem', key: 'gent', path: ['groups', 0, 'filters', 0, 'cardSystems', 0] },
    { kind: 'counter', key: 'c1', path: ['groups', 0, 'filters', 1, 'counters', 0] },
    { kind: 'counter', key: 'c2', path: ['groups', 0, 'filters', 1, 'counters', 1] },
    { kind: 'eventTheme', key: 'jazz', path: ['groups', 0, 'filters', 1, 'eventThemes', 0] },
    { kind: 'association', key: 'as', path: ['exclude', 0, 'filters', 0, 'associations', 0] },
  ]);
});
