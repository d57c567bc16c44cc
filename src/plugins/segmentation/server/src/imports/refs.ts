/**
 * Resolution of the keys a batch refers to (holder uid, counter, event, ...) to database ids, with
 * one query per kind per batch. Ids found are remembered for the rest of the import: the import
 * only ever adds records and an upsert keeps a record's id, so a key once found keeps its id.
 * Keys not found are asked again by later batches (they may have been imported meanwhile).
 * Once an import has asked for a good share of a table's keys (a large load), the whole table's
 * keys are read at once instead (`RefCache.find`): far cheaper than looking them up batch by batch.
 */
import type { Knex } from 'knex';
import { REFERENCE_TABLES } from '../common/reference-tables';
import type { RefKind } from './entities';
import { forEachKey, idsByKey, tableRows } from './queries';
import { digitKey } from './stored-keys';

export { digitKey } from './stored-keys';

export type RefIds = Map<RefKind, Map<string, number>>;

/**
 * digitKey -> id, in typed arrays (open addressing): no object per entry and no boxed number per
 * look-up (digit keys of 10 digits are past the small integers a Map keeps unboxed). Keeps the
 * insertion order as a Map does, for `dropOlder`. Keys are digitKey values (>= 1): 0 marks an
 * empty slot.
 */
export class DigitMap {
  private mask = 1023;
  /** Key and id of each slot, side by side (one cache line a look-up). */
  private entries = new Float64Array(2048);
  private order = new Float64Array(1024);
  /** Live entries have the orders first..next-1 (entries are only dropped oldest first). */
  private first = 0;
  private next = 0;

  get size(): number {
    return this.next - this.first;
  }

  private static slot(key: number, mask: number): number {
    const h = Math.imul((key >>> 0) ^ Math.imul(Math.floor(key / 4294967296) >>> 0, 0x9e3779b1), 0x85ebca6b);
    return (h ^ (h >>> 15)) & mask;
  }

  get(key: number): number | undefined {
    const { entries, mask } = this;
    for (let i = DigitMap.slot(key, mask); entries[2 * i] !== 0; i = (i + 1) & mask) if (entries[2 * i] === key) return entries[2 * i + 1];
    return undefined;
  }

  /** Sets the id of a key; a key already there keeps its place in the order (as in a Map). */
  set(key: number, id: number): void {
    const { entries, mask } = this;
    let i = DigitMap.slot(key, mask);
    for (; entries[2 * i] !== 0; i = (i + 1) & mask) {
      if (entries[2 * i] === key) {
        entries[2 * i + 1] = id;
        return;
      }
    }
    entries[2 * i] = key;
    entries[2 * i + 1] = id;
    this.order[i] = this.next++;
    if (this.size * 4 > (this.mask + 1) * 3) this.rebuild((this.mask + 1) * 2, this.first);
  }

  /** Forgets the `count` oldest entries. */
  dropOlder(count: number): void {
    const from = Math.min(this.next, this.first + count);
    let size = 1024;
    while ((this.next - from) * 4 > size * 3) size *= 2;
    this.rebuild(size, from);
  }

  private rebuild(size: number, from: number): void {
    const { entries, order } = this;
    this.mask = size - 1;
    this.entries = new Float64Array(2 * size);
    this.order = new Float64Array(size);
    for (let j = 0; j < order.length; j++) {
      if (entries[2 * j] === 0 || order[j]! < from) continue;
      let i = DigitMap.slot(entries[2 * j]!, this.mask);
      while (this.entries[2 * i] !== 0) i = (i + 1) & this.mask;
      this.entries[2 * i] = entries[2 * j]!;
      this.entries[2 * i + 1] = entries[2 * j + 1]!;
      this.order[i] = order[j]!;
    }
    this.first = from;
  }
}

/**
 * When a kind's whole table is read (`RefCache.find`): once an import has asked for `min` of its
 * keys and `share` of its rows.
 */
export interface LoadAll {
  min: number;
  share: number;
}

/**
 * Ids remembered over one import, bounded: when full, the older half of each kind's ids is
 * forgotten (a Map keeps insertion order), so the ids in use stay while memory stays bounded.
 * The bound holds every holder of a 10M-action import of 1M holders within 512 MB of RSS.
 */
export class RefCache {
  private readonly text = new Map<RefKind, Map<string, number>>();
  private readonly digits = new Map<RefKind, DigitMap>();
  private size = 0;
  /** Keys asked from the database so far, per kind; tables read whole; their row counts. */
  private readonly asked = new Map<RefKind, number>();
  private readonly whole = new Set<RefKind>();
  private readonly rows = new Map<RefKind, number>();
  constructor(
    private readonly limit = 1_200_000,
    private readonly loadAll: LoadAll = { min: 1_000, share: 0.005 },
  ) {}

