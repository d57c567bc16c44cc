/**
 * Holes of issue 16 in campaigns and tracking, over the real app (worker in-process, real SMTP):
 * - scheduling is sending: without `campaigns.send` a schedule cannot be set, changed or cleared,
 *   and the worker starts a scheduled campaign in the name of who scheduled it (audit), or not at
 *   all once that person may no longer send;
 * - link statistics by the link's template form, never a holder's UID (a Viewer looks);
 * - a replayed open pixel counts once a minute in the totals;
 * - every tracking answer carries `X-Content-Type-Options: nosniff`.
 */
import { startApp, type TestApp } from '../helpers/strapi';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { adminClient, waitForStatus, type AdminClient } from '../helpers/admin';
import { signToken } from '../../src/plugins/segmentation/server/src/tracking/tokens';
import { ENTITIES, ndjson, approvedSender } from './fixture';

let app: TestApp;
let smtp: TestSmtp;
let manager: AdminClient;
let writer: AdminClient;
let viewer: AdminClient;
let administrator: AdminClient;
let segment: string;
let houseTemplate: string;
let linkTemplate: string;

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Safari/537.36';
const UIDS = ['holderuid0001', 'holderuid0002', 'holderuid0003'];
const holders = UIDS.map((uid) => ({
  uid,
  firstName: uid,
  lastName: 'Sec',
  email: `${uid}@mail.test`,
  postcode: '7777',
  consents: ['email'],
  cardSystems: ['cs-gent'],
}));
const pathOf = (url: string) => new URL(url).pathname + new URL(url).search;
const campaignsTable = () => app.strapi.db.connection('seg_campaigns');
const mailsOf = (id: number) => smtp.received.filter((m) => m.mail.headers.get('x-uitpas-campaign') === String(id));
const soon = (ms: number) => new Date(Date.now() + ms).toISOString();

beforeAll(async () => {
  smtp = await startSmtp();
  app = await startApp({ env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), PUBLIC_URL: 'http://tool.test', TRACK_MACHINE_SECONDS: '0' } });
  for (const [entity, records] of ENTITIES)
    await app.api().post(`/api/segmentation/import/${entity}`).set('Content-Type', 'application/x-ndjson').send(ndjson(records));
  await app.api().post('/api/segmentation/import/pass-holders').set('Content-Type', 'application/x-ndjson').send(ndjson(holders));
  manager = await adminClient(app, { email: 'plan@test.local', role: 'segmentation-partner-manager', cardSystems: ['cs-gent'] });
  // No seeded role has write without send (docs/roles.md): a role made for it, as an administrator could.
  writer = await adminClient(app, {
    email: 'schrijver@test.local',
    actions: ['campaigns.read', 'campaigns.write', 'segments.read', 'templates.read'],
    cardSystems: ['cs-gent'],
  });
  viewer = await adminClient(app, { email: 'kijker@test.local', role: 'segmentation-viewer', cardSystems: ['cs-gent'] });
  administrator = await adminClient(app, { email: 'beheer@test.local', role: 'segmentation-administrator' });

  const sender = { documentId: await approvedSender(app) };
  segment = (
    await manager.post('/segmentation/segments', {
      name: '7777',
      definition: { version: 1, groups: [{ filters: [{ type: 'postcode', postcodes: ['7777'] }] }] },
    })
  ).body.documentId;
  houseTemplate = (
    await manager.post('/segmentation/templates', {
      name: 'Huis',
      subject: 'Dag',
      preheader: 'x',
      body: 'Hallo',
      buttonText: 'Lees',
      buttonUrl: 'https://uitpas.be',
      sender: sender.documentId,
    })
  ).body.documentId;
  const html =
    '<html><body><p>Dag {{ firstName }}</p><a href="https://example.org/x?u={{ uid }}">Jouw pagina</a> <a href="https://example.org/vast">Vast</a> <a href="{{ unsubscribeUrl }}">Uitschrijven</a></body></html>';
  const created = await manager.post('/segmentation/templates', { name: 'Persoonlijke link', subject: 'Dag', format: 'html', html, sender: sender.documentId });
  expect([created.status, created.body.error]).toEqual([200, undefined]);
  linkTemplate = created.body.documentId;
});
afterAll(async () => {
  await app?.stop();
  await smtp?.close();
});

