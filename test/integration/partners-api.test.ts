/**
 * Partners, roles and scoping over the real admin and content APIs, with real admin users of the
 * seeded roles and real API tokens:
 * - a matrix: every admin route of the plugin × every role → allowed or 403 (and 401 without login);
 *   the matrix must name every route of routes.ts, so a new route cannot slip in unchecked;
 * - content API tokens: a custom token only reaches its actions; a token bound to a card system only its holders;
 * - partner A's manager cannot count, preview, export, personalise with or send to partner B's
 *   holders, by crafting a definition or a documentId by hand, nor see partner B's bounces;
 * - the audit log records exports, sends and sender approvals, and only administrators read it.
 */
import { startApp, type TestApp } from '../helpers/strapi';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { adminClient, superAdminClient, waitForStatus, type AdminClient } from '../helpers/admin';
import routes from '../../src/plugins/segmentation/server/src/routes';
import { getService } from '../../src/plugins/segmentation/server/src/services';
import { ndjson, importFixture } from './fixture';

let app: TestApp;
let smtp: TestSmtp;
let superAdmin: AdminClient;
const users: Record<'administrator' | 'manager' | 'editor' | 'viewer' | 'leuven', AdminClient> = {} as any;

const person = (uid: string, cardSystems: string[]) => ({
  uid,
  firstName: uid,
  lastName: 'Partner',
  email: `${uid}@mail.test`,
  postcode: '8888',
  consents: ['email'],
  cardSystems,
});
const GENT = ['pg1', 'pg2', 'pg3'].map((u) => person(u, ['cs-gent']));
const LEUVEN = ['pl1', 'pl2'].map((u) => person(u, ['cs-leuven']));
const BOTH = [person('pb1', ['cs-gent', 'cs-leuven'])];
const BY_POSTCODE = { version: 1, groups: [{ filters: [{ type: 'postcode', postcodes: ['8888'] }] }] };
const LEUVEN_BY_CARD = { version: 1, groups: [{ filters: [{ type: 'cardSystem', cardSystems: ['cs-leuven'] }] }] };

let gentSegment: string;
let leuvenSegment: string;
let gentTemplate: string;
let leuvenTemplate: string;
let gentCampaign: string;
let leuvenCampaign: string;

beforeAll(async () => {
  smtp = await startSmtp();
  app = await startApp({ env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), PUBLIC_URL: 'http://tool.test', EXPORT_LIMIT_PER_10_MINUTES: '12' } });
  await importFixture(app);
  await app
    .api()
    .post('/api/segmentation/import/pass-holders')
    .set('Content-Type', 'application/x-ndjson')
    .send(ndjson([...GENT, ...LEUVEN, ...BOTH]));
  superAdmin = await superAdminClient(app);
  users.administrator = await adminClient(app, { email: 'beheer@test.local', role: 'segmentation-administrator' });
  users.manager = await adminClient(app, { email: 'gent@test.local', role: 'segmentation-partner-manager', cardSystems: ['cs-gent'] });
  users.editor = await adminClient(app, { email: 'redactie@test.local', role: 'strapi-editor', cardSystems: ['cs-gent'] });
  users.viewer = await adminClient(app, { email: 'kijker@test.local', role: 'segmentation-viewer', cardSystems: ['cs-gent'] });
  users.leuven = await adminClient(app, { email: 'leuven@test.local', role: 'segmentation-partner-manager', cardSystems: ['cs-leuven'] });

  const sender = (await app.strapi.db
    .query('plugin::segmentation.sender-address' as any)
    .create({ data: { email: 'info@uitpas.test', displayName: 'UiTPAS', status: 'approved' } })) as { documentId: string };
  const template = {
    name: 'Nieuws',
    subject: 'Dag {{ firstName }}',
    preheader: 'Nieuws',
    body: 'Hallo {{ firstName }}',
    buttonText: 'Lees',
    buttonUrl: 'https://uitpas.be',
    sender: sender.documentId,
  };
  gentSegment = (await users.manager.post('/segmentation/segments', { name: '8888 Gent', definition: BY_POSTCODE })).body.documentId;
  leuvenSegment = (await users.leuven.post('/segmentation/segments', { name: '8888 Leuven', definition: BY_POSTCODE })).body.documentId;
  gentTemplate = (await users.manager.post('/segmentation/templates', template)).body.documentId;
  leuvenTemplate = (await users.leuven.post('/segmentation/templates', template)).body.documentId;
  gentCampaign = (await users.manager.post('/segmentation/campaigns', { name: 'Gent', segment: gentSegment, template: gentTemplate })).body.documentId;
  leuvenCampaign = (await users.leuven.post('/segmentation/campaigns', { name: 'Leuven', segment: leuvenSegment, template: leuvenTemplate })).body.documentId;
  for (const id of [gentSegment, leuvenSegment, gentTemplate, leuvenTemplate, gentCampaign, leuvenCampaign]) expect(id).toEqual(expect.any(String));
});
afterAll(async () => {
  await app?.stop();
  await smtp?.close();
});

