/**
 * The import route (POST /api/segmentation/import/:entity) and who may call it (issue 16, item 1):
 * - the finding's repro: a token bound to Gent imported an Aalst-only holder into Gent, and Gent's
 *   Partner manager then saw the holder; now a 403 before the body is read, and nothing changes;
 * - content-API check of the route: which tokens may import;
 * - every import is in the audit log (who, entity, received / inserted / updated / rejected).
 */
import http from 'http';
import type { AddressInfo } from 'net';
import fs from 'fs';
import path from 'path';
import { startApp, type TestApp } from '../helpers/strapi';
import { adminClient, type AdminClient } from '../helpers/admin';
import { ndjson } from './fixture';
import { AUDIT_ACTIONS } from '../../src/plugins/segmentation/server/src/partners/audit';

let app: TestApp;
let administrator: AdminClient;
let gentManager: AdminClient;

const IMPORT = '/api/segmentation/import';
const holder = (uid: string, cardSystems: string[]) => ({
  uid,
  firstName: `First ${uid}`,
  lastName: 'Holder',
  email: `${uid}@mail.test`,
  postcode: '8888',
  consents: ['email'],
  cardSystems,
});
const EVERYONE = { version: 1, groups: [{ filters: [{ type: 'postcode', postcodes: ['8888'] }] }] };
/** The finding's request body: an Aalst-only holder, claimed for Gent as well. */
const REPRO = '{"uid":"0001000021","cardSystems":["uitpas-aalst","uitpas-gent"]}\n';

type Token = { id: number; accessKey: string; name: string };
let tokenCount = 0;
/** A real API token; `cardSystems`: bound to them by an administrator through the admin route. */
async function tokenOf(attributes: object, cardSystems: string[] = []): Promise<Token> {
  const token = (await app.strapi.service('admin::api-token').create({ name: `import-${++tokenCount}`, lifespan: null, ...attributes })) as Token;
  if (cardSystems.length) {
    const linked = await administrator.put(`/segmentation/access/tokens/${token.id}`, { cardSystems });
    expect(linked.body.cardSystems).toEqual(cardSystems);
  }
  return token;
}
const post = (key: string, entity: string, body: string, type = 'application/x-ndjson') =>
  app.http.post(`${IMPORT}/${entity}`).set('Authorization', `Bearer ${key}`).set('Content-Type', type).send(body);

/** The card systems of a holder, as stored. */
const cardSystemsOf = async (uid: string) =>
  (await app.strapi.db
    .connection('seg_holder_card_systems as l')
    .join('seg_holders as h', 'h.id', 'l.holder_id')
    .join('seg_card_systems as c', 'c.id', 'l.card_system_id')
    .where('h.uid', uid)
    .orderBy('c.key')
    .pluck('c.key')) as string[];
const dataVersion = async () => Number((await app.strapi.db.connection('seg_meta').where({ key: 'data_version' }).first('value')).value);
const gentPreview = async () =>
  ((await gentManager.post('/segmentation/preview', { definition: EVERYONE, pageSize: 50 })).body.items as { uid: string }[]).map((i) => i.uid).sort();
const importAudit = async () => (await administrator.get('/segmentation/audit?action=data.import')).body.results as any[];

beforeAll(async () => {
  app = await startApp();
  await app
    .api()
    .post(`${IMPORT}/card-systems`)
    .set('Content-Type', 'application/x-ndjson')
    .send(
      ndjson([
        { key: 'uitpas-gent', name: 'UiTPAS Gent' },
        { key: 'uitpas-aalst', name: 'UiTPAS Aalst' },
      ]),
    );
  const holders = await app
    .api()
    .post(`${IMPORT}/pass-holders`)
    .set('Content-Type', 'application/x-ndjson')
    .send(ndjson([holder('0001000001', ['uitpas-gent']), holder('0001000021', ['uitpas-aalst'])]));
  expect(holders.body).toMatchObject({ inserted: 2, rejected: [] });
  administrator = await adminClient(app, { email: 'beheer@test.local', role: 'segmentation-administrator' });
  gentManager = await adminClient(app, { email: 'gent@test.local', role: 'segmentation-partner-manager', cardSystems: ['uitpas-gent'] });
});
afterAll(async () => app?.stop());