describe('scheduling needs the send right', () => {
  test('without it: POST and PUT with scheduledAt are 403 on scheduledAt, nothing is stored, the worker sends nothing', async () => {
    const refused = await writer.post('/segmentation/campaigns', { name: 'Stiekem', segment, template: houseTemplate, scheduledAt: soon(1_000) });
    expect(refused.status).toBe(403);
    expect(refused.body.error.details.errors[0].path).toEqual(['scheduledAt']);
    expect(await campaignsTable().where({ name: 'Stiekem' }).first()).toBeUndefined();

    const draft = await writer.post('/segmentation/campaigns', { name: 'Ontwerp', segment, template: houseTemplate });
    expect([draft.status, draft.body.status]).toEqual([200, 'draft']);
    const put = await writer.put(`/segmentation/campaigns/${draft.body.documentId}`, {
      name: 'Ontwerp',
      segment,
      template: houseTemplate,
      scheduledAt: soon(1_000),
    });
    expect(put.status).toBe(403);
    expect(put.body.error.details.errors[0].path).toEqual(['scheduledAt']);
    expect(await campaignsTable().where({ document_id: draft.body.documentId }).first()).toMatchObject({ status: 'draft', scheduled_at: null });

    // The worker's own signal that it took every schedule due by now: a campaign the manager
    // scheduled later than the refused ones is sent. Only that one was.
    const control = await manager.post('/segmentation/campaigns', { name: 'Controle', segment, template: houseTemplate, scheduledAt: soon(1_500) });
    expect([control.status, control.body.status]).toEqual([200, 'scheduled']);
    await waitForStatus(manager, control.body.documentId, 'sent', 20_000);
    const sending = await campaignsTable().whereNot({ status: 'draft' }).pluck('name');
    expect(sending).toEqual(['Controle']);
    const deliveries = await app.strapi.db.connection('seg_deliveries').distinct('campaign_id').pluck('campaign_id');
    expect(deliveries.map(Number)).toEqual([control.body.id]);
    expect(smtp.received.length).toBe(mailsOf(control.body.id).length);
  });

  test('with it: the audit entry of the scheduled send names who scheduled it', async () => {
    const audit = (await administrator.get('/segmentation/audit?action=campaign.send')).body.results as any[];
    expect(audit).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ type: 'user', label: 'plan@test.local' }),
        subject: expect.objectContaining({ label: 'Controle' }),
      }),
    ]);
  });

  test('a scheduled campaign: changing or unscheduling it needs the send right too', async () => {
    const c = (await manager.post('/segmentation/campaigns', { name: 'Later', segment, template: houseTemplate, scheduledAt: '2099-01-01T10:00:00Z' })).body;
    const scheduler = async () =>
      (
        (await app.strapi.db
          .query('plugin::segmentation.campaign' as any)
          .findOne({ where: { documentId: c.documentId }, populate: { scheduledBy: true } })) as any
      ).scheduledBy?.id ?? null;
    expect(await scheduler()).toBe(manager.userId);
    for (const body of [
      { name: 'Later', segment, template: houseTemplate, scheduledAt: null },
      { name: 'Later', segment, template: linkTemplate, scheduledAt: '2099-01-01T10:00:00Z' },
    ]) {
      const res = await writer.put(`/segmentation/campaigns/${c.documentId}`, body);
      expect([res.status, res.body.error.details.errors[0].path]).toEqual([403, ['scheduledAt']]);
    }
    expect(await campaignsTable().where({ document_id: c.documentId }).first()).toMatchObject({ status: 'scheduled' });
    const unscheduled = await manager.put(`/segmentation/campaigns/${c.documentId}`, { name: 'Later', segment, template: houseTemplate, scheduledAt: null });
    expect([unscheduled.status, unscheduled.body.status]).toEqual([200, 'draft']);
    expect(await scheduler()).toBeNull();
  });

  test('the Content Manager path: the same rule (a role editing campaigns there without the send right)', async () => {
    const roles = app.strapi.service('admin::role') as any;
    const role = await roles.create({ name: 'Campaigns in the Content Manager', description: 'test' });
    const fields = ['name', 'segment', 'template', 'status', 'scheduledAt', 'holdoutPercent', 'rate', 'recentDays'];
    await roles.assignPermissions(
      role.id,
      ['create', 'read', 'update'].map((a) => ({
        action: `plugin::content-manager.explorer.${a}`,
        subject: 'plugin::segmentation.campaign',
        properties: { fields },
        conditions: [],
      })),
    );
    const cm = await adminClient(app, { email: 'cm@test.local', role: role.code });
    const url = '/content-manager/collection-types/plugin::segmentation.campaign';
    // There the campaign's status cannot be set (Strapi reads `status` as draft/published): a date alone does not schedule.
    const dated = await cm.post(url, { name: 'Via CM', scheduledAt: soon(1_000) });
    expect(dated.status).toBe(201);
    expect(await campaignsTable().where({ name: 'Via CM' }).first()).toMatchObject({ status: 'draft' });
    // A scheduled campaign cannot be moved or unscheduled there either.
    const c = (await manager.post('/segmentation/campaigns', { name: 'CM later', segment, template: houseTemplate, scheduledAt: '2099-01-01T10:00:00Z' })).body;
    for (const data of [{ scheduledAt: soon(1_000) }, { scheduledAt: null }]) {
      const res = await cm.put(`${url}/${c.documentId}`, data);
      expect([res.status, res.body.error?.details?.errors?.[0]?.path]).toEqual([403, ['scheduledAt']]);
    }
    expect(await campaignsTable().where({ document_id: c.documentId }).first()).toMatchObject({ status: 'scheduled' });
    expect(new Date((await campaignsTable().where({ document_id: c.documentId }).first()).scheduled_at).toISOString()).toBe('2099-01-01T10:00:00.000Z');
  });

  test('the worker does not start a schedule whose author may no longer send', async () => {
    const sender = await adminClient(app, { email: 'vertrekt@test.local', role: 'segmentation-partner-manager', cardSystems: ['cs-gent'] });
    const before = smtp.received.length;
    const c = (await sender.post('/segmentation/campaigns', { name: 'Na vertrek', segment, template: houseTemplate, scheduledAt: soon(2_000) })).body;
    expect(c.status).toBe('scheduled');
    await app.strapi.db.query('admin::user').update({ where: { id: sender.userId }, data: { isActive: false } });
    const failed = await waitForStatus(manager, c.documentId, 'failed', 20_000);
    expect(failed.lastError).toContain('vertrekt@test.local');
    expect(Number((await app.strapi.db.connection('seg_deliveries').where({ campaign_id: c.id }).count({ n: '*' }).first())?.n)).toBe(0);
    expect(smtp.received.length).toBe(before);
  });
});