type Role = 'administrator' | 'manager' | 'editor' | 'viewer';
const ALL: Role[] = ['administrator', 'manager', 'editor', 'viewer'];
const A: Role[] = ['administrator'];
const AM: Role[] = ['administrator', 'manager'];
const AME: Role[] = ['administrator', 'manager', 'editor'];

/** Every admin route: who may call it. Bodies are invalid or targets unknown where a call would change something: allowed then means 400/404, never 403. */
const MATRIX: [method: string, path: () => string, allowed: Role[], body?: object][] = [
  ['GET', () => '/segments', ALL],
  ['GET', () => `/segments/${gentSegment}`, ALL],
  ['POST', () => '/segments', AM, {}],
  ['PUT', () => '/segments/nope', AM, {}],
  ['POST', () => '/segments/nope/duplicate', AM],
  ['DELETE', () => '/segments/nope', AM],
  ['GET', () => `/segments/${gentSegment}/preview`, ALL],
  ['POST', () => '/count', ALL, { definition: BY_POSTCODE }],
  ['POST', () => '/preview', AME, { definition: BY_POSTCODE }],
  ['POST', () => '/export', AM, { definition: BY_POSTCODE }],
  ['GET', () => `/segments/${gentSegment}/export`, AM],
  ['GET', () => '/reference/counters', ALL],
  ['POST', () => '/reference/counters/names', ALL, { keys: ['c-vooruit'] }],
  ['GET', () => '/postcodes/unreadable', ALL],
  ['GET', () => '/templates', ALL],
  ['POST', () => '/templates/preview', AME, {}],
  ['POST', () => '/templates/test', AME, {}],
  ['POST', () => '/templates/preview-letter', AME, {}],
  ['POST', () => '/templates/test-sms', AME, {}],
  ['GET', () => `/templates/${gentTemplate}`, ALL],
  ['POST', () => '/templates', AME, {}],
  ['PUT', () => '/templates/nope', AME, {}],
  ['POST', () => '/templates/nope/duplicate', AME],
  ['DELETE', () => '/templates/nope', AME],
  ['GET', () => '/house-styles', ALL],
  ['GET', () => '/senders', ALL],
  ['POST', () => '/senders', AME, {}],
  ['POST', () => '/senders/nope/verification', AME],
  ['POST', () => '/senders/nope/approve', A],
  ['POST', () => '/senders/nope/reject', A],
  ['GET', () => '/campaigns', ALL],
  ['GET', () => `/campaigns/${gentCampaign}`, ALL],
  ['POST', () => '/campaigns', AM, {}],
  ['PUT', () => '/campaigns/nope', AM, {}],
  ['GET', () => '/campaigns/nope/confirmation', AM],
  ['POST', () => '/campaigns/nope/send', AM],
  ['POST', () => '/campaigns/nope/pause', AM],
  ['POST', () => '/campaigns/nope/resume', AM],
  ['POST', () => '/campaigns/nope/cancel', AM],
  ['GET', () => `/campaigns/${gentCampaign}/progress`, ALL],
  ['GET', () => `/campaigns/${gentCampaign}/stats`, ALL],
  ['GET', () => `/campaigns/${gentCampaign}/people`, AM],
  ['GET', () => '/campaigns/nope/stats/people', AME],
  ['POST', () => `/campaigns/${gentCampaign}/conversion`, ALL, {}],
  ['GET', () => '/campaigns/subject', ALL],
  ['GET', () => '/campaigns/nope/audience', ALL],
  ['PUT', () => '/campaigns/nope/audience', AM, {}],
  ['POST', () => '/campaigns/nope/audience/generate', AM],
  ['GET', () => '/campaigns/nope/audience/members', AME],
  ['POST', () => '/campaigns/nope/audience/manual', AM, {}],
  ['POST', () => '/campaigns/nope/audience/channels', AM, {}],
  ['POST', () => '/campaigns/nope/send-now', AM],
  ['PUT', () => '/campaigns/nope/recently-mailed', AM, {}],
  ['POST', () => '/campaigns/nope/done', AM],
  ['POST', () => '/audiences/lists', AM, {}],
  ['GET', () => '/downloads/segments/nope', AM],
  ['GET', () => '/downloads/campaigns/nope/people', AM],
  ['GET', () => '/downloads/campaigns/nope/audience', AM],
  ['GET', () => '/downloads/campaigns/nope/letters', AM],
  ['GET', () => '/downloads/campaigns/nope/labels', AM],
  ['GET', () => '/downloads/campaigns/nope/merge', AM],
  ['GET', () => '/holders', AME],
  ['GET', () => '/holders/nope', AME],
  ['GET', () => '/holders/nope/history', AME],
  ['GET', () => '/help', ALL],
  ['GET', () => '/me', ALL],
  ['GET', () => '/access', A],
  ['PUT', () => '/access/users/0', A, {}],
  ['PUT', () => '/access/tokens/0', A, {}],
  ['GET', () => '/audit', A],
  ['GET', () => '/events', ALL],
  ['GET', () => '/events/nope', ALL],
  ['GET', () => '/events/nope/messages', ALL],
  ['POST', () => '/events/nope/messages', AM, {}],
  ['POST', () => '/events/nope/messages/count', ALL, {}],
  ['POST', () => '/events/nope/messages/preview', AME, {}],
  ['POST', () => '/events/nope/messages/test', AME, {}],
  ['GET', () => '/events/nope/messages/0', ALL],
  ['PUT', () => '/events/nope/messages/0', AM, {}],
  ['DELETE', () => '/events/nope/messages/0', AM],
  ['POST', () => '/events/nope/messages/0/cancel', AM],
  ['GET', () => '/events/nope/messages/0/history', ALL],
  ['GET', () => '/bounces', AME],
  ['GET', () => '/bounces/0', AME],
  ['POST', () => '/suppressions/lift', A, {}],
  // Access requests of UiTID sign-in (issue 23).
  ['GET', () => '/access-requests', A],
  ['POST', () => '/access-requests/0/approve', A, {}],
  ['POST', () => '/access-requests/0/refuse', A, {}],
];

