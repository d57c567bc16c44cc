/**
 * The mailing filter (a holder's contact history) through the token API, on SQLite and Postgres:
 * received / opened / clicked, did and did not, any mailing or named ones, a period in local
 * calendar days or the last N days, machine opens left out, unknown mailings named at their path.
 * And each holder's contact history (`GET /api/segmentation/holders/:uid/history`) on the same data:
 * newest first, paged.
 */
import { getService } from '../../src/plugins/segmentation/server/src/services';
import { startApp, type TestApp } from '../helpers/strapi';
import { ENTITIES, ndjson } from './fixture';

let app: TestApp;
const mailing: Record<string, string> = {};

// Brussels: 2024-03-10 00:00 local is 2024-03-09T23:00Z.
const at = (iso: string) => Date.parse(iso);

beforeAll(async () => {
  app = await startApp();
  for (const [entity, records] of ENTITIES) {
    expect((await app.api().post(`/api/segmentation/import/${entity}`).set('Content-Type', 'application/x-ndjson').send(ndjson(records))).status).toBe(200);
  }
  const knex = app.strapi.db.connection;
  const campaigns = app.strapi.documents('plugin::segmentation.campaign');
  mailing.maart = (await campaigns.create({ data: { name: 'maart', cardSystem: 'cs-gent' } as any })).documentId;
  mailing.april = (await campaigns.create({ data: { name: 'april', cardSystem: 'cs-leuven' } as any })).documentId;
  const idOf = async (table: string, where: object) => Number((await knex(table).where(where).first('id')).id);
  const send = async (campaign: string, uid: string, status: string, sentAt: number, events: [string, boolean][] = []) => {
    const campaignId = await idOf('seg_campaigns', { document_id: mailing[campaign] });
    const [row] = await knex('seg_deliveries')
      .insert({ campaign_id: campaignId, holder_id: await idOf('seg_holders', { uid }), uid, email: `${uid}@example.be`, status, sent_at: sentAt })
      .returning('id');
    const deliveryId = Number(typeof row === 'object' ? row.id : row);
    for (const [type, machine] of events)
      await knex('seg_tracking_events').insert({ delivery_id: deliveryId, campaign_id: campaignId, type, machine, at: sentAt + 60_000 });
  };
  // maart: sent just after local midnight of 10 March (still 9 March in UTC) to h01 (opened by a person, clicked),
  // h02 (opened by a machine only), h03 (failed: never sent).
  await send('maart', 'h01', 'sent', at('2024-03-09T23:30:00Z'), [
    ['open', false],
    ['click', false],
  ]);
  await send('maart', 'h02', 'sent', at('2024-03-09T23:30:00Z'), [['open', true]]);
  await send('maart', 'h03', 'failed', at('2024-03-09T23:30:00Z'));
  // april: h04, bounced (a mail was sent all the same), on 20 March local time.
  await send('april', 'h04', 'bounced', at('2024-03-20T10:00:00Z'));
});

afterAll(async () => {
  await app?.stop();
});

