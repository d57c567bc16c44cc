/**
 * The columnar path of the action import (imports/fast/, readers/ndjson.ts's readLines, the
 * typed DigitMap of refs/digit-map.ts): it must change nothing but the speed.
 * - readLines hands over the same lines, numbered the same, as ndjsonItems, however the body is cut;
 * - scanAction takes a line only when JSON.parse gives a plain, complete action that the entity's
 *   check lets through, and its COPY line holds exactly what the general path stores;
 * - on Postgres (TEST_DB=postgres), random action bodies give the same result and the same rows
 *   as on SQLite, where the general path does everything.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { Readable } from 'stream';
import fc from 'fast-check';
import knexFactory, { type Knex } from 'knex';
import { createTestDb, migrateAudience, type TestDb } from '../helpers/db';
import { ActionBatch, FAST_COLUMNS, FastWriter } from '../../src/plugins/segmentation/server/src/imports/fast/batch';
import { Scanner, scanAction } from '../../src/plugins/segmentation/server/src/imports/fast/scanner';
import { plainInstantMs } from '../../src/plugins/segmentation/server/src/imports/fast/instants';
import { MAX_LINE_CHARS, type Item } from '../../src/plugins/segmentation/server/src/imports/readers/items';
import { lineItem, ndjsonItems, readLines } from '../../src/plugins/segmentation/server/src/imports/readers/ndjson';
import { isUtf8 } from '../../src/plugins/segmentation/server/src/imports/readers/utf8';
import { PLAIN_RECORD, isPlainInstant } from '../../src/plugins/segmentation/server/src/imports/records/plain';
import { REQUIRED_FOR_NEW } from '../../src/plugins/segmentation/server/src/imports/records/schemas';
import { ENTITIES, type RefKind } from '../../src/plugins/segmentation/server/src/imports/entities';
import { copyValue } from '../../src/plugins/segmentation/server/src/imports/copy-queries';
import { RefCache } from '../../src/plugins/segmentation/server/src/imports/refs/cache';
import { DigitMap } from '../../src/plugins/segmentation/server/src/imports/refs/digit-map';
import { digitKey } from '../../src/plugins/segmentation/server/src/imports/refs/stored-keys';
import { importStream } from '../../src/plugins/segmentation/server/src/imports/service';
import { generateEntity, toNdjsonStream } from '../../src/plugins/segmentation/server/src/demo/generator';

const TZ = 'Europe/Brussels';
const spec = ENTITIES.actions;

// --- readLines ---------------------------------------------------------------------------------

/** Items as ndjsonItems would make them, from what readLines hands over. */
async function itemsOf(chunks: (Buffer | string)[]): Promise<Item[]> {
  const out: Item[] = [];
  const take = (text: string, line: number, tooLong: boolean, notUtf8 = false) => {
    const item = lineItem(text, line, tooLong, notUtf8);
    if (item) out.push(item);
    return false;
  };
  await readLines(
    Readable.from(chunks, { objectMode: true }),
    { text: take, bytes: (chunk, s, e, line) => take(chunk.toString('utf8', s, e), line, false, !isUtf8(chunk.subarray(s, e))) },
    async () => undefined,
  );
  return out;
}

async function oldItems(chunks: (Buffer | string)[]): Promise<Item[]> {
  const out: Item[] = [];
  for await (const items of ndjsonItems(Readable.from(chunks, { objectMode: true }))) out.push(...items);
  return out;
}

const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('{"key":"a","holder":"1","type":"CHECKIN","at":"2024-01-01T10:00:00Z"}', '{"a":1}', '[1,2]', '"x"', 'null') },
  { weight: 2, arbitrary: fc.constantFrom('', ' ', '\r', '{broken', '\uFEFF{"a":1}', '{"b":"é😀"}', '{"c":"\u0000"}') },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
);
/** A body as bytes: lines of pieces, now and then a raw byte that is not UTF-8. */
const body = fc
  .array(fc.tuple(fc.array(piece, { maxLength: 3 }), fc.constantFrom(null, 0xff, 0xe2, 0xc3, 0x80)), { maxLength: 12 })
  .chain((lines) =>
    fc.tuple(
      fc.constant(
        Buffer.concat(
          lines.map(([parts, raw], i) =>
            Buffer.concat([Buffer.from(parts.join('')), raw === null ? Buffer.alloc(0) : Buffer.from([raw]), Buffer.from(i < lines.length - 1 ? '\n' : '')]),
          ),
        ),
      ),
      fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 }),
      fc.array(fc.boolean(), { minLength: 1, maxLength: 10 }),
    ),
  );

