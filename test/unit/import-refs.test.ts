/** The import's bounded cache of reference ids (refs.ts): when full, the older half is forgotten. */
import { RefCache, digitKey } from '../../src/plugins/segmentation/server/src/imports/refs';

test('a full cache forgets the older half of each kind, keeps the rest and the new ids', () => {
  const cache = new RefCache(6);
  cache.remember('holder', new Map([['h1', 1], ['h2', 2], ['h3', 3], ['h4', 4]]));
  cache.remember('event', new Map([['e1', 11], ['e2', 12]]));
  expect(['h1', 'h2', 'h3', 'h4'].map((k) => cache.get('holder', k))).toEqual([1, 2, 3, 4]);
  cache.remember('holder', new Map([['h5', 5]]));
  expect(['h1', 'h2', 'h3', 'h4', 'h5'].map((k) => cache.get('holder', k))).toEqual([undefined, undefined, 3, 4, 5]);
  expect([cache.get('event', 'e1'), cache.get('event', 'e2')]).toEqual([undefined, 12]);
  // Ids found twice (two batches asking at once) count once.
  cache.remember('holder', new Map([['h5', 5]]));
  cache.remember('counter', new Map([['c1', 21], ['c2', 22]]));
  expect([cache.get('holder', 'h5'), cache.get('counter', 'c2'), cache.get('holder', 'c2')]).toEqual([5, 22, undefined]);
});

test('keys of digits are kept apart, leading zeros included', () => {
  const keys = ['0', '00', '000', '1', '01', '001', '10', '0002100400', '2100400', '99999999999999', '12345678901234', '123456789012345', '1a', '', ' 1', '١'];
  const numbers = keys.map(digitKey).filter((n) => n >= 0);
  expect(new Set(numbers).size).toBe(numbers.length);
  expect(keys.map((k) => digitKey(k) >= 0)).toEqual([true, true, true, true, true, true, true, true, true, true, true, false, false, false, false, false]);
  const cache = new RefCache();
  cache.remember('holder', new Map(keys.map((k, i) => [k, i + 1])));
  expect(keys.map((k) => cache.get('holder', k))).toEqual(keys.map((_, i) => i + 1));
  expect(cache.get('holder', '000000')).toBeUndefined();
  expect(cache.get('counter', '0')).toBeUndefined();
});