const def = (filter: object) => ({ version: 1, groups: [{ filters: [filter] }] });
async function uids(filter: object, asOf = '2024-03-31'): Promise<string[]> {
  const res = await app
    .api()
    .post('/api/segmentation/preview')
    .send({ definition: def(filter), asOf, pageSize: 500 });
  if (res.status !== 200) throw new Error(`preview ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.items.map((i: { uid: string }) => i.uid);
}

test('received, opened (by a person), clicked: any mailing', async () => {
  expect(await uids({ type: 'mailing', event: 'received', value: true })).toEqual(['h01', 'h02', 'h04']);
  expect(await uids({ type: 'mailing', event: 'opened', value: true })).toEqual(['h01']);
  expect(await uids({ type: 'mailing', event: 'clicked', value: true })).toEqual(['h01']);
});

test('did not: everyone else, including who never got a mail', async () => {
  expect(await uids({ type: 'mailing', event: 'received', value: false })).toEqual(['H00', 'h03', 'h05']);
  expect(await uids({ type: 'mailing', event: 'opened', value: false })).toEqual(['H00', 'h02', 'h03', 'h04', 'h05']);
});

test('named mailings', async () => {
  expect(await uids({ type: 'mailing', event: 'received', value: true, mailings: [mailing.april] })).toEqual(['h04']);
  expect(await uids({ type: 'mailing', event: 'received', value: true, mailings: [mailing.april, mailing.maart] })).toEqual(['h01', 'h02', 'h04']);
});

test('a period in local calendar days, and the last N days up to the evaluation date', async () => {
  expect(await uids({ type: 'mailing', event: 'received', value: true, period: { from: '2024-03-10', to: '2024-03-10' } })).toEqual(['h01', 'h02']);
  expect(await uids({ type: 'mailing', event: 'received', value: true, period: { from: '2024-03-09', to: '2024-03-09' } })).toEqual([]);
  expect(await uids({ type: 'mailing', event: 'received', value: true, days: 11 }, '2024-03-20')).toEqual(['h01', 'h02', 'h04']);
  expect(await uids({ type: 'mailing', event: 'received', value: true, days: 10 }, '2024-03-20')).toEqual(['h04']);
  // "no more than one mailing in three weeks": who got nothing in the last 21 days
  expect(await uids({ type: 'mailing', event: 'received', value: false, days: 21 }, '2024-04-05')).toEqual(['H00', 'h01', 'h02', 'h03', 'h05']);
  expect(await uids({ type: 'mailing', event: 'received', value: true, period: { last: 'month' } }, '2024-04-09')).toEqual(['h01', 'h02', 'h04']);
});

test('refused: an unknown mailing at its path, period and days together, a bad event', async () => {
  const res = await app
    .api()
    .post('/api/segmentation/preview')
    .send({
      definition: {
        version: 1,
        groups: [
          { filters: [{ type: 'mailing', event: 'received', value: true, mailings: [mailing.maart, 'no-such-mailing'] }] },
          { filters: [{ type: 'mailing', event: 'received', value: true, days: 7, period: { last: 'month' } }] },
          { filters: [{ type: 'mailing', event: 'bounced', value: true, days: 0 }] },
        ],
      },
    });
  expect(res.status).toBe(400);
  expect(res.body.error.details.errors.map((e: { path: unknown[] }) => e.path)).toEqual([
    ['groups', 1, 'filters', 0, 'days'],
    ['groups', 2, 'filters', 0, 'event'],
    ['groups', 2, 'filters', 0, 'days'],
    ['groups', 0, 'filters', 0, 'mailings', 1],
  ]);
});

describe("a holder's contact history", () => {
  const history = (uid: string, key = app.token, query = '') =>
    app.http.get(`/api/segmentation/holders/${uid}/history${query}`).set('Authorization', `Bearer ${key}`);

  test('every mailing tried, newest first, with what happened (people only); nothing for who got none', async () => {
    const h01 = await history('h01');
    expect(h01.status).toBe(200);
    expect(h01.body).toMatchObject({ uid: 'h01', total: 1, page: 1, pageSize: 20 });
    expect(h01.body.items).toEqual([
      {
        mailing: { documentId: mailing.maart, name: 'maart', otherPartner: false, done: false },
        channel: 'email',
        sentAt: '2024-03-09T23:30:00.000Z',
        status: 'sent',
        delivered: true,
        opened: true,
        clicked: true,
        bounced: false,
        unsubscribed: false,
        complained: false,
      },
    ]);
    expect((await history('h02')).body.items[0]).toMatchObject({ opened: false, clicked: false });
    expect((await history('h03')).body.items[0]).toMatchObject({ status: 'failed', delivered: false });
    expect((await history('h04')).body.items[0]).toMatchObject({ status: 'bounced', bounced: true, delivered: false });
    expect((await history('H00')).body).toMatchObject({ total: 0, items: [] });
  });

  test('a mailing marked done says so', async () => {
    await app.strapi.db.connection('seg_campaigns').where({ document_id: mailing.maart }).update({ done_at: new Date() });
    expect((await history('h01')).body.items[0].mailing.done).toBe(true);
  });

  test('newest first, paged: each page the next entries, with the total and the page asked for', async () => {
    // h05 got nothing yet: three mailings, recorded out of date order.
    const knex = app.strapi.db.connection;
    const idOf = async (table: string, where: object) => Number((await knex(table).where(where).first('id')).id);
    const holder = await idOf('seg_holders', { uid: 'h05' });
    const sentAt = { mei: at('2024-05-02T08:00:00Z'), januari: at('2024-01-15T08:00:00Z'), juni: at('2024-06-20T08:00:00Z') };
    for (const [name, when] of Object.entries(sentAt)) {
      const documentId = (await app.strapi.documents('plugin::segmentation.campaign').create({ data: { name, cardSystem: 'cs-gent' } as any })).documentId;
      const campaignId = await idOf('seg_campaigns', { document_id: documentId });
      await knex('seg_deliveries').insert({ campaign_id: campaignId, holder_id: holder, uid: 'h05', email: 'h05@example.be', status: 'sent', sent_at: when });
    }
    const all = (await history('h05')).body;
    expect(all).toMatchObject({ uid: 'h05', total: 3, page: 1, pageSize: 20 });
    expect(all.items.map((i: { mailing: { name: string }; sentAt: string }) => [i.mailing.name, i.sentAt])).toEqual([
      ['juni', '2024-06-20T08:00:00.000Z'],
      ['mei', '2024-05-02T08:00:00.000Z'],
      ['januari', '2024-01-15T08:00:00.000Z'],
    ]);
    const second = await history('h05', app.token, '?page=2&pageSize=1');
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ uid: 'h05', total: 3, page: 2, pageSize: 1 });
    expect(second.body.items.map((i: { mailing: { name: string } }) => i.mailing.name)).toEqual(['mei']);
    expect((await history('h05', app.token, '?page=3&pageSize=1')).body.items.map((i: { mailing: { name: string } }) => i.mailing.name)).toEqual(['januari']);
    expect((await history('h05', app.token, '?page=4&pageSize=1')).body).toMatchObject({ total: 3, page: 4, items: [] });
  });

  test('unknown holder 404, bad paging 400; a bound token: its holders only, mailings of others without a name', async () => {
    expect((await history('nobody')).status).toBe(404);
    expect((await history('h01', app.token, '?pageSize=101')).status).toBe(400);
    const token = (await app.strapi.service('admin::api-token').create({ name: 'gent-history', type: 'full-access', lifespan: null })) as {
      id: number;
      accessKey: string;
    };
    await getService(app.strapi, 'access').link('token', token.id, ['cs-gent']);
    expect((await history('h03', token.accessKey)).status).toBe(404); // h03 is of Leuven only
    const h04 = await history('h04', token.accessKey);
    expect(h04.body.items[0].mailing).toEqual({ documentId: mailing.april, name: null, otherPartner: true, done: false });
    expect((await history('h01', token.accessKey)).body.items[0].mailing.name).toBe('maart');
  });
});