const call = (client: AdminClient | null, method: string, path: string, body?: object) => {
  const url = `/segmentation${path}`;
  if (!client) return (app.http as any)[method.toLowerCase()](url).send(body ?? {});
  if (method === 'GET') return client.get(url);
  if (method === 'DELETE') return client.del(url);
  return method === 'PUT' ? client.put(url, body) : client.post(url, body);
};

test('the matrix names every admin route of the plugin', () => {
  const pattern = (p: string) => p.replace(/:[a-zA-Z]+/g, ':x');
  const declared = routes.admin.routes.map((r) => `${r.method} ${pattern(r.path)}`).sort();
  const covered = MATRIX.map(
    ([method, path]) =>
      `${method} ${path()
        .replace(/\/(nope|0|[a-z0-9]{20,})(?=\/|$)/g, '/:x')
        .replace('/reference/counters', '/reference/:x')}`,
  ).sort();
  expect(covered).toEqual(declared);
});

test.each(MATRIX.map(([method, path, allowed, body]) => [`${method} ${path.toString().replace(/^\(\) => /, '')}`, method, path, allowed, body] as const))(
  'role matrix: %s',
  async (_name, method, path, allowed, body) => {
    const results: Record<string, number> = {};
    for (const role of ALL) results[role] = (await call(users[role], method, path(), body)).status;
    results.superAdmin = (await call(superAdmin, method, path(), body)).status;
    results.anonymous = (await call(null, method, path(), body)).status;
    const expected: Record<string, string> = { superAdmin: 'allowed', anonymous: '401' };
    for (const role of ALL) expected[role] = allowed.includes(role) ? 'allowed' : '403';
    const seen = Object.fromEntries(Object.entries(results).map(([k, s]) => [k, s === 401 ? '401' : s === 403 ? '403' : s < 500 ? 'allowed' : `error ${s}`]));
    expect(seen).toEqual(expected);
  },
);

