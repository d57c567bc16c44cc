/**
 * The body's records with their line numbers (counted from 1; in CSV the header is line 1), read
 * chunk by chunk: each step yields what one chunk held, so the caller's pace is the reading pace
 * (backpressure) and memory stays bounded whatever the body size.
 */
import { StringDecoder } from 'string_decoder';
import { Parser } from 'csv-parse';

export type Item = { line: number; value: unknown } | { line: number; error: string };

/** A longer NDJSON line is rejected (and skipped), a longer CSV record ends the reading, rather than being buffered. */
export const MAX_LINE_CHARS = 4 * 1024 * 1024;

const NOT_BLANK = /\S/;

/** One NDJSON line (without its line end): its value, its error, or null for a blank line. */
export function ndjsonItem(text: string, line: number): Item | null {
  const body = text.endsWith('\r') ? text.slice(0, -1) : text;
  if (!NOT_BLANK.test(body)) return null;
  try {
    return { line, value: JSON.parse(line === 1 && body.charCodeAt(0) === 0xfeff ? body.slice(1) : body) };
  } catch (error) {
    return { line, error: `invalid JSON: ${(error as Error).message}` };
  }
}

/** NDJSON: one JSON value a line; blank lines are skipped (they still count for line numbers). */
export async function* ndjsonItems(body: AsyncIterable<Buffer | string>): AsyncGenerator<Item[]> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let tooLong = false;
  let line = 0;
  const take = (text: string, items: Item[]) => {
    line += 1;
    const item = tooLong || text.length > MAX_LINE_CHARS ? { line, error: `line longer than ${MAX_LINE_CHARS} characters` } : ndjsonItem(text, line);
    tooLong = false;
    if (item) items.push(item);
  };
  for await (const chunk of body) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    const items: Item[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      take(rest + text.slice(start, nl), items);
      rest = '';
      start = nl + 1;
    }
    rest += text.slice(start);
    if (rest.length > MAX_LINE_CHARS) [rest, tooLong] = ['', true];
    if (items.length) yield items;
  }
  rest += decoder.end();
  const items: Item[] = [];
  if (rest !== '' || tooLong) take(rest, items);
  if (items.length) yield items;
}

/**
 * Where `readLines` hands each line: a line begun and ended within one chunk of bytes as those
 * bytes (from s to e of the chunk, without the \n), any other as text (begun in an earlier chunk,
 * or from a text chunk that is not ASCII). Blank lines are handed over too. `tooLong`: the line
 * outgrew MAX_LINE_CHARS while it was gathered (then `text` is what came after). Each returns true
 * to have `pause` awaited before the next line.
 */
export interface LineSink {
  text(text: string, line: number, tooLong: boolean): boolean;
  bytes(chunk: Buffer, s: number, e: number, line: number): boolean;
}

/**
 * The lines of an NDJSON body as ndjsonItems reads them (same numbers, same text once decoded),
 * without decoding the lines that stay within one chunk: a line break ends any character, so such a
 * line decodes alone exactly as it does within the body. Text chunks that are ASCII are read as
 * bytes (one a character).
 */
export async function readLines(body: AsyncIterable<Buffer | string>, sink: LineSink, pause: () => Promise<void>): Promise<void> {
  const decoder = new StringDecoder('utf8');
  let rest = ''; // the line begun in an earlier chunk, decoded
  let held = false; // bytes of that line went to the decoder (which may hold part of a character)
  let tooLong = false;
  let line = 0;
  const text = (t: string) => {
    const long = tooLong;
    tooLong = false;
    return sink.text(t, ++line, long);
  };
  const keep = (t: string) => {
    rest += t;
    if (rest.length > MAX_LINE_CHARS) [rest, tooLong] = ['', true];
  };
  for await (const chunk of body) {
    let buf: Buffer;
    if (typeof chunk !== 'string') buf = chunk;
    else {
      if (!held && Buffer.byteLength(chunk, 'utf8') === chunk.length) buf = Buffer.from(chunk, 'latin1'); // ASCII
      else {
        let start = 0;
        for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
          const t = rest + chunk.slice(start, nl);
          rest = '';
          start = nl + 1;
          if (text(t)) await pause();
        }
        keep(chunk.slice(start));
        continue;
      }
    }
    let nl = buf.indexOf(10);
    if (nl === -1) {
      if (buf.length > 0) {
        keep(decoder.write(buf));
        held = true;
      }
      continue;
    }
    let start = 0;
    if (rest !== '' || tooLong || held) {
      // The line begun in an earlier chunk, as text (its \n ends a pending character).
      const t = rest + decoder.write(buf.subarray(0, nl + 1)).slice(0, -1);
      rest = '';
      held = false;
      start = nl + 1;
      if (text(t)) await pause();
      nl = buf.indexOf(10, start);
    }
    for (; nl !== -1; nl = buf.indexOf(10, start)) {
      const stop = sink.bytes(buf, start, nl, ++line);
      start = nl + 1;
      if (stop) await pause();
    }
    if (start < buf.length) {
      keep(decoder.write(buf.subarray(start)));
      held = true;
    }
  }
  rest += decoder.end();
  if ((rest !== '' || tooLong) && text(rest)) await pause();
}

const newlines = (values: Record<string, string>) => {
  let n = 0;
  for (const v of Object.values(values)) for (let i = v.indexOf('\n'); i !== -1; i = v.indexOf('\n', i + 1)) n += 1;
  return n;
};

type CsvRecord = { record: Record<string, string>; info: { empty_lines: number; error?: { message: string } } };
/** csv-parse's synchronous core (what its stream runs on): records and errors come in body order. */
interface ParserApi {
  options: { columns: unknown };
  parse(chunk: Buffer | undefined, end: boolean, push: (r: CsvRecord) => void, close: () => void): (Error & { empty_lines?: number }) | undefined;
}

/**
 * CSV with a header line. A record starts on the line after the previous one ended, past any
 * empty lines, and spans as many lines as its quoted cells hold line breaks. A record with the
 * wrong number of cells is rejected; an unreadable structure (a quote never closed) rejects the
 * record where it starts and ends the reading: what comes after it cannot be told apart.
 */
export async function* csvItems(body: AsyncIterable<Buffer | string>, toValue: (record: Record<string, string>) => unknown): AsyncGenerator<Item[]> {
  const options = {
    columns: (header: string[]) => header.map((name) => name.trim()), // "key, name" names `name`
    bom: true,
    record_delimiter: ['\r\n', '\n'], // Windows and Unix line ends, even mixed in one body
    skip_empty_lines: true,
    info: true,
    relax_column_count: true, // a record with the wrong number of cells is rejected here, not fatal
    relax_quotes: true, // a quote inside an unquoted cell (9000 "Gent") is text
    max_record_size: MAX_LINE_CHARS, // a quote never closed does not gather the rest of the body
  };
  const { api } = new Parser(options) as unknown as { api: ParserApi };
  let lastEnd = 1; // the header (line 1) ends the "previous record" of the first one
  let lastEmpty = 0;
  let stopped = false;
  const step = (chunk: Buffer | undefined, end: boolean): Item[] => {
    const items: Item[] = [];
    const push = ({ record, info }: CsvRecord) => {
      const line = lastEnd + 1 + info.empty_lines - lastEmpty;
      [lastEnd, lastEmpty] = [line + newlines(record), info.empty_lines];
      items.push(info.error ? { line, error: 'wrong number of cells for the header' } : { line, value: toValue(record) });
    };
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
