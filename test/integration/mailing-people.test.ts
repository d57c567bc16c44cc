/**
 * A mailing's per-person lists (`GET /segmentation/campaigns/:documentId/stats/people`) over the real
 * admin API, on SQLite and PostgreSQL: who opened (counted opens: a replay within a minute is the same
 * open, machines left out) and how often, who clicked which link (and of one link), who bounced or was
 * blocked and why, who complained, who unsubscribed; each total is the figure on the statistics' card.
 * Search by UID, name or address; paging; a bad query is a 400 with its path; a role without the
 * personal-data permission is refused (it keeps the counts); another partner's mailing is a 404.
 * And two mailings side by side: the statistics of both, each in scope.
 */
import { startApp, type TestApp } from '../helpers/strapi';
import { adminClient, superAdminClient, type AdminClient } from '../helpers/admin';
import { ENTITIES, ndjson } from './fixture';

let app: TestApp;
let admin: AdminClient;
let manager: AdminClient;
let viewer: AdminClient;
let leuven: AdminClient;
const mailing: Record<'juni' | 'juli' | 'leuven', string> = { juni: '', juli: '', leuven: '' };

const T = Date.parse('2026-06-01T08:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;

type Event = [type: string, at: number, detail?: string | null, machine?: boolean];

beforeAll(async () => {
  app = await startApp();
  for (const [entity, records] of ENTITIES) {
    expect((await app.api().post(`/api/segmentation/import/${entity}`).set('Content-Type', 'application/x-ndjson').send(ndjson(records))).status).toBe(200);
  }
  admin = await superAdminClient(app);
  manager = await adminClient(app, { email: 'gent@test.local', role: 'segmentation-partner-manager', cardSystems: ['cs-gent'] });
  viewer = await adminClient(app, { email: 'kijker@test.local', role: 'segmentation-viewer', cardSystems: ['cs-gent'] });
  leuven = await adminClient(app, { email: 'leuven@test.local', role: 'segmentation-partner-manager', cardSystems: ['cs-leuven'] });
  const knex = app.strapi.db.connection;
  const campaigns = app.strapi.documents('plugin::segmentation.campaign');
  const create = async (name: string, cardSystem: string) =>
    (await campaigns.create({ data: { name, cardSystem, status: 'sent', startedAt: new Date(T).toISOString() } as any })).documentId; // the content type's data type does not list plugin fields
  mailing.juni = await create('Juni', 'cs-gent');
  mailing.juli = await create('Juli', 'cs-gent');
  mailing.leuven = await create('Leuven', 'cs-leuven');
  const idOf = async (table: string, where: object) => Number((await knex(table).where(where).first('id')).id);
  const send = async (campaign: keyof typeof mailing, uid: string, status: string, events: Event[] = [], error: string | null = null) => {
    const campaignId = await idOf('seg_campaigns', { document_id: mailing[campaign] });
    const [row] = await knex('seg_deliveries')
      .insert({
        campaign_id: campaignId,
        holder_id: await idOf('seg_holders', { uid }),
        uid,
        email: `${uid.toLowerCase()}@ontvanger.test`,
        status,
        sent_at: T,
        error,
      })
      .returning('id');
    const deliveryId = Number(typeof row === 'object' ? row.id : row);
    for (const [type, at, detail = null, machine = false] of events)
      await knex('seg_tracking_events').insert({ delivery_id: deliveryId, campaign_id: campaignId, type, detail, machine, at });
    return { campaignId, deliveryId };
  };
  // h01 An Peeters: opens at T+1m, a replay 10 s later (the same open), again after 2 h (a second one), and one by a machine;
  // clicks a.test twice and b.test once; unsubscribes.
  await send('juni', 'h01', 'sent', [
    ['open', T + MIN],
    ['open', T + MIN + 10_000],
    ['open', T + 2 * HOUR],
    ['open', T + 3 * HOUR, null, true],
    ['click', T + 2 * MIN, 'https://a.test/x?u=1'],
    ['click', T + 3 * MIN, 'https://a.test/x?u=1'],
    ['click', T + 4 * MIN, 'https://b.test/y'],
    ['unsubscribe', T + 5 * HOUR],
  ]);
  // h02 Bart Janssens: one open, one click of b.test, a spam complaint.
  await send('juni', 'h02', 'sent', [
    ['open', T + 30 * MIN],
    ['click', T + 31 * MIN, 'https://b.test/y'],
    ['complaint', T + 6 * HOUR, 'abuse'],
  ]);
  // H00 Hugo Hermans: opened by a machine only; a soft bounce (mailbox full).
  const soft = await send('juni', 'H00', 'sent', [
    ['open', T + MIN, null, true],
    ['bounce', T + 2 * HOUR, 'soft'],
  ]);
  await knex('seg_bounce_messages').insert({
    received_at: T + 2 * HOUR,
    source: 'smtp',
    fingerprint: 'soft-h00',
    kind: 'bounce',
    severity: 'soft',
    status: '4.2.2',
    diagnostic: 'Mailbox full',
    recipient: 'h00@ontvanger.test',
    delivery_id: soft.deliveryId,
    campaign_id: soft.campaignId,
  });
  // h04 Dirk Claes: a hard bounce; h05 Els Wouters: refused while sending (blocked).
  await send('juni', 'h04', 'bounced', [['bounce', T + HOUR, 'hard']], '5.1.1 User unknown');
  await send('juni', 'h05', 'failed', [], '554 5.7.1 Rejected by policy');
  // Juli: two recipients, one opens.
  await send('juli', 'h01', 'sent', [['open', T + HOUR]]);
  await send('juli', 'h02', 'sent');
  // Leuven: another partner's mailing.
  await send('leuven', 'h04', 'sent', [['open', T + HOUR]]);
});

afterAll(async () => {
  await app?.stop();
});

const list = (client: AdminClient, documentId: string, query: string) => client.get(`/segmentation/campaigns/${documentId}/stats/people?${query}`);
const uids = (body: { items: { uid: string }[] }) => body.items.map((i) => i.uid);

test('who opened, how often (a replay within a minute is the same open, machines do not count), most opens first; the total is the card', async () => {
  const res = await list(manager, mailing.juni, 'list=opened');
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ list: 'opened', total: 2, page: 1, pageSize: 25 });
  expect(res.body.items).toEqual([
    {
      uid: 'h01',
      firstName: 'An',
      lastName: 'Peeters',
      email: 'h01@ontvanger.test',
      count: 2,
      firstAt: new Date(T + MIN).toISOString(),
      at: new Date(T + 2 * HOUR).toISOString(),
    },
    expect.objectContaining({ uid: 'h02', firstName: 'Bart', count: 1 }),
  ]);
  const stats = (await manager.get(`/segmentation/campaigns/${mailing.juni}/stats`)).body;
  expect([stats.opened.n, stats.opened.total]).toEqual([res.body.total, 3]);
});