/** Cuts the bytes into chunks of the given sizes (cycling); some chunks as text where that is what a stream of text would hold. */
function cut(bytes: Buffer, sizes: number[], asText: boolean[]): (Buffer | string)[] {
  const out: (Buffer | string)[] = [];
  for (let i = 0, k = 0; i < bytes.length; k++) {
    const part = bytes.subarray(i, i + sizes[k % sizes.length]!);
    // A text chunk stands for itself: decode it whole (a real text stream holds whole characters).
    out.push(asText[k % asText.length] ? part.toString('utf8') : part);
    i += part.length;
  }
  return out;
}

describe('readLines', () => {
  test('the same items as ndjsonItems, however the body is cut, in bytes or in text', async () => {
    await fc.assert(
      fc.asyncProperty(body, async ([bytes, sizes, asText]) => {
        const chunks = cut(bytes, sizes, asText);
        expect(await itemsOf(chunks)).toEqual(await oldItems(chunks));
      }),
      { numRuns: 1000 },
    );
  });

  test('a line longer than the limit, over many chunks, then more lines', async () => {
    const long = Buffer.from(`{"a":"${'é'.repeat(MAX_LINE_CHARS / 2 + 10)}"}\n{"b":2}\n{"c":"${'x'.repeat(MAX_LINE_CHARS - 8)}"}\n{"d":4}`);
    for (const size of [65_536, 1 << 20]) {
      const chunks = cut(long, [size, size + 1], [false]);
      expect(await itemsOf(chunks)).toEqual(await oldItems(chunks));
    }
  });
});

// --- plainInstantMs ------------------------------------------------------------------------------

const instant = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
      fc.integer({ min: 0, max: 25 }),
      fc.integer({ min: 0, max: 60 }),
      fc.integer({ min: 0, max: 60 }),
      fc.constantFrom('', '.000', '.5', '.123', '.999', '.1234'),
      fc.constantFrom('Z', 'z', '+02:00', '-11:30', '+23:59', '-23:59', '+24:00', '+12:60', '+0100', ''),
    )
    .map(([y, mo, d, h, mi, s, frac, zone]) => {
      const p = (n: number, w = 2) => String(n).padStart(w, '0');
      return `${p(y, 4)}-${p(mo)}-${p(d)}T${p(h)}:${p(mi)}:${p(s)}${frac}${zone}`;
    }),
  fc.date({ noInvalidDate: true, min: new Date(-62167219200000), max: new Date('9999-12-31T23:59:59Z') }).map((d) => d.toISOString()),
  fc.string({ maxLength: 30 }),
);

describe('plainInstantMs', () => {
  test('where it gives a number, it is Date.parse, and the instant is a plain one', () => {
    let numbers = 0;
    fc.assert(
      fc.property(instant, (at) => {
        const ms = plainInstantMs(Buffer.from(at, 'latin1'), 0, Buffer.byteLength(at, 'latin1'));
        if (Number.isNaN(ms)) return;
        numbers++;
        expect([at, ms]).toEqual([at, Date.parse(at)]);
        expect([at, isPlainInstant(at)]).toEqual([at, true]);
      }),
      { numRuns: 20_000 },
    );
    expect(numbers).toBeGreaterThan(1000);
  });
});

// --- scanAction ------------------------------------------------------------------------------------

/** Ids of the keys the fake database knows (text keys and keys of digits). */
const KNOWN: Record<RefKind, string[]> = {
  holder: ['0002100400', '17', 'h-1', 'H 2'],
  counter: ['ctr-00234', '5'],
  event: ['ev-000324'],
  advantage: ['adv-1'],
  cardSystem: [],
  association: [],
};
const idOf = (kind: RefKind, key: string) => {
  const i = KNOWN[kind].indexOf(key);
  return i < 0 ? undefined : 1000 * (Object.keys(KNOWN).indexOf(kind) + 1) + i * 7 + 1;
};

