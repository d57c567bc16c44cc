/**
 * The import's bounded cache of reference ids (refs/cache.ts): when full, the older half is forgotten;
 * a large load reads a kind's whole table once instead of looking its keys up batch by batch.
 */
import { Readable } from 'stream';
import { RefCache } from '../../src/plugins/segmentation/server/src/imports/refs/cache';
import { digitKey } from '../../src/plugins/segmentation/server/src/imports/refs/stored-keys';
import fc from 'fast-check';
import { forEachKey } from '../../src/plugins/segmentation/server/src/imports/queries';
import { readKeyRows } from '../../src/plugins/segmentation/server/src/imports/refs/stored-keys';
import { importStream } from '../../src/plugins/segmentation/server/src/imports/service';
import { createTestDb, type TestDb } from '../helpers/db';

test('a full cache forgets the older half of each kind, keeps the rest and the new ids', () => {
  const cache = new RefCache(6);
  cache.remember(
    'holder',
    new Map([
      ['h1', 1],
      ['h2', 2],
      ['h3', 3],
      ['h4', 4],
    ]),
  );
  cache.remember(
    'event',
    new Map([
      ['e1', 11],
      ['e2', 12],
    ]),
  );
  expect(['h1', 'h2', 'h3', 'h4'].map((k) => cache.get('holder', k))).toEqual([1, 2, 3, 4]);
  cache.remember('holder', new Map([['h5', 5]]));
  expect(['h1', 'h2', 'h3', 'h4', 'h5'].map((k) => cache.get('holder', k))).toEqual([undefined, undefined, 3, 4, 5]);
  expect([cache.get('event', 'e1'), cache.get('event', 'e2')]).toEqual([undefined, 12]);
  // Ids found twice (two batches asking at once) count once.
  cache.remember('holder', new Map([['h5', 5]]));
  cache.remember(
    'counter',
    new Map([
      ['c1', 21],
      ['c2', 22],
    ]),
  );
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

describe('RefCache.find: a large load reads the whole table of a kind once', () => {
  let db: TestDb;
  // 100 holders: uids of digits (kept as numbers) and of text, in a shuffled order of ids.
  const uids = Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? `h-${i}` : String(1_000_000 + i).padStart(10, '0')));
  const load = (entity: string, records: object[]) =>
    importStream(db.knex, entity as never, Readable.from([records.map((r) => JSON.stringify(r)).join('\n')]), 'ndjson');
  let ids: Map<string, number>;

  beforeAll(async () => {
    db = await createTestDb();
    await load('card-systems', [{ key: 'cs', name: 'CS' }]);
    await load(
      'pass-holders',
      uids.map((uid) => ({ uid, firstName: 'F', lastName: 'L', cardSystems: ['cs'] })),
    );
    ids = new Map((await db.knex('seg_holders').select('uid', 'id')).map((r: { uid: string; id: number | string }) => [r.uid, Number(r.id)]));
  });
  afterAll(async () => db?.destroy());

  test('few keys asked: only those are looked up', async () => {
    const cache = new RefCache(1_000, { min: 5, share: 0.1 });
    const found = await cache.find(db.knex, 'holder', [uids[0]!, uids[1]!, 'nobody']);
    expect(found).toEqual(
      new Map([
        [uids[0]!, ids.get(uids[0]!)],
        [uids[1]!, ids.get(uids[1]!)],
      ]),
    );
    expect(cache.get('holder', uids[50]!)).toBeUndefined();
  });

  test('enough keys asked (count and share): every key of the table is remembered, unknown and later keys still asked', async () => {
    const cache = new RefCache(1_000, { min: 5, share: 0.1 });
    await cache.find(db.knex, 'holder', uids.slice(0, 4));
    expect(cache.get('holder', uids[99]!)).toBeUndefined(); // 4 asked: below the minimum
    const found = await cache.find(db.knex, 'holder', [...uids.slice(4, 10), 'nobody']);
    expect([...found.keys()].sort()).toEqual(uids.slice(4, 10).sort());
    expect(uids.map((uid) => cache.get('holder', uid))).toEqual(uids.map((uid) => ids.get(uid)));
    await load('pass-holders', [{ uid: 'late', firstName: 'F', lastName: 'L', cardSystems: ['cs'] }]);
    const late = await cache.find(db.knex, 'holder', ['late', 'nobody']);
    expect([...late.keys()]).toEqual(['late']);
    ids.set('late', late.get('late')!);
  });

  test('not while below the share of the table, nor when the table would not fit in the cache', async () => {
    const share = new RefCache(1_000, { min: 5, share: 0.5 });
    await share.find(db.knex, 'holder', uids.slice(0, 20));
    expect(share.get('holder', uids[99]!)).toBeUndefined();
    await share.find(db.knex, 'holder', uids.slice(20, 60));
    expect(share.get('holder', uids[99]!)).toBe(ids.get(uids[99]!));
    const small = new RefCache(60, { min: 5, share: 0.1 });
    await small.find(db.knex, 'holder', uids.slice(0, 20));
    expect(small.get('holder', uids[99]!)).toBeUndefined();
    expect(small.get('holder', uids[19]!)).toBe(ids.get(uids[19]!));
  });

  test('forEachKey gives every row once, digit-only keys as their digitKey, others as their exact text', async () => {
    const odd = ['tab\there', 'back\\slash\\n', 'line\nbreak\r', 'ünï cødé ✓', '123456789012345', '0042'];
    await db.knex('seg_holders').insert(odd.map((uid) => ({ uid })));
    const all = new Map((await db.knex('seg_holders').select('uid', 'id')).map((r: { uid: string; id: number | string }) => [r.uid, Number(r.id)]));
    const seen: [string, number][] = [];
    await forEachKey(
      db.knex,
      'seg_holders',
      'uid',
      (id, digits, key) => {
        expect(key === null ? digits >= 0 : digits === -1).toBe(true);
        const uid = key ?? [...all.keys()].find((k) => digitKey(k) === digits)!;
        seen.push([uid, id]);
      },
      7,
    );
    expect(seen.sort((a, b) => a[1] - b[1])).toEqual([...all].sort((a, b) => a[1] - b[1]));
  });
});