describe('tracking', () => {
  let campaign: { id: number; documentId: string };
  const linksOf = (uid: string) => {
    const html = String(mailsOf(campaign.id).find((m) => m.envelopeTo[0] === `${uid}@mail.test`)!.mail.html);
    return {
      clicks: [...html.matchAll(/href="(http:\/\/tool\.test\/api\/segmentation\/t\/c\/[^"]+)"/g)].map((m) => m[1]!),
      pixel: /src="(http:\/\/tool\.test\/api\/segmentation\/t\/o\/[^"]+)"/.exec(html)![1]!,
    };
  };

  beforeAll(async () => {
    campaign = (await manager.post('/segmentation/campaigns', { name: 'Links', segment, template: linkTemplate })).body;
    expect((await manager.post(`/segmentation/campaigns/${campaign.documentId}/send`)).status).toBe(200);
    await waitForStatus(manager, campaign.documentId, 'sent', 20_000);
  });

  test('a personalised link is reported by its template form; a Viewer sees no UID', async () => {
    for (const uid of UIDS.slice(0, 2)) {
      const res = await app.http.get(pathOf(linksOf(uid).clicks[0]!)).set('User-Agent', BROWSER);
      expect([res.status, res.headers.location]).toEqual([302, `https://example.org/x?u=${uid}`]);
    }
    await app.http.get(pathOf(linksOf(UIDS[0]!).clicks[1]!)).set('User-Agent', BROWSER);
    const res = await viewer.get(`/segmentation/campaigns/${campaign.documentId}/stats`);
    expect(res.status).toBe(200);
    expect(res.body.links).toEqual([
      { url: 'https://example.org/x?u={{ uid }}', total: 2, unique: 2 },
      { url: 'https://example.org/vast', total: 1, unique: 1 },
    ]);
    for (const uid of UIDS) expect(res.text).not.toContain(uid);
    // Staff with the personal-data right see the same rows.
    expect((await manager.get(`/segmentation/campaigns/${campaign.documentId}/stats`)).body.links).toEqual(res.body.links);
  });

  test('50 quick replays of one pixel are one open; after a minute it counts again', async () => {
    const pixel = pathOf(linksOf(UIDS[2]!).pixel);
    const stats = async () => (await manager.get(`/segmentation/campaigns/${campaign.documentId}/stats`)).body;
    const before = (await stats()).opened;
    for (let i = 0; i < 50; i++) expect((await app.http.get(pixel).set('User-Agent', BROWSER)).status).toBe(200);
    let opened = (await stats()).opened;
    expect(opened).toMatchObject({ n: before.n + 1, total: before.total + 1 });
    expect((await stats()).timeline.filter((p: { type: string }) => p.type === 'open').reduce((n: number, p: { n: number }) => n + p.n, 0)).toBe(
      before.total + 1,
    );
    // A minute later (the stored opens moved back instead of waiting): one more open.
    const delivery = await app.strapi.db.connection('seg_deliveries').where({ campaign_id: campaign.id, uid: UIDS[2] }).first('id');
    await app.strapi.db
      .connection('seg_tracking_events')
      .where({ delivery_id: delivery.id, type: 'open' })
      .update({ at: app.strapi.db.connection.raw('at - 61000') });
    await app.http.get(pixel).set('User-Agent', BROWSER);
    opened = (await stats()).opened;
    expect(opened).toMatchObject({ n: before.n + 1, total: before.total + 2 });
  });

  test('every tracking answer says nosniff: pixel, click, unsubscribe pages, sender verification', async () => {
    const { pixel, clicks } = linksOf(UIDS[1]!);
    const unsubscribe = `/api/segmentation/unsubscribe/${signToken('x', { k: 'unsub', c: 'test' })}`;
    const mailUnsubscribe = /<([^>]+)>/.exec(
      mailsOf(campaign.id)
        .find((m) => m.envelopeTo[0] === `${UIDS[1]}@mail.test`)!
        .mail.headerLines.find((h) => h.key === 'list-unsubscribe')!.line,
    )![1]!;
    const answers: [string, Awaited<ReturnType<TestApp['http']['get']>>][] = [
      ['pixel', await app.http.get(pathOf(pixel)).set('User-Agent', BROWSER)],
      ['click', await app.http.get(pathOf(clicks[0]!)).set('User-Agent', BROWSER)],
      ['bad pixel', await app.http.get(`${pathOf(pixel)}A`)],
      ['bad click', await app.http.get(`${pathOf(clicks[0]!)}A`)],
      ['unsubscribe page', await app.http.get(pathOf(mailUnsubscribe))],
      ['bad unsubscribe page', await app.http.get(unsubscribe)],
      ['unsubscribe', await app.http.post(pathOf(mailUnsubscribe))],
      ['verification', await app.http.get('/api/segmentation/senders/verify?token=nope')],
    ];
    expect(answers.map(([name, res]) => [name, res.status, res.headers['x-content-type-options']])).toEqual([
      ['pixel', 200, 'nosniff'],
      ['click', 302, 'nosniff'],
      ['bad pixel', 404, 'nosniff'],
      ['bad click', 404, 'nosniff'],
      ['unsubscribe page', 200, 'nosniff'],
      ['bad unsubscribe page', 404, 'nosniff'],
      ['unsubscribe', 200, 'nosniff'],
      ['verification', 404, 'nosniff'],
    ]);
  });
});
