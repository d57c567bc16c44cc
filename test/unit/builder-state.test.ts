/** The builder's state: definition in -> editor state -> the same definition out; edits; field problems. */
import fc from 'fast-check';
import {
  checkDraft,
  edit,
  emptyDraft,
  fromDraft,
  lacksCardSystemFilter,
  newFilter,
  problemsAt,
  toDraft,
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
  expect(d.groups[0]!.filters.map((f) => f.type)).toEqual(['cardSystem', 'postcode']);
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
