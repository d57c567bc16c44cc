/** CSV bodies with a header line (records/csv-cells.ts turns a row's cells into values). */
import { Parser } from 'csv-parse';
import { InvalidLines, NOT_UTF8 } from './utf8';
import { MAX_LINE_CHARS, type Item } from './items';

const newlines = (values: Record<string, string>) => {
  let n = 0;
  for (const v of Object.values(values)) for (let i = v.indexOf('\n'); i !== -1; i = v.indexOf('\n', i + 1)) n += 1;
  return n;
};

type CsvRecord = { record: Record<string, string>; info: { empty_lines: number; error?: { message: string } } };
/** csv-parse's synchronous core (what its stream runs on): records and errors come in body order. */
interface ParserApi {
  options: { columns: unknown };
  info: { lines: number; empty_lines: number };
  parse(chunk: Buffer | undefined, end: boolean, push: (r: CsvRecord) => void, close: () => void): (Error & { empty_lines?: number }) | undefined;
}

/**
 * CSV with a header line. A record starts on the line after the previous one ended, past any
 * empty lines, and spans as many lines as its quoted cells hold line breaks. A record with the
 * wrong number of cells, or with a line that is not UTF-8 (utf8.ts), is rejected; an unreadable
 * structure (a quote never closed, a header that is not UTF-8) rejects the record where it starts
 * and ends the reading: what comes after it cannot be told apart.
 */
export async function* csvItems(body: AsyncIterable<Buffer | string>, toValue: (record: Record<string, string>) => unknown): AsyncGenerator<Item[]> {
  const invalid = new InvalidLines();
  let lastEnd = 1; // the header (line 1) ends the "previous record" of the first one
  let lastEmpty = 0;
  let stopped = false;
  const options = {
    columns: (header: string[]) => {
      // The header ends where the parser is (after any empty lines, and lines within quoted names).
      [lastEnd, lastEmpty] = [api.info.lines, api.info.empty_lines];
      if (invalid.any(1, lastEnd)) throw new Error(`the header is ${NOT_UTF8}`);
      return header.map((name) => name.trim()); // "key, name" names `name`
    },
    bom: true,
    record_delimiter: ['\r\n', '\n'], // Windows and Unix line ends, even mixed in one body
    skip_empty_lines: true,
    info: true,
    relax_column_count: true, // a record with the wrong number of cells is rejected here, not fatal
    relax_quotes: true, // a quote inside an unquoted cell (9000 "Gent") is text
    max_record_size: MAX_LINE_CHARS, // a quote never closed does not gather the rest of the body
  };
  const { api } = new Parser(options) as unknown as { api: ParserApi };
  const step = (chunk: Buffer | undefined, end: boolean): Item[] => {
    const items: Item[] = [];
    const push = ({ record, info }: CsvRecord) => {
      const line = lastEnd + 1 + info.empty_lines - lastEmpty;
      [lastEnd, lastEmpty] = [line + newlines(record), info.empty_lines];
      if (invalid.any(line, lastEnd)) items.push({ line, error: NOT_UTF8 });
      else items.push(info.error ? { line, error: 'wrong number of cells for the header' } : { line, value: toValue(record) });
    };
    // Lines are checked before the parser reads them: a record is whole only once its line break came.
    if (chunk) invalid.scan(chunk);
    else invalid.end();
    const error = api.parse(chunk, end, push, () => undefined);
    if (error) {
      stopped = true;
      const empty = (error.empty_lines ?? lastEmpty) - lastEmpty;
      const line = Array.isArray(api.options.columns) ? lastEnd + 1 + empty : 1 + empty; // else: in the header
      items.push({ line, error: `unreadable CSV, the import stopped here: ${error.message}` });
    }
    return items;
  };
  for await (const chunk of body) {
    const items = step(typeof chunk === 'string' ? Buffer.from(chunk) : chunk, false);
    if (items.length) yield items;
    if (stopped) return;
  }
  const items = step(undefined, true);
  if (items.length) yield items;
}
