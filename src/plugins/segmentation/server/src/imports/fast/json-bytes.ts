/**
 * Byte-level checks of a JSON action line for the fast path (scanner.ts): the structural bytes, the
 * characters that stand for themselves in a string, and the shapes the schema keeps unchanged.
 */
import { BACKSLASH } from './copy-text';

export const Q = 34; // "
export const COMMA = 44;
export const COLON = 58;
export const OPEN = 123;
export const CLOSE = 125;

/** Bytes that stand for themselves inside a JSON string: printable ASCII but `"` and `\\`. */
export const PLAIN_CHAR = new Uint8Array(256);
for (let c = 0x20; c <= 0x7e; c++) if (c !== Q && c !== BACKSLASH) PLAIN_CHAR[c] = 1;

/**
 * A key the schema keeps as is (records/plain.ts, PLAIN_KEY): 1-255 printable ASCII characters without a
 * space at either end (that they are printable ASCII without escapes, the scan checked).
 */
export const plainKey = (b: Uint8Array, s: number, e: number) => e - s >= 1 && e - s <= 255 && b[s] !== 32 && b[e - 1] !== 32;

/** An action type (records/plain.ts, ACTION_TYPE): [A-Z][A-Z0-9_]*, at most 32 characters. */
export function isActionType(b: Uint8Array, s: number, e: number): boolean {
  const n = e - s;
  if (n < 1 || n > 32) return false;
  let c = b[s]!;
  if (c < 65 || c > 90) return false;
  for (let i = s + 1; i < e; i++) {
    c = b[i]!;
    if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95)) return false;
  }
  return true;
}

export const sameBytes = (b: Uint8Array, s: number, e: number, word: string) => {
  if (e - s !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (b[s + i] !== word.charCodeAt(i)) return false;
  return true;
};
