/**
 * Import bytes that are not UTF-8 (issue 16, item 14): such a line is rejected with its line number,
 * the other lines are stored, in NDJSON and CSV, through the general path and (actions from NDJSON
 * on Postgres, TEST_DB=postgres) the columnar one; a character cut by a chunk boundary is still read.
 */
import { Readable } from 'stream';
import fc from 'fast-check';
import { createTestDb, type TestDb } from '../helpers/db';
import { csvItems } from '../../src/plugins/segmentation/server/src/imports/readers/csv';
import type { Item } from '../../src/plugins/segmentation/server/src/imports/readers/items';
import { lineItem, ndjsonItems, readLines } from '../../src/plugins/segmentation/server/src/imports/readers/ndjson';
import { NOT_UTF8, isUtf8 } from '../../src/plugins/segmentation/server/src/imports/readers/utf8';
import { importStream, type ImportEntity } from '../../src/plugins/segmentation/server/src/imports/service';

/** Text and raw bytes, one after the other. */
const bytes = (...parts: (string | number[] | Buffer)[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
/** The body in chunks of `size` bytes (1: every byte apart, cutting every character). */
const chunked = (body: Buffer, size: number) => {
  const chunks: Buffer[] = [];
  for (let i = 0; i < body.length; i += size) chunks.push(body.subarray(i, i + size));
  return chunks;
};
const stream = (chunks: Buffer[]) => Readable.from(chunks, { objectMode: true });
async function all(items: AsyncGenerator<Item[]>): Promise<Item[]> {
  const out: Item[] = [];
  for await (const chunk of items) out.push(...chunk);
  return out;
}

const BAD = { C3_28: [0xc3, 0x28], FF: [0xff], SURROGATE: [0xed, 0xa0, 0x80], OVERLONG: [0xc0, 0xaf], CUT: [0xe2, 0x82] };
const SIZES = [1, 2, 3, 5, 64 * 1024];

describe('reading lines', () => {
  const NDJSON = bytes(
    '{"a":"é"}\n',
    '{"b":"',
    BAD.C3_28,
    '"}\n',
    '{"c":"😀"}\r\n',
    '{"d":"',
    BAD.FF,
    '"}\n',
    '\n',
    '{"e":"',
    BAD.SURROGATE,
    '"}\n{"f":"',
    BAD.OVERLONG,
    '"}\n{"g":"',
    BAD.CUT,
    '"}\n',
    '{"h":"€"}\n',
    '{"i":"',
    BAD.CUT,
  );
  const EXPECTED: Item[] = [
    { line: 1, value: { a: 'é' } },
    { line: 2, error: NOT_UTF8 },
    { line: 3, value: { c: '😀' } },
    { line: 4, error: NOT_UTF8 },
    { line: 6, error: NOT_UTF8 },
    { line: 7, error: NOT_UTF8 },
    { line: 8, error: NOT_UTF8 },
    { line: 9, value: { h: '€' } },
    { line: 10, error: NOT_UTF8 }, // a character left unfinished at the end of the body
  ];

  test.each(SIZES)('NDJSON: each line that is not UTF-8 is rejected with its number, whatever the chunking (%i-byte chunks)', async (size) => {
    expect(await all(ndjsonItems(stream(chunked(NDJSON, size))))).toEqual(EXPECTED);
  });

  test('NDJSON: characters cut by chunk boundaries are read whole', async () => {
    const chunks = [
      bytes('{"a":"', [0xc3]),
      bytes([0xa9], '"}\n{"b":"', [0xf0, 0x9f]),
      bytes([0x98]),
      bytes([0x80], '"}\n{"c":"', [0xe2, 0x82]),
      bytes([0xac], '"}'),
    ];
    expect(await all(ndjsonItems(stream(chunks)))).toEqual([
      { line: 1, value: { a: 'é' } },
      { line: 2, value: { b: '😀' } },
      { line: 3, value: { c: '€' } },
    ]);
  });

  test.each(SIZES)('CSV: a record with a line that is not UTF-8 is rejected where it starts (%i-byte chunks)', async (size) => {
    const body = bytes('key,name\n', 'a,Zoë\n', 'b,', BAD.C3_28, '\n', 'c,"one\ntw', BAD.FF, 'o"\n', '\n', 'd,"€\n😀"\r\n', 'e,', BAD.CUT);
    expect(await all(csvItems(stream(chunked(body, size)), (row) => row))).toEqual([
      { line: 2, value: { key: 'a', name: 'Zoë' } },
      { line: 3, error: NOT_UTF8 },
      { line: 4, error: NOT_UTF8 }, // its second line holds the byte
      { line: 7, value: { key: 'd', name: '€\n😀' } },
      { line: 9, error: NOT_UTF8 },
    ]);
  });

  test('NDJSON, random bodies and chunkings: the same items as reading the whole body line by line', async () => {
    // Each line alone: rejected if its bytes are not UTF-8, else read as text.
    const reference = (body: Buffer) => {
      const lines: Buffer[] = [];
      for (let s = 0; s <= body.length;) {
        const nl = body.indexOf(10, s);
        lines.push(body.subarray(s, nl === -1 ? body.length : nl));
        s = nl === -1 ? body.length + 1 : nl + 1;
      }
      if (lines.at(-1)!.length === 0) lines.pop(); // a trailing line break adds no line
      return lines.map((b, i) => (isUtf8(b) ? lineItem(b.toString('utf8'), i + 1) : lineItem('', i + 1, false, true))).filter((i): i is Item => i !== null);
    };
    const piece = fc.constantFrom<(string | number[])[]>(
      ['{"a":"é"}'],
      ['{"b":"😀€"}'],
      ['\n'],
      ['\r\n'],
      ['{"c":1}'],
      ['"x"'],
      ['{'],
      [' '],
      ['\uFEFF'],
      [BAD.C3_28],
      [BAD.FF],
      [BAD.SURROGATE],
      [BAD.OVERLONG],
      [BAD.CUT],
      [[0xf0, 0x9f, 0x98]],
      [[0x80]],
    );
    const arbitrary = fc.tuple(fc.array(piece, { maxLength: 30 }), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 8 }));
    await fc.assert(
      fc.asyncProperty(arbitrary, async ([pieces, sizes]) => {
        const body = bytes(...pieces.flat());
        const chunks: Buffer[] = [];
        for (let i = 0, k = 0; i < body.length; k++) chunks.push(body.subarray(i, (i += sizes[k % sizes.length]!)));
        const expected = reference(body);
        expect(await all(ndjsonItems(stream(chunks)))).toEqual(expected);
        // readLines (the columnar path's reader) the same, its in-chunk lines checked as the import does.
        const fromReadLines: Item[] = [];
        const take = (item: Item | null) => (item && fromReadLines.push(item), false);
        const sink = {
          text: (text: string, line: number, tooLong: boolean, notUtf8?: boolean) => take(lineItem(text, line, tooLong, notUtf8)),
          bytes: (chunk: Buffer, s: number, e: number, line: number) =>
            take(lineItem(chunk.toString('utf8', s, e), line, false, !isUtf8(chunk.subarray(s, e)))),
        };
        await readLines(stream(chunks), sink, async () => undefined);
        expect(fromReadLines).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  test('CSV: a header that is not UTF-8 stops the reading at line 1', async () => {
    const items = await all(csvItems(stream([bytes('key,na', BAD.FF, 'me\na,1\n')]), (row) => row));
    expect(items).toEqual([{ line: 1, error: expect.stringContaining('the header is not valid UTF-8') }]);
  });
});

describe('the import, on this run’s database', () => {
  let db: TestDb;
  const run = (entity: ImportEntity, body: Buffer, format: 'ndjson' | 'csv', size: number) =>
    importStream(db.knex, entity, stream(chunked(body, size)), format, { batchSize: 2 });
  const rejected = (lines: number[]) => lines.map((line) => ({ line, error: NOT_UTF8 }));
  const noReplacement = async (table: string, column: string) => (await db.knex(table).pluck(column)).filter((v: string | null) => v?.includes('\uFFFD'));

  beforeAll(async () => {
    db = await createTestDb();
    await importStream(db.knex, 'card-systems', stream([Buffer.from('{"key":"cs","name":"CS"}\n')]), 'ndjson');
  });
  afterAll(async () => db?.destroy());

  test.each(SIZES)('pass holders from NDJSON and CSV: the lines that are not UTF-8 rejected, the others stored (%i-byte chunks)', async (size) => {
    await db.knex('seg_holder_card_systems').delete();
    await db.knex('seg_holders').delete();
    const holder = (uid: string, ...name: (string | number[])[]) => bytes(`{"uid":"${uid}","firstName":"`, ...name, '","lastName":"L","cardSystems":["cs"]}\n');
    const nd = bytes(holder('n1', 'Zoë'), holder('n2', 'Jos', BAD.C3_28), holder('n3', '😀'), holder('n4', BAD.FF), holder('n5', 'Chloé'));
    expect(await run('pass-holders', nd, 'ndjson', size)).toEqual({ entity: 'pass-holders', received: 5, inserted: 3, updated: 0, rejected: rejected([2, 4]) });
    const csv = bytes('uid,firstName,lastName\n', 'c1,Zoë,L\n', 'c2,Jos', BAD.C3_28, ',L\n', 'c3,', BAD.FF, ',L\n', 'c4,"Chlo', [0xc3, 0xa9], '",L');
    expect(await run('pass-holders', csv, 'csv', size)).toEqual({ entity: 'pass-holders', received: 4, inserted: 2, updated: 0, rejected: rejected([3, 4]) });
    expect(await db.knex('seg_holders').orderBy('uid').pluck('first_name')).toEqual(['Zoë', 'Chloé', 'Zoë', '😀', 'Chloé']);
    expect(await noReplacement('seg_holders', 'first_name')).toEqual([]);
  });

  // On Postgres, actions from NDJSON take the columnar path (imports/fast/): plain lines are read from the bytes.
  test.each(SIZES)('actions from NDJSON (the columnar path on Postgres) and CSV (%i-byte chunks)', async (size) => {
    await db.knex('seg_actions').delete();
    await importStream(db.knex, 'pass-holders', stream([Buffer.from('{"uid":"h1","firstName":"F","lastName":"L"}\n')]), 'ndjson');
    const action = (key: string | (string | number[])[], type = 'CHECKIN') =>
      bytes('{"key":"', ...[key].flat(), `","holder":"h1","type":"${type}","at":"2024-01-01T10:00:00Z"}\n`);
    const nd = bytes(action('a1'), action(['a2', BAD.C3_28]), action('a3'), action(['a4', BAD.FF]), action('a5'), action(['a6é']), action(['a7', BAD.CUT]));
    expect(await run('actions', nd, 'ndjson', size)).toEqual({ entity: 'actions', received: 7, inserted: 4, updated: 0, rejected: rejected([2, 4, 7]) });
    const csv = bytes(
      'key,holder,type,at\n',
      'b1,h1,VISIT,2024-01-01T10:00:00Z\n',
      'b2',
      BAD.FF,
      ',h1,VISIT,2024-01-01T10:00:00Z\n',
      'b3é,h1,VISIT,2024-01-01T10:00:00Z\n',
    );
    expect(await run('actions', csv, 'csv', size)).toEqual({ entity: 'actions', received: 3, inserted: 2, updated: 0, rejected: rejected([3]) });
    expect(await db.knex('seg_actions').orderBy('key').pluck('key')).toEqual(['a1', 'a3', 'a5', 'a6é', 'b1', 'b3é']);
  });
});
