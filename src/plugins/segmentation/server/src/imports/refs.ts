/**
 * Resolution of the keys a batch refers to (holder uid, counter, event, ...) to database ids, with
 * one query per kind per batch. Ids found are remembered for the rest of the import: the import
 * only ever adds records and an upsert keeps a record's id, so a key once found keeps its id.
 * Keys not found are asked again by later batches (they may have been imported meanwhile).
 */
import type { Knex } from 'knex';
import { REF_TABLES, type RefKind } from './entities';
import { idsByKey } from './queries';

export type RefIds = Map<RefKind, Map<string, number>>;

/** Ids remembered over one import (bounded: forgotten all at once when full). */
export class RefCache {
  private readonly ids: RefIds = new Map();
  private size = 0;
  constructor(private readonly limit = 500_000) {}

  of(kind: RefKind): Map<string, number> {
    let map = this.ids.get(kind);
    if (!map) this.ids.set(kind, (map = new Map()));
    return map;
  }

  remember(kind: RefKind, found: Map<string, number>): void {
    if (this.size + found.size > this.limit) {
      this.ids.clear();
      this.size = 0;
    }
    const map = this.of(kind);
    for (const [key, id] of found) map.set(key, id);
    this.size += found.size;
  }
}

/** The ids of every key the lines refer to, kind by kind; a key missing from its map is unknown. */
export async function resolveRefs(db: Knex, lines: { refs: [RefKind, string, string][] }[], cache: RefCache): Promise<RefIds> {
  const ids: RefIds = new Map();
  const wanted = new Map<RefKind, Set<string>>();
  for (const { refs } of lines) {
    for (const [kind, key] of refs) {
      let resolved = ids.get(kind);
      if (!resolved) ids.set(kind, (resolved = new Map()));
      if (resolved.has(key)) continue;
      const id = cache.of(kind).get(key);
      if (id !== undefined) resolved.set(key, id);
      else {
        let keys = wanted.get(kind);
        if (!keys) wanted.set(kind, (keys = new Set()));
        keys.add(key);
      }
    }
  }
  for (const [kind, keys] of wanted) {
    const found = await idsByKey(db, REF_TABLES[kind].table, REF_TABLES[kind].key, [...keys]);
    cache.remember(kind, found);
    const resolved = ids.get(kind)!;
    for (const [key, id] of found) resolved.set(key, id);
  }
  return ids;
}
