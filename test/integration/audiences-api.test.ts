/**
 * Audiences through the token API (docs/api.md, "Audiences"): steps applied in order, every kind of
 * source, the errors with their paths from the request root, 409 for a repeated source, and the
 * scope of a token bound to a card system. On SQLite and (in the Postgres run) on Postgres.
 */
import { startApp, type TestApp } from '../helpers/strapi';
import { ENTITIES, ndjson } from './fixture';
import ExcelJS from 'exceljs';
import { getService } from '../../src/plugins/segmentation/server/src/services';

let app: TestApp;
let gent: string; // saved segment: the holders of cs-gent (H00, h01, h02, h04)
let leuven: string; // saved segment of partner cs-leuven: h03, h04
let earlier: { id: number; documentId: string };

const GENT = { version: 1, groups: [{ filters: [{ type: 'cardSystem', cardSystems: ['cs-gent'] }] }] };
const LEUVEN = { version: 1, groups: [{ filters: [{ type: 'cardSystem', cardSystems: ['cs-leuven'] }] }] };

beforeAll(async () => {
  app = await startApp();
  for (const [entity, records] of ENTITIES) {
    const res = await app.api().post(`/api/segmentation/import/${entity}`).set('Content-Type', 'application/x-ndjson').send(ndjson(records));
    expect(res.status).toBe(200);
  }
  const segments = app.strapi.documents('plugin::segmentation.segment');
  gent = (await segments.create({ data: { name: 'Gent', definition: GENT, cardSystem: 'cs-gent' } as any })).documentId;
  leuven = (await segments.create({ data: { name: 'Leuven', definition: LEUVEN, cardSystem: 'cs-leuven' } as any })).documentId;
  earlier = (await app.strapi.documents('plugin::segmentation.campaign').create({ data: { name: 'Eerder', cardSystem: 'cs-gent' } as any })) as any;
  // What happened to the earlier mailing's mails: h01 sent and clicked, h02 sent and opened, h04 bounced, H00 failed.
  const knex = app.strapi.db.connection;
  const holderId = async (uid: string) => Number((await knex('seg_holders').where({ uid }).first('id')).id);
  const deliveries: [string, string][] = [
    ['h01', 'sent'],
    ['h02', 'sent'],
    ['h04', 'bounced'],
    ['H00', 'failed'],
  ];
  for (const [uid, status] of deliveries) {
    await knex('seg_deliveries').insert({
      campaign_id: earlier.id,
      holder_id: await holderId(uid),
      uid,
      email: `${uid}@example.be`,
      status,
      sent_at: Date.now(),
    });
  }
  const delivery = async (uid: string) => Number((await knex('seg_deliveries').where({ campaign_id: earlier.id, uid }).first('id')).id);
  const event = async (uid: string, type: string, machine = false) =>
    knex('seg_tracking_events').insert({ delivery_id: await delivery(uid), campaign_id: earlier.id, type, machine, at: Date.now() });
  await event('h01', 'click');
  await event('h02', 'open');
  await event('h01', 'open', true); // a machine's open is not an open
  await event('h04', 'bounce');
});

afterAll(async () => {
  await app?.stop();
});

const preview = (body: object) => app.api().post('/api/segmentation/audiences/preview').send(body);
const uidsOf = (res: { body: { items: { uid: string }[] } }) => res.body.items.map((i) => i.uid);

async function audience(steps: object[]): Promise<{ uids: string[]; steps: { added: number; removed: number }[]; total: number }> {
  const res = await preview({ steps, pageSize: 500 });
  if (res.status !== 200) throw new Error(`preview ${res.status}: ${JSON.stringify(res.body)}`);
  return { uids: uidsOf(res), steps: res.body.steps, total: res.body.total };
}

