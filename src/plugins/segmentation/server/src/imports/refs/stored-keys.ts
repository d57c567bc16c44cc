/**
 * Keys as the import remembers them (cache.ts): a key of digits only as a number (`digitKey`), any
 * other as its text; and the keys of a whole table read from Postgres's COPY text (`readKeyRows`),
 * the digit-only ones without making a string.
 */

/**
 * A key of digits only (pass numbers, uids like `0002100400`) as a small number, `-1` for any other:
 * the digits' value times 16 plus their count (leading zeros count), so that different keys never
 * meet. Such keys are remembered under this number: no string kept per id, about half the memory.
 */
export function digitKey(key: string): number {
  const n = key.length;
  if (n === 0 || n > 14) return -1;
  let value = 0;
  for (let i = 0; i < n; i++) {
    const c = key.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value * 16 + n;
}

/** A row of a table's keys: its id, and its key as digitKey (then `key` is null) or as text (digits -1). */
export type KeyRow = (id: number, digits: number, key: string | null) => void;

const TAB = 9;
const NL = 10;
/** COPY text's escapes (what `COPY ... TO` writes for a backslash and control characters). */
const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** One line of `id<TAB>key` from s to e. */
function keyRow(b: Buffer, s: number, e: number, each: KeyRow): void {
  let id = 0;
  let i = s;
  for (; b[i] !== TAB; i++) id = id * 10 + (b[i]! - 48);
  i++;
  const n = e - i;
  if (n >= 1 && n <= 14) {
    let value = 0;
    let k = i;
    for (; k < e; k++) {
      const c = b[k]! - 48;
      if (c < 0 || c > 9) break;
      value = value * 10 + c;
    }
    if (k === e) return each(id, value * 16 + n, null);
  }
  const text = b.toString('utf8', i, e);
  each(id, -1, text.includes('\\') ? text.replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? c) : text);
}

/** Reads the text of `COPY (SELECT id, key ...) TO STDOUT` (an integer id and a text key, a row a line). */
export async function readKeyRows(source: AsyncIterable<Buffer>, each: KeyRow): Promise<void> {
  let rest: Buffer | null = null;
  for await (const chunk of source) {
    const b: Buffer = rest ? Buffer.concat([rest, chunk]) : chunk;
    let at = 0;
    for (let nl = b.indexOf(NL, at); nl >= 0; nl = b.indexOf(NL, at)) {
      keyRow(b, at, nl, each);
      at = nl + 1;
    }
    rest = at < b.length ? b.subarray(at) : null;
  }
  if (rest) throw new Error('the COPY output ended inside a row');
}