describe('partner A cannot reach partner B', () => {
  test('a definition naming another partner’s card system is refused with its path', async () => {
    for (const url of ['/segmentation/count', '/segmentation/preview', '/segmentation/export']) {
      const res = await users.manager.post(url, { definition: LEUVEN_BY_CARD });
      expect([url, res.status, res.body.error?.message]).toEqual([url, 403, expect.stringContaining('groups.0.filters.0.cardSystems.0')]);
      expect(res.body.error.details.errors[0].path).toEqual(['groups', 0, 'filters', 0, 'cardSystems', 0]);
    }
    const saved = await users.manager.post('/segmentation/segments', { name: 'x', definition: LEUVEN_BY_CARD });
    expect(saved.status).toBe(403);
  });

  test('counts, previews and exports hold only the partner’s own holders', async () => {
    const gent = await users.manager.post('/segmentation/preview', { definition: BY_POSTCODE, pageSize: 50 });
    expect(gent.body.items.map((i: { uid: string }) => i.uid).sort()).toEqual(['pb1', 'pg1', 'pg2', 'pg3']);
    const all = await superAdmin.post('/segmentation/preview', { definition: BY_POSTCODE, pageSize: 50 });
    expect(all.body.total).toBe(6);
    const csv = await users.manager.get(`/segmentation/segments/${gentSegment}/export`).buffer(true);
    expect(
      csv.text
        .trim()
        .split('\n')
        .slice(1)
        .map((l: string) => l.split(',')[0])
        .sort(),
    ).toEqual(['pb1', 'pg1', 'pg2', 'pg3']);
    // A saved segment of a partner evaluates in that partner, whoever looks at it.
    const leuvenSaved = await superAdmin.get(`/segmentation/segments/${leuvenSegment}/preview`);
    expect(leuvenSaved.body.items.map((i: { uid: string }) => i.uid).sort()).toEqual(['pb1', 'pl1', 'pl2']);
  });

  test('another partner’s segments, templates and campaigns are not found, by list or by documentId', async () => {
    expect((await users.manager.get('/segmentation/segments')).body.results.map((s: { documentId: string }) => s.documentId)).toEqual([gentSegment]);
    expect((await users.manager.get('/segmentation/templates')).body.results.map((s: { documentId: string }) => s.documentId)).toEqual([gentTemplate]);
    expect((await users.manager.get('/segmentation/campaigns')).body.results.map((s: { documentId: string }) => s.documentId)).toEqual([gentCampaign]);
    for (const url of [
      `/segmentation/segments/${leuvenSegment}`,
      `/segmentation/segments/${leuvenSegment}/preview`,
      `/segmentation/segments/${leuvenSegment}/export`,
      `/segmentation/templates/${leuvenTemplate}`,
      `/segmentation/campaigns/${leuvenCampaign}`,
      `/segmentation/campaigns/${leuvenCampaign}/stats`,
      `/segmentation/campaigns/${leuvenCampaign}/confirmation`,
    ]) {
      expect([url, (await users.manager.get(url)).status]).toEqual([url, 404]);
    }
    expect((await users.manager.post(`/segmentation/campaigns/${leuvenCampaign}/send`)).status).toBe(404);
    expect((await users.manager.put(`/segmentation/segments/${leuvenSegment}`, { name: 'mine', definition: BY_POSTCODE })).status).toBe(404);
    expect((await users.manager.del(`/segmentation/templates/${leuvenTemplate}`)).status).toBe(404);
    // A campaign of one's own cannot be pointed at the other partner's segment.
    const crafted = await users.manager.post('/segmentation/campaigns', { name: 'x', segment: leuvenSegment, template: gentTemplate });
    expect(crafted.status).toBe(400);
    expect(crafted.body.error.details.errors[0].path).toEqual(['segment']);
  });

  test('the Bounces page lists only bounces of the partner’s own mailings; another partner’s bounce is not found', async () => {
    const knex = app.strapi.db.connection;
    const campaignId = async (documentId: string) => Number((await knex('seg_campaigns').where({ document_id: documentId }).first('id')).id);
    const bounce = async (fingerprint: string, recipient: string, campaign: number | null) => {
      const [row] = await knex('seg_bounce_messages')
        .insert({ received_at: Date.now(), source: 'smtp', fingerprint, kind: 'bounce', severity: 'hard', recipient, campaign_id: campaign })
        .returning('id');
      return Number(typeof row === 'object' ? row.id : row);
    };
    const gent = await bounce('scope-gent', 'pg1@mail.test', await campaignId(gentCampaign));
    const leuven = await bounce('scope-leuven', 'pl1@mail.test', await campaignId(leuvenCampaign));
    const unmatched = await bounce('scope-none', 'nobody@mail.test', null);
    const ids = async (client: AdminClient, query = '') =>
      (await client.get(`/segmentation/bounces${query}`)).body.items.map((b: { id: number }) => b.id).sort();
    expect(await ids(users.manager)).toEqual([gent]);
    expect(await ids(users.editor)).toEqual([gent]);
    expect(await ids(users.leuven)).toEqual([leuven]);
    expect(await ids(users.manager, `?campaign=${leuvenCampaign}`)).toEqual([]);
    expect(await ids(users.manager, '?q=pl1')).toEqual([]);
    expect(await ids(superAdmin)).toEqual(expect.arrayContaining([gent, leuven, unmatched]));
    expect((await users.manager.get(`/segmentation/bounces/${gent}`)).status).toBe(200);
    expect((await users.manager.get(`/segmentation/bounces/${leuven}`)).status).toBe(404);
    expect((await users.manager.get(`/segmentation/bounces/${unmatched}`)).status).toBe(404);
    expect((await users.leuven.get(`/segmentation/bounces/${gent}`)).status).toBe(404);
    expect((await superAdmin.get(`/segmentation/bounces/${leuven}`)).status).toBe(200);
    await knex('seg_bounce_messages').whereIn('id', [gent, leuven, unmatched]).del();
  });

  test('personalisation only with the partner’s own holders', async () => {
    const template = (await users.manager.get(`/segmentation/templates/${gentTemplate}`)).body.input;
    const own = await users.manager.post('/segmentation/templates/preview', { template, uid: 'pg1' });
    expect([own.status, own.body.error?.message]).toEqual([200, undefined]);
    const other = await users.manager.post('/segmentation/templates/preview', { template, uid: 'pl1' });
    expect(other.status).toBe(400);
    expect(other.body.error.details.errors[0].path).toEqual(['uid']);
    expect((await users.manager.post('/segmentation/templates/preview', { template, segment: leuvenSegment })).status).toBe(404);
    expect((await users.manager.post('/segmentation/templates/preview', { template, uid: 'pg1', cardSystem: 'cs-leuven' })).status).toBe(403);
    // The builder offers only the partner's own card systems.
    expect((await users.manager.get('/segmentation/reference/cardSystems')).body.results.map((r: { key: string }) => r.key)).toEqual(['cs-gent']);
    expect((await superAdmin.get('/segmentation/reference/cardSystems')).body.results.map((r: { key: string }) => r.key).sort()).toEqual([
      'cs-gent',
      'cs-leuven',
    ]);
  });

  test('a send reaches only the partner’s holders, and the audit log records it', async () => {
    const before = smtp.received.length;
    const confirmation = await users.manager.get(`/segmentation/campaigns/${gentCampaign}/confirmation`);
    expect(confirmation.body.recipients).toBe(4);
    expect((await users.manager.post(`/segmentation/campaigns/${gentCampaign}/send`)).status).toBe(200);
    await waitForStatus(users.manager, gentCampaign, 'sent');
    expect(
      smtp.received
        .slice(before)
        .map((m) => m.envelopeTo[0])
        .sort(),
    ).toEqual(['pb1@mail.test', 'pg1@mail.test', 'pg2@mail.test', 'pg3@mail.test']);

    const audit = (await users.administrator.get('/segmentation/audit')).body.results as any[];
    expect(audit.find((e) => e.action === 'campaign.send')).toMatchObject({
      actor: { label: 'gent@test.local' },
      subject: { type: 'campaign', id: gentCampaign },
      rows: 4,
    });
    expect(audit.find((e) => e.action === 'segment.export')).toMatchObject({
      actor: { label: 'gent@test.local' },
      subject: { type: 'segment', id: gentSegment, label: '8888 Gent' },
      rows: 4,
    });
  });
});