const key = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...KNOWN.holder, ...KNOWN.counter, ...KNOWN.event, ...KNOWN.advantage, 'act-1', 'x') },
  { weight: 1, arbitrary: fc.constantFrom(' k', 'k ', '', 'a"b', 'a\\b', 'caf\u00e9', 'x'.repeat(255), 'x'.repeat(256), '\t') },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
);
const maybe = <T>(arb: fc.Arbitrary<T>) =>
  fc.option(fc.oneof({ weight: 8, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.anything() }), {
    nil: undefined,
    freq: 5,
  });
const fields = {
  key,
  holder: maybe(key),
  type: maybe(fc.constantFrom('CHECKIN', 'TICKET', 'CASHIN', 'X_1', 'lower', 'A'.repeat(33))),
  at: maybe(instant),
  counter: maybe(key),
  event: maybe(key),
  advantage: maybe(key),
  points: maybe(fc.oneof(fc.integer(), fc.constantFrom(0, -0, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 1.5, 1e21))),
  extra: fc.option(fc.anything(), { nil: undefined, freq: 20 }),
};
/** Any mix of fields, or (more often) the fields a new action needs, mostly as they should be. */
const actionValue = fc.oneof(
  { weight: 1, arbitrary: fc.record(fields, { requiredKeys: [] }) },
  {
    weight: 3,
    arbitrary: fc.record(
      {
        ...fields,
        holder: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...KNOWN.holder) }, { weight: 1, arbitrary: key }),
        type: fc.constantFrom('CHECKIN', 'TICKET', 'CASHIN', 'X_1'),
        at: fc.oneof(
          {
            weight: 3,
            arbitrary: fc.constantFrom(
              '2025-06-14T11:10:48+02:00',
              '2026-07-15T11:22:59.000Z',
              '2024-03-31T00:59:59Z',
              '2024-10-27T02:30:00+02:00',
              '2024-10-27T02:30:00+01:00',
              '0000-01-01T00:30:00+01:00',
              '9999-12-31T23:30:00-01:00',
              '1969-12-31T23:59:59.999Z',
            ),
          },
          { weight: 2, arbitrary: instant },
        ),
        key: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('act-1', 'x', '0002100400') }, { weight: 1, arbitrary: key }),
        points: fc.option(fc.oneof(fc.integer(), fc.constantFrom(0, -0, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, null)), { nil: undefined }),
        extra: fc.constant(undefined),
        counter: fc.option(fc.constantFrom(...KNOWN.counter, 'nope'), { nil: undefined }),
        event: fc.option(fc.constantFrom(...KNOWN.event, null), { nil: undefined }),
        advantage: fc.option(fc.constantFrom(...KNOWN.advantage, null), { nil: undefined }),
      },
      { requiredKeys: ['key', 'holder', 'type', 'at'] },
    ),
  },
);
/** The line as text: JSON.stringify, sometimes with its fields reordered, spaced, or written oddly. */
const style = fc.constantFrom('plain', 'plain', 'plain', 'plain', 'reversed', 'reversed', 'spaced', 'escaped', 'crlf', 'twice');
const actionLine = fc.tuple(actionValue, style).map(([value, style]) => {
  const v = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
  switch (style) {
    case 'reversed':
      return JSON.stringify(Object.fromEntries(Object.entries(v).reverse()));
    case 'spaced':
      return JSON.stringify(v, null, 1).replace(/\n/g, '');
    case 'escaped':
      return JSON.stringify(v).replace(/"key":"a/, '"key":"\\u0061');
    case 'crlf':
      return `${JSON.stringify(v)}\r`;
    case 'twice':
      return JSON.stringify(v).replace(/^\{/, '{"type":"CHECKIN",');
    default:
      return JSON.stringify(v);
  }
});

function scanner(): Scanner {
  const cache = new RefCache();
  for (const kind of Object.keys(KNOWN) as RefKind[]) cache.remember(kind, new Map(KNOWN[kind].map((k) => [k, idOf(kind, k)!])));
  return new Scanner(cache, TZ);
}

/** The COPY line the general path's row would give (entities.ts columns(), queries.ts copyValue). */
function expectedLine(record: Record<string, unknown>, seq: number, id: number): string {
  const row = spec.columns(record, (kind, k) => idOf(kind, k)!, { timeZone: TZ });
  return [...FAST_COLUMNS.slice(0, -1).map((c) => copyValue(row[c])), String(seq), String(id)].join('\t');
}

/** The integer columns (day on) as their values: COPY reads `0012` and `-0` as 12 and 0. */
const numbersAsValues = (line: string) =>
  line
    .split('\t')
    .map((v, i) => (i >= 3 && v !== '\\N' ? String(Number(v)) : v))
    .join('\t');

describe('scanAction', () => {
  test('takes a line only when it is a plain, complete, checked action, and writes what the general path stores', () => {
    const isPlain = PLAIN_RECORD.actions!;
    const scan = scanner();
    let taken = 0;
    fc.assert(
      fc.property(actionLine, (text) => {
        const bytes = Buffer.from(`${text}\n{"next":1}`);
        const end = bytes.indexOf(10);
        const batch = new ActionBatch(4, new FastWriter());
        if (!scanAction(batch, bytes, 0, end, 7, scan)) {
          expect(batch.n).toBe(0);
          return;
        }
        taken++;
        const record = JSON.parse(text) as Record<string, unknown>;
        expect([text, isPlain(record)]).toEqual([text, true]);
        expect([text, spec.check!(record)]).toEqual([text, null]);
        for (const f of REQUIRED_FOR_NEW.actions) expect(record[f]).not.toBeUndefined();
        expect(batch.n).toBe(1);
        expect(batch.line[0]).toBe(7);
        expect(batch.materialize()[0]!.record).toEqual(record);
        if (!batch.fast()) {
          // A key the database does not know: the general path rejects the line.
          expect(spec.refs(record).some(([kind, k]) => idOf(kind, k) === undefined)).toBe(true);
          return;
        }
        const copy = batch.copyText(12, 345).toString('latin1');
        expect(copy.endsWith('\n')).toBe(true);
        expect(numbersAsValues(copy.slice(0, -1))).toBe(expectedLine(record, 12, 345));
      }),
      { numRuns: 10_000 },
    );
    expect(taken).toBeGreaterThan(1500);
  });

  test('the generated demo actions are all taken', () => {
    const scan = scanner();
    const batch = new ActionBatch(10_000, new FastWriter());
    let n = 0;
    for (const a of generateEntity('actions', { holders: 500, actions: 3000, seed: 7 })) {
      const bytes = Buffer.from(JSON.stringify(a));
      expect([a, scanAction(batch.n >= 10_000 ? batch.reset() : batch, bytes, 0, bytes.length, ++n, scan)]).toEqual([a, true]);
    }
  });
});

// --- DigitMap --------------------------------------------------------------------------------------

test('DigitMap: a Map of digit keys, order kept, the oldest dropped first', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.oneof(
          fc.tuple(fc.constant('set' as const), fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 1e9 })),
          fc.tuple(fc.constant('drop' as const), fc.integer({ min: 0, max: 200 }), fc.constant(0)),
        ),
        { maxLength: 600 },
      ),
      (ops) => {
        const map = new DigitMap();
        const model = new Map<number, number>();
        for (const [op, a, b] of ops) {
          if (op === 'set') {
            const k = digitKey(String(a * 1_000_003));
            map.set(k, b);
            model.set(k, b);
          } else {
            map.dropOlder(a);
            let drop = a;
            for (const k of model.keys()) {
              if (drop-- <= 0) break;
              model.delete(k);
            }
          }
          if (map.size !== model.size) expect(map.size).toBe(model.size);
        }
        for (let a = 0; a <= 3000; a++) {
          const k = digitKey(String(a * 1_000_003));
          if (map.get(k) !== model.get(k)) expect([a, map.get(k)]).toEqual([a, model.get(k)]);
        }
      },
    ),
    { numRuns: 200 },
  );
});

