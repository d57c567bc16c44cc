/**
 * Resolution of the keys a batch refers to, to database ids: one look-up in the cache (cache.ts) per
 * reference, and one query per kind per batch for the keys it lacks.
 */
import type { Knex } from 'knex';
import type { RefKind } from '../../common/reference-tables';
import type { RefCache } from './cache';

export type RefIds = Map<RefKind, Map<string, number>>;

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