describe('sender addresses per partner', () => {
  test('a partner requests one for its own card system; only an administrator approves it; the approval is audited', async () => {
    const requested = await users.manager.post('/segmentation/senders', { email: 'nieuws@gent.test' });
    expect(requested.body).toMatchObject({ status: 'requested', cardSystem: 'cs-gent' });
    expect((await users.manager.post('/segmentation/senders', { email: 'x@leuven.test', cardSystem: 'cs-leuven' })).status).toBe(403);
    const { documentId } = requested.body;
    expect((await users.leuven.get('/segmentation/senders')).body.map((s: { email: string }) => s.email)).not.toContain('nieuws@gent.test');
    expect((await users.manager.get('/segmentation/senders')).body.map((s: { email: string }) => s.email)).toEqual(
      expect.arrayContaining(['nieuws@gent.test', 'info@uitpas.test']),
    );
    await app.strapi.db.query('plugin::segmentation.sender-address' as any).update({ where: { documentId }, data: { status: 'verified' } });
    expect((await users.manager.post(`/segmentation/senders/${documentId}/approve`)).status).toBe(403);
    expect((await users.administrator.post(`/segmentation/senders/${documentId}/approve`)).body.status).toBe('approved');
    const audit = (await users.administrator.get('/segmentation/audit?action=sender.approve')).body.results;
    expect(audit).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ label: 'beheer@test.local' }),
        subject: expect.objectContaining({ id: documentId, label: 'nieuws@gent.test' }),
      }),
    ]);
    // Leuven's template cannot use Gent's sender.
    const template = (await users.leuven.get(`/segmentation/templates/${leuvenTemplate}`)).body.input;
    const refused = await users.leuven.put(`/segmentation/templates/${leuvenTemplate}`, { ...template, sender: documentId });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.errors[0].path).toEqual(['sender']);
  });
});

