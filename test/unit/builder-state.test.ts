/** The builder's state: definition in -> editor state -> the same definition out; edits; field problems. */
import fc from 'fast-check';
import {
  checkDraft,
  countableDefinition,
  edit,
  emptyDraft,
  fromDraft,
  lacksCardSystemFilter,
  newFilter,
  problemsAt,
  toDraft,
  visibleProblems,
} from '../../src/plugins/segmentation/admin/src/segments/builder-state';
import { FILTER_TYPES, validateDefinitionShape, type SegmentDefinition } from '../../src/plugins/segmentation/shared/definition';

const full: SegmentDefinition = {
  version: 1,
  groups: [
    {
      filters: [
        { type: 'cardSystem', cardSystems: ['gent'] },
        {
          type: 'action',
          action: 'CHECKIN',
          count: { op: 'between', value: [3, 10] },
          period: { last: 'year' },
          counterTypes: ['Concert'],
          eventThemes: ['jazz en blues'],
        },
        { type: 'age', op: 'between', value: [18, 25] },
      ],
    },
    {
      filters: [
        { type: 'postcode', postcodes: ['9000', '9030'] },
        { type: 'kansenstatuut', value: true, currentlyValid: true },
      ],
    },
  ],
  exclude: [
    { filters: [{ type: 'action', action: 'CASHIN', count: { op: '>=', value: 1 }, advantages: ['adv-1'], period: { from: '2024-01-01', to: '2024-12-31' } }] },
  ],
};

test('definition -> draft -> the same definition', () => {
  expect(fromDraft(toDraft(full))).toEqual(full);
  const noExclude = { ...full, exclude: undefined };
  delete noExclude.exclude;
  expect(fromDraft(toDraft(noExclude))).toEqual(noExclude);
  expect(checkDraft(toDraft(full))).toEqual({ ok: true, definition: full });
});

