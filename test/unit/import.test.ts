/** The import service on a real database (SQLite, or Postgres with TEST_DB=postgres). */
import { Readable } from 'stream';
import fc from 'fast-check';
import { createTestDb, type TestDb } from '../helpers/db';
import { importStream, type ImportEntity } from '../../src/plugins/segmentation/server/src/imports/service';
import { normalisePostcode } from '../../src/plugins/segmentation/server/src/imports/postcode';
import { dayToIso } from '../../src/plugins/segmentation/server/src/segments/dates';

let db: TestDb;
const nd = (entity: ImportEntity, records: unknown[], opts = {}) =>
  importStream(db.knex, entity, Readable.from([records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n')]), 'ndjson', opts);
const csv = (entity: ImportEntity, text: string) => importStream(db.knex, entity, Readable.from([text]), 'csv');
const version = async () => Number((await db.knex('seg_meta').where({ key: 'data_version' }).first('value')).value);

beforeAll(async () => {
  db = await createTestDb();
  await nd('card-systems', [{ key: 'gent', name: 'UiTPAS Gent' }, { key: 'leuven', name: 'UiTPAS Leuven' }]);
  await csv('counters', 'key,name,type,cardSystem\nc1,Vooruit,Concert,gent\nc2,Bib,,leuven\n');
  await nd('events', [{ key: 'e1', name: 'Jazz', themes: ['jazz en blues', 'jazz en blues'], counter: 'c1' }]);
  await nd('advantages', [{ key: 'a1', name: 'Koffie', counter: 'c1', points: 5 }]);
  await nd('associations', [{ key: 'as1', name: 'Club' }, { key: 'as2', name: 'Chiro', cardSystem: 'gent' }]);
});
afterAll(async () => db?.destroy());

describe('postcode normalisation', () => {
  test.each([
    ['9000', '9000'],
    ['9000 Gent', '9000'],
    ['9000-GENT', '9000'],
    [' 9000', '9000'],
    ['\t9000\t', '9000'],
    ['90000', null],
    ['Gent', null],
    ['', null],
    ['B-9000', null],
    ['900', null],
    ['\n9000', null],
    ['９０００', null],
  ])('%j -> %j', (raw, expected) => expect(normalisePostcode(raw)).toBe(expected));
});

describe('import', () => {
  test('CSV holders: lists, memberships, derived columns; header is line 1', async () => {
    const res = await csv(
      'pass-holders',
      [
        'uid,firstName,lastName,email,phone,birthdate,postcode,points,kansenstatuut,cardSystems,memberships,consents',
        'u1,An,Peeters,an@x.be,,2000-02-29,9000 Gent,12,true,gent|leuven,as1:2025-01-01|as2,email|sms',
        'u2,Bart,Maes,"   ",0470,,90000,,false,gent,,',
        'u3,Chris,Claes,c@x.be,,2001-02-29,,,,,,', // impossible birthdate
        'u4,Dina,Smet,,,,,,,nowhere,,', // unknown card system
      ].join('\n'),
    );
    expect(res).toMatchObject({ entity: 'pass-holders', received: 4, inserted: 2, updated: 0 });
    expect(res.rejected.map((r) => r.line)).toEqual([4, 5]);
    expect(res.rejected[0]!.error).toMatch(/birthdate/);
    expect(res.rejected[1]!.error).toMatch(/unknown card system 'nowhere'/);
    const u1 = await db.knex('seg_holders').where({ uid: 'u1' }).first();
    expect(u1).toMatchObject({ postcode_raw: '9000 Gent', postcode: '9000', points: 12, birthdate: '2000-02-29' });
    expect(Boolean(u1.has_email)).toBe(true);
    expect(Boolean(u1.kansenstatuut)).toBe(true);
    expect(JSON.parse(u1.consents)).toEqual(['email', 'sms']);
    const u2 = await db.knex('seg_holders').where({ uid: 'u2' }).first();
    expect(u2.postcode).toBeNull();
    expect(Boolean(u2.has_email)).toBe(false);
    expect(Boolean(u2.has_phone)).toBe(true);
    const links = await db.knex('seg_holder_card_systems').where({ holder_id: u1.id }).orderBy('card_system_id');
    expect(links).toHaveLength(2);
    const memberships = await db.knex('seg_memberships').where({ holder_id: u1.id }).orderBy('association_id');
    expect(memberships.map((m: { end_date: string | null }) => m.end_date)).toEqual(['2025-01-01', null]);
    expect(await db.knex('seg_holders').where({ uid: 'u3' }).first()).toBeUndefined();
  });

  test('a later line replaces only the fields it gives; lists given replace the stored lists', async () => {
    const res = await nd('pass-holders', [{ uid: 'u1', points: 99, cardSystems: ['leuven'], memberships: [] }]);
    expect(res).toMatchObject({ inserted: 0, updated: 1, rejected: [] });
    const u1 = await db.knex('seg_holders').where({ uid: 'u1' }).first();
    expect(u1).toMatchObject({ first_name: 'An', postcode: '9000', points: 99 });
    expect(await db.knex('seg_holder_card_systems').where({ holder_id: u1.id })).toHaveLength(1);
    expect(await db.knex('seg_memberships').where({ holder_id: u1.id })).toHaveLength(0);
  });

  test('a new record without its required fields is rejected; an update may leave them out', async () => {
    const res = await nd('pass-holders', [{ uid: 'u9', points: 1 }, { uid: 'u2', city: 'Gent' }]);
    expect(res.rejected).toEqual([{ line: 1, error: expect.stringMatching(/missing firstName, lastName/) }]);
    expect(res).toMatchObject({ inserted: 0, updated: 1 });
  });

  test('a repeated key within one body counts as updated, the later line wins', async () => {
    const res = await nd('pass-holders', [
      { uid: 'u5', firstName: 'Eva', lastName: 'Wouters', points: 1 },
      { uid: 'u5', points: 2 },
    ]);
    expect(res).toMatchObject({ received: 2, inserted: 1, updated: 1 });
    expect((await db.knex('seg_holders').where({ uid: 'u5' }).first()).points).toBe(2);
  });

  test('per-line rejects: bad JSON, unknown field, wrong type, CSV cell count', async () => {
    const res = await nd('pass-holders', ['{not json', { uid: 'u6', firstName: 'F', lastName: 'G', shoeSize: 44 }, { uid: 'u7', firstName: 'F', lastName: 'G', points: '3' }, '', { uid: 'u8', firstName: 'H', lastName: 'I' }]);
    expect(res.received).toBe(4);
    expect(res.inserted).toBe(1);
    expect(res.rejected).toEqual([
      { line: 1, error: 'invalid JSON' },
      { line: 2, error: expect.stringContaining("unknown field 'shoeSize'") },
      { line: 3, error: expect.stringContaining('points') },
    ]);
    const bad = await csv('card-systems', 'key,name\nx1,One\nx2,Two,extra\n\nx4,Four\n"x5,Five\n');
    expect(bad.inserted).toBe(2);
    expect(bad.rejected.map((r) => r.line)).toEqual([3, 6]);
    expect(Number((await db.knex('seg_card_systems').whereIn('key', ['x1', 'x4']).count({ n: '*' }))[0]!.n)).toBe(2);
  });

  test('actions: unknown references named; local day across midnight and DST; event/advantage by type', async () => {
    const before = await version();
    const res = await nd('actions', [
      { key: 'k1', holder: 'u1', type: 'CHECKIN', at: '2024-03-30T22:59:00Z', counter: 'c1', event: 'e1' },
      { key: 'k2', holder: 'u1', type: 'CHECKIN', at: '2024-03-30T23:01:00Z' },
      { key: 'k3', holder: 'u1', type: 'CHECKIN', at: '2024-10-26T22:01:00Z' },
      { key: 'k4', holder: 'nobody', type: 'CHECKIN', at: '2024-01-01T10:00:00Z' },
      { key: 'k5', holder: 'u1', type: 'CASHIN', at: '2024-01-01T10:00:00Z', event: 'e1' },
      { key: 'k6', holder: 'u1', type: 'CASHIN', at: '2024-01-01T10:00:00+01:00', advantage: 'a1', counter: 'c9' },
      { key: 'k7', holder: 'u1', type: 'CHECKIN', at: '2024-01-01 10:00' },
      { key: 'k8', holder: 'u1', type: 'VISIT', at: '2024-01-01T10:00:00Z' },
    ]);
    expect(res.inserted).toBe(4);
    expect(res.rejected).toEqual([
      { line: 4, error: expect.stringContaining("unknown holder 'nobody'") },
      { line: 5, error: expect.stringContaining('event') },
      { line: 6, error: expect.stringContaining("unknown counter 'c9'") },
      { line: 7, error: expect.stringContaining('at') },
    ]);
    const days = Object.fromEntries((await db.knex('seg_actions').select('key', 'day', 'at')).map((r: { key: string; day: number }) => [r.key, dayToIso(r.day)]));
    expect(days).toMatchObject({ k1: '2024-03-30', k2: '2024-03-31', k3: '2024-10-27', k8: '2024-01-01' });
    expect(await version()).toBeGreaterThan(before);
  });

  test('importing the same file twice changes nothing', async () => {
    const lines = Array.from({ length: 30 }, (_, i) => ({ key: `r${i}`, holder: i % 2 ? 'u1' : 'u2', type: 'TICKET', at: `2024-05-${String((i % 28) + 1).padStart(2, '0')}T12:00:00Z`, points: i }));
    const first = await nd('actions', lines, { batchSize: 7 });
    const snapshot = await db.knex('seg_actions').select('key', 'holder_id', 'type', 'at', 'day', 'points').orderBy('key');
    const second = await nd('actions', lines, { batchSize: 7 });
    expect(first).toMatchObject({ inserted: 30, updated: 0, rejected: [] });
    expect(second).toMatchObject({ inserted: 0, updated: 30, rejected: [] });
    expect(await db.knex('seg_actions').select('key', 'holder_id', 'type', 'at', 'day', 'points').orderBy('key')).toEqual(snapshot);
  });

  test('each batch is stamped with its own data version', async () => {
    const before = await version();
    await nd('card-systems', Array.from({ length: 10 }, (_, i) => ({ key: `b${i}`, name: `B${i}` })), { batchSize: 4 });
    expect(await version()).toBe(before + 3);
    const seqs = (await db.knex('seg_card_systems').where('key', 'like', 'b%').select('seq')).map((r: { seq: number | string }) => Number(r.seq));
    expect(new Set(seqs)).toEqual(new Set([before + 1, before + 2, before + 3]));
  });

  test('fuzz: random lines never throw and never write a rejected line', async () => {
    const before = Number((await db.knex('seg_holders').count({ n: '*' }))[0]!.n);
    const line = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.string(),
      fc.record({ uid: fc.string(), firstName: fc.anything(), lastName: fc.string(), points: fc.anything() }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 30 }), async (lines) => {
        const res = await nd('pass-holders', lines.map((l) => l.replace(/\n/g, ' ')));
        const count = Number((await db.knex('seg_holders').count({ n: '*' }))[0]!.n);
        return res.rejected.length + res.inserted + res.updated === res.received && count >= before;
      }),
      { numRuns: 150 },
    );
    const invalid = await db.knex('seg_holders').whereNull('first_name').orWhereNull('last_name').count({ n: '*' });
    expect(Number(invalid[0]!.n)).toBe(0);
  });
});
