/**
 * The stored form of a generated audience (audiences/member-codec.ts): any ascending list of holder
 * ids and any step indexes come back as they were, and the common case is small.
 */
import fc from 'fast-check';
import { decodeMembers, decodeSteps, encodeMembers, encodeSteps } from '../../src/plugins/segmentation/server/src/audiences/member-codec';

test('ascending ids round-trip, whatever their gaps', () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { maxLength: 300 }), (ids) => {
      const members = Int32Array.from(ids.sort((a, b) => a - b));
      expect([...decodeMembers(encodeMembers(members))]).toEqual([...members]);
    }),
    { numRuns: 300 },
  );
});

test('step indexes round-trip, narrow or wide', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 32_767 }), { maxLength: 300 }), fc.boolean(), (indexes, narrow) => {
      const steps = Int16Array.from(narrow ? indexes.map((i) => i % 255) : indexes);
      expect([...decodeSteps(encodeSteps(steps))]).toEqual([...steps]);
    }),
    { numRuns: 300 },
  );
});

test('dense ids take about a byte each, and a few steps one byte each', () => {
  const members = Int32Array.from({ length: 10_000 }, (_, i) => i * 3);
  expect(encodeMembers(members).length).toBe(10_000);
  expect(encodeSteps(new Int16Array(10_000).fill(4)).length).toBe(10_001);
  expect(decodeMembers(encodeMembers(new Int32Array(0))).length).toBe(0);
});
