/**
 * The ids of the keys an import refers to (holder uid, counter, event, ...), remembered for the rest
 * of the import: the import only ever adds records and an upsert keeps a record's id, so a key once
 * found keeps its id. Keys not found are asked again by later batches (they may have been imported
 * meanwhile). Once an import has asked for a good share of a table's keys (a large load), the whole
 * table's keys are read at once instead (`RefCache.find`): far cheaper than looking them up batch by
 * batch. Digit-only keys are kept as numbers (stored-keys.ts, digit-map.ts).
 */
import type { Knex } from 'knex';
import { REFERENCE_TABLES, type RefKind } from '../../common/reference-tables';
import { forEachKey, idsByKey, tableRows } from '../queries';
import { DigitMap } from './digit-map';
import { digitKey } from './stored-keys';

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