describe('a token bound to card systems cannot import', () => {
  test('the finding: a Gent-bound token claims an Aalst-only holder for Gent → 403, nothing changes', async () => {
    const gentToken = await tokenOf({ type: 'full-access' }, ['uitpas-gent']);
    const [version, before] = [await dataVersion(), await gentPreview()];
    expect(before).toEqual(['0001000001']);

    const res = await post(gentToken.accessKey, 'pass-holders', REPRO);
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ status: 403, name: 'PolicyError', message: expect.stringContaining('not bound to card systems') });
    expect(res.body.error.message).toContain('uitpas-gent');
    expect(res.body.error.details.errors[0].path).toEqual(['Authorization']);

    expect(await cardSystemsOf('0001000021')).toEqual(['uitpas-aalst']);
    expect(await dataVersion()).toBe(version);
    expect(await gentPreview()).toEqual(before);
  });

  test('the 403 comes before the body is read: it is answered while the body is still being sent', async () => {
    const gentToken = await tokenOf({ type: 'full-access' }, ['uitpas-gent']);
    const server = app.strapi.server.httpServer;
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.address() as AddressInfo;
    const headers = { Authorization: `Bearer ${gentToken.accessKey}`, 'Content-Type': 'application/x-ndjson', 'Transfer-Encoding': 'chunked' };
    let request: http.ClientRequest | undefined;
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error('no answer within 10 s while the body was open: the server waited for the body')), 10_000);
      request = http.request({ host: '127.0.0.1', port, method: 'POST', path: `${IMPORT}/pass-holders`, headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => {
          clearTimeout(deadline);
          resolve({ status: res.statusCode!, body });
        });
      });
      request.on('error', (error) => {
        clearTimeout(deadline);
        reject(error);
      });
      request.write(REPRO); // and the body never ends
    });
    request?.destroy();
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body).error.message).toContain('not bound to card systems');
    expect(await cardSystemsOf('0001000021')).toEqual(['uitpas-aalst']);
  });

  test('content-API check of the route: unbound full-access and import-only tokens import; bound, read-only and other custom tokens get 403', async () => {
    const tokens: Record<string, string> = {
      fullAccess: app.token,
      customImport: (await tokenOf({ type: 'custom', permissions: ['plugin::segmentation.import.import'] })).accessKey,
      fullAccessGent: (await tokenOf({ type: 'full-access' }, ['uitpas-gent'])).accessKey,
      customImportGent: (await tokenOf({ type: 'custom', permissions: ['plugin::segmentation.import.import'] }, ['uitpas-gent'])).accessKey,
      fullAccessBoth: (await tokenOf({ type: 'full-access' }, ['uitpas-aalst', 'uitpas-gent'])).accessKey,
      readOnly: (await tokenOf({ type: 'read-only' })).accessKey,
      customPreview: (await tokenOf({ type: 'custom', permissions: ['plugin::segmentation.segments.preview'] })).accessKey,
    };
    const seen: Record<string, number> = {};
    for (const [name, key] of Object.entries(tokens)) seen[name] = (await post(key, 'card-systems', '{"key":"uitpas-gent","name":"UiTPAS Gent"}\n')).status;
    seen.none = (await app.http.post(`${IMPORT}/card-systems`).set('Content-Type', 'application/x-ndjson').send('{"key":"uitpas-gent"}\n')).status;
    expect(seen).toEqual({
      fullAccess: 200,
      customImport: 200,
      fullAccessGent: 403,
      customImportGent: 403,
      fullAccessBoth: 403,
      readOnly: 403,
      customPreview: 403,
      none: 403,
    });
    // A bound token may still do what its scope allows elsewhere: preview its own holders.
    const preview = await app.http.post('/api/segmentation/preview').set('Authorization', `Bearer ${tokens.fullAccessGent}`).send({ definition: EVERYONE });
    expect(preview.body.items.map((i: { uid: string }) => i.uid)).toEqual(['0001000001']);
  });
});

describe('every import is in the audit log', () => {
  test('who, which entity and the counts, rejected lines included; refused imports are not', async () => {
    const feed = await tokenOf({ type: 'custom', permissions: ['plugin::segmentation.import.import'] });
    const before = (await importAudit()).length;
    const body = [
      JSON.stringify(holder('0001000031', ['uitpas-gent'])),
      JSON.stringify(holder('0001000001', ['uitpas-gent'])),
      '{"uid":',
      JSON.stringify({ uid: '0001000032', cardSystems: ['nowhere'] }),
    ].join('\n');
    const res = await post(feed.accessKey, 'pass-holders', body);
    expect(res.body).toMatchObject({ received: 4, inserted: 1, updated: 1, rejected: [{ line: 3 }, { line: 4 }] });
    const csv = await post(feed.accessKey, 'counters', 'key,name,cardSystem\nc1,Vooruit,uitpas-gent\nc2,Bib,\n', 'text/csv');
    expect(csv.body).toMatchObject({ received: 2, inserted: 2, rejected: [] });

    const entries = await importAudit();
    expect(entries.length).toBe(before + 2);
    // Newest first.
    expect(entries[0]).toMatchObject({
      action: 'data.import',
      actor: { type: 'token', id: feed.id, label: `API token ${feed.name}` },
      subject: { type: 'entity', id: 'counters' },
      rows: 2,
      details: { received: 2, inserted: 2, updated: 0, rejected: 0 },
    });
    expect(entries[1]).toMatchObject({
      action: 'data.import',
      actor: { type: 'token', id: feed.id },
      subject: { type: 'entity', id: 'pass-holders' },
      rows: 2,
      details: { received: 4, inserted: 1, updated: 1, rejected: 2 },
    });
    // No holder data in the log: counts only.
    expect(JSON.stringify(entries.slice(0, 2))).not.toContain('0001000031');

    // Refused (403 for a bound token, 400 for a bad content type): not in the log.
    expect((await post((await tokenOf({ type: 'full-access' }, ['uitpas-gent'])).accessKey, 'pass-holders', REPRO)).status).toBe(403);
    expect((await post(feed.accessKey, 'pass-holders', REPRO, 'text/plain')).status).toBe(400);
    expect((await importAudit()).length).toBe(before + 2);
  });

  test('the admin audit page knows the action: the shared list, labelled in Dutch and English', () => {
    const dir = path.resolve(__dirname, '../../src/plugins/segmentation/admin/src/partners');
    // The panel takes its list from shared/audit.ts too (api.ts; read as text: it imports the admin's browser modules).
    expect(fs.readFileSync(path.join(dir, 'api.ts'), 'utf8')).toContain("from '../../../shared/audit'");
    for (const lang of ['nl', 'en']) {
      const messages = JSON.parse(fs.readFileSync(path.join(dir, 'translations', `${lang}.json`), 'utf8')) as Record<string, string>;
      for (const action of AUDIT_ACTIONS) expect([lang, action, typeof messages[`partners.audit.action.${action}`]]).toEqual([lang, action, 'string']);
      expect(messages['partners.audit.subject.entity']).toEqual(expect.any(String));
    }
  });
});
