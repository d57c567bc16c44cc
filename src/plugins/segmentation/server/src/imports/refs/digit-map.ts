/**
 * digitKey -> id (stored-keys.ts), in typed arrays (open addressing): no object per entry and no
 * boxed number per look-up (digit keys of 10 digits are past the small integers a Map keeps
 * unboxed). Keeps the insertion order as a Map does, for `dropOlder`. Keys are digitKey values
 * (>= 1): 0 marks an empty slot.
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
