/**
 * The builder's admin API with real admin users and Strapi RBAC: a super admin can do everything;
 * a role with only "read segments" (and personal data), linked to every card system, can count and
 * preview but gets 403 on save and export.
 */
import { startApp, type TestApp } from '../helpers/strapi';
import { adminClient, superAdminClient } from '../helpers/admin';
import { CARD_SYSTEMS, importFixture } from './fixture';

let app: TestApp;
let admin: string;
let reader: string;

beforeAll(async () => {
  app = await startApp();
  await importFixture(app);
  admin = (await superAdminClient(app)).token;
  reader = (await adminClient(app, { email: 'reader@test.local', actions: ['segments.read', 'personal.read'], cardSystems: CARD_SYSTEMS })).token;
});

afterAll(async () => app?.stop());

const as = (token: string) => ({
  get: (url: string) => app.http.get(url).set('Authorization', `Bearer ${token}`),
  post: (url: string, body: object = {}) => app.http.post(url).set('Authorization', `Bearer ${token}`).send(body),
  put: (url: string, body: object) => app.http.put(url).set('Authorization', `Bearer ${token}`).send(body),
  del: (url: string) => app.http.delete(url).set('Authorization', `Bearer ${token}`),
});

const definition = {
  version: 1,
  groups: [{ filters: [{ type: 'postcode', postcodes: ['9000'] }] }, { filters: [{ type: 'cardSystem', cardSystems: ['cs-leuven'] }] }],
  exclude: [{ filters: [{ type: 'kansenstatuut', value: true }] }],
};

test('live count gives totals and what each group contributes / each exclusion removes', async () => {
  const res = await as(admin).post('/segmentation/count', { definition, asOf: '2024-03-31' });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ total: 3, groups: [3, 2], excluded: [2] });
  expect(res.body.withEmail).toBe(1);
  expect(typeof res.body.evaluatedAt).toBe('string');
});

test('an invalid definition is a 400 with paths, not a count', async () => {
  const res = await as(admin).post('/segmentation/count', {
    definition: { version: 1, groups: [{ filters: [{ type: 'age', op: 'between', value: [30, 20] }] }] },
  });
  expect(res.status).toBe(400);
  expect(res.body.error.details.errors[0].path).toEqual(['groups', 0, 'filters', 0, 'value']);
});

test('segments: create, list with search and sort, update, duplicate, saved preview records counts, delete', async () => {
  const created = await as(admin).post('/segmentation/segments', { name: 'Gent of Leuven', definition });
  expect(created.status).toBe(200);
  const id = created.body.documentId;
  expect(created.body.owner).toMatchObject({ firstname: 'T' });

  const invalid = await as(admin).post('/segmentation/segments', { name: 'bad', definition: { version: 1, groups: [] } });
  expect(invalid.status).toBe(400);
  const nameless = await as(admin).post('/segmentation/segments', { name: ' ', definition });
  expect(nameless.status).toBe(400);

  const preview = await as(admin).get(`/segmentation/segments/${id}/preview?pageSize=2&page=2`);
  expect(preview.status).toBe(200);
  expect(preview.body).toMatchObject({ page: 2, pageSize: 2 });
  expect(preview.body.evaluatedAt).toBeTruthy();

  const dup = await as(admin).post(`/segmentation/segments/${id}/duplicate`);
  expect(dup.body.name).toBe('Gent of Leuven (kopie)');

  const updated = await as(admin).put(`/segmentation/segments/${id}`, { name: 'Gent of Leuven 2', definition });
  expect(updated.body.name).toBe('Gent of Leuven 2');

  const list = await as(admin).get('/segmentation/segments?q=kopie');
  expect(list.body.results.map((s: { name: string }) => s.name)).toEqual(['Gent of Leuven (kopie)']);
  const sorted = await as(admin).get('/segmentation/segments?sort=name&order=asc');
  expect(sorted.body.results.map((s: { name: string }) => s.name)).toEqual(['Gent of Leuven (kopie)', 'Gent of Leuven 2']);
  const saved = sorted.body.results.find((s: { documentId: string }) => s.documentId === id);
  expect(saved).toMatchObject({ lastTotal: preview.body.total, lastWithEmail: preview.body.withEmail });

  expect((await as(admin).del(`/segmentation/segments/${dup.body.documentId}`)).status).toBe(200);
  expect((await as(admin).get(`/segmentation/segments/${dup.body.documentId}`)).status).toBe(404);
});

test('reference look-ups search by name or key; unreadable postcodes are reported', async () => {
  const counters = await as(admin).get('/segmentation/reference/counters?q=vooruit');
  expect(counters.body.results).toEqual([{ key: 'c-vooruit', name: 'Vooruit' }]);
  const themes = await as(admin).get('/segmentation/reference/eventThemes?q=jazz');
  expect(themes.body.results.map((r: { key: string }) => r.key).sort()).toEqual(['Jazz en Blues', 'jazz en blues']);
  const names = await as(admin).post('/segmentation/reference/cardSystems/names', { keys: ['cs-gent'] });
  expect(names.body.results).toEqual([{ key: 'cs-gent', name: 'UiTPAS Gent' }]);
  const postcodes = await as(admin).get('/segmentation/postcodes/unreadable');
  expect(postcodes.body).toMatchObject({
    unreadable: 2,
    top: expect.arrayContaining([
      { value: '90000', holders: 1 },
      { value: 'Gent', holders: 1 },
    ]),
  });
  expect((await as(admin).get('/segmentation/reference/people')).status).toBe(400);
});

test('RBAC: a reader counts and previews, but cannot save or export; no token is 401', async () => {
  expect((await as(reader).post('/segmentation/count', { definition })).status).toBe(200);
  expect((await as(reader).post('/segmentation/preview', { definition })).status).toBe(200);
  expect((await as(reader).post('/segmentation/segments', { name: 'x', definition })).status).toBe(403);
  expect((await as(reader).post('/segmentation/export', { definition })).status).toBe(403);
  const export_ = await as(admin).post('/segmentation/export', { definition }).buffer(true);
  expect(export_.status).toBe(200);
  expect(export_.text.split('\n')[0]).toBe('uid,firstName,lastName,email,phone');
  expect((await app.http.post('/segmentation/count').send({ definition })).status).toBe(401);
});
