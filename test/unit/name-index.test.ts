/**
 * The name search of review lists and the holder search (segments/names.ts): a part of a name, any
 * case, accents as typed, never a match across two holders' names; against a plain filter model.
 */
import fc from 'fast-check';
import { NameIndex } from '../../src/plugins/segmentation/server/src/segments/names';

test('finds the holders whose name contains the text, in any case', () => {
  const index = NameIndex.of(1, [
    [1, 'Jan Peeters'],
    [4, 'Anja Janssens'],
    [7, 'Élise Dubois'],
    [9, ' '],
  ]);
  expect([...index.matching('jan')].sort()).toEqual([1, 4]);
  expect([...index.matching('JANS')]).toEqual([4]);
  expect([...index.matching('élise')]).toEqual([7]);
  expect([...index.matching('rs\nan')]).toEqual([]); // no match across two names
  expect([...index.matching('peeters anja')]).toEqual([]);
  expect([...index.matching('')]).toEqual([]);
});

test('equals a plain filter over random names', () => {
  const name = fc.stringMatching(/^[a-zA-Zéü ]{0,12}$/);
  fc.assert(
    fc.property(fc.array(name, { maxLength: 40 }), fc.stringMatching(/^[a-zéü ]{1,3}$/), (names, text) => {
      const index = NameIndex.of(
        1,
        names.map((n, i) => [i * 2, n] as [number, string]),
      );
      const expected = names.flatMap((n, i) => (n.toLowerCase().includes(text) ? [i * 2] : []));
      expect([...index.matching(text)].sort((a, b) => a - b)).toEqual(expected);
    }),
    { numRuns: 300 },
  );
});