describe('steps apply in order', () => {
  const C = ['h03', 'h04', 'h05'];

  test('add A, remove B, add C keeps the holders of C that are in B', async () => {
    const r = await audience([
      { mode: 'add', segment: gent },
      { mode: 'remove', definition: LEUVEN },
      { mode: 'add', uids: C },
    ]);
    expect(r.uids).toEqual(['H00', 'h01', 'h02', 'h03', 'h04', 'h05']);
    expect(r.steps).toEqual([
      { added: 4, removed: 0 },
      { added: 0, removed: 1 },
      { added: 3, removed: 0 },
    ]);
    expect(r.total).toBe(6);
  });

  test('add A, add C, remove B does not', async () => {
    const r = await audience([
      { mode: 'add', segment: gent },
      { mode: 'add', uids: C },
      { mode: 'remove', definition: LEUVEN },
    ]);
    expect(r.uids).toEqual(['H00', 'h01', 'h02', 'h05']);
    expect(r.steps).toEqual([
      { added: 4, removed: 0 },
      { added: 2, removed: 0 },
      { added: 0, removed: 2 },
    ]);
  });

  test('counts, paging and asOf as the segment preview', async () => {
    const res = await preview({ steps: [{ mode: 'add', definition: GENT }], page: 2, pageSize: 3, asOf: '2024-03-31' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(uidsOf(res)).toEqual(['h04']);
    const segment = await app.api().post('/api/segmentation/preview').send({ definition: GENT, pageSize: 500 });
    expect(res.body.withEmail).toBe(segment.body.withEmail);
    expect(res.body.withPhone).toBe(segment.body.withPhone);
  });
});

describe("an earlier mailing's recipients by outcome", () => {
  test.each([
    ['sent', ['h01', 'h02', 'h04']],
    ['delivered', ['h01', 'h02']],
    ['opened', ['h02']],
    ['notOpened', ['h01', 'h04']],
    ['clicked', ['h01']],
    ['notClicked', ['h02', 'h04']],
  ])('%s', async (outcome, expected) => {
    expect((await audience([{ mode: 'add', campaign: earlier.documentId, outcome }])).uids).toEqual(expected);
  });

  test('sent is the default', async () => {
    expect((await audience([{ mode: 'add', campaign: earlier.documentId }])).uids).toEqual(['h01', 'h02', 'h04']);
  });
});

describe('refusals', () => {
  const problems = (res: { body: { error: { details: { errors: { path: unknown[] }[] } } } }) => res.body.error.details.errors.map((e) => e.path);

  test('every problem of every step, paths from the request root', async () => {
    const uids = Array.from({ length: 18 }, (_, i) => (i === 17 ? 'nobody' : 'h01'));
    const res = await preview({
      steps: [
        { mode: 'add', uids },
        { mode: 'maybe', segment: gent },
        {
          mode: 'add',
          definition: {
            version: 1,
            groups: [
              {
                filters: [
                  { type: 'cardSystem', cardSystems: ['cs-gent'] },
                  { type: 'action', action: 'CHECKIN', count: { op: '>=', value: -1 } },
                ],
              },
            ],
          },
        },
        { mode: 'add' },
        { mode: 'add', segment: gent, uids: ['h01'] },
        { mode: 'remove', uids: ['h01'], outcome: 'sent' },
        { mode: 'add', segment: 'no-such-segment' },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(problems(res)).toEqual(
      expect.arrayContaining([
        ['steps', 0, 'uids', 17],
        ['steps', 1, 'mode'],
        ['steps', 2, 'definition', 'groups', 0, 'filters', 1, 'count', 'value'],
        ['steps', 3],
        ['steps', 4, 'uids'],
        ['steps', 5, 'outcome'],
        ['steps', 6, 'segment'],
      ]),
    );
    expect(problems(res)).toHaveLength(7);
  });

  test('an empty list of steps, a missing one, a page too large', async () => {
    expect(problems(await preview({ steps: [] }))).toEqual([['steps']]);
    expect((await preview({})).status).toBe(400);
    expect(problems(await preview({ steps: [{ mode: 'add', segment: gent }], pageSize: 501 }))).toEqual([['pageSize']]);
  });

  test('an unknown mailing or segment is a 400 at its step', async () => {
    const res = await preview({ steps: [{ mode: 'add', campaign: 'nope' }] });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(problems(res)).toEqual([['steps', 0, 'campaign']]);
    const both = await preview({
      steps: [
        { mode: 'add', segment: gent },
        { mode: 'remove', campaign: 'nope', outcome: 'opened' },
        { mode: 'add', segment: 'nope' },
      ],
    });
    expect(problems(both)).toEqual([
      ['steps', 1, 'campaign'],
      ['steps', 2, 'segment'],
    ]);
  });

  test('unknown reference keys in a definition are named at their path', async () => {
    const res = await preview({
      steps: [
        { mode: 'add', segment: gent },
        { mode: 'add', definition: { version: 1, groups: [{ filters: [{ type: 'cardSystem', cardSystems: ['cs-nergens'] }] }] } },
      ],
    });
    expect(res.status).toBe(400);
    expect(problems(res)).toEqual([['steps', 1, 'definition', 'groups', 0, 'filters', 0, 'cardSystems', 0]]);
  });

  test('the same segment, mailing or list of UIDs twice is a 409 naming it', async () => {
    const twice = async (a: object, b: object) => preview({ steps: [a, { mode: 'add', definition: GENT }, b] });
    for (const [a, b, path] of [
      [{ mode: 'add', segment: gent }, { mode: 'remove', segment: gent }, ['steps', 2, 'segment']],
      [{ mode: 'add', campaign: earlier.documentId }, { mode: 'remove', campaign: earlier.documentId, outcome: 'opened' }, ['steps', 2, 'campaign']],
      [{ mode: 'add', uids: ['h01', 'h02'] }, { mode: 'remove', uids: ['h02', 'h01'] }, ['steps', 2, 'uids']],
    ] as [object, object, unknown[]][]) {
      const res = await twice(a, b);
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ status: 409, name: 'ConflictError' });
      expect(problems(res)).toEqual([path]);
    }
    const named = await twice({ mode: 'add', segment: gent }, { mode: 'add', segment: gent });
    expect(named.body.error.message).toContain(gent);
  });
});

describe('a token bound to a card system', () => {
  let key: string;
  beforeAll(async () => {
    const token = (await app.strapi.service('admin::api-token').create({ name: 'leuven', type: 'full-access', lifespan: null })) as {
      id: number;
      accessKey: string;
    };
    await getService(app.strapi, 'access').link('token', token.id, ['cs-leuven']);
    key = token.accessKey;
  });
  const bound = (body: object) => app.http.post('/api/segmentation/audiences/preview').set('Authorization', `Bearer ${key}`).send(body);

  test('sees only its holders, whatever the steps name', async () => {
    const res = await bound({
      steps: [
        { mode: 'add', segment: leuven },
        { mode: 'add', uids: ['h03', 'h04'] },
      ],
      pageSize: 500,
    });
    expect(res.status).toBe(200);
    expect(uidsOf(res)).toEqual(['h03', 'h04']);
  });

  test("another partner's segment or mailing is a 404; a holder outside its card systems is unknown", async () => {
    expect((await bound({ steps: [{ mode: 'add', segment: gent }] })).status).toBe(404);
    expect((await bound({ steps: [{ mode: 'add', campaign: earlier.documentId }] })).status).toBe(404);
    const res = await bound({ steps: [{ mode: 'add', uids: ['h03', 'h01'] }] });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors).toEqual([expect.objectContaining({ path: ['steps', 0, 'uids', 1], message: "Unknown pass holder 'h01'" })]);
  });

  test("its export holds only its holders; another partner's segment is a 404 there too", async () => {
    const exported = (body: object) => app.http.post('/api/segmentation/audiences/export').set('Authorization', `Bearer ${key}`).send(body);
    const res = await exported({ steps: [{ mode: 'add', segment: leuven }] });
    expect(res.status).toBe(200);
    expect(res.headers['x-total-count']).toBe('2');
    expect(
      res.text
        .trim()
        .split(/\r?\n/)
        .slice(1)
        .map((l) => l.split(',')[0]),
    ).toEqual(['h03', 'h04']);
    expect((await exported({ steps: [{ mode: 'add', segment: gent }] })).status).toBe(404);
    expect((await exported({ steps: [{ mode: 'add', uids: ['h01'] }] })).status).toBe(400);
  });

  test('a definition naming another card system is a 403, as for segments', async () => {
    expect((await bound({ steps: [{ mode: 'add', definition: GENT }] })).status).toBe(403);
  });
});

test('export streams the CSV of the audience, with its total', async () => {
  const res = await app
    .api()
    .post('/api/segmentation/audiences/export')
    .send({
      steps: [
        { mode: 'add', segment: gent },
        { mode: 'remove', uids: ['h01'] },
      ],
    });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/csv/);
  expect(res.headers['x-total-count']).toBe('3');
  const lines = res.text.trim().split(/\r?\n/);
  expect(lines[0]).toBe('uid,firstName,lastName,email,phone');
  expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['H00', 'h02', 'h04']);
});

