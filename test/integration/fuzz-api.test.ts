/**
 * Fuzzing over HTTP (fast-check), against the real app: thousands of generated bad segment
 * definitions and import bodies. Every bad definition is a 400 in Strapi's error shape with a path
 * for each problem — never a 500 — and saving one stores nothing; every import body is answered
 * (never a 500), each line either stored or rejected with its line number, and nothing else written.
 */
import fc from 'fast-check';
import { startApp, type TestApp } from '../helpers/strapi';
import { superAdminClient, type AdminClient } from '../helpers/admin';
import { importFixture } from './fixture';
import { LIMITS } from '../../src/plugins/segmentation/shared/definition';
import { MAX_PROBLEMS } from '../../src/plugins/segmentation/server/src/common/errors';

let app: TestApp;
let admin: AdminClient;

beforeAll(async () => {
  app = await startApp();
  await importFixture(app);
  admin = await superAdminClient(app);
});
afterAll(async () => app?.stop());

const scalar = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const op = fc.oneof(fc.constantFrom('<', '<=', '>', '>=', '=', 'between'), fc.string({ maxLength: 3 }));
/** Filters that look like the real ones but are wrong in some field (or not wrong at all). */
const filter = fc.oneof(
  fc.record({ type: fc.constant('cardSystem'), cardSystems: fc.oneof(fc.array(fc.constantFrom('cs-gent', 'nope', ''), { maxLength: 3 }), scalar) }),
  fc.record({ type: fc.constant('age'), op, value: fc.oneof(scalar, fc.array(fc.integer({ min: -5, max: 200 }), { maxLength: 3 })) }),
  fc.record({ type: fc.constant('postcode'), postcodes: fc.oneof(fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }), scalar) }),
  fc.record(
    {
      type: fc.constant('action'),
      action: fc.oneof(fc.constantFrom('CHECKIN', 'CASHIN', 'TICKET'), fc.string({ maxLength: 6 })),
      count: fc.oneof(fc.record({ op, value: scalar }), scalar),
      period: fc.option(
        fc.oneof(fc.record({ last: fc.string({ maxLength: 6 }) }), fc.record({ from: fc.string({ maxLength: 10 }), to: fc.string({ maxLength: 10 }) })),
        { nil: undefined },
      ),
    },
    { requiredKeys: ['type'] },
  ),
  fc.record({ type: fc.string({ maxLength: 10 }), extra: scalar }),
  fc.jsonValue({ maxDepth: 2 }),
);
const definition = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record(
      {
        version: fc.oneof(fc.constant(1), scalar),
        groups: fc.oneof(fc.array(fc.record({ filters: fc.array(filter, { maxLength: 3 }) }), { maxLength: 3 }), scalar),
        exclude: fc.option(fc.array(fc.record({ filters: fc.array(filter, { maxLength: 2 }) }), { maxLength: 2 }), { nil: undefined }),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

test('bad definitions: always 400 with a path for each problem, never a 500, never stored', async () => {
  const stored = await app.strapi.db.query('plugin::segmentation.segment' as any).count();
  let bad = 0;
  await fc.assert(
    fc.asyncProperty(definition, async (def) => {
      const res = await app.api().post('/api/segmentation/preview').send({ definition: def });
      expect(res.status).not.toBeGreaterThanOrEqual(500);
      if (res.status === 200) return; // the generator hit a valid definition
      bad++;
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ status: 400, name: 'ValidationError', message: expect.any(String) });
      const problems = res.body.error.details.errors as { path: unknown[]; message: string }[];
      expect(problems.length).toBeGreaterThan(0);
      for (const p of problems) expect(Array.isArray(p.path) && typeof p.message === 'string').toBe(true);
      const saved = await admin.post('/segmentation/segments', { name: 'fuzz', definition: def });
      expect(saved.status).toBe(400);
    }),
    { numRuns: 1500, seed: 20261123 },
  );
  expect(bad).toBeGreaterThan(1000);
  expect(await app.strapi.db.query('plugin::segmentation.segment' as any).count()).toBe(stored);
}, 300_000);