  /**
   * The ids of keys the cache lacks, asked from the database and remembered. Once the import has
   * asked for `loadAll.min` keys of a kind and `loadAll.share` of its table, and the whole table
   * fits in the cache, every key of it is read at once (forEachKey: about 0.5 µs a key; one at a
   * time through the unique index costs the database about 15 µs a key);
   * keys still missing then (unknown, or stored since) are asked as before.
   */
  async find(db: Knex, kind: RefKind, keys: string[]): Promise<Map<string, number>> {
    const { table, key } = REFERENCE_TABLES[kind];
    const asked = (this.asked.get(kind) ?? 0) + keys.length;
    this.asked.set(kind, asked);
    let rest = keys;
    const found = new Map<string, number>();
    if (!this.whole.has(kind) && asked >= this.loadAll.min) {
      if (!this.rows.has(kind)) this.rows.set(kind, await tableRows(db, table));
      const rows = this.rows.get(kind)!;
      if (asked >= rows * this.loadAll.share && this.size + rows <= this.limit) {
        this.whole.add(kind);
        const [text, digits] = this.maps(kind);
        const before = text.size + digits.size;
        await forEachKey(db, table, key, (id, d, k) => {
          if (k === null) digits.set(d, id);
          else text.set(k, id);
        });
        this.size += text.size + digits.size - before;
        rest = [];
        for (const k of keys) {
          const id = this.get(kind, k);
          if (id === undefined) rest.push(k);
          else found.set(k, id);
        }
      }
    }
    const more = rest.length ? await idsByKey(db, table, key, rest) : new Map<string, number>();
    this.remember(kind, more);
    for (const [k, id] of more) found.set(k, id);
    return found;
  }

  /** The kind's maps: keys as text, and digit-only keys as their digitKey. */
  maps(kind: RefKind): [Map<string, number>, DigitMap] {
    let text = this.text.get(kind);
    let digits = this.digits.get(kind);
    if (!text) this.text.set(kind, (text = new Map()));
    if (!digits) this.digits.set(kind, (digits = new DigitMap()));
    return [text, digits];
  }

  get(kind: RefKind, key: string): number | undefined {
    const d = digitKey(key);
    return d >= 0 ? this.digits.get(kind)?.get(d) : this.text.get(kind)?.get(key);
  }

  remember(kind: RefKind, found: Map<string, number>): void {
    if (this.size + found.size > this.limit) {
      this.size = 0;
      for (const map of this.text.values()) {
        let drop = Math.ceil(map.size / 2);
        for (const key of map.keys()) {
          if (drop-- <= 0) break;
          map.delete(key);
        }
        this.size += map.size;
      }
      for (const map of this.digits.values()) {
        map.dropOlder(Math.ceil(map.size / 2));
        this.size += map.size;
      }
    }
    const [text, digits] = this.maps(kind);
    const before = text.size + digits.size;
    for (const [key, id] of found) {
      const d = digitKey(key);
      if (d >= 0) digits.set(d, id);
      else text.set(key, id);
    }
    this.size += text.size + digits.size - before;
  }
}

/** A line's references, [kind, key, field], and once resolved the id of each (undefined: unknown). */
export interface RefLine {
  refs: [RefKind, string, string][];
  ids?: (number | undefined)[];
}

/**
 * Resolves every reference of the lines to its id, in `line.ids` (parallel to `line.refs`; an id
 * left undefined is a key that is not stored). One look-up in the cache per reference; the keys
 * it lacks are asked from the database, one query per kind.
 */
export async function resolveRefs(db: Knex, lines: RefLine[], cache: RefCache): Promise<void> {
  const missing = new Map<RefKind, Set<string>>();
  const misses: number[] = []; // pairs: line index, reference index
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l]!;
    const refs = line.refs;
    const ids: (number | undefined)[] = new Array(refs.length);
    for (let r = 0; r < refs.length; r++) {
      const ref = refs[r]!;
      const id = cache.get(ref[0], ref[1]);
      ids[r] = id;
      if (id === undefined) {
        let keys = missing.get(ref[0]);
        if (!keys) missing.set(ref[0], (keys = new Set()));
        keys.add(ref[1]);
        misses.push(l, r);
      }
    }
    line.ids = ids;
  }
  if (misses.length === 0) return;
  const found = new Map<RefKind, Map<string, number>>();
  for (const [kind, keys] of missing) found.set(kind, await cache.find(db, kind, [...keys]));
  for (let i = 0; i < misses.length; i += 2) {
    const line = lines[misses[i]!]!;
    const ref = line.refs[misses[i + 1]!]!;
    line.ids![misses[i + 1]!] = found.get(ref[0])!.get(ref[1]);
  }
}

/** The resolved ids of the lines' references, kind by kind (a key missing from its map is unknown). */
export function refIds(lines: RefLine[]): RefIds {
  const out: RefIds = new Map();
  for (const { refs, ids } of lines) {
    for (let r = 0; r < refs.length; r++) {
      const id = ids?.[r];
      if (id === undefined) continue;
      let map = out.get(refs[r]![0]);
      if (!map) out.set(refs[r]![0], (map = new Map()));
      map.set(refs[r]![1], id);
    }
  }
  return out;
}