test('export refuses invalid steps as the preview does, each at its path', async () => {
  const res = await app
    .api()
    .post('/api/segmentation/audiences/export')
    .send({ steps: [{ mode: 'add', segment: gent }, { mode: 'maybe', uids: ['h01'] }, { mode: 'add' }] });
  expect(res.status).toBe(400);
  expect(res.headers['content-type']).toMatch(/json/);
  expect(res.body.error.name).toBe('ValidationError');
  expect(res.body.error.details.errors.map((e: { path: unknown[] }) => e.path)).toEqual(
    expect.arrayContaining([
      ['steps', 1, 'mode'],
      ['steps', 2],
    ]),
  );
  expect(res.body.error.details.errors).toHaveLength(2);
  expect((await app.api().post('/api/segmentation/audiences/export').send({ steps: [] })).status).toBe(400);
});

describe('uploaded lists', () => {
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const upload = (body: string | Buffer, type = 'text/csv', key?: string) => {
    const req = app.http.post('/api/segmentation/audiences/lists?name=lijst.csv').set('Content-Type', type);
    return req.set('Authorization', `Bearer ${key ?? app.token}`).send(body);
  };

  test('a CSV as Excel saves it (BOM, `;`): every kind of bad line reported with its line, not-linked rows left out', async () => {
    const csv = '\ufeffUiTPAS-nummer;Linked\r\nh01;J\r\nh02;N\r\nnobody;J\r\nh01;ja\r\n;J\r\nh03;misschien\r\n\r\nh04;\r\n';
    const res = await upload(csv);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'lijst.csv',
      rows: 7,
      kept: 2,
      notLinked: 1,
      problemCounts: { unknown: 1, outOfScope: 0, duplicate: 1, unreadable: 2 },
    });
    expect(res.body.problems.map((p: { line: number; kind: string }) => [p.line, p.kind])).toEqual([
      [4, 'unknown'],
      [5, 'duplicate'],
      [6, 'unreadable'],
      [7, 'unreadable'],
    ]);
    expect(res.body.problems[1].message).toContain('line 2');
    expect((await audience([{ mode: 'add', list: res.body.list }])).uids).toEqual(['h01', 'h04']);
  });

  test('an XLSX list (first sheet, header `uid`), and a comma CSV without a linked column', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Lijst');
    sheet.addRows([
      ['Naam', 'UID'],
      ['An', 'h01'],
      ['Bart', 'h02'],
      [null, null],
      ['Onbekend', 'h99'],
    ]);
    wb.addWorksheet('Andere').addRows([['uid'], ['h03']]);
    const xlsx = await upload(Buffer.from(await wb.xlsx.writeBuffer()), XLSX);
    expect(xlsx.status).toBe(200);
    expect(xlsx.body).toMatchObject({ rows: 3, kept: 2, problemCounts: { unknown: 1 } });
    expect(xlsx.body.problems).toEqual([expect.objectContaining({ line: 5, uid: 'h99', kind: 'unknown' })]);
    const csv = await upload('pasnummer,opmerking\nh05,x\nH00,"met, komma"\n');
    expect(csv.body).toMatchObject({ rows: 2, kept: 2 });
    expect(
      (
        await audience([
          { mode: 'add', list: xlsx.body.list },
          { mode: 'add', list: csv.body.list },
          { mode: 'remove', uids: ['h01'] },
        ])
      ).uids,
    ).toEqual(['H00', 'h02', 'h05']);
  });

  test('refused: no column of pass numbers, another format, an unknown list; the same list twice is a 409', async () => {
    const noHeader = await upload('naam\nAn\n');
    expect(noHeader.status).toBe(400);
    expect(noHeader.body.error.details.errors[0].path).toEqual(['body']);
    expect((await upload('{}', 'application/json')).status).toBe(400);
    const unknown = await preview({ steps: [{ mode: 'add', list: 'nope' }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.errors[0].path).toEqual(['steps', 0, 'list']);
    const list = (await upload('uid\nh01\n')).body.list;
    expect(
      (
        await preview({
          steps: [
            { mode: 'add', list },
            { mode: 'remove', list },
          ],
        })
      ).status,
    ).toBe(409);
  });

  test('a bound token: holders of other card systems reported; a list made with a wider view is a 404 to it', async () => {
    const token = (await app.strapi.service('admin::api-token').create({ name: 'leuven-lists', type: 'full-access', lifespan: null })) as {
      id: number;
      accessKey: string;
    };
    await getService(app.strapi, 'access').link('token', token.id, ['cs-leuven']);
    const res = await upload('uid\nh03\nh01\n', 'text/csv', token.accessKey);
    expect(res.body).toMatchObject({ kept: 1, problemCounts: { outOfScope: 1 } });
    expect(res.body.problems).toEqual([expect.objectContaining({ line: 3, uid: 'h01', kind: 'outOfScope' })]);
    const bound = (body: object) => app.http.post('/api/segmentation/audiences/preview').set('Authorization', `Bearer ${token.accessKey}`).send(body);
    expect(uidsOf(await bound({ steps: [{ mode: 'add', list: res.body.list }] }))).toEqual(['h03']);
    const wide = (await upload('uid\nh03\n')).body.list;
    expect((await bound({ steps: [{ mode: 'add', list: wide }] })).status).toBe(404);
  });
});
