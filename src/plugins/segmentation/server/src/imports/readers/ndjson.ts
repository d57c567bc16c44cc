/**
 * NDJSON bodies: one JSON value a line, blank lines skipped (they still count for line numbers).
 * `ndjsonItems` yields each chunk's items; `readLines` hands each line to a sink, as bytes where it
 * can (the fast path reads those itself: fast/).
 */
import { CarriedLine, NOT_UTF8, isUtf8 } from './utf8';
import { MAX_LINE_CHARS, type Item } from './items';

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

/**
 * An NDJSON line as read (its text, and whether it outgrew MAX_LINE_CHARS or is not UTF-8): its
 * item, or null for a blank line.
 */
export function lineItem(text: string, line: number, tooLong = false, notUtf8 = false): Item | null {
  if (notUtf8) return { line, error: NOT_UTF8 };
  if (tooLong || text.length > MAX_LINE_CHARS) return { line, error: `line longer than ${MAX_LINE_CHARS} characters` };
  return ndjsonItem(text, line);
}

/**
 * NDJSON: one JSON value a line; blank lines are skipped (they still count for line numbers).
 * Lines are found in the bytes (utf8.ts), so a line that is not UTF-8 is rejected alone.
 */
export async function* ndjsonItems(body: AsyncIterable<Buffer | string>): AsyncGenerator<Item[]> {
  const carried = new CarriedLine(MAX_LINE_CHARS);
  let line = 0;
  let items: Item[] = [];
  const add = (item: Item | null) => {
    if (item) items.push(item);
  };
  const endCarried = () => {
    const { text, tooLong, notUtf8 } = carried.end();
    add(lineItem(text, ++line, tooLong, notUtf8));
  };
  for await (const chunk of body) {
    if (typeof chunk === 'string') {
      let start = 0;
      for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
        carried.textPart(chunk.slice(start, nl));
        endCarried();
        start = nl + 1;
      }
      carried.textPart(chunk.slice(start));
    } else {
      const first = chunk.indexOf(10);
      if (first === -1) {
        carried.bytes(chunk);
        continue;
      }
      carried.bytes(chunk.subarray(0, first));
      endCarried();
      const last = chunk.lastIndexOf(10);
      if (last > first) {
        // The lines between the first and the last line break: decoded at once if they are all valid.
        const run = chunk.subarray(first + 1, last);
        if (isUtf8(run)) for (const text of run.toString('utf8').split('\n')) add(lineItem(text, ++line));
        else {
          for (let s = first + 1; s <= last;) {
            const nl = chunk.indexOf(10, s);
            const bytes = chunk.subarray(s, nl);
            add(isUtf8(bytes) ? lineItem(bytes.toString('utf8'), ++line) : lineItem('', ++line, false, true));
            s = nl + 1;
          }
        }
      }
      carried.bytes(chunk.subarray(last + 1));
    }
    if (items.length) yield items;
    items = [];
  }
  if (carried.pending) endCarried();
  if (items.length) yield items;
}

/**
 * Where `readLines` hands each line: a line begun and ended within one chunk of bytes as those
 * bytes (from s to e of the chunk, without the \n; the sink checks they are UTF-8 unless it reads
 * them as ASCII), any other as text (begun in an earlier chunk, or from a text chunk that is not
 * ASCII). Blank lines are handed over too. `tooLong`: the line outgrew MAX_LINE_CHARS while it was
 * gathered (then `text` is empty); `notUtf8`: its bytes are not valid UTF-8 (then `text` is empty).
 * Each returns true to have `pause` awaited before the next line.
 */
export interface LineSink {
  text(text: string, line: number, tooLong: boolean, notUtf8?: boolean): boolean;
  bytes(chunk: Buffer, s: number, e: number, line: number): boolean;
}

/**
 * The lines of an NDJSON body as ndjsonItems reads them (same numbers, same text once decoded),
 * without decoding the lines that stay within one chunk: a line break ends any character, so such a
 * line decodes alone exactly as it does within the body. Text chunks that are ASCII are read as
 * bytes (one a character).
 */
export async function readLines(body: AsyncIterable<Buffer | string>, sink: LineSink, pause: () => Promise<void>): Promise<void> {
  const carried = new CarriedLine(MAX_LINE_CHARS); // the line begun in an earlier chunk
  let line = 0;
  const text = () => {
    const { text: t, tooLong, notUtf8 } = carried.end();
    return sink.text(t, ++line, tooLong, notUtf8);
  };
  for await (const chunk of body) {
    let buf: Buffer;
    if (typeof chunk !== 'string') buf = chunk;
    else if (Buffer.byteLength(chunk, 'utf8') === chunk.length)
      buf = Buffer.from(chunk, 'latin1'); // ASCII
    else {
      let start = 0;
      for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
        carried.textPart(chunk.slice(start, nl));
        start = nl + 1;
        if (text()) await pause();
      }
      carried.textPart(chunk.slice(start));
      continue;
    }
    let nl = buf.indexOf(10);
    if (nl === -1) {
      carried.bytes(buf);
      continue;
    }
    let start = 0;
    if (carried.pending) {
      // The line begun in an earlier chunk, as text.
      carried.bytes(buf.subarray(0, nl));
      start = nl + 1;
      if (text()) await pause();
      nl = buf.indexOf(10, start);
    }
    for (; nl !== -1; nl = buf.indexOf(10, start)) {
      const stop = sink.bytes(buf, start, nl, ++line);
      start = nl + 1;
      if (stop) await pause();
    }
    carried.bytes(buf.subarray(start));
  }
  if (carried.pending && text()) await pause();
}
