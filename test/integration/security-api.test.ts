/**
 * Holes an outside probe found, each kept as a regression test against the real app (docs/security.md):
 * - preview lists are bounded, charged to the export budget after the first page, and audited;
 * - CORS answers only the tool's own origins (and those configured), never any Origin with credentials;
 * - a request body that trickles in is cut off at its route's deadline, an import's is not;
 * - the unreadable-postcode report holds only the caller's holders;
 * - Strapi's public sign-up is closed.
 */
import net from 'net';
import { startApp, type TestApp } from '../helpers/strapi';
import { adminClient, superAdminClient, type AdminClient } from '../helpers/admin';
import { ndjson, importFixture } from './fixture';

const PUBLIC_URL = 'https://tool.uitpas.test';
let app: TestApp;
let port: number;
let admin: AdminClient;
let manager: AdminClient;
let viewer: AdminClient;

const EVERYONE_IN_GENT = { version: 1, groups: [{ filters: [{ type: 'cardSystem', cardSystems: ['cs-gent'] }] }] };
/** The fixture's Gent holders (4) and this file's 620. */
const GENT_TOTAL = 624;
const holder = (i: number, cardSystem: string, postcode: string) => ({
  uid: `S${String(i).padStart(4, '0')}`,
  firstName: `F${i}`,
  lastName: 'Security',
  email: `s${i}@mail.test`,
  postcode,
  cardSystems: [cardSystem],
});

beforeAll(async () => {
  app = await startApp({ env: { PUBLIC_URL, CORS_ORIGINS: 'https://partner.example', EXPORT_LIMIT_PER_10_MINUTES: '3', REQUEST_BODY_TIMEOUT_MS: '1500' } });
  await new Promise<void>((resolve) => app.strapi.server.httpServer.listen(0, '127.0.0.1', () => resolve()));
  port = (app.strapi.server.httpServer.address() as net.AddressInfo).port;
  await importFixture(app);
  const gent = Array.from({ length: 620 }, (_, i) => holder(i, 'cs-gent', i < 3 ? 'Gentbrugge' : '9000'));
  const leuven = Array.from({ length: 5 }, (_, i) => holder(1000 + i, 'cs-leuven', 'Leuven'));
  const res = await app
    .api()
    .post('/api/segmentation/import/pass-holders')
    .set('Content-Type', 'application/x-ndjson')
    .send(ndjson([...gent, ...leuven]));
  expect(res.body).toMatchObject({ inserted: 625, rejected: [] });
  admin = await superAdminClient(app);
  manager = await adminClient(app, { email: 'gent@test.local', role: 'segmentation-partner-manager', cardSystems: ['cs-gent'] });
  viewer = await adminClient(app, { email: 'kijker@test.local', role: 'segmentation-viewer', cardSystems: ['cs-gent'] });
});
afterAll(async () => app?.stop());

const audited = async (action: string) =>
  (await admin.get(`/segmentation/audit?action=${action}`)).body.results as { actor: { label: string }; rows: number; details: { page: number } }[];

describe('preview lists (finding 4: 7,542 people in 16 pages without the export right)', () => {
  test('only the first 500 people are listed; a page holds at most 100', async () => {
    const first = await admin.post('/segmentation/preview', { definition: EVERYONE_IN_GENT, page: 1, pageSize: 100 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: GENT_TOTAL, previewRows: 500 });
    expect(first.body.items).toHaveLength(100);
    const beyond = await admin.post('/segmentation/preview', { definition: EVERYONE_IN_GENT, page: 6, pageSize: 100 });
    expect(beyond.status).toBe(400);
    expect(beyond.body.error.details.errors).toEqual([expect.objectContaining({ path: ['page'], message: expect.stringContaining('first 500') })]);
    const big = await admin.post('/segmentation/preview', { definition: EVERYONE_IN_GENT, pageSize: 500 });
    expect(big.status).toBe(400);
    expect(big.body.error.details.errors).toEqual([expect.objectContaining({ path: ['pageSize'] })]);
    // A page that straddles the bound is cut at it: rows 481-540 show 481-500.
    const straddling = await admin.post('/segmentation/preview', { definition: EVERYONE_IN_GENT, page: 9, pageSize: 60 });
    expect(straddling.status).toBe(200);
    expect(straddling.body.items).toHaveLength(20);
  });

  test('pages after the first take from the export budget; every list is audited with its rows', async () => {
    const segment = (await manager.post('/segmentation/segments', { name: 'Iedereen in Gent', definition: EVERYONE_IN_GENT })).body.documentId as string;
    const before = (await audited('segment.preview')).length;
    const page = (n: number) => manager.get(`/segmentation/segments/${segment}/preview?page=${n}&pageSize=50`);
    expect((await page(1)).status).toBe(200); // the first page is free
    for (const n of [2, 3]) expect((await page(n)).status).toBe(200);
    expect((await manager.post('/segmentation/export', { definition: EVERYONE_IN_GENT })).status).toBe(200); // the third unit
    expect((await page(4)).status).toBe(429);
    expect((await page(1)).status).toBe(200);
    const entries = (await audited('segment.preview')).slice(0, (await audited('segment.preview')).length - before);
    expect(entries.map((e) => [e.actor.label, e.rows, e.details.page])).toEqual([
      ['gent@test.local', 50, 1],
      ['gent@test.local', 50, 3],
      ['gent@test.local', 50, 2],
      ['gent@test.local', 50, 1],
    ]);
  });

  test('a Viewer gets counts without people, and is neither charged nor audited', async () => {
    const segment = (await manager.post('/segmentation/segments', { name: 'Voor de kijker', definition: EVERYONE_IN_GENT })).body.documentId as string;
    const before = (await audited('segment.preview')).length;
    for (const n of [1, 2, 3, 4, 5]) {
      const res = await viewer.get(`/segmentation/segments/${segment}/preview?page=${n}&pageSize=50`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: GENT_TOTAL, items: [], personalData: false });
    }
    expect((await audited('segment.preview')).length).toBe(before);
  });
});