test('round trip holds for generated valid definitions', () => {
  const filter = fc.oneof(
    fc.record({ type: fc.constant('cardSystem'), cardSystems: fc.array(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 3 }) }),
    fc.record({ type: fc.constant('points'), op: fc.constantFrom('<', '<=', '>', '>=', '='), value: fc.integer() }),
    fc.record({ type: fc.constant('postcode'), postcodes: fc.array(fc.stringMatching(/^[0-9]{4}$/), { minLength: 1, maxLength: 3 }) }),
    fc.record({ type: fc.constant('kansenstatuut'), value: fc.boolean() }),
  );
  const def = fc.record({
    version: fc.constant(1),
    groups: fc.array(fc.record({ filters: fc.array(filter, { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 3 }),
  });
  fc.assert(
    fc.property(def, (d) => {
      expect(validateDefinitionShape(d).ok).toBe(true);
      expect(fromDraft(toDraft(d as SegmentDefinition))).toEqual(d);
    }),
  );
});

test('every new filter is incomplete or valid, never a crash; incomplete ones name their field', () => {
  for (const type of FILTER_TYPES) {
    const draft = { groups: [{ _key: 'g', filters: [newFilter(type)] }], exclude: [] };
    const check = checkDraft(draft);
    if (!check.ok) expect(Object.keys(problemsAt(check.problems, 'groups', 0, 0)).length).toBeGreaterThan(0);
  }
  const emptyCount = checkDraft({ groups: [{ _key: 'g', filters: [{ ...newFilter('points'), value: undefined }] }], exclude: [] });
  expect(emptyCount.ok).toBe(false);
});

test('bad input is marked at its field: high < low, end before start', () => {
  const draft = toDraft({
    version: 1,
    groups: [
      {
        filters: [
          { type: 'age', op: 'between', value: [30, 20] },
          { type: 'action', action: 'TICKET', count: { op: '>=', value: 1 }, period: { from: '2024-05-01', to: '2024-04-01' } },
        ],
      },
    ],
  });
  const check = checkDraft(draft);
  expect(check.ok).toBe(false);
  if (check.ok) return;
  expect(problemsAt(check.problems, 'groups', 0, 0)).toHaveProperty('value');
  expect(problemsAt(check.problems, 'groups', 0, 1)).toHaveProperty('period');
});

test('edits: add/remove filters and groups; removing the last filter removes its group', () => {
  let d = emptyDraft();
  d = edit.addFilter(d, 'groups', 0, 'postcode');
  expect(d.groups[0]!.filters.map((f) => f.type)).toEqual(['', 'postcode']);
  d = edit.addGroup(d, 'groups');
  d = edit.addGroup(d, 'exclude');
  expect([d.groups.length, d.exclude.length]).toEqual([2, 1]);
  d = edit.removeFilter(d, 'exclude', 0, 0);
  expect(d.exclude).toEqual([]);
  expect((fromDraft(d) as { exclude?: unknown }).exclude).toBeUndefined();
});

test('card-system reminder when some group has no card-system filter', () => {
  expect(lacksCardSystemFilter(toDraft(full))).toBe(true);
  expect(lacksCardSystemFilter(toDraft({ version: 1, groups: [full.groups[0]!] }))).toBe(false);
});

describe('no default that changes the audience (issue 18, item 2)', () => {
  const gent = toDraft({ version: 1, groups: [{ filters: [{ type: 'cardSystem', cardSystems: ['gent'] }] }] });
  const counted = (d: ReturnType<typeof emptyDraft>) => countableDefinition(d).definition;

  test('a new segment, group, exclusion and filter start with no filter type chosen', () => {
    expect(emptyDraft().groups[0]!.filters.map((f) => f.type)).toEqual(['']);
    const d = edit.addGroup(edit.addGroup(gent, 'groups'), 'exclude');
    expect(d.groups[1]!.filters.map((f) => f.type)).toEqual(['']);
    expect(d.exclude[0]!.filters.map((f) => f.type)).toEqual(['']);
    expect(edit.addFilter(gent, 'groups', 0).groups[0]!.filters[1]!.type).toBe('');
  });

  test('an exclusion changes the counted definition only once its filter is complete', () => {
    let d = edit.addGroup(gent, 'exclude');
    expect(counted(d)).toEqual(counted(gent));
    d = edit.setFilter(d, 'exclude', 0, 0, { ...newFilter('points'), _key: d.exclude[0]!.filters[0]!._key });
    expect(counted(d)).toEqual(counted(gent)); // a number not typed yet
    expect(countableDefinition(d).incomplete).toBe(1);
    d = edit.setFilter(d, 'exclude', 0, 0, { ...d.exclude[0]!.filters[0]!, value: 100 });
    expect(counted(d)).toEqual({ ...counted(gent), exclude: [{ filters: [{ type: 'points', op: '>=', value: 100 }] }] });
    expect(countableDefinition(d).excludeIndex).toEqual([0]);
  });

  test('incomplete filters are left out of a group, empty groups out of the definition, with an index back', () => {
    let d = edit.addGroup(gent, 'groups'); // group 2: blank
    d = edit.addGroup(d, 'groups');
    d = edit.setFilter(d, 'groups', 2, 0, { type: 'postcode', postcodes: ['9000'], _key: 'p' });
    d = edit.addFilter(d, 'groups', 0, 'age'); // incomplete
    const c = countableDefinition(d);
    expect(c.definition?.groups).toEqual([
      { filters: [{ type: 'cardSystem', cardSystems: ['gent'] }] },
      { filters: [{ type: 'postcode', postcodes: ['9000'] }] },
    ]);
    expect(c.groupIndex).toEqual([0, -1, 1]);
    expect(counted(emptyDraft())).toBeNull(); // nothing chosen: no count at all
  });

  test('saving still needs every filter complete: a blank row asks for a filter type', () => {
    const check = checkDraft(edit.addGroup(gent, 'exclude'));
    expect(check.ok).toBe(false);
    if (!check.ok) expect(problemsAt(check.problems, 'exclude', 0, 0)).toHaveProperty('type');
  });
});

test('problems show only at touched fields until a save attempt (issue 18, item 1)', () => {
  const filter = newFilter('cardSystem');
  const check = checkDraft({ groups: [{ _key: 'g', filters: [filter] }], exclude: [] });
  if (check.ok) throw new Error('an empty card-system list must be a problem');
  const errors = problemsAt(check.problems, 'groups', 0, 0);
  expect(visibleProblems(errors, filter, false)).toEqual({});
  expect(Object.keys(visibleProblems(errors, { ...filter, _touched: ['cardSystems'] }, false))).toEqual(['cardSystems']);
  expect(Object.keys(visibleProblems(errors, filter, true))).toEqual(['cardSystems']);
  expect(fromDraft({ groups: [{ _key: 'g', filters: [{ ...filter, _touched: ['cardSystems'] }] }], exclude: [] })).toEqual({
    version: 1,
    groups: [{ filters: [{ type: 'cardSystem', cardSystems: [] }] }],
  });
});
