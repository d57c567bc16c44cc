/** Reading import bodies: line numbers (from 1; the CSV header is line 1), chunk boundaries, broken input. */
import { csvItems } from '../../src/plugins/segmentation/server/src/imports/readers/csv';
import { MAX_LINE_CHARS, type Item } from '../../src/plugins/segmentation/server/src/imports/readers/items';
import { ndjsonItems } from '../../src/plugins/segmentation/server/src/imports/readers/ndjson';

/** The body as a stream of `size`-byte chunks (1: every byte apart, splitting characters and line ends). */
function chunked(text: string, size: number): AsyncIterable<Buffer> {
  const bytes = Buffer.from(text, 'utf8');
  return (async function* () {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  })();
}

async function all(items: AsyncGenerator<Item[]>): Promise<Item[]> {
  const out: Item[] = [];
  for await (const chunk of items) out.push(...chunk);
  return out;
}

const nd = (text: string, size = 1) => all(ndjsonItems(chunked(text, size)));
const csv = (text: string, size = 1) => all(csvItems(chunked(text, size), (row) => row));

describe('NDJSON lines', () => {
  test.each([1, 3, 64 * 1024])('numbers every line, blank ones too, whatever the chunking (%i-byte chunks)', async (size) => {
    const text = '\uFEFF{"a":1}\r\n\n   \n{"b":"é😀"}\n{broken\n{"c":3}';
    expect(await nd(text, size)).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 4, value: { b: 'é😀' } },
      { line: 5, error: expect.stringMatching(/^invalid JSON/) },
      { line: 6, value: { c: 3 } },
    ]);
  });

  test('a trailing newline adds no line; an empty body has none', async () => {
    expect(await nd('{"a":1}\n')).toEqual([{ line: 1, value: { a: 1 } }]);
    expect(await nd('')).toEqual([]);
  });

  test('a line longer than the limit is rejected without being held, and reading goes on', async () => {
    const long = `{"a":"${'x'.repeat(MAX_LINE_CHARS + 10)}"}`;
    const short = (items: Item[]) => items.map((i) => ('error' in i ? i : { line: i.line, value: JSON.stringify(i.value).slice(0, 20) }));
    expect(short(await nd(`${long}\n{"b":2}\n`, 1024 * 1024))).toEqual([
      { line: 1, error: expect.stringContaining('longer than') },
      { line: 2, value: '{"b":2}' },
    ]);
    expect(short(await nd(`${long}\n{"b":2}\n`, 64 * 1024))).toEqual(short(await nd(`${long}\n{"b":2}\n`, 1024 * 1024)));
  });
});

describe('CSV records', () => {
  test.each([1, 5, 64 * 1024])('a record spanning lines is numbered where it starts (%i-byte chunks)', async (size) => {
    const text = 'key,name\na,"one\ntwo"\n\nb,"x\r\ny\r\nz"\r\nc,3\nd,"q""uote"';
    expect(await csv(text, size)).toEqual([
      { line: 2, value: { key: 'a', name: 'one\ntwo' } },
      { line: 5, value: { key: 'b', name: 'x\r\ny\r\nz' } },
      { line: 8, value: { key: 'c', name: '3' } },
      { line: 9, value: { key: 'd', name: 'q"uote' } },
    ]);
  });

  test('a record with the wrong number of cells is rejected, the rest is read', async () => {
    expect(await csv('key,name\na,1\nb,2,3\nc\n  \nd,4\n')).toEqual([
      { line: 2, value: { key: 'a', name: '1' } },
      { line: 3, error: 'wrong number of cells for the header' },
      { line: 4, error: 'wrong number of cells for the header' },
      { line: 5, error: 'wrong number of cells for the header' },
      { line: 6, value: { key: 'd', name: '4' } },
    ]);
  });

  test('a quote never closed rejects the record where it starts and stops the reading', async () => {
    expect(await csv('key,name\na,1\n\n"b,2\nc,3\nd,4\n')).toEqual([
      { line: 2, value: { key: 'a', name: '1' } },
      { line: 4, error: expect.stringContaining('unreadable CSV') },
    ]);
    expect(await csv('key,"name\na,1\n')).toEqual([{ line: 1, error: expect.stringContaining('unreadable CSV') }]);
    const endless = `key,name\na,1\nb,"${'x\n'.repeat(MAX_LINE_CHARS / 2 + 10)}`;
    expect(await csv(endless, 64 * 1024)).toEqual([
      { line: 2, value: { key: 'a', name: '1' } },
      { line: 3, error: expect.stringContaining('unreadable CSV') },
    ]);
  });

  test('a byte-order mark, spaces around header names and a stray quote inside a cell', async () => {
    expect(await csv('\uFEFFkey, name \na,9000 "Gent"\n')).toEqual([{ line: 2, value: { key: 'a', name: '9000 "Gent"' } }]);
  });
});