describe('CORS (finding 5: any Origin reflected with credentials)', () => {
  const preflight = (origin: string, path = '/admin/access-token') =>
    app.http.options(path).set('Origin', origin).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'content-type');

  test.each(['https://evil.example', 'null', `${PUBLIC_URL}.evil.example`])('a foreign origin (%s) gets no CORS headers', async (origin) => {
    for (const res of [
      await preflight(origin),
      await app.http.get('/admin/project-type').set('Origin', origin),
      await app.api().post('/api/segmentation/preview').set('Origin', origin).send({}),
    ]) {
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    }
  });

  test.each([PUBLIC_URL, 'https://partner.example', `http://localhost:${1337}`])('an allowed origin (%s) is answered with credentials', async (origin) => {
    const res = await preflight(origin);
    expect(res.headers['access-control-allow-origin']).toBe(origin);
    expect(res.headers['access-control-allow-credentials']).toBe('true');
  });
});

/** Opens a raw connection, sends a request's head and the first bytes of a body of `length`. */
function trickle(path: string, contentType: string, length: number, first: string) {
  const socket = net.connect(port, '127.0.0.1');
  let answer = '';
  socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(answer)));
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${app.token}\r\nContent-Type: ${contentType}\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n${first}`,
  );
  return {
    socket,
    closed,
    get open() {
      return !socket.destroyed && !socket.readableEnded;
    },
  };
}

describe('slow bodies (finding 9: a login body at 1 byte every 20 s stayed open for 349 s)', () => {
  test('a body that does not arrive in time gets a 408 and the connection is closed; an import body may take longer', async () => {
    const line = `${JSON.stringify({ key: 'cs-slow', name: 'Traag' })}\n`;
    const importing = trickle('/api/segmentation/import/card-systems', 'application/x-ndjson', Buffer.byteLength(line), line.slice(0, 5));
    const started = Date.now();
    const login = trickle('/admin/login', 'application/json', 100, '{"email":');
    const answer = await login.closed;
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(answer).toContain('"RequestTimeoutError"');
    expect(Date.now() - started).toBeLessThan(10_000);
    // The import, started before the login and past the same deadline, is still being received.
    expect(importing.open).toBe(true);
    importing.socket.write(line.slice(5));
    const imported = await importing.closed;
    expect(imported).toMatch(/^HTTP\/1\.1 200/);
    expect(imported).toContain('"inserted":1');
  }, 20_000);
});

describe('the unreadable-postcode report (finding 11: the same figures for every partner)', () => {
  test('a partner sees only its own holders; an administrator everyone', async () => {
    const gent = (await viewer.get('/segmentation/postcodes/unreadable')).body;
    const everyone = (await admin.get('/segmentation/postcodes/unreadable')).body;
    expect(gent.top).toContainEqual({ value: 'Gentbrugge', holders: 3 });
    expect(gent.top.map((t: { value: string }) => t.value)).not.toContain('Leuven');
    expect(everyone.top).toContainEqual({ value: 'Leuven', holders: 5 });
    expect(everyone.unreadable - gent.unreadable).toBeGreaterThanOrEqual(5);
  });
});

describe('public sign-up (finding 14)', () => {
  test('POST /api/auth/local/register is closed and creates no one', async () => {
    const res = await app.http.post('/api/auth/local/register').send({ username: 'probe', email: 'probe@evil.example', password: 'Probe-Passw0rd!' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await app.strapi.db.query('plugin::users-permissions.user').count({ where: { email: 'probe@evil.example' } })).toBe(0);
  });
});
