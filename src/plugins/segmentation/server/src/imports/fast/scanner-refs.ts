/**
 * The fast path's reference lookups: what reading action lines needs besides the batch (the cache's
 * maps per kind, a table of text keys by their bytes, the local day of an instant), and the lookup of
 * one key's id straight from the line's bytes.
 */
import type { RefCache } from '../refs/cache';
import type { DigitMap } from '../refs/digit-map';
import type { ActionBatch } from './batch';
import { KeyTable } from './key-table';
import { LocalDays } from './instants';
import { REF_KINDS, UNKNOWN } from './copy-text';

/**
 * What reading action lines needs besides the batch: the reference cache's maps of each slot's
 * kind (stable objects, fetched once), a table of text keys by their bytes, and the local day of
 * an instant (instants.ts).
 */
export class Scanner {
  readonly text: Map<string, number>[] = [];
  readonly digits: DigitMap[] = [];
  readonly tables: KeyTable[] = [];
  readonly localDays: LocalDays;

  constructor(
    readonly cache: RefCache,
    readonly timeZone: string,
  ) {
    for (const kind of REF_KINDS) {
      const [text, digits] = cache.maps(kind);
      this.text.push(text);
      this.digits.push(digits);
      this.tables.push(new KeyTable());
    }
    this.localDays = new LocalDays(timeZone);
  }
}

/** The id of a key in the cache, or UNKNOWN with the key noted among the batch's misses. */
export function lookup(batch: ActionBatch, refs: Scanner, b: Buffer, s: number, e: number, line: number, slot: number): number {
  // digitKey (refs/stored-keys.ts) without making the string
  let d = -1;
  const n = e - s;
  if (n <= 14) {
    d = 0;
    for (let i = s; i < e; i++) {
      const c = b[i]! - 48;
      if (c < 0 || c > 9) {
        d = -1;
        break;
      }
      d = d * 10 + c;
    }
    if (d >= 0) d = d * 16 + n;
  }
  if (d >= 0) {
    const id = refs.digits[slot]!.get(d);
    if (id !== undefined) return id;
  } else {
    const table = refs.tables[slot]!;
    const h = KeyTable.hash(b, s, e);
    const known = table.get(b, s, e, h);
    if (!Number.isNaN(known)) return known;
    const id = refs.text[slot]!.get(b.toString('latin1', s, e));
    if (id !== undefined) {
      table.set(b, s, e, h, id);
      return id;
    }
  }
  batch.misses.push(line, slot, b.toString('latin1', s, e));
  return UNKNOWN;
}
