/**
 * Property tests of the import on a real database: random lines (valid, half-valid, garbage) never
 * make it throw, every line is counted once, and a rejected line leaves no trace while an accepted
 * one is stored as given. Each generated line carries a key of its own, so its fate can be checked.
 */
import { Readable } from 'stream';
import fc from 'fast-check';
import { createTestDb, type TestDb } from '../helpers/db';
import { importStream, type ImportEntity } from '../../src/plugins/segmentation/server/src/imports/service';

let db: TestDb;
let run = 0;

beforeAll(async () => {
  db = await createTestDb();
  const nd = (entity: ImportEntity, rows: unknown[]) => importStream(db.knex, entity, Readable.from([rows.map((r) => JSON.stringify(r)).join('\n')]), 'ndjson');
  await nd('card-systems', [
    { key: 'gent', name: 'Gent' },
    { key: 'leuven', name: 'Leuven' },
  ]);
  await nd('counters', [{ key: 'c1', name: 'C1', cardSystem: 'gent' }]);
  await nd('events', [{ key: 'e1', name: 'E1', counter: 'c1' }]);
  await nd('advantages', [{ key: 'a1', name: 'A1', counter: 'c1' }]);
  await nd('associations', [{ key: 'as1', name: 'AS1' }]);
  await nd('pass-holders', [{ uid: 'known', firstName: 'K', lastName: 'N' }]);
});
afterAll(async () => db?.destroy());

/** A value that is often right for the field, sometimes wrong, sometimes absent. */
const maybe = <T>(good: fc.Arbitrary<T>) =>
  fc.option(fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: fc.anything() }), { nil: undefined, freq: 3 });
const text = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 }));
const date = fc.oneof(fc.constantFrom('2000-02-29', '1990-12-31', '2023-02-30', '2024-1-1'), fc.string({ maxLength: 10 }));

const holderFields = fc.record(
  {
    firstName: maybe(text),
    lastName: maybe(text),
    email: maybe(fc.oneof(fc.constant('  '), fc.emailAddress())),
    postcode: maybe(fc.oneof(fc.constantFrom('9000 Gent', ' 9000', '90000', '\t3000\t'), text)),
    birthdate: maybe(date),
    language: maybe(fc.constantFrom('nl', 'fr', 'xx')),
    points: maybe(fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.double())),
    kansenstatuut: maybe(fc.boolean()),
    cardSystems: maybe(fc.array(fc.constantFrom('gent', 'leuven', 'nope'), { maxLength: 3 })),
    memberships: maybe(
      fc.array(fc.record({ association: fc.constantFrom('as1', 'as-x'), endDate: fc.option(date, { nil: undefined }) }, { requiredKeys: ['association'] }), {
        maxLength: 2,
      }),
    ),
    consents: maybe(fc.array(fc.constantFrom('email', 'sms', ''), { maxLength: 2 })),
    mailingPreference: maybe(fc.constantFrom('email', 'post', 'both', 'fax')),
    extra: fc.option(fc.anything(), { nil: undefined, freq: 15 }),
  },
  { requiredKeys: [] },
);

/** A line: a holder record with its own uid (or a broken uid), or plain garbage. */
const holderLine = fc.oneof(
  { weight: 8, arbitrary: holderFields.map((fields) => ({ kind: 'record' as const, fields, uidOk: true })) },
  { weight: 1, arbitrary: holderFields.map((fields) => ({ kind: 'record' as const, fields, uidOk: false })) },
  {
    weight: 1,
    arbitrary: fc
      .oneof(
        fc.string(),
        fc.string({ unit: 'binary' }),
        fc.jsonValue().map((v) => JSON.stringify(v)),
      )
      .map((raw) => ({ kind: 'raw' as const, raw: raw.replace(/[\r\n]/g, ' ') })),
  },
);