/** What `COPY ... TO STDOUT` writes for a text value (PostgreSQL's CopyAttributeOutText). */
const copyEscape = (text: string) =>
  text.replace(/[\\\b\f\n\r\t\v]/g, (c) => ({ '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' })[c]!);

test('readKeyRows: ids and keys back from COPY text cut anywhere', async () => {
  const key = fc.oneof(
    fc.stringMatching(/^[0-9]{1,16}$/),
    fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }),
    fc.string({ minLength: 1, maxLength: 12, unit: 'binary-ascii' }),
    fc.constantFrom('a\\b', '\t', '\\N', 'x\ny'),
  );
  await fc.assert(
    fc.asyncProperty(
      fc.uniqueArray(key, { minLength: 1, maxLength: 30 }),
      fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
      async (keys, cuts) => {
        const bytes = Buffer.from(keys.map((k, i) => `${i + 1}\t${copyEscape(k)}\n`).join(''), 'utf8');
        const chunks: Buffer[] = [];
        for (let at = 0, c = 0; at < bytes.length; c++) {
          const size = cuts[c % cuts.length]!;
          chunks.push(bytes.subarray(at, at + size));
          at += size;
        }
        const got: [number, number, string | null][] = [];
        await readKeyRows(Readable.from(chunks), (id, digits, k) => got.push([id, digits, k]));
        expect(got).toEqual(keys.map((k, i) => [i + 1, digitKey(k), digitKey(k) >= 0 ? null : k]));
      },
    ),
    { numRuns: 500 },
  );
  await expect(readKeyRows(Readable.from([Buffer.from('1\tabc')]), () => undefined)).rejects.toThrow('inside a row');
});