test('who clicked which link (in its template form), and who clicked one link', async () => {
  const res = await list(manager, mailing.juni, 'list=clicked');
  expect(res.body.total).toBe(2);
  expect(res.body.items.map((i: { uid: string; count: number; links: string[] }) => [i.uid, i.count, i.links])).toEqual([
    ['h01', 3, ['https://a.test/…', 'https://b.test/…']],
    ['h02', 1, ['https://b.test/…']],
  ]);
  const stats = (await manager.get(`/segmentation/campaigns/${mailing.juni}/stats`)).body;
  expect(stats.clicked.n).toBe(res.body.total);
  for (const link of stats.links as { url: string; unique: number }[]) {
    const one = await list(manager, mailing.juni, `list=clicked&link=${encodeURIComponent(link.url)}`);
    expect([link.url, one.body.total]).toEqual([link.url, link.unique]);
  }
  expect(uids((await list(manager, mailing.juni, `list=clicked&link=${encodeURIComponent('https://a.test/…')}`)).body)).toEqual(['h01']);
});

test('who bounced or was blocked, and why; the worst kind per person', async () => {
  const res = await list(manager, mailing.juni, 'list=bounced');
  expect(res.body.total).toBe(3);
  const byUid = Object.fromEntries(res.body.items.map((i: { uid: string; kind: string; reason: string }) => [i.uid, [i.kind, i.reason]]));
  expect(byUid).toEqual({
    H00: ['soft', '4.2.2 Mailbox full'],
    h04: ['hard', '5.1.1 User unknown'],
    h05: ['blocked', '554 5.7.1 Rejected by policy'],
  });
  // Newest first; the refusal while sending is dated by the send.
  expect(uids(res.body)).toEqual(['H00', 'h04', 'h05']);
  const stats = (await manager.get(`/segmentation/campaigns/${mailing.juni}/stats`)).body;
  expect([stats.bounced.hard, stats.bounced.soft, stats.blocked.n]).toEqual([1, 1, 1]);
});