/** Where a list sits in a definition, its bound, and a definition with `n` entries there (each entry `bad` or valid). */
const LISTS: { name: string; max: number; path: (string | number)[]; build: (n: number, bad: boolean) => object }[] = [
  {
    name: 'postcodes',
    max: LIMITS.postcodes,
    path: ['groups', 0, 'filters', 0, 'postcodes'],
    build: (n, bad) => ({
      version: 1,
      groups: [{ filters: [{ type: 'postcode', postcodes: Array.from({ length: n }, (_, i) => (bad ? `x${i}` : String(1000 + (i % 9000)))) }] }],
    }),
  },
  {
    name: 'card system keys',
    max: LIMITS.keys,
    path: ['groups', 0, 'filters', 0, 'cardSystems'],
    build: (n, bad) => ({
      version: 1,
      groups: [{ filters: [{ type: 'cardSystem', cardSystems: Array.from({ length: n }, (_, i) => (bad ? `nope-${i}` : 'cs-gent')) }] }],
    }),
  },
  {
    name: 'event keys',
    max: LIMITS.keys,
    path: ['exclude', 0, 'filters', 0, 'events'],
    build: (n, bad) => ({
      version: 1,
      groups: [{ filters: [{ type: 'kansenstatuut', value: true }] }],
      exclude: [
        {
          filters: [
            { type: 'action', action: 'TICKET', count: { op: '>=', value: 1 }, events: Array.from({ length: n }, (_, i) => (bad ? `nope-${i}` : 'ev-jazz')) },
          ],
        },
      ],
    }),
  },
  {
    name: 'filters',
    max: LIMITS.filters,
    path: ['groups', 0, 'filters'],
    build: (n, bad) => ({
      version: 1,
      groups: [{ filters: Array.from({ length: n }, () => (bad ? { type: 'age' } : { type: 'kansenstatuut', value: true })) }],
    }),
  },
  {
    name: 'groups',
    max: LIMITS.groups,
    path: ['groups'],
    build: (n, bad) => ({ version: 1, groups: Array.from({ length: n }, () => ({ filters: bad ? [] : [{ type: 'points', op: '>=', value: 0 }] })) }),
  },
];

test('list lengths: over the bound one problem naming it, small answers, never a 500; up to the bound the usual checks', async () => {
  const length = (max: number) => fc.oneof(fc.constantFrom(0, 1, max - 1, max, max + 1, 150_000), fc.integer({ min: 0, max: max * 3 }));
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...LISTS).chain((list) => fc.tuple(fc.constant(list), fc.boolean(), length(list.max))),
      async ([list, bad, n]) => {
        const body = JSON.stringify({ definition: list.build(n, bad), pageSize: 1 });
        const res = await app.api().post('/api/segmentation/preview').set('Content-Type', 'application/json').send(body);
        expect(res.status).toBeLessThan(500);
        expect(res.text.length).toBeLessThan(64 * 1024);
        const problems = (res.body.error?.details?.errors ?? []) as { path: (string | number)[]; message: string }[];
        if (body.length > 1024 * 1024) {
          expect(res.status).toBe(413); // the body parser's limit comes first
          expect(res.body.error).toMatchObject({ status: 413 });
        } else if (n > list.max) {
          expect(res.status).toBe(400);
          expect(problems).toEqual([{ path: list.path, message: `Expected at most ${list.max} ${list.name}, got ${n}`, name: 'ValidationError' }]);
        } else if (n === 0 || bad) {
          expect(res.status).toBe(400);
          expect(problems.length).toBeGreaterThan(0);
          expect(problems.length).toBeLessThanOrEqual(MAX_PROBLEMS);
          if (problems.length === MAX_PROBLEMS) expect(res.body.error.details.total).toBeGreaterThan(MAX_PROBLEMS);
          for (const p of problems) expect(p.message).not.toMatch(/at most/);
        } else {
          expect(res.status).toBe(200);
        }
      },
    ),
    { numRuns: 60, seed: 20261207 },
  );
}, 300_000);

const line = fc.oneof(
  fc
    .record(
      {
        uid: fc.oneof(fc.string({ maxLength: 6 }), scalar),
        firstName: scalar,
        lastName: scalar,
        birthdate: fc.option(fc.string({ maxLength: 10 }), { nil: undefined }),
        cardSystems: fc.option(fc.oneof(fc.array(fc.constantFrom('cs-gent', 'nope')), scalar), { nil: undefined }),
        points: fc.option(scalar, { nil: undefined }),
      },
      { requiredKeys: [] },
    )
    .map((o) => JSON.stringify(o)),
  fc.string({ maxLength: 30 }),
  fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
);

test('bad import bodies: answered line by line, never a 500; only accepted lines are written', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 12 }), async (lines) => {
      const before = Number((await app.strapi.db.connection('seg_holders').count({ n: '*' }))[0]!.n);
      const res = await app.api().post('/api/segmentation/import/pass-holders').set('Content-Type', 'application/x-ndjson').send(lines.join('\n'));
      expect(res.status).not.toBeGreaterThanOrEqual(500);
      if (res.status === 400) {
        expect(res.body.error.details).toBeDefined();
        expect(Number((await app.strapi.db.connection('seg_holders').count({ n: '*' }))[0]!.n)).toBe(before);
        return;
      }
      expect(res.status).toBe(200);
      const { received, inserted, updated, rejected } = res.body as {
        received: number;
        inserted: number;
        updated: number;
        rejected: { line: number; error: string }[];
      };
      expect(inserted + updated + rejected.length).toBe(received);
      for (const r of rejected) expect(r.line >= 1 && r.line <= lines.length && r.error.length > 0).toBe(true);
      expect(Number((await app.strapi.db.connection('seg_holders').count({ n: '*' }))[0]!.n)).toBe(before + inserted);
    }),
    { numRuns: 400, seed: 20261123 },
  );
}, 300_000);