// --- Postgres against SQLite -------------------------------------------------------------------------

const onPostgres = process.env.TEST_DB === 'postgres' ? describe : describe.skip;

onPostgres('on Postgres, the same outcome as the general path (SQLite)', () => {
  let pg: TestDb;
  let lite: Knex;
  let dir: string;

  const refs = async (knex: Knex) => {
    const nd = (entity: 'card-systems' | 'counters' | 'events' | 'advantages' | 'pass-holders', rows: unknown[]) =>
      importStream(knex, entity, Readable.from([Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n'))]), 'ndjson');
    await nd('card-systems', [{ key: 'cs', name: 'CS' }]);
    await nd(
      'counters',
      KNOWN.counter.map((k) => ({ key: k, name: k, cardSystem: 'cs' })),
    );
    await nd(
      'events',
      KNOWN.event.map((k) => ({ key: k, name: k, counter: 'ctr-00234' })),
    );
    await nd(
      'advantages',
      KNOWN.advantage.map((k) => ({ key: k, name: k, counter: 'ctr-00234', points: 3 })),
    );
    await nd(
      'pass-holders',
      KNOWN.holder.map((k) => ({ uid: k, firstName: 'F', lastName: 'L' })),
    );
  };
  const reset = async (knex: Knex) => {
    await knex('seg_actions').delete();
    await knex('seg_meta').where({ key: 'data_version' }).update({ value: 0 });
  };
  const rows = async (knex: Knex) =>
    (await knex('seg_actions').orderBy('key').select('key', 'holder_id', 'type', 'at', 'day', 'counter_id', 'event_id', 'advantage_id', 'points', 'seq')).map(
      (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? null : String(v)])),
    );

  beforeAll(async () => {
    pg = await createTestDb();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segfast-'));
    lite = knexFactory({ client: 'better-sqlite3', connection: { filename: path.join(dir, 'lite.db') }, useNullAsDefault: true });
    await migrateAudience(lite);
    await refs(pg.knex);
    await refs(lite);
  });
  afterAll(async () => {
    await lite?.destroy();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await pg?.destroy();
  });

  test('random action bodies: same counts, same rejects, same rows', async () => {
    // Keys from a small pool (repeats within and across batches), plain lines and odd ones.
    const line = fc.oneof(
      {
        weight: 6,
        arbitrary: fc
          .tuple(fc.constantFrom('a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8'), actionLine)
          .map(([k, l]) => l.replace(/"key":("(?:[^"\\]|\\.)*"|[^,}]*)/, `"key":"${k}"`)),
      },
      { weight: 1, arbitrary: fc.constantFrom('', '{', 'null', '{"key":"a9","holder":"17","type":"CHECKIN","at":"2024-03-31T02:30:00+01:00","points":1}') },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 64 }),
        async (lines, batchSize, size) => {
          const bytes = Buffer.from(lines.join('\n'));
          const outcome = async (knex: Knex) => {
            await reset(knex);
            const result = await importStream(knex, 'actions', Readable.from(cut(bytes, [size], [false])), 'ndjson', { batchSize, timeZone: TZ });
            return { result, rows: await rows(knex) };
          };
          const [onPg, onLite] = [await outcome(pg.knex), await outcome(lite)];
          expect(onPg).toEqual(onLite);
        },
      ),
      { numRuns: 150 },
    );
  });

  test("the demo generator's actions: the same rows, ids too (in the order of the lines), as the general path", async () => {
    const opts = { holders: 40, actions: 3000, seed: 11 };
    const load = async (knex: Knex) => {
      const nd = async (entity: 'card-systems' | 'counters' | 'events' | 'advantages' | 'associations' | 'pass-holders' | 'actions') =>
        importStream(knex, entity, toNdjsonStream(generateEntity(entity, opts)), 'ndjson', { timeZone: TZ, batchSize: 700 });
      for (const entity of ['card-systems', 'counters', 'events', 'advantages', 'associations', 'pass-holders'] as const) await nd(entity);
      await knex('seg_actions').delete();
      const result = await nd('actions');
      const stored = await knex('seg_actions')
        .orderBy('id')
        .select('id', 'key', 'holder_id', 'type', 'at', 'day', 'counter_id', 'event_id', 'advantage_id', 'points');
      return { result, stored: stored.map((r: Record<string, unknown>) => Object.values(r).map((v) => (v === null ? null : String(v)))) };
    };
    const fresh = async () => {
      const db = await createTestDb();
      try {
        return await load(db.knex);
      } finally {
        await db.destroy();
      }
    };
    const litePath = path.join(dir, 'demo.db');
    const demoLite = knexFactory({ client: 'better-sqlite3', connection: { filename: litePath }, useNullAsDefault: true });
    try {
      await migrateAudience(demoLite);
      const [a, b] = [await fresh(), await load(demoLite)];
      expect(a.result).toEqual(b.result);
      expect(a.stored.length).toBe(3000);
      expect(a.stored).toEqual(b.stored);
      // Ids rise with the lines (whatever fields each line gives): the generator's keys rise too.
      const keys = a.stored.map((row) => row[1]!);
      expect(new Set(a.stored.map((row) => row.filter((v) => v === null).length)).size).toBeGreaterThan(1);
      expect(keys).toEqual([...keys].sort());
    } finally {
      await demoLite.destroy();
    }
  });
});
