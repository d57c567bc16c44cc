/**
 * Every rule of docs/segment-definitions.md through the HTTP API of docs/api.md, on the real Strapi app
 * with a real API token, on SQLite and (in the Postgres run) on Postgres.
 */
import { startApp, type TestApp } from '../helpers/strapi';
import { ENTITIES, ndjson, holders } from './fixture';
import { getService } from '../../src/plugins/segmentation/server/src/services';

let app: TestApp;

beforeAll(async () => {
  app = await startApp();
  for (const [entity, records] of ENTITIES) {
    const res = await app.api().post(`/api/segmentation/import/${entity}`).set('Content-Type', 'application/x-ndjson').send(ndjson(records));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ entity, received: records.length, inserted: records.length, updated: 0, rejected: [] });
  }
});

afterAll(async () => {
  await app?.stop();
});

type Filter = Record<string, unknown>;
const def = (...groups: Filter[][]) => ({ version: 1, groups: groups.map((filters) => ({ filters })) });

async function uids(definition: object, asOf = '2024-03-31'): Promise<string[]> {
  const res = await app.api().post('/api/segmentation/preview').send({ definition, asOf, pageSize: 500 });
  if (res.status !== 200) throw new Error(`preview ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.items.map((i: { uid: string }) => i.uid);
}

const checkin = (extra: Filter = {}, count: object = { op: '>=', value: 1 }) => ({ type: 'action', action: 'CHECKIN', count, ...extra });

describe('filters', () => {
  test('card system: member of any of them', async () => {
    expect(await uids(def([{ type: 'cardSystem', cardSystems: ['cs-gent'] }]))).toEqual(['H00', 'h01', 'h02', 'h04']);
    expect(await uids(def([{ type: 'cardSystem', cardSystems: ['cs-leuven'] }]))).toEqual(['h03', 'h04']);
    expect(await uids(def([{ type: 'cardSystem', cardSystems: ['cs-gent', 'cs-leuven'] }]))).toEqual(['H00', 'h01', 'h02', 'h03', 'h04']);
  });

  test('action periods use the local (Brussels) calendar day, one minute either side of midnight', async () => {
    expect(await uids(def([checkin({ period: { from: '2024-03-30', to: '2024-03-30' } })]))).toEqual(['h01']);
    expect(await uids(def([checkin({ period: { from: '2024-03-31', to: '2024-03-31' } })]))).toEqual(['h02']);
  });

  test('DST switch day (27 October 2024) counts both of its local hours 00:00-24:00', async () => {
    expect(await uids(def([checkin({ period: { from: '2024-10-26', to: '2024-10-26' } })]))).toEqual(['h03']);
    expect(await uids(def([checkin({ period: { from: '2024-10-27', to: '2024-10-27' } }, { op: '=', value: 2 })]))).toEqual(['h04']);
    expect(await uids(def([checkin({ period: { from: '2024-10-28', to: '2024-12-31' } })]))).toEqual([]);
  });

  test('last month on 31 March starts on the last day of February (leap year)', async () => {
    const ticket = def([{ type: 'action', action: 'TICKET', count: { op: '>=', value: 1 }, period: { last: 'month' } }]);
    expect(await uids(ticket, '2024-03-31')).toEqual(['h02']);
    expect(await uids(ticket, '2024-03-28')).toEqual(['h01', 'h02']);
  });

  test('last year', async () => {
    const cashin = def([{ type: 'action', action: 'CASHIN', count: { op: '>=', value: 1 }, period: { last: 'year' } }]);
    expect(await uids(cashin, '2024-03-31')).toEqual(['h01', 'h03']);
    expect(await uids(cashin, '2024-06-15')).toEqual(['h01', 'h03']);
    expect(await uids(cashin, '2024-07-02')).toEqual([]);
  });

  test('counts include zero: < 1 selects those who never did it; between includes both ends', async () => {
    expect(await uids(def([checkin({}, { op: '<', value: 1 })]))).toEqual(['h05']);
    expect(await uids(def([checkin({}, { op: 'between', value: [0, 2] })]))).toEqual(['h01', 'h02', 'h03', 'h04', 'h05']);
    expect(await uids(def([checkin({}, { op: 'between', value: [2, 6] })]))).toEqual(['H00', 'h04']);
    expect(await uids(def([checkin({}, { op: '=', value: 6 })]))).toEqual(['H00']);
    expect(await uids(def([checkin({}, { op: '>', value: 6 })]))).toEqual([]);
    expect(await uids(def([checkin({}, { op: '<=', value: 1 })]))).toEqual(['h01', 'h02', 'h03', 'h05']);
  });

  test('counter types, counters, themes, events narrow the actions (lists AND, values OR)', async () => {
    expect(await uids(def([checkin({ counterTypes: ['Festival'] })]))).toEqual(['H00', 'h02']);
    // H00's sixth check-in has no counter: it never matches a counter-type filter.
    expect(await uids(def([checkin({ counterTypes: ['Festival'] }, { op: '=', value: 5 })]))).toEqual(['H00']);
    expect(await uids(def([checkin({ counters: ['c-bib'] })]))).toEqual(['h03', 'h04']);
    expect(await uids(def([checkin({ counters: ['c-bib', 'c-vooruit'] })]))).toEqual(['h01', 'h03', 'h04']);
    expect(await uids(def([checkin({ counterTypes: ['Concert'], counters: ['c-bib'] })]))).toEqual([]);
    expect(await uids(def([checkin({ eventThemes: ['jazz en blues'] })]))).toEqual(['h01', 'h04']);
    expect(await uids(def([checkin({ eventThemes: ['Jazz en Blues'] })]))).toEqual(['h03', 'h04']);
    expect(await uids(def([checkin({ events: ['ev-rock'] })]))).toEqual(['H00', 'h02']);
    expect(await uids(def([checkin({ events: ['ev-rock'], eventThemes: ['jazz en blues'] })]))).toEqual([]);
  });

  test('advantages (CASHIN)', async () => {
    const cashin = (advantages: string[], value: number) => def([{ type: 'action', action: 'CASHIN', count: { op: '>=', value }, advantages }]);
    expect(await uids(cashin(['adv-1'], 2))).toEqual(['h01']);
    expect(await uids(cashin(['adv-2'], 1))).toEqual(['h03']);
  });

  test('birthdate: compares; unknown never matches', async () => {
    expect(await uids(def([{ type: 'birthdate', op: '<', value: '2000-01-01' }]))).toEqual(['h04']);
    expect(await uids(def([{ type: 'birthdate', op: 'between', value: ['2000-06-15', '2006-03-31'] }]))).toEqual(['H00', 'h01']);
    expect(await uids(def([{ type: 'birthdate', op: '>=', value: '1900-01-01' }]))).toEqual(['H00', 'h01', 'h02', 'h04']);
  });

  test('age in whole years on the evaluation date, 29 February birthdays', async () => {
    expect(await uids(def([{ type: 'age', op: '=', value: 18 }]), '2024-03-31')).toEqual(['h01']);
    expect(await uids(def([{ type: 'age', op: '=', value: 18 }]), '2024-03-30')).toEqual([]);
    expect(await uids(def([{ type: 'age', op: 'between', value: [16, 18] }]), '2024-03-31')).toEqual(['h01', 'h02']);
    // Born 29 Feb 2008: still 17 on 28 Feb 2026, 18 on 1 March 2026.
    expect(await uids(def([{ type: 'age', op: '=', value: 18 }]), '2026-02-28')).toEqual([]);
    expect(await uids(def([{ type: 'age', op: '=', value: 18 }]), '2026-03-01')).toEqual(['h02']);
    expect(await uids(def([{ type: 'age', op: '<', value: 200 }]))).toEqual(['H00', 'h01', 'h02', 'h04']);
  });

  test('kansenstatuut with and without currentlyValid', async () => {
    const k = (value: boolean, currentlyValid?: true) => def([{ type: 'kansenstatuut', value, ...(currentlyValid ? { currentlyValid } : {}) }]);
    expect(await uids(k(true))).toEqual(['h01', 'h02']);
    expect(await uids(k(true, true))).toEqual(['h01']);
    expect(await uids(k(true, true), '2024-01-01')).toEqual(['h01', 'h02']);
    expect(await uids(k(false))).toEqual(['H00', 'h03', 'h04', 'h05']);
    expect(await uids(k(false, true))).toEqual(['H00', 'h02', 'h03', 'h04', 'h05']);
  });

  test('membership: end date empty or on/after the evaluation date', async () => {
    const m = (associations: string[]) => def([{ type: 'membership', associations }]);
    expect(await uids(m(['as-1']), '2024-03-31')).toEqual(['h04']);
    expect(await uids(m(['as-1']), '2024-03-30')).toEqual(['h03', 'h04']);
    expect(await uids(m(['as-1']), '2024-04-01')).toEqual([]);
    expect(await uids(m(['as-2']), '2099-01-01')).toEqual(['h03']);
  });

  test('postcode: normalised from messy input; unreadable never matches', async () => {
    expect(await uids(def([{ type: 'postcode', postcodes: ['9000'] }]))).toEqual(['H00', 'h01', 'h02']);
    expect(await uids(def([{ type: 'postcode', postcodes: ['3000', '9000'] }]))).toEqual(['H00', 'h01', 'h02', 'h04']);
    expect(await uids(def([{ type: 'postcode', postcodes: ['9001'] }]))).toEqual([]);
  });

  test('points balance (default 0)', async () => {
    expect(await uids(def([{ type: 'points', op: '=', value: 0 }]))).toEqual(['H00', 'h02', 'h05']);
    expect(await uids(def([{ type: 'points', op: 'between', value: [10, 40] }]))).toEqual(['h01', 'h04']);
    expect(await uids(def([{ type: 'points', op: '>', value: 100 }]))).toEqual(['h03']);
  });
});

describe('groups', () => {
  test('AND inside a group, OR between groups, exclude groups removed', async () => {
    const both = def([{ type: 'postcode', postcodes: ['9000'] }], [{ type: 'cardSystem', cardSystems: ['cs-leuven'] }]);
    expect(await uids(both)).toEqual(['H00', 'h01', 'h02', 'h03', 'h04']);
    expect(
      await uids(
        def([
          { type: 'postcode', postcodes: ['9000'] },
          { type: 'kansenstatuut', value: true },
        ]),
      ),
    ).toEqual(['h01', 'h02']);
    const excluded = { ...both, exclude: [{ filters: [{ type: 'kansenstatuut', value: true }] }] };
    expect(await uids(excluded)).toEqual(['H00', 'h03', 'h04']);
    const twoExcludes = { ...both, exclude: [...excluded.exclude, { filters: [{ type: 'postcode', postcodes: ['3000'] }] }] };
    expect(await uids(twoExcludes)).toEqual(['H00', 'h03']);
  });
});

describe('preview and export', () => {
  const everyone = def([{ type: 'points', op: '>=', value: 0 }]);

  test('counts, e-mail and phone non-empty after trimming, uid byte order, paging', async () => {
    const res = await app.api().post('/api/segmentation/preview').send({ definition: everyone, asOf: '2024-03-31', page: 2, pageSize: 2 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      total: 6,
      withEmail: 3,
      withPhone: 2,
      page: 2,
      pageSize: 2,
      items: [
        { uid: 'h02', firstName: 'Bart', lastName: 'Janssens', email: null, phone: '0470 12 34 56' },
        { uid: 'h03', firstName: 'Chloé', lastName: 'Maes', email: '   ', phone: null },
      ],
    });
  });

  test('defaults: page 1, pageSize 50, evaluation date today', async () => {
    const res = await app.api().post('/api/segmentation/preview').send({ definition: everyone });
    expect(res.status).toBe(200);
    expect(res.body.page).toBe(1);
    expect(res.body.pageSize).toBe(50);
    expect(res.body.items.map((i: { uid: string }) => i.uid)).toEqual(['H00', 'h01', 'h02', 'h03', 'h04', 'h05']);
  });

  test('export streams CSV ordered by uid', async () => {
    const res = await app
      .api()
      .post('/api/segmentation/export')
      .send({ definition: def([{ type: 'postcode', postcodes: ['9000'] }]) })
      .buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.text).toBe(
      ['uid,firstName,lastName,email,phone', 'H00,Hugo,Hermans,,', 'h01,An,Peeters,an@example.be,', 'h02,Bart,Janssens,,0470 12 34 56', ''].join('\n'),
    );
  });

  test('without a token: 401/403, nothing evaluated', async () => {
    const res = await app.http.post('/api/segmentation/preview').send({ definition: everyone });
    expect([401, 403]).toContain(res.status);
  });
});

describe('validation', () => {
  const post = (body: object) => app.api().post('/api/segmentation/preview').send(body);

  test('an unknown key is a 400 naming the key at its index', async () => {
    const res = await post({ definition: def([checkin({ counters: ['c-bib', 'c-nope'] })]) });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(res.body.error.details.errors).toEqual([
      expect.objectContaining({ path: ['groups', 0, 'filters', 0, 'counters', 1], message: expect.stringContaining("'c-nope'") }),
    ]);
  });

  test('every shape problem is listed with its path', async () => {
    const res = await post({
      definition: {
        version: 1,
        groups: [{ filters: [checkin({}, { op: 'between', value: [3, 1] })] }, { filters: [{ type: 'postcode', postcodes: ['900'] }] }],
      },
    });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.errors.map((e: { path: unknown[] }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        ['groups', 0, 'filters', 0, 'count', 'value'],
        ['groups', 1, 'filters', 0, 'postcodes', 0],
      ]),
    );
  });

  test('shape problems and unknown keys come in one answer: every well-formed filter has its keys checked', async () => {
    const res = await post({
      definition: {
        version: 1,
        groups: [{ filters: [checkin({ counters: ['c-nope'] })] }, { filters: [checkin({}, { op: '>=', value: -1 })] }],
        exclude: [
          {
            filters: [
              { type: 'cardSystem', cardSystems: ['cs-gent', 'cs-nowhere'] },
              { type: 'membership', associations: ['as-nope'] },
            ],
          },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors).toEqual([
      expect.objectContaining({ path: ['groups', 1, 'filters', 0, 'count', 'value'] }),
      expect.objectContaining({ path: ['groups', 0, 'filters', 0, 'counters', 0], message: expect.stringContaining("'c-nope'") }),
      expect.objectContaining({ path: ['exclude', 0, 'filters', 0, 'cardSystems', 1], message: expect.stringContaining("'cs-nowhere'") }),
      expect.objectContaining({ path: ['exclude', 0, 'filters', 1, 'associations', 0], message: expect.stringContaining("'as-nope'") }),
    ]);
  });

  test.each([
    [{ pageSize: 501 }, ['pageSize']],
    [{ pageSize: 0 }, ['pageSize']],
    [{ page: 0 }, ['page']],
    [{ asOf: '2023-02-30' }, ['asOf']],
  ])('envelope %j is refused', async (extra, path) => {
    const res = await post({ definition: def([{ type: 'points', op: '>=', value: 0 }]), ...extra });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: { path: unknown[] }) => e.path)).toEqual([path]);
  });

  test('a missing definition, a non-object body, unknown fields and broken JSON are refused with 400', async () => {
    expect((await post({})).status).toBe(400);
    const unknown = await post({ definition: def([{ type: 'points', op: '>=', value: 0 }]), limit: 5 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.errors).toEqual([expect.objectContaining({ path: ['limit'] })]);
    expect((await app.api().post('/api/segmentation/preview').send([1, 2])).status).toBe(400);
    const broken = await app.api().post('/api/segmentation/preview').set('Content-Type', 'application/json').send('{"definition": ');
    expect(broken.status).toBe(400);
  });
});

describe('saved segments', () => {
  const SEGMENT = 'plugin::segmentation.segment' as any;

  test('preview/export of a saved segment record its last counts', async () => {
    const segment = await app.strapi.documents(SEGMENT).create({
      data: { name: 'Gent 9000', definition: def([{ type: 'postcode', postcodes: ['9000'] }]) },
    });
    const res = await app.api().get(`/api/segmentation/segments/${segment.documentId}/preview`).query({ pageSize: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 3, withEmail: 1, pageSize: 1, items: [{ uid: 'H00' }] });
    const saved = await app.strapi.documents(SEGMENT).findOne({ documentId: segment.documentId });
    expect(saved).toMatchObject({ lastTotal: 3, lastWithEmail: 1 });
    expect(saved?.lastEvaluatedAt).toBeTruthy();

    const csv = await app.api().get(`/api/segmentation/segments/${segment.documentId}/export`).buffer(true);
    expect(csv.status).toBe(200);
    expect(csv.text.split('\n')[1]).toBe('H00,Hugo,Hermans,,');
  });

  test('an unknown documentId is a 404', async () => {
    const res = await app.api().get('/api/segmentation/segments/doesnotexist/preview');
    expect(res.status).toBe(404);
  });

  test('an invalid definition cannot be saved (same validator as the API)', async () => {
    await expect(
      app.strapi.documents(SEGMENT).create({ data: { name: 'bad', definition: def([{ type: 'cardSystem', cardSystems: ['cs-nope'] }]) } }),
    ).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(app.strapi.documents(SEGMENT).create({ data: { name: 'bad', definition: { version: 2 } } })).rejects.toMatchObject({
      name: 'ValidationError',
    });
  });
});

describe('scope', () => {
  test('holders outside the scope are never counted or returned', async () => {
    const service = getService(app.strapi, 'segments');
    const everyone = { version: 1 as const, groups: [{ filters: [{ type: 'points' as const, op: '>=' as const, value: 0 }] }] };
    const result = await service.preview({ definition: everyone, page: 1, pageSize: 50 }, ['cs-leuven']);
    expect(result.total).toBe(2);
    expect(result.items.map((i: { uid: string }) => i.uid)).toEqual(['h03', 'h04']);
    expect((await service.preview({ definition: everyone, page: 1, pageSize: 50 }, [])).total).toBe(0);
  });
});

describe('import through HTTP', () => {
  test('importing the same file twice changes nothing', async () => {
    const res = await app.api().post('/api/segmentation/import/pass-holders').set('Content-Type', 'application/x-ndjson').send(ndjson(holders));
    expect(res.body).toMatchObject({ received: holders.length, inserted: 0, updated: holders.length, rejected: [] });
    expect(await uids(def([{ type: 'postcode', postcodes: ['9000'] }]))).toEqual(['H00', 'h01', 'h02']);
  });

  test('new data is visible to the next evaluation', async () => {
    const res = await app
      .api()
      .post('/api/segmentation/import/pass-holders')
      .set('Content-Type', 'text/csv')
      .send('uid,firstName,lastName,postcode,cardSystems\nh06,Fien,Smets,9000,cs-gent|cs-leuven\n');
    expect(res.body).toMatchObject({ inserted: 1, rejected: [] });
    expect(
      await uids(
        def([
          { type: 'postcode', postcodes: ['9000'] },
          { type: 'cardSystem', cardSystems: ['cs-leuven'] },
        ]),
      ),
    ).toEqual(['h06']);
  });

  test('an unknown entity or content type is a 400', async () => {
    expect((await app.api().post('/api/segmentation/import/people').set('Content-Type', 'text/csv').send('a\n1\n')).status).toBe(400);
    expect((await app.api().post('/api/segmentation/import/pass-holders').set('Content-Type', 'text/plain').send('x')).status).toBe(400);
  });
});
