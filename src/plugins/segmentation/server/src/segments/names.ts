/**
 * Holders' names for the review lists' and the holder search's "part of a name": all names,
 * lower-cased, in one UTF-8 buffer ("name\n" per holder, in id order) with each holder's start, so a
 * search is a native scan of ~15 MB per million holders and a binary search per hit, instead of a
 * string per holder (130 MB for a million) or an SQL scan (~190 ms). Built from the database on the
 * first name search after the data changed (engine.ts), in chunks.
 */
import type { Knex } from 'knex';

const CHUNK = 50_000;

export class NameIndex {
  private constructor(
    readonly version: number,
    private readonly bytes: Buffer,
    /** Ascending: where each listed holder's name starts. */
    private readonly starts: Int32Array,
    private readonly holders: Int32Array,
  ) {}

  /** From `[holder id, name]` pairs in ascending id order. */
  static of(version: number, rows: Iterable<[number, string]>): NameIndex {
    const parts: Buffer[] = [];
    const starts: number[] = [];
    const holders: number[] = [];
    let at = 0;
    for (const [id, name] of rows) {
      const bytes = Buffer.from(`${name.toLowerCase().replace(/\n/g, ' ')}\n`);
      starts.push(at);
      holders.push(id);
      parts.push(bytes);
      at += bytes.length;
    }
    return new NameIndex(version, Buffer.concat(parts, at), Int32Array.from(starts), Int32Array.from(holders));
  }

  static async load(knex: Knex, version: number): Promise<NameIndex> {
    const rows: [number, string][] = [];
    let after = 0;
    for (;;) {
      const chunk = (await knex('seg_holders').where('id', '>', after).orderBy('id').limit(CHUNK).select('id', 'first_name', 'last_name')) as {
        id: number | string;
        first_name: string | null;
        last_name: string | null;
      }[];
      for (const r of chunk) rows.push([Number(r.id), `${r.first_name ?? ''} ${r.last_name ?? ''}`]);
      if (chunk.length < CHUNK) break;
      after = Number(chunk[chunk.length - 1]!.id);
    }
    return NameIndex.of(version, rows);
  }

  /** The holders whose name contains `text` (any case). */
  matching(text: string): Set<number> {
    const needle = Buffer.from(text.toLowerCase().replace(/\n/g, ' '));
    const found = new Set<number>();
    if (needle.length === 0) return found;
    for (let at = this.bytes.indexOf(needle); at >= 0; at = this.bytes.indexOf(needle, at + 1)) {
      let lo = 0;
      let hi = this.starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (this.starts[mid]! <= at) lo = mid;
        else hi = mid - 1;
      }
      found.add(this.holders[lo]!);
    }
    return found;
  }
}
