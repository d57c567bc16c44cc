/** The import service on a real database (SQLite, or Postgres with TEST_DB=postgres). */
import { Readable } from 'stream';
import { createTestDb, type TestDb } from '../helpers/db';
import { importStream, type ImportEntity, type ImportOptions } from '../../src/plugins/segmentation/server/src/imports/service';
import { dayToIso } from '../../src/plugins/segmentation/server/src/common/dates';

let db: TestDb;
const body = (text: string) => Readable.from([Buffer.from(text)]);
const nd = (entity: ImportEntity, lines: unknown[], opts: ImportOptions = {}) =>
  importStream(db.knex, entity, body(lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')), 'ndjson', opts);
const csv = (entity: ImportEntity, lines: string[], opts: ImportOptions = {}) => importStream(db.knex, entity, body(lines.join('\n')), 'csv', opts);
const version = async () => Number((await db.knex('seg_meta').where({ key: 'data_version' }).first('value')).value);
const count = async (table: string) => Number((await db.knex(table).count({ n: '*' }))[0]!.n);
const holderRow = (uid: string) => db.knex('seg_holders').where({ uid }).first();
const idOf = async (table: string, key: string) => (await db.knex(table).where({ key }).first('id'))?.id as number | undefined;
const keysOf = async (table: string, ids: number[]) => (await db.knex(table).whereIn('id', ids).orderBy('key').pluck('key')) as string[];

beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.destroy());

describe('each entity, from NDJSON and from CSV', () => {
  test('reference records', async () => {
    expect(await csv('card-systems', ['key,name', 'gent,UiTPAS Gent', 'leuven,"UiTPAS Leuven, ""Brabant"""'])).toEqual({
      entity: 'card-systems',
      received: 2,
      inserted: 2,
      updated: 0,
      rejected: [],
    });
    expect(await nd('card-systems', [{ key: 'oost', name: 'UiTPAS Oostende' }])).toMatchObject({ inserted: 1, rejected: [] });
    expect((await db.knex('seg_card_systems').where({ key: 'leuven' }).first()).name).toBe('UiTPAS Leuven, "Brabant"');

    await csv('counters', ['key,name,type,cardSystem', 'c1,Vooruit,Concert,gent', 'c2,Bib,,leuven']);
    await nd('counters', [
      { key: 'c3', name: 'Kazerne', type: 'Festival', cardSystem: 'oost' },
      { key: 'c4', name: 'Loods' },
    ]);
    const c1 = await db.knex('seg_counters').where({ key: 'c1' }).first();
    expect(c1).toMatchObject({ name: 'Vooruit', type: 'Concert', card_system_id: await idOf('seg_card_systems', 'gent') });
    expect(await db.knex('seg_counters').where({ key: 'c2' }).first()).toMatchObject({ type: null, card_system_id: await idOf('seg_card_systems', 'leuven') });
    expect(await db.knex('seg_counters').where({ key: 'c4' }).first()).toMatchObject({ type: null, card_system_id: null });

    await csv('events', [
      'key,name,themes,counter,startsAt,endsAt',
      'e1,Jazz,jazz en blues|jazz en blues|klassiek,c1,2024-05-01T20:00:00+02:00,2024-05-01T23:00:00+02:00',
    ]);
    await nd('events', [{ key: 'e2', name: 'Film', themes: ['film'], counter: 'c2' }]);
    const e1 = await db.knex('seg_events').where({ key: 'e1' }).first();
    expect(e1).toMatchObject({ name: 'Jazz', counter_id: c1.id, starts_at: '2024-05-01T20:00:00+02:00', ends_at: '2024-05-01T23:00:00+02:00' });
    expect(await db.knex('seg_event_themes').where({ event_id: e1.id }).orderBy('theme').pluck('theme')).toEqual(['jazz en blues', 'klassiek']);

    await csv('advantages', ['key,name,counter,points', 'a1,Koffie,c1,5', 'a2,Ticket,,']);
    await nd('advantages', [{ key: 'a3', name: 'Boek', counter: 'c2', points: 20 }]);
    expect(await db.knex('seg_advantages').where({ key: 'a1' }).first()).toMatchObject({ name: 'Koffie', counter_id: c1.id, points: 5 });
    expect(await db.knex('seg_advantages').where({ key: 'a2' }).first()).toMatchObject({ counter_id: null, points: null });

    await csv('associations', ['key,name,cardSystem', 'as1,Chiro,gent', 'as2,Club,']);
    await nd('associations', [{ key: 'as3', name: 'KSA', cardSystem: 'leuven' }]);
    expect(await db.knex('seg_associations').where({ key: 'as1' }).first()).toMatchObject({
      name: 'Chiro',
      card_system_id: await idOf('seg_card_systems', 'gent'),
    });
  });

  test('pass holders, with their lists and what is derived', async () => {
    const res = await csv('pass-holders', [
      'uid,firstName,lastName,email,phone,birthdate,postcode,street,city,language,points,kansenstatuut,kansenstatuutEndDate,cardSystems,memberships,consents,mailingPreference',
      'u1,An,Peeters,an@x.be,0470 12 34 56,2000-02-29,9000 Gent,Veldstraat 1,Gent,nl,12,true,2026-12-31,gent|leuven,as1:2025-01-01|as2,email|sms,email',
      'u2,Bart,Maes,"   ",,,90000,,,,,0,,gent,,,',
    ]);
    expect(res).toEqual({ entity: 'pass-holders', received: 2, inserted: 2, updated: 0, rejected: [] });
    await nd('pass-holders', [
      { uid: 'u3', firstName: 'Chris', lastName: 'Claes', email: ' c@x.be ', phone: '', postcode: ' 9000', cardSystems: ['oost'], consents: [] },
    ]);

    const u1 = await holderRow('u1');
    expect(u1).toMatchObject({
      first_name: 'An',
      email: 'an@x.be',
      phone: '0470 12 34 56',
      birthdate: '2000-02-29',
      postcode_raw: '9000 Gent',
      postcode: '9000',
    });
    expect(u1).toMatchObject({
      street: 'Veldstraat 1',
      city: 'Gent',
      language: 'nl',
      points: 12,
      kansenstatuut_end_date: '2026-12-31',
      mailing_preference: 'email',
    });
    expect([Boolean(u1.has_email), Boolean(u1.has_phone), Boolean(u1.kansenstatuut)]).toEqual([true, true, true]);
    expect(JSON.parse(u1.consents)).toEqual(['email', 'sms']);
    const links = await db.knex('seg_holder_card_systems').where({ holder_id: u1.id }).pluck('card_system_id');
    expect(await keysOf('seg_card_systems', links)).toEqual(['gent', 'leuven']);
    const memberships = await db.knex('seg_memberships').where({ holder_id: u1.id }).orderBy('association_id');
    expect(memberships.map((m: { association_id: number; end_date: string | null }) => [m.association_id, m.end_date])).toEqual([
      [await idOf('seg_associations', 'as1'), '2025-01-01'],
      [await idOf('seg_associations', 'as2'), null],
    ]);

    // Defaults for what a new holder leaves out; e-mail of spaces only is no e-mail.
    const u2 = await holderRow('u2');
    expect(u2).toMatchObject({ email: '   ', postcode_raw: '90000', postcode: null, points: 0, mailing_preference: 'both', birthdate: null, consents: null });
    expect([Boolean(u2.has_email), Boolean(u2.has_phone), Boolean(u2.kansenstatuut)]).toEqual([false, false, false]);
    const u3 = await holderRow('u3');
    expect(u3).toMatchObject({ postcode: '9000', postcode_raw: ' 9000' });
    expect([Boolean(u3.has_email), Boolean(u3.has_phone)]).toEqual([true, false]);
    expect(JSON.parse(u3.consents)).toEqual([]);
  });

  test('actions: references, time normalised to UTC, local day', async () => {
    const res = await nd('actions', [
      { key: 'x1', holder: 'u1', type: 'CHECKIN', at: '2024-05-01T20:00:00+02:00', counter: 'c1', event: 'e1', points: 1 },
      { key: 'x2', holder: 'u2', type: 'CASHIN', at: '2024-05-01T23:30:00.5Z', advantage: 'a1', points: -5 },
      { key: 'x3', holder: 'u3', type: 'SCAN', at: '2024-05-01T00:00:00-05:00' },
    ]);
    expect(res).toEqual({ entity: 'actions', received: 3, inserted: 3, updated: 0, rejected: [] });
    await csv('actions', ['key,holder,type,at,counter,event,advantage,points', 'x4,u1,TICKET,2024-05-02T10:00:00Z,c2,e2,,3']);
    const rows = Object.fromEntries((await db.knex('seg_actions').select()).map((r: Record<string, unknown>) => [r.key, r]));
    const ids = { u1: (await holderRow('u1')).id, u2: (await holderRow('u2')).id, c1: await idOf('seg_counters', 'c1'), e1: await idOf('seg_events', 'e1') };
    expect(rows.x1).toMatchObject({
      holder_id: ids.u1,
      type: 'CHECKIN',
      at: '2024-05-01T18:00:00.000Z',
      counter_id: ids.c1,
      event_id: ids.e1,
      advantage_id: null,
      points: 1,
    });
    expect(rows.x2).toMatchObject({ holder_id: ids.u2, at: '2024-05-01T23:30:00.500Z', advantage_id: await idOf('seg_advantages', 'a1'), points: -5 });
    expect(dayToIso(rows.x2.day as number)).toBe('2024-05-02'); // 01:30 in Brussels
    expect(rows.x3).toMatchObject({ type: 'SCAN', at: '2024-05-01T05:00:00.000Z', counter_id: null, points: null });
    expect(rows.x4).toMatchObject({ type: 'TICKET', event_id: await idOf('seg_events', 'e2'), points: 3 });
  });
});

describe('upserts', () => {
  test('a later line replaces only the fields it gives; null clears; an empty CSV cell keeps', async () => {
    expect(await nd('pass-holders', [{ uid: 'u1', points: 99 }])).toMatchObject({ inserted: 0, updated: 1, rejected: [] });
    expect(await holderRow('u1')).toMatchObject({ first_name: 'An', email: 'an@x.be', postcode: '9000', points: 99, mailing_preference: 'email' });
    await csv('pass-holders', ['uid,firstName,lastName,email,postcode,points,mailingPreference', 'u1,Anna,,,,,']);
    expect(await holderRow('u1')).toMatchObject({
      first_name: 'Anna',
      last_name: 'Peeters',
      email: 'an@x.be',
      postcode: '9000',
      points: 99,
      mailing_preference: 'email',
    });
    await nd('pass-holders', [{ uid: 'u1', email: null, postcode: null, points: null, mailingPreference: null }]);
    const u1 = await holderRow('u1');
    expect(u1).toMatchObject({ email: null, postcode: null, postcode_raw: null, points: 0, mailing_preference: 'both' });
    expect(Boolean(u1.has_email)).toBe(false);
    await nd('pass-holders', [{ uid: 'u1', email: 'an@x.be', postcode: '9000 Gent', mailingPreference: 'email' }]);
    await nd('counters', [{ key: 'c1', type: null }]);
    expect(await db.knex('seg_counters').where({ key: 'c1' }).first()).toMatchObject({ name: 'Vooruit', type: null });
    await nd('counters', [{ key: 'c1', type: 'Concert' }]);
  });

  test('text is stored exactly as given, whatever it holds', async () => {
    const odd = ['', ' ', 'NULL', 'a,b', '{x}', '"quoted"', 'back\\slash', "it's", 'é😀', 'tab\there', 'line\nbreak', '\\"{,}'];
    await nd(
      'pass-holders',
      odd.map((city, i) => ({ uid: `odd${i}`, firstName: 'O', lastName: 'D', city, street: city })),
    );
    const rows = await db.knex('seg_holders').where('uid', 'like', 'odd%').select('uid', 'city', 'street');
    expect(Object.fromEntries(rows.map((r: { uid: string; city: string }) => [r.uid, r.city]))).toEqual(Object.fromEntries(odd.map((c, i) => [`odd${i}`, c])));
  });

  test('an update that leaves out the required fields may still replace a list (event themes)', async () => {
    expect(await nd('events', [{ key: 'e1', themes: ['jazz', 'pop'] }])).toMatchObject({ updated: 1, rejected: [] });
    const e1 = await db.knex('seg_events').where({ key: 'e1' }).first();
    expect(e1.name).toBe('Jazz');
    expect(await db.knex('seg_event_themes').where({ event_id: e1.id }).orderBy('theme').pluck('theme')).toEqual(['jazz', 'pop']);
  });

  test('lists given on a holder replace the stored lists; lists left out are kept', async () => {
    const u1 = (await holderRow('u1')).id;
    await nd('pass-holders', [{ uid: 'u1', cardSystems: ['oost'], memberships: [{ association: 'as3', endDate: '2027-06-30' }], consents: ['post'] }]);
    expect(await keysOf('seg_card_systems', await db.knex('seg_holder_card_systems').where({ holder_id: u1 }).pluck('card_system_id'))).toEqual(['oost']);
    expect(await db.knex('seg_memberships').where({ holder_id: u1 }).select('association_id', 'end_date')).toEqual([
      { association_id: await idOf('seg_associations', 'as3'), end_date: '2027-06-30' },
    ]);
    expect(JSON.parse((await holderRow('u1')).consents)).toEqual(['post']);
    await nd('pass-holders', [{ uid: 'u1', city: 'Antwerpen' }]);
    expect(await db.knex('seg_holder_card_systems').where({ holder_id: u1 }).pluck('card_system_id')).toEqual([await idOf('seg_card_systems', 'oost')]);
    expect(await db.knex('seg_memberships').where({ holder_id: u1 }).pluck('end_date')).toEqual(['2027-06-30']);
    await csv('pass-holders', ['uid,cardSystems,memberships', 'u1,gent|leuven,as1']);
    expect(await keysOf('seg_card_systems', await db.knex('seg_holder_card_systems').where({ holder_id: u1 }).pluck('card_system_id'))).toEqual([
      'gent',
      'leuven',
    ]);
    expect(await db.knex('seg_memberships').where({ holder_id: u1 }).select('association_id', 'end_date')).toEqual([
      { association_id: await idOf('seg_associations', 'as1'), end_date: null },
    ]);
    await nd('pass-holders', [{ uid: 'u1', cardSystems: [], memberships: [], consents: [] }]);
    expect(await db.knex('seg_holder_card_systems').where({ holder_id: u1 })).toEqual([]);
    expect(await db.knex('seg_memberships').where({ holder_id: u1 })).toEqual([]);
    expect(JSON.parse((await holderRow('u1')).consents)).toEqual([]);
    // Another holder's lists are untouched.
    expect(
      await db
        .knex('seg_holder_card_systems')
        .where({ holder_id: (await holderRow('u2')).id })
        .pluck('card_system_id'),
    ).toEqual([await idOf('seg_card_systems', 'gent')]);
  });

  test('within one body a repeated key counts as updated and the later line wins, within a batch and across batches', async () => {
    for (const batchSize of [100, 1]) {
      const uid = `rep${batchSize}`;
      const res = await nd(
        'pass-holders',
        [
          { uid, firstName: 'Eva', lastName: 'W', points: 1, city: 'Gent' },
          { uid, points: 2 },
          { uid, lastName: 'Wouters' },
        ],
        { batchSize },
      );
      expect(res).toEqual({ entity: 'pass-holders', received: 3, inserted: 1, updated: 2, rejected: [] });
      expect(await holderRow(uid)).toMatchObject({ first_name: 'Eva', last_name: 'Wouters', points: 2, city: 'Gent' });
    }
  });

  test('a new record needs its required fields; an update may leave them out', async () => {
    const res = await nd('pass-holders', [
      { uid: 'new1', points: 1 },
      { uid: 'u2', city: 'Gent' },
      { uid: 'new2', firstName: 'F' },
    ]);
    expect(res).toMatchObject({ received: 3, inserted: 0, updated: 1 });
    expect(res.rejected).toEqual([
      { line: 1, error: expect.stringMatching(/missing firstName, lastName/) },
      { line: 3, error: expect.stringMatching(/missing lastName/) },
    ]);
    expect(await holderRow('new1')).toBeUndefined();
    const cs = await csv('card-systems', ['key,name', 'nameless,']);
    expect(cs.rejected).toEqual([{ line: 2, error: expect.stringMatching(/missing name/) }]);
    const act = await nd('actions', [
      { key: 'x1', points: 7 },
      { key: 'x99', holder: 'u1', type: 'CHECKIN' },
    ]);
    expect(act).toMatchObject({ inserted: 0, updated: 1, rejected: [{ line: 2, error: expect.stringMatching(/missing at/) }] });
    expect(await db.knex('seg_actions').where({ key: 'x1' }).first()).toMatchObject({ type: 'CHECKIN', points: 7 });
  });

  test('importing the same file twice changes nothing: the second time every line is an update', async () => {
    const holders = Array.from({ length: 40 }, (_, i) => ({
      uid: `t${i}`,
      firstName: 'T',
      lastName: `${i}`,
      postcode: `${9000 + i}`,
      cardSystems: i % 2 ? ['gent'] : ['gent', 'oost'],
      memberships: i % 3 ? [] : [{ association: 'as1', endDate: '2030-01-01' }],
      consents: ['email'],
    }));
    const actions = Array.from({ length: 60 }, (_, i) => ({
      key: `t${i}`,
      holder: `t${i % 40}`,
      type: i % 3 ? 'CHECKIN' : 'CASHIN',
      at: `2024-05-${String((i % 28) + 1).padStart(2, '0')}T12:00:00+02:00`,
      ...(i % 3 ? { event: 'e1' } : { advantage: 'a1' }),
      points: i,
    }));
    const snapshot = async () => ({
      holders: await db.knex('seg_holders').where('uid', 'like', 't%').orderBy('uid').select('id', 'uid', 'first_name', 'postcode', 'consents'),
      links: await db.knex('seg_holder_card_systems').orderBy(['holder_id', 'card_system_id']).select(),
      memberships: await db.knex('seg_memberships').orderBy(['holder_id', 'association_id']).select(),
      actions: await db
        .knex('seg_actions')
        .where('key', 'like', 't%')
        .orderBy('key')
        .select('id', 'key', 'holder_id', 'type', 'at', 'day', 'event_id', 'advantage_id', 'points'),
    });
    expect(await nd('pass-holders', holders, { batchSize: 7 })).toMatchObject({ received: 40, inserted: 40, updated: 0, rejected: [] });
    expect(await nd('actions', actions, { batchSize: 7 })).toMatchObject({ received: 60, inserted: 60, updated: 0, rejected: [] });
    const first = await snapshot();
    expect(await nd('pass-holders', holders, { batchSize: 7 })).toMatchObject({ received: 40, inserted: 0, updated: 40, rejected: [] });
    expect(await nd('actions', actions, { batchSize: 7 })).toMatchObject({ received: 60, inserted: 0, updated: 60, rejected: [] });
    expect(await snapshot()).toEqual(first);
  });

  test('batches of new keys, then stored ones, then new ones again: each counted and stored once', async () => {
    // Postgres COPYs batches while their keys are new; a stored key undoes that attempt (savepoint)
    // and the batch is written by key look-up, after which new keys are COPYed again.
    const action = (i: number, points: number) => ({ key: `mix${i}`, holder: 't1', type: 'CHECKIN', at: '2024-06-01T10:00:00Z', points });
    expect(
      await nd(
        'actions',
        [0, 1, 2, 3, 4, 5].map((i) => action(i, 1)),
        { batchSize: 3 },
      ),
    ).toMatchObject({ inserted: 6, updated: 0, rejected: [] });
    const res = await nd(
      'actions',
      [6, 7, 8, 4, 5, 9, 10, 11, 12].map((i) => action(i, 2)),
      { batchSize: 3 },
    );
    expect(res).toMatchObject({ received: 9, inserted: 7, updated: 2, rejected: [] });
    const rows = await db.knex('seg_actions').where('key', 'like', 'mix%').orderBy('key').select('key', 'points');
    expect(rows).toHaveLength(13);
    expect(Object.fromEntries(rows.map((r: { key: string; points: number }) => [r.key, r.points]))).toMatchObject({
      mix0: 1,
      mix3: 1,
      mix4: 2,
      mix5: 2,
      mix6: 2,
      mix12: 2,
    });
  });
});

describe('references and rejects', () => {
  test('an unknown reference rejects the line, naming the key, and writes nothing for it (CSV header is line 1)', async () => {
    const counters = await csv('counters', ['key,name,cardSystem', 'k1,One,gent', 'k2,Two,nope', '', 'k3,Three,oost']);
    expect(counters).toMatchObject({ received: 3, inserted: 2 });
    expect(counters.rejected).toEqual([{ line: 3, error: expect.stringContaining("unknown card system 'nope'") }]);
    expect(await idOf('seg_counters', 'k2')).toBeUndefined();

    const before = await count('seg_actions');
    const res = await nd('actions', [
      { key: 'r1', holder: 'X', type: 'CHECKIN', at: '2024-01-01T10:00:00Z' },
      { key: 'r2', holder: 'u1', type: 'CHECKIN', at: '2024-01-01T10:00:00Z', counter: 'c-9' },
      '',
      { key: 'r3', holder: 'u1', type: 'TICKET', at: '2024-01-01T10:00:00Z', event: 'e-404' },
      { key: 'r4', holder: 'u1', type: 'CASHIN', at: '2024-01-01T10:00:00Z', advantage: 'a-404' },
      { key: 'r5', holder: 'u1', type: 'CHECKIN', at: '2024-01-01T10:00:00Z', counter: 'c1' },
    ]);
    expect(res).toMatchObject({ received: 5, inserted: 1, updated: 0 });
    expect(res.rejected).toEqual([
      { line: 1, error: expect.stringContaining("unknown holder 'X'") },
      { line: 2, error: expect.stringContaining("unknown counter 'c-9'") },
      { line: 4, error: expect.stringContaining("unknown event 'e-404'") },
      { line: 5, error: expect.stringContaining("unknown advantage 'a-404'") },
    ]);
    expect(await count('seg_actions')).toBe(before + 1);

    const holders = await csv('pass-holders', ['uid,firstName,lastName,cardSystems,memberships', 'h1,A,B,gent|ghost,', 'h2,A,B,,as1|as-404:2025-01-01']);
    expect(holders.rejected).toEqual([
      { line: 2, error: expect.stringContaining("unknown card system 'ghost'") },
      { line: 3, error: expect.stringContaining("unknown association 'as-404'") },
    ]);
    expect(await holderRow('h1')).toBeUndefined();
  });

  test('malformed lines are rejected one by one; the others are stored', async () => {
    const res = await nd('pass-holders', [
      '{not json',
      { uid: 'm1', firstName: 'F', lastName: 'G', shoeSize: 44 },
      { uid: 'm2', firstName: 'F', lastName: 'G', points: '3' },
      '   ',
      '[1,2]',
      { uid: 'm3', firstName: 'H', lastName: 'I' },
    ]);
    expect(res).toMatchObject({ received: 5, inserted: 1, updated: 0 });
    expect(res.rejected).toEqual([
      { line: 1, error: expect.stringMatching(/^invalid JSON/) },
      { line: 2, error: "unknown field 'shoeSize'" },
      { line: 3, error: expect.stringMatching(/^points: /) },
      { line: 5, error: expect.stringMatching(/^line: /) },
    ]);
    expect(await db.knex('seg_holders').whereIn('uid', ['m1', 'm2', 'm3']).pluck('uid')).toEqual(['m3']);
  });

  test('an unreadable CSV stops at the record where it breaks and reports what was stored', async () => {
    const res = await csv('card-systems', ['key,name', 'q1,One', 'q2,"Two', 'q3,Three']);
    expect(res).toEqual({
      entity: 'card-systems',
      received: 2,
      inserted: 1,
      updated: 0,
      rejected: [{ line: 3, error: expect.stringContaining('unreadable CSV') }],
    });
    expect(await idOf('seg_card_systems', 'q1')).toBeDefined();
  });
});

describe('derived columns', () => {
  test.each([
    ['9000 Gent', '9000'],
    ['9000-GENT', '9000'],
    ['90000', null],
    [' 9000', '9000'],
    ['\t9000\t', '9000'],
    ['B-9000', null],
    ['', null],
  ])('postcode %j is stored as typed and normalised to %j', async (raw, normalised) => {
    await nd('pass-holders', [{ uid: 'pc', firstName: 'P', lastName: 'C', postcode: raw }]);
    expect(await holderRow('pc')).toMatchObject({ postcode_raw: raw, postcode: normalised });
  });

  test.each([
    ['an@x.be', true],
    ['   ', false],
    ['\t', false],
    ['', false],
  ])('e-mail %j -> has_email %s', async (email, has) => {
    await nd('pass-holders', [{ uid: 'em', firstName: 'E', lastName: 'M', email, phone: email }]);
    const row = await holderRow('em');
    expect([Boolean(row.has_email), Boolean(row.has_phone)]).toEqual([has, has]);
  });

  // Brussels midnights: CET (+01:00) before 31 March and from 27 October 03:00, CEST (+02:00) between.
  test.each([
    ['2024-03-30T22:59:00Z', '2024-03-30'],
    ['2024-03-30T23:01:00Z', '2024-03-31'],
    ['2024-03-31T00:01:00+01:00', '2024-03-31'],
    ['2024-03-31T21:59:00Z', '2024-03-31'],
    ['2024-03-31T22:01:00Z', '2024-04-01'],
    ['2024-03-31T23:59:00+02:00', '2024-03-31'],
    ['2024-10-26T21:59:00Z', '2024-10-26'],
    ['2024-10-26T22:01:00Z', '2024-10-27'],
    ['2024-10-27T00:01:00+02:00', '2024-10-27'],
    ['2024-10-27T22:59:00Z', '2024-10-27'],
    ['2024-10-27T23:01:00Z', '2024-10-28'],
    ['2024-10-27T23:59:00+01:00', '2024-10-27'],
  ])('action at %s falls on %s in Brussels', async (at, day) => {
    await nd('actions', [{ key: 'day', holder: 'u1', type: 'CHECKIN', at }]);
    const row = await db.knex('seg_actions').where({ key: 'day' }).first();
    expect(dayToIso(row.day)).toBe(day);
    expect(row.at).toBe(new Date(at).toISOString());
  });

  test('the day follows the configured time zone', async () => {
    await nd('actions', [{ key: 'tz', holder: 'u1', type: 'CHECKIN', at: '2024-03-30T23:01:00Z' }], { timeZone: 'UTC' });
    expect(dayToIso((await db.knex('seg_actions').where({ key: 'tz' }).first()).day)).toBe('2024-03-30');
  });
});

describe('data versions', () => {
  test('every batch is one version, stamped on the rows it wrote; a batch with nothing to write bumps nothing', async () => {
    const before = await version();
    const progress: number[] = [];
    await nd(
      'card-systems',
      Array.from({ length: 5 }, (_, i) => ({ key: `v${i}`, name: `V${i}` })),
      { batchSize: 2, onProgress: (p) => progress.push(p.lines) },
    );
    expect(await version()).toBe(before + 3);
    const seqs = await db.knex('seg_card_systems').where('key', 'like', 'v%').orderBy('key').pluck('seq');
    expect(seqs.map(Number)).toEqual([before + 1, before + 1, before + 2, before + 2, before + 3]);
    expect(progress[progress.length - 1]).toBe(5);

    await nd('card-systems', [{ key: 'v0' }, { key: 'v1', name: 'Renamed' }]);
    expect(await version()).toBe(before + 4);
    const after = await db.knex('seg_card_systems').whereIn('key', ['v0', 'v1', 'v2']).orderBy('key').select('name', 'seq');
    expect(after.map((r: { name: string; seq: number }) => [r.name, Number(r.seq)])).toEqual([
      ['V0', before + 4],
      ['Renamed', before + 4],
      ['V2', before + 2],
    ]);

    await nd('card-systems', ['{bad', { key: 'v9' }, { key: 'v8', name: 'x', extra: 1 }]);
    expect(await version()).toBe(before + 4);
  });
});