describe('a Viewer sees counts, no personal data', () => {
  test('saved preview without items; preview list and export refused', async () => {
    const saved = await users.viewer.get(`/segmentation/segments/${gentSegment}/preview`);
    expect(saved.body).toMatchObject({ total: 4, items: [], personalData: false });
    expect((await users.viewer.post('/segmentation/count', { definition: BY_POSTCODE })).body.total).toBe(4);
  });
});

describe('content API tokens', () => {
  const tokenOf = async (attributes: object) =>
    (await app.strapi.service('admin::api-token').create({ name: `t-${Math.random()}`, lifespan: null, ...attributes })) as { id: number; accessKey: string };
  const api = (key: string) => ({ post: (url: string, body: object) => app.http.post(url).set('Authorization', `Bearer ${key}`).send(body) });

  test('a custom token reaches only its actions', async () => {
    const token = await tokenOf({ type: 'custom', permissions: ['plugin::segmentation.segments.preview'] });
    expect((await api(token.accessKey).post('/api/segmentation/preview', { definition: BY_POSTCODE })).status).toBe(200);
    expect((await api(token.accessKey).post('/api/segmentation/export', { definition: BY_POSTCODE })).status).toBe(403);
  });

  test('content-API matrix: every route × full-access, full-access bound to Gent, read-only, custom (preview only) and no token', async () => {
    const bound = await tokenOf({ type: 'full-access' });
    await getService(app.strapi, 'access').link('token', bound.id, ['cs-gent']);
    const tokens = {
      full: app.token,
      bound: bound.accessKey,
      readOnly: (await tokenOf({ type: 'read-only' })).accessKey,
      custom: (await tokenOf({ type: 'custom', permissions: ['plugin::segmentation.segments.preview', 'plugin::segmentation.segments.savedPreview'] }))
        .accessKey,
    };
    // Imports are the pass system's feed: only a token without card systems (issue 16).
    const ROUTES: [string, string, object | string, string[]][] = [
      ['POST', '/api/segmentation/import/card-systems', '{"key":"cs-gent","name":"UiTPAS Gent"}', ['full']],
      ['POST', '/api/segmentation/preview', { definition: BY_POSTCODE }, ['full', 'bound', 'custom']],
      ['POST', '/api/segmentation/export', { definition: BY_POSTCODE }, ['full', 'bound']],
      ['GET', `/api/segmentation/segments/${gentSegment}/preview`, {}, ['full', 'bound', 'custom']],
      ['GET', `/api/segmentation/segments/${gentSegment}/export`, {}, ['full', 'bound']],
      ['POST', '/api/segmentation/audiences/preview', { steps: [{ mode: 'add', definition: BY_POSTCODE }] }, ['full', 'bound']],
      ['POST', '/api/segmentation/audiences/export', { steps: [{ mode: 'add', definition: BY_POSTCODE }] }, ['full', 'bound']],
      ['POST', '/api/segmentation/audiences/lists', 'uid\nh1\n', ['full', 'bound']],
      ['GET', '/api/segmentation/holders/pg1/history', {}, ['full', 'bound']],
      // Event messages of an unknown event: a token with the right gets its 404 (or 400), the others 403.
      // Read-only tokens reach the `findOne` action only, as Strapi's read-only tokens do.
      ['GET', '/api/segmentation/events/nope/messages', {}, ['full', 'bound']],
      ['POST', '/api/segmentation/events/nope/messages', {}, ['full', 'bound']],
      ['GET', '/api/segmentation/events/nope/messages/0', {}, ['full', 'bound', 'readOnly']],
      ['PUT', '/api/segmentation/events/nope/messages/0', {}, ['full', 'bound']],
      ['DELETE', '/api/segmentation/events/nope/messages/0', {}, ['full', 'bound']],
      ['GET', '/api/segmentation/events/nope/messages/0/history', {}, ['full', 'bound']],
    ];
    // The token-protected routes (the open ones — tracking, unsubscribe, verification, webhook — carry their own signed tokens).
    const contentApi = routes['content-api'].routes.filter((r) => (r.config as { auth?: boolean }).auth !== false);
    const named = (p: string) =>
      p
        .replace(gentSegment, ':documentId')
        .replace('card-systems', ':entity')
        .replace('pg1', ':uid')
        .replace('/events/nope', '/events/:key')
        .replace('/messages/0', '/messages/:id');
    expect(ROUTES.map(([m, p]) => `${m} ${named(p)}`).sort()).toEqual(contentApi.map((r) => `${r.method} /api/segmentation${r.path}`).sort());
    for (const [method, url, body, allowed] of ROUTES) {
      const seen: Record<string, number> = {};
      for (const [name, key] of [...Object.entries(tokens), ['none', '']] as [string, string][]) {
        let req = method === 'GET' ? app.http.get(url) : method === 'PUT' ? app.http.put(url) : method === 'DELETE' ? app.http.delete(url) : app.http.post(url);
        if (key) req = req.set('Authorization', `Bearer ${key}`);
        if (typeof body === 'string') req = req.set('Content-Type', url.endsWith('/lists') ? 'text/csv' : 'application/x-ndjson');
        seen[name] = (await (method === 'GET' ? req : req.send(body as any))).status;
      }
      // Without a token Strapi's public role answers: 403, like a token without the permission.
      // An unknown event answers 404 (or 400 for a bad body) to whoever may ask: allowed, not refused.
      const loose = url.includes('/events/nope');
      const got = Object.fromEntries(Object.entries(seen).map(([n, st]) => [n, loose && st !== 403 && st !== 401 && st < 500 ? 200 : st]));
      const expected = Object.fromEntries(['full', 'bound', 'readOnly', 'custom', 'none'].map((n) => [n, allowed.includes(n) ? 200 : 403]));
      expect([url, got]).toEqual([url, expected]);
    }
  });

  test('a token bound to a card system sees only its holders', async () => {
    const token = await tokenOf({ type: 'full-access' });
    const linked = await users.administrator.put(`/segmentation/access/tokens/${token.id}`, { cardSystems: ['cs-leuven'] });
    expect(linked.body.cardSystems).toEqual(['cs-leuven']);
    const preview = await api(token.accessKey).post('/api/segmentation/preview', { definition: BY_POSTCODE });
    expect(preview.body.items.map((i: { uid: string }) => i.uid).sort()).toEqual(['pb1', 'pl1', 'pl2']);
    const gentByCard = { version: 1, groups: [{ filters: [{ type: 'cardSystem', cardSystems: ['cs-gent'] }] }] };
    expect((await api(token.accessKey).post('/api/segmentation/export', { definition: gentByCard })).status).toBe(403);
    const unknown = await users.administrator.put(`/segmentation/access/tokens/${token.id}`, { cardSystems: ['cs-nowhere'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.errors[0].path).toEqual(['cardSystems', 0]);
  });
});

test('exports are rate-limited per user: the 13th in 10 minutes is a 429, other users unaffected', async () => {
  for (let i = 0; i < 12; i++) expect((await users.leuven.get(`/segmentation/segments/${leuvenSegment}/export`)).status).toBe(200);
  const refused = await users.leuven.get(`/segmentation/segments/${leuvenSegment}/export`);
  expect(refused.status).toBe(429);
  expect(refused.body.error).toMatchObject({ name: 'RateLimitError', message: expect.stringContaining('exports') });
  expect((await users.administrator.get(`/segmentation/segments/${leuvenSegment}/export`)).status).toBe(200);
});

/**
 * The rules behind some routes, per role (issue 16): what each role gets, not only whether the route
 * lets it in. Importing with a bound token is in the content-API matrix above.
 */
describe('rule matrix: scheduling, test mails, the postcode report, duplicates', () => {
  type Who = Role | 'writer' | 'leuven';
  const WHO: Who[] = ['administrator', 'manager', 'editor', 'viewer', 'writer', 'leuven'];
  let writer: AdminClient;
  let leuvenSender: string;
  let gentSender: string;
  const client = (who: Who) => (who === 'writer' ? writer : users[who]);

  beforeAll(async () => {
    // Creates and edits campaigns of Gent, without the right to send them.
    writer = await adminClient(app, {
      email: 'schrijver@test.local',
      actions: ['segments.read', 'templates.read', 'campaigns.read', 'campaigns.write'],
      cardSystems: ['cs-gent'],
    });
    const senders = app.strapi.db.query('plugin::segmentation.sender-address' as any);
    leuvenSender = ((await senders.create({ data: { email: 'nieuws@leuven.test', cardSystem: 'cs-leuven', status: 'approved' } })) as { documentId: string })
      .documentId;
    gentSender = ((await senders.create({ data: { email: 'nieuws@gent-matrix.test', cardSystem: 'cs-gent', status: 'approved' } })) as { documentId: string })
      .documentId;
    const unreadable = [person('pu-gent', ['cs-gent']), person('pu-leuven', ['cs-leuven'])].map((p, i) => ({
      ...p,
      postcode: ['Gentbrugge-Zuid', 'Heverlee-Oost'][i],
    }));
    await app.api().post('/api/segmentation/import/pass-holders').set('Content-Type', 'application/x-ndjson').send(ndjson(unreadable));
  });

  const outcomes = async (attempt: (who: Who) => Promise<string>) =>
    Object.fromEntries(await Promise.all(WHO.map(async (who) => [who, await attempt(who)] as const)));

  test('scheduling a campaign needs the send right; refused, nothing is stored', async () => {
    const draft = (await users.manager.post('/segmentation/campaigns', { name: 'Matrix', segment: gentSegment, template: gentTemplate })).body
      .documentId as string;
    const seen: Record<string, string> = {};
    for (const who of WHO) {
      const res = await client(who).put(`/segmentation/campaigns/${draft}`, {
        name: 'Matrix',
        segment: gentSegment,
        template: gentTemplate,
        scheduledAt: '2099-01-01T10:00:00Z',
      });
      const stored = (await superAdmin.get(`/segmentation/campaigns/${draft}`)).body;
      seen[who] = `${res.status} ${stored.status}`;
      if (res.status === 200)
        await client(who).put(`/segmentation/campaigns/${draft}`, { name: 'Matrix', segment: gentSegment, template: gentTemplate, scheduledAt: null });
    }
    expect(seen).toEqual({
      administrator: '200 scheduled',
      manager: '200 scheduled',
      editor: '403 draft',
      viewer: '403 draft',
      writer: '403 draft',
      leuven: '404 draft',
    });
  });

  test('a test mail from another partner’s sender is refused as saving with it is', async () => {
    const template = (await users.manager.get(`/segmentation/templates/${gentTemplate}`)).body.input;
    const attempt = (sender: string) => async (who: Who) => {
      const res = await client(who).post('/segmentation/templates/test', {
        template: { ...template, sender },
        recipients: `${who}@matrix.test`,
        uid: 'pg1',
        cardSystem: 'cs-gent',
      });
      return `${res.status}${res.status === 400 ? ` ${res.body.error.details.errors[0].path.join('.')}` : ''}`;
    };
    expect(await outcomes(attempt(leuvenSender))).toEqual({
      administrator: '400 sender',
      manager: '400 sender',
      editor: '400 sender',
      viewer: '403',
      writer: '403',
      leuven: '403',
    });
    expect(await outcomes(attempt(gentSender))).toEqual({ administrator: '200', manager: '200', editor: '200', viewer: '403', writer: '403', leuven: '403' });
  });

  test('the unreadable-postcode report counts only the caller’s holders', async () => {
    const values = await outcomes(async (who) => {
      const top = (await client(who).get('/segmentation/postcodes/unreadable')).body.top as { value: string }[];
      return top
        .map((t) => t.value)
        .filter((v) => ['Gentbrugge-Zuid', 'Heverlee-Oost'].includes(v))
        .sort()
        .join(',');
    });
    expect(values).toEqual({
      administrator: 'Gentbrugge-Zuid,Heverlee-Oost',
      manager: 'Gentbrugge-Zuid',
      editor: 'Gentbrugge-Zuid',
      viewer: 'Gentbrugge-Zuid',
      writer: 'Gentbrugge-Zuid',
      leuven: 'Heverlee-Oost',
    });
  });

  test('a duplicate keeps its partner’s card system', async () => {
    const copies = await outcomes(async (who) => {
      const res = await client(who).post(`/segmentation/templates/${gentTemplate}/duplicate`);
      return res.status === 200 ? `200 ${res.body.cardSystem}` : String(res.status);
    });
    expect(copies).toEqual({ administrator: '200 cs-gent', manager: '200 cs-gent', editor: '200 cs-gent', viewer: '403', writer: '403', leuven: '404' });
    const segmentCopies = await outcomes(async (who) => {
      const res = await client(who).post(`/segmentation/segments/${gentSegment}/duplicate`);
      return res.status === 200 ? `200 ${res.body.cardSystem}` : String(res.status);
    });
    expect(segmentCopies).toEqual({ administrator: '200 cs-gent', manager: '200 cs-gent', editor: '403', viewer: '403', writer: '403', leuven: '404' });
  });
});