test('who complained (with the feedback type) and who unsubscribed', async () => {
  const complained = await list(manager, mailing.juni, 'list=complained');
  expect(complained.body).toMatchObject({ total: 1, items: [{ uid: 'h02', reason: 'abuse', count: 1, at: new Date(T + 6 * HOUR).toISOString() }] });
  const unsubscribed = await list(manager, mailing.juni, 'list=unsubscribed');
  expect(unsubscribed.body).toMatchObject({ total: 1, items: [{ uid: 'h01', at: new Date(T + 5 * HOUR).toISOString() }] });
  const stats = (await manager.get(`/segmentation/campaigns/${mailing.juni}/stats`)).body;
  expect([stats.spam.n, stats.unsubscribed.n]).toEqual([1, 1]);
});

test('search by UID, first or full name, or address; LIKE wildcards are plain text', async () => {
  const found = async (listName: string, q: string) => uids((await list(manager, mailing.juni, `list=${listName}&q=${encodeURIComponent(q)}`)).body);
  expect(await found('opened', 'PEET')).toEqual(['h01']);
  expect(await found('opened', 'bart jan')).toEqual(['h02']);
  expect(await found('opened', 'h02@')).toEqual(['h02']);
  expect(await found('clicked', 'H01')).toEqual(['h01']);
  expect(await found('bounced', 'dirk')).toEqual(['h04']);
  expect(await found('bounced', 'h0')).toEqual(['H00', 'h04', 'h05']);
  expect(await found('opened', '%')).toEqual([]);
  expect(await found('opened', '_')).toEqual([]);
});

test('pages: the same order throughout, the total on each page', async () => {
  const pages = await Promise.all([1, 2, 3].map((page) => list(manager, mailing.juni, `list=bounced&pageSize=1&page=${page}`)));
  expect(pages.map((p) => [p.body.total, uids(p.body)])).toEqual([
    [3, ['H00']],
    [3, ['h04']],
    [3, ['h05']],
  ]);
  expect(uids((await list(manager, mailing.juni, 'list=clicked&pageSize=1&page=2')).body)).toEqual(['h02']);
  expect((await list(manager, mailing.juni, 'list=opened&page=9')).body).toMatchObject({ total: 2, items: [] });
});

test('a bad query is a 400 in Strapi’s error shape, with the paths', async () => {
  const bad = async (query: string) => {
    const res = await list(manager, mailing.juni, query);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    return res.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.')).sort();
  };
  expect(await bad('')).toEqual(['list']);
  expect(await bad('list=read')).toEqual(['list']);
  expect(await bad('list=opened&pageSize=1000&page=0')).toEqual(['page', 'pageSize']);
  expect(await bad('list=opened&link=https%3A%2F%2Fa.test')).toEqual(['link']);
  expect(await bad('list=opened&sort=uid')).toEqual(['sort']);
});

test('without the personal-data permission: refused, the counts still there', async () => {
  expect((await list(viewer, mailing.juni, 'list=opened')).status).toBe(403);
  const stats = await viewer.get(`/segmentation/campaigns/${mailing.juni}/stats`);
  expect([stats.status, stats.body.opened.n]).toEqual([200, 2]);
});

test('another partner’s mailing is not found; the super admin sees every partner’s', async () => {
  expect((await list(leuven, mailing.juni, 'list=opened')).status).toBe(404);
  expect((await list(manager, mailing.leuven, 'list=opened')).status).toBe(404);
  expect(uids((await list(leuven, mailing.leuven, 'list=opened')).body)).toEqual(['h04']);
  expect(uids((await list(admin, mailing.juni, 'list=unsubscribed')).body)).toEqual(['h01']);
});

test('two mailings side by side: both in scope, another partner’s not found', async () => {
  const [juni, juli] = await Promise.all([mailing.juni, mailing.juli].map((id) => manager.get(`/segmentation/campaigns/${id}/stats`)));
  const key = (s: { verstuurd: number; delivered: { n: number }; opened: { n: number; pct: number }; bounced: { n: number } }) => [
    s.verstuurd,
    s.delivered.n,
    s.opened.n,
    s.opened.pct,
    s.bounced.n,
  ];
  expect(key(juni.body)).toEqual([5, 2, 2, 100, 2]);
  expect(key(juli.body)).toEqual([2, 2, 1, 50, 0]);
  // The choice of the other mailing is the partner's own list.
  const choices = (await manager.get('/segmentation/campaigns')).body.results.map((c: { documentId: string }) => c.documentId).sort();
  expect(choices).toEqual([mailing.juli, mailing.juni].sort());
  expect((await manager.get(`/segmentation/campaigns/${mailing.leuven}/stats`)).status).toBe(404);
});
