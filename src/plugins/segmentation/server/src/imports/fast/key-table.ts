/**
 * Text keys seen before, by their bytes (scanner.ts): in front of the reference cache's
 * maps, so that a key found once is found again without making a string of it. Ids never change
 * within an import (an upsert keeps a record's id), so a key's id stays right here whatever the
 * cache forgets. Open addressing on a 32-bit hash; emptied when it holds MAX_KEYS keys.
 */
export class KeyTable {
  private static readonly MAX_KEYS = 1 << 17;
  private mask = 1023;
  private size = 0;
  private hashes = new Int32Array(1024);
  private ids = new Float64Array(1024);
  private starts = new Int32Array(1024); // +1: 0 is an empty slot
  private lengths = new Uint8Array(1024);
  private pool = new Uint8Array(1 << 14);
  private poolEnd = 0;

  static hash(b: Uint8Array, s: number, e: number): number {
    let h = 0x811c9dc5;
    for (let i = s; i < e; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
    return h;
  }

  /** The id of the key from s to e of b (hash h), or NaN. */
  get(b: Uint8Array, s: number, e: number, h: number): number {
    const n = e - s;
    const { mask, hashes, starts, lengths, pool } = this;
    for (let i = h & mask; starts[i] !== 0; i = (i + 1) & mask) {
      if (hashes[i] !== h || lengths[i] !== n) continue;
      const at = starts[i]! - 1;
      let k = 0;
      while (k < n && pool[at + k] === b[s + k]) k++;
      if (k === n) return this.ids[i]!;
    }
    return NaN;
  }

  set(b: Uint8Array, s: number, e: number, h: number, id: number): void {
    const n = e - s;
    if (this.size >= KeyTable.MAX_KEYS) this.clear();
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    if (this.poolEnd + n > this.pool.length) {
      const pool = new Uint8Array(Math.max(this.pool.length * 2, this.poolEnd + n));
      pool.set(this.pool.subarray(0, this.poolEnd));
      this.pool = pool;
    }
    this.pool.set(b.subarray(s, e), this.poolEnd);
    this.place(h, this.poolEnd + 1, n, id);
    this.poolEnd += n;
    this.size++;
  }

  private place(h: number, start: number, n: number, id: number): void {
    let i = h & this.mask;
    while (this.starts[i] !== 0) i = (i + 1) & this.mask;
    this.hashes[i] = h;
    this.starts[i] = start;
    this.lengths[i] = n;
    this.ids[i] = id;
  }

  private grow(): void {
    const { hashes, starts, lengths, ids } = this;
    const size = (this.mask + 1) * 2;
    this.mask = size - 1;
    this.hashes = new Int32Array(size);
    this.starts = new Int32Array(size);
    this.lengths = new Uint8Array(size);
    this.ids = new Float64Array(size);
    for (let i = 0; i < starts.length; i++) if (starts[i] !== 0) this.place(hashes[i]!, starts[i]!, lengths[i]!, ids[i]!);
  }

  private clear(): void {
    this.starts.fill(0);
    this.size = 0;
    this.poolEnd = 0;
  }
}
