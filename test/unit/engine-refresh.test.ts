/**
 * The audience index refreshes incrementally from the data version: an instance that was loaded
 * before an import answers, after the import, exactly like a fresh instance — so several Strapi
 * instances on one database stay consistent.
 */
import { Readable } from 'stream';
import { createTestDb, type TestDb } from '../helpers/db';
import { importStream } from '../../src/plugins/segmentation/server/src/imports/service';
import { SegmentEngine } from '../../src/plugins/segmentation/server/src/segments/engine';
import type { SegmentDefinition } from '../../src/plugins/segmentation/shared/definition';
import { ENTITIES, ndjson } from '../integration/fixture';

let db: TestDb;
const body = (records: object[]) => Readable.from([ndjson(records)]);
const load = async (entity: string, records: object[]) => importStream(db.knex, entity as never, body(records), 'ndjson');

beforeAll(async () => {
  db = await createTestDb();
  for (const [entity, records] of ENTITIES) await load(entity, records);
});
afterAll(async () => db?.destroy());

const definitions: SegmentDefinition[] = [
  { version: 1, groups: [{ filters: [{ type: 'cardSystem', cardSystems: ['cs-gent'] }] }] },
  { version: 1, groups: [{ filters: [{ type: 'action', action: 'CHECKIN', count: { op: '>=', value: 2 } }] }] },
  { version: 1, groups: [{ filters: [{ type: 'membership', associations: ['as-1'] }] }] },
  { version: 1, groups: [{ filters: [{ type: 'postcode', postcodes: ['9000'] }] }], exclude: [{ filters: [{ type: 'points', op: '>', value: 5 }] }] },
];

async function answers(engine: SegmentEngine) {
  const out = [];
  for (const d of definitions) {
    const p = await engine.preview(d, { asOf: '2024-03-31', page: 1, pageSize: 100 });
    out.push({ total: p.total, withEmail: p.withEmail, uids: p.items.map((i) => i.uid) });
  }
  return out;
}

test('an instance loaded before an import catches up with the new data version', async () => {
  const early = new SegmentEngine(db.knex);
  const before = await answers(early);

  await load('pass-holders', [
    { uid: 'h07', firstName: 'Gert', lastName: 'Mertens', postcode: '9000', cardSystems: ['cs-gent'], memberships: [{ association: 'as-1' }] },
    { uid: 'h02', cardSystems: ['cs-leuven'], points: 9 }, // moves card system, changes points
  ]);
  await load('actions', [
    { key: 'x1', holder: 'h07', type: 'CHECKIN', at: '2024-03-01T10:00:00Z' },
    { key: 'x2', holder: 'h07', type: 'CHECKIN', at: '2024-03-02T10:00:00Z' },
    { key: 'a1', holder: 'h05', type: 'CHECKIN', at: '2024-03-30T22:59:00Z' }, // an existing action moves to h05
  ]);

  const after = await answers(early);
  const fresh = await answers(new SegmentEngine(db.knex));
  expect(after).toEqual(fresh);
  expect(after).not.toEqual(before);
  expect(fresh[0]!.uids).toEqual(['H00', 'h01', 'h04', 'h07']);
  expect(fresh[1]!.uids).toEqual(['H00', 'h04', 'h07']);
  expect(fresh[2]!.uids).toEqual(['h04', 'h07']);
  expect(fresh[3]!.uids).toEqual(['H00', 'h07']);
});

test('a stored action changed by a later import reaches an instance loaded before it, by either write path', async () => {
  const early = new SegmentEngine(db.knex);
  await answers(early);
  // A complete line for a stored key (upsert) and a partial one (update of the fields it gives).
  await load('actions', [{ key: 'x1', holder: 'h05', type: 'CHECKIN', at: '2024-03-05T10:00:00Z' }]);
  await load('actions', [{ key: 'x2', type: 'TICKET' }]);
  const revised = await db.knex('seg_actions').whereIn('key', ['x1', 'x2']).orderBy('key').select('key', 'revised_seq', 'seq');
  expect(revised.map((r: { revised_seq: unknown; seq: unknown }) => Number(r.revised_seq) === Number(r.seq) && r.revised_seq != null)).toEqual([true, true]);
  const after = await answers(early);
  expect(after).toEqual(await answers(new SegmentEngine(db.knex)));
  expect(after[1]!.uids).not.toContain('h07'); // both of h07's check-ins moved away
});

test('rows stamped with a version above the committed one wait for it, whether new or revised', async () => {
  const early = new SegmentEngine(db.knex);
  const before = await answers(early);
  const version = Number((await db.knex('seg_meta').where({ key: 'data_version' }).first('value')).value);
  const holder = async (uid: string) => Number((await db.knex('seg_holders').where({ uid }).first('id')).id);
  const [h04, h07] = [await holder('h04'), await holder('h07')];
  // What an import batch in flight would have written: a new action and a revised one, stamped
  // with the next version, which is not yet the committed one.
  const next = version + 1;
  await db.knex('seg_actions').insert({ key: 'late', holder_id: h07, type: 'CHECKIN', at: '2024-03-06T10:00:00.000Z', day: 19788, seq: next });
  await db.knex('seg_actions').insert({ key: 'late2', holder_id: h07, type: 'CHECKIN', at: '2024-03-07T10:00:00.000Z', day: 19789, seq: next });
  await db.knex('seg_actions').where({ key: 'x1' }).update({ holder_id: h04, seq: next, revised_seq: next });
  const loadedNow = new SegmentEngine(db.knex);
  // A full load at this moment leaves out both (the revised row until its version is committed).
  expect((await answers(loadedNow))[1]!.uids).not.toContain('h07');
  expect(await answers(early)).toEqual(before);
  await db.knex('seg_meta').where({ key: 'data_version' }).update({ value: next });
  const after = await answers(early);
  expect(after).not.toEqual(before);
  expect(after[1]!.uids).toContain('h07'); // two new check-ins
  expect(await answers(loadedNow)).toEqual(after);
  expect(await answers(new SegmentEngine(db.knex))).toEqual(after);
});