/** A value as a CSV cell: lists joined with |, memberships as key:endDate, quoted where needed. */
const cell = (v: unknown): string => {
  const item = (x: unknown) => {
    if (!x || typeof x !== 'object') return String(x);
    const m = x as { association?: unknown; endDate?: unknown };
    return m.endDate ? `${String(m.association)}:${String(m.endDate)}` : String(m.association);
  };
  const s = v === undefined ? '' : Array.isArray(v) ? v.map(item).join('|') : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The body text, and the line each record starts on (CSV: after the header; quoted cells may span lines). */
function toBody(records: (string | Record<string, unknown>)[], asCsv: boolean): { text: string; lineOf: number[]; blank: number } {
  if (!asCsv) {
    const blank = records.filter((r) => typeof r === 'string' && r.trim() === '').length;
    return { text: records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n'), lineOf: records.map((_, i) => i + 1), blank };
  }
  const header = [...new Set(['uid', ...records.flatMap((r) => (typeof r === 'string' ? [] : Object.keys(r)))])];
  const rows = records.map((r) => header.map((h, i) => (typeof r === 'string' ? (i === 0 ? cell(r) : '') : cell(r[h]))).join(','));
  const lineOf: number[] = [];
  let line = 2;
  for (const row of rows) {
    lineOf.push(line);
    line += row.split('\n').length;
  }
  return { text: [header.join(','), ...rows].join('\n'), lineOf, blank: rows.filter((r) => r === '').length }; // an empty line is no record
}

test('random holder lines (NDJSON and CSV): never an exception; a rejected line writes nothing, an accepted one is stored', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(holderLine, { minLength: 1, maxLength: 40 }), fc.boolean(), fc.integer({ min: 1, max: 15 }), async (lines, asCsv, batchSize) => {
      run += 1;
      const uids = lines.map((l, i) => (l.kind === 'record' && l.uidOk ? `f${run}-${i}` : null));
      const records = lines.map((l, i) => (l.kind === 'raw' ? l.raw : { uid: l.uidOk ? uids[i] : ['', 5, null][i % 3], ...l.fields }));
      const { text, lineOf, blank } = toBody(records, asCsv);
      const before = Number((await db.knex('seg_holders').count({ n: '*' }))[0]!.n);
      const result = await importStream(db.knex, 'pass-holders', Readable.from([text]), asCsv ? 'csv' : 'ndjson', { batchSize });

      expect(result.received).toBe(lines.length - blank);
      expect(result.inserted + result.updated + result.rejected.length).toBe(result.received);
      expect(result.updated).toBe(0);
      const after = Number((await db.knex('seg_holders').count({ n: '*' }))[0]!.n);
      expect(after - before).toBe(result.inserted);
      const rejected = new Set(result.rejected.map((r) => r.line));
      const rows = new Map(
        (
          await db
            .knex('seg_holders')
            .whereIn(
              'uid',
              uids.filter((u): u is string => u !== null),
            )
            .select('uid', 'first_name')
        ).map((r: { uid: string; first_name: string }) => [r.uid, r]),
      );
      uids.forEach((uid, i) => {
        if (uid === null) return;
        expect([uid, rejected.has(lineOf[i]!) ? 'rejected' : 'stored']).toEqual([uid, rows.has(uid) ? 'stored' : 'rejected']);
        const firstName = (records[i] as Record<string, unknown>).firstName;
        if (rows.has(uid) && typeof firstName === 'string') expect(rows.get(uid)!.first_name).toBe(firstName);
      });
    }),
    { numRuns: 120 },
  );
});

test('random action lines: never an exception; rejected lines leave no action, accepted ones point at the right holder', async () => {
  const action = fc.record(
    {
      holder: maybe(fc.constantFrom('known', 'unknown', '')),
      type: maybe(fc.constantFrom('CHECKIN', 'TICKET', 'CASHIN', 'OTHER', 'checkin')),
      at: maybe(
        fc.oneof(
          fc.date({ min: new Date('2000-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
          fc.constantFrom('2024-03-31T02:30:00', '2024-03-31T02:30:00+01:00', 'now'),
        ),
      ),
      counter: maybe(fc.constantFrom('c1', 'c-x')),
      event: maybe(fc.constantFrom('e1', 'e-x')),
      advantage: maybe(fc.constantFrom('a1', 'a-x')),
      points: maybe(fc.integer({ min: -5, max: 5 })),
    },
    { requiredKeys: [] },
  );
  await fc.assert(
    fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 15 }), async (fields, batchSize) => {
      run += 1;
      const keys = fields.map((_, i) => `fa${run}-${i}`);
      const text = fields.map((f, i) => JSON.stringify({ key: keys[i], ...f })).join('\n');
      const result = await importStream(db.knex, 'actions', Readable.from([text]), 'ndjson', { batchSize });
      expect(result.received).toBe(fields.length);
      expect(result.inserted + result.updated + result.rejected.length).toBe(result.received);
      expect(result.updated).toBe(0);
      const rejected = new Set(result.rejected.map((r) => r.line));
      const stored = new Map(
        (await db.knex('seg_actions').whereIn('key', keys).select('key', 'holder_id')).map((r: { key: string; holder_id: number }) => [r.key, r.holder_id]),
      );
      const known = (await db.knex('seg_holders').where({ uid: 'known' }).first('id')).id;
      keys.forEach((key, i) => {
        expect([key, rejected.has(i + 1)]).toEqual([key, !stored.has(key)]);
        if (stored.has(key)) expect(stored.get(key)).toBe(known);
      });
    }),
    { numRuns: 80 },
  );
});
