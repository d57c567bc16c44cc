/**
 * The order of an audience's steps (audiences/compose.ts) against a plain model with JavaScript
 * Sets, over random step lists: add is a union, remove a difference, each at its turn; each step's
 * count is what it changed; each holder is credited to the step that last added it. And the shared
 * step schema: one source per step, an outcome only with a mailing, a repeated source found.
 */
import fc from 'fast-check';
import { compose, fixAudience } from '../../src/plugins/segmentation/server/src/audiences/compose';
import { repeatedSource, resolveWaveGroup, validateSteps, type AudienceStep } from '../../src/plugins/segmentation/shared/audience';

const SIZE = 41; // not a multiple of four: compose reads four holders at a time, then the rest
const stepArb = fc.record({ mode: fc.constantFrom('add' as const, 'remove' as const), members: fc.uniqueArray(fc.nat(SIZE - 1), { maxLength: SIZE }) });

test('compose equals the Set model for any list of steps', () => {
  fc.assert(
    fc.property(fc.array(stepArb, { maxLength: 12 }), (steps) => {
      const model = new Set<number>();
      const by = new Map<number, number>();
      const counts = steps.map(({ mode, members }, i) => {
        let changed = 0;
        for (const h of members) {
          if (mode === 'add' && !model.has(h)) {
            model.add(h);
            by.set(h, i);
            changed++;
          } else if (mode === 'remove' && model.has(h)) {
            model.delete(h);
            by.delete(h);
            changed++;
          }
        }
        return mode === 'add' ? { added: changed, removed: 0 } : { added: 0, removed: changed };
      });
      const sets = steps.map(({ mode, members }) => {
        const set = new Uint8Array(SIZE);
        for (const h of members) set[h] = 1;
        return { mode, set };
      });
      const result = compose(SIZE, sets);
      const members = [...result.set.keys()].filter((h) => result.set[h]);
      expect(members).toEqual([...model].sort((a, b) => a - b));
      expect(result.total).toBe(model.size);
      expect(result.steps).toEqual(counts);
      for (let h = 0; h < SIZE; h++) expect(result.addedBy[h]).toBe(by.get(h) ?? -1);
    }),
    { numRuns: 300 },
  );
});

test('a fixed audience is the composition minus the holders left out, ascending, each with the step that added it', () => {
  fc.assert(
    fc.property(fc.array(stepArb, { maxLength: 8 }), fc.uniqueArray(fc.nat(SIZE - 1), { maxLength: SIZE }), (steps, leaveOut) => {
      const sets = steps.map(({ mode, members }) => {
        const set = new Uint8Array(SIZE);
        for (const h of members) set[h] = 1;
        return { mode, set };
      });
      const composed = compose(SIZE, sets);
      const before = [...composed.set.keys()].filter((h) => composed.set[h]);
      const addedBy = [...composed.addedBy];
      const fixed = fixAudience(composed, leaveOut);
      const expected = before.filter((h) => !leaveOut.includes(h));
      expect([...fixed.members]).toEqual(expected);
      expect(fixed.leftOut).toBe(before.length - expected.length);
      expect([...fixed.addedBy]).toEqual(expected.map((h) => addedBy[h]));
    }),
    { numRuns: 300 },
  );
});

describe('the step schema', () => {
  const paths = (input: unknown) => {
    const r = validateSteps(input);
    return r.ok ? [] : r.errors.map((e) => e.path);
  };

  test('one source per step, a known mode, an outcome only with a mailing', () => {
    expect(paths([{ mode: 'add', segment: 's1' }])).toEqual([]);
    expect(paths([{ mode: 'add' }])).toEqual([['steps', 0]]);
    expect(paths([{ mode: 'add', segment: 's1', campaign: 'c1' }])).toEqual([['steps', 0, 'campaign']]);
    expect(paths([{ mode: 'keep', segment: 's1' }])).toEqual([['steps', 0, 'mode']]);
    expect(paths([{ mode: 'add', segment: 's1', outcome: 'opened' }])).toEqual([['steps', 0, 'outcome']]);
    expect(paths([{ mode: 'add', campaign: 'c1', outcome: 'bounced' }])).toEqual([['steps', 0, 'outcome']]);
    expect(paths([{ mode: 'add', uids: [] }])).toEqual([['steps', 0, 'uids']]);
    expect(paths([{ mode: 'add', segment: 's1', colour: 'red' }])).toEqual([['steps', 0, 'colour']]);
    expect(paths([])).toEqual([['steps']]);
  });

  test('a repeated segment, mailing or list is found at its second step; definitions may repeat', () => {
    const step = (s: Partial<AudienceStep>): AudienceStep => ({ mode: 'add', ...s });
    expect(repeatedSource([step({ segment: 'a' }), step({ segment: 'b' })])).toBeNull();
    expect(repeatedSource([step({ segment: 'a' }), step({ campaign: 'a' })])).toBeNull();
    expect(repeatedSource([step({ definition: {} }), step({ definition: {} })])).toBeNull();
    expect(repeatedSource([step({ segment: 'a' }), step({ uids: ['x'] }), step({ mode: 'remove', segment: 'a' })])).toMatchObject({
      index: 2,
      source: 'segment',
      id: 'a',
    });
    expect(repeatedSource([step({ uids: ['x', 'y', 'x'] }), step({ uids: ['y', 'x'] })])).toMatchObject({ index: 1, source: 'uids' });
  });
});

describe('a typed wave group resolves to an existing one of the partner', () => {
  const groups = ['Zomerfestival 2026', 'Wintermarkt'];
  test.each([
    ['Zomerfestival 2026', 'Zomerfestival 2026'],
    ['zomerfestival 2026', 'Zomerfestival 2026'],
    ['  ZOMERFESTIVAL   2026 ', 'Zomerfestival 2026'],
    ['wintermarkt', 'Wintermarkt'],
    ['Zomerfestival 2027', 'Zomerfestival 2027'],
    ['  Nieuw   seizoen ', 'Nieuw seizoen'],
  ])('%p is %p', (typed, group) => {
    expect(resolveWaveGroup(typed, groups)).toBe(group);
  });
  test('an empty name is no group', () => {
    expect(resolveWaveGroup('   ', groups)).toBeNull();
    expect(resolveWaveGroup(undefined, groups)).toBeNull();
    expect(resolveWaveGroup(null, [])).toBeNull();
  });
});
