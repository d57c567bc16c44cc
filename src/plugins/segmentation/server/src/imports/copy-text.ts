/**
 * The COPY text of a batch of actions on the fast path (fast-actions.ts), kept per group of lines
 * that give the same fields, and the byte writers it is made with. `ActionBatch` builds on it: the
 * line readers (action-scanner.ts's scanAction, fast-actions.ts's addRecord) write a line's first
 * columns, `close` the rest.
 */
import type { RefKind } from './entities';

// The constants are exported in a list, not where they are declared: so the CommonJS build reads
// them here as constants, not as properties of `exports`, in the loops that run for every line.

/** Reference slots of a line, in the order of the actions' `refs` (entities.ts). */
const REF_KINDS: RefKind[] = ['holder', 'counter', 'event', 'advantage'];
const SLOTS = 4;
/** Slot values besides ids: no reference (null or not given), and a key that is not stored. */
const NO_REF = Number.NaN;
const UNKNOWN = Number.NEGATIVE_INFINITY;

/** Bytes a line adds to the batch's text at most (key 255, type 32, at 24, day, points, tabs). */
const MAX_PREFIX = 500;
/** Digits left for an id not known while reading (ids of reference tables are int4: 10 at most). */
const HOLE = 10;

const TAB = 9;
const NL = 10;
const BACKSLASH = 92;

export { REF_KINDS, SLOTS, NO_REF, UNKNOWN, MAX_PREFIX, TAB, BACKSLASH };

/** Writes a whole number (a safe integer) as decimal digits; returns the position after it. */
export function writeInt(out: Uint8Array, pos: number, value: number): number {
  let v = value;
  if (v < 0) {
    out[pos++] = 45;
    v = -v;
  }
  if (v < 10) {
    out[pos] = 48 + v;
    return pos + 1;
  }
  let digits = 1;
  for (let t = v; t >= 10; t = Math.floor(t / 10)) digits++;
  const end = pos + digits;
  for (let p = end - 1; p >= pos; p--) {
    out[p] = 48 + (v % 10);
    v = Math.floor(v / 10);
  }
  return end;
}

/** Writes COPY's NULL, `\N`; returns the position after it. */
export function writeNull(out: Uint8Array, pos: number): number {
  out[pos] = BACKSLASH;
  out[pos + 1] = 78; // N
  return pos + 2;
}

/** Writes `width` zeros; returns the position after them. */
function writeZeros(out: Uint8Array, pos: number, width: number): number {
  for (let c = 0; c < width; c++) out[pos++] = 48;
  return pos;
}

/**
 * Ends a line: the data version and the id (idWidth 0: no id column) as zeros of fixed widths,
 * filled in by `copyText`, then the line break; returns the position after it.
 */
function writeStamp(out: Uint8Array, pos: number, seqWidth: number, idWidth: number): number {
  pos = writeZeros(out, pos, seqWidth);
  if (idWidth > 0) {
    out[pos++] = TAB;
    pos = writeZeros(out, pos, idWidth);
  }
  out[pos++] = NL;
  return pos;
}

/** A whole number >= 0 in exactly `width` digits, with leading zeros. */
function writeFixed(out: Uint8Array, at: number, width: number, value: number): void {
  let v = value;
  for (let p = at + width - 1; p >= at; p--) {
    out[p] = 48 + (v % 10);
    v = Math.floor(v / 10);
  }
}

/** How many characters a whole number >= 0 takes. */
export function digitCount(v: number): number {
  return String(v).length;
}

/**
 * The COPY lines of a batch's n lines, with their reference ids (SLOTS a line).
 *
 * COPY lines are kept per group of lines giving the same fields (the general path writes a batch
 * group by group, in the order the groups first appear: sent so, the rows get the same ids, in
 * rising order). A line's text (in texts[groupOf[i]], from start[i] to end[i]) is key, type, at,
 * day, points (to mid[i]), the four reference ids, then the data version and the id as zeros of
 * fixed widths, filled in by `copyText`. In the common batch (every reference found while reading
 * or filled in later, the table's sequence handing out ids) the text is ready when the last line
 * is read; otherwise `prepare` makes it again from the columns.
 */
export class CopyText {
  n = 0;
  /** Reference ids, SLOTS a line: NO_REF, UNKNOWN, or the id (after `resolve`). */
  ids: Float64Array;
  /** Each line's group, and where its text starts, where its ids start, where it ends. */
  groupOf: Uint8Array;
  start: Int32Array;
  mid: Int32Array;
  end: Int32Array;
  /** Per group: its field bits, its COPY text (buffers are kept from batch to batch), its length and lines. */
  groups: number[] = [];
  texts: Buffer[] = [];
  used: number[] = [];
  counts: number[] = [];
  private readonly groupIndex = new Int16Array(256);
  /** Widths of the data version and of the id in the text (0: no id column). */
  seqWidth = 0;
  idWidth = 0;
  /** Whether the texts hold every line with its ids (else `prepare` makes the text from the columns). */
  direct = true;
  /** Room left for ids not in the cache: [index in ids, group, position] triples. */
  readonly holes: number[] = [];
  /** Text made again from the columns (`prepare`), and its widths. */
  private copy: Buffer | null = null;
  private copyWidths: [number, number] = [0, 0];

  constructor(readonly capacity: number) {
    this.ids = new Float64Array(capacity * SLOTS);
    this.groupOf = new Uint8Array(capacity);
    this.start = new Int32Array(capacity);
    this.mid = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
  }

  /** No lines again, with the given widths for the data version and the id. */
  protected resetText(seqWidth: number, idWidth: number): void {
    this.n = 0;
    this.direct = true;
    this.groups.length = 0;
    this.groupIndex.fill(-1);
    this.holes.length = 0;
    this.copy = null;
    this.seqWidth = seqWidth;
    this.idWidth = idWidth;
  }

  /**
   * Starts line n's text in the group of its fields, with room for `bytes` more: returns the
   * group (its text is texts[g], the line starts at used[g]).
   */
  open(n: number, sig: number, bytes: number): number {
    let g = this.groupIndex[sig]!;
    if (g < 0) {
      g = this.groups.length;
      this.groupIndex[sig] = g;
      this.groups.push(sig);
      this.used[g] = 0;
      this.counts[g] = 0;
      if (this.texts.length <= g) this.texts.push(Buffer.allocUnsafe(Math.max(4096, Math.min(this.capacity, 4096) * 64)));
    }
    const need = this.used[g]! + bytes;
    if (need > this.texts[g]!.length) {
      let size = this.texts[g]!.length * 2;
      while (size < need) size *= 2;
      const text = Buffer.allocUnsafe(size);
      this.texts[g]!.copy(text, 0, 0, this.used[g]!);
      this.texts[g] = text;
    }
    this.groupOf[n] = g;
    this.start[n] = this.used[g]!;
    return g;
  }

  /**
   * Ends line n's text (group g), from `pos` (past its points): the reference ids as far as known
   * (room left for the others), then the data version and the id as zeros.
   */
  close(n: number, g: number, pos: number): void {
    const out = this.texts[g]!;
    const ids = this.ids;
    this.mid[n] = pos;
    for (let r = n * SLOTS, last = r + SLOTS; r < last; r++) {
      const id = ids[r]!;
      if (Number.isNaN(id)) pos = writeNull(out, pos);
      else if (id === UNKNOWN) {
        // Not in the cache: room for the id the database gives (`fillHoles`), leading zeros allowed.
        this.holes.push(r, g, pos);
        pos = writeZeros(out, pos, HOLE);
      } else pos = writeInt(out, pos, id);
      out[pos++] = TAB;
    }
    pos = writeStamp(out, pos, this.seqWidth, this.idWidth);
    this.end[n] = pos;
    this.used[g] = pos;
    this.counts[g]!++;
  }

  /** Writes the ids found since reading into the room left for them (else: made again). */
  fillHoles(): void {
    const holes = this.holes;
    for (let h = 0; h < holes.length; h += 3) {
      const id = this.ids[holes[h]!]!;
      if (Number.isInteger(id) && id >= 0 && id < 10 ** HOLE) writeFixed(this.texts[holes[h + 1]!]!, holes[h + 2]!, HOLE, id);
      else this.direct = false;
    }
  }

  /** Makes the COPY text again from the columns, with the given widths, group after group. */
  prepare(seqWidth: number, idWidth: number): void {
    const n = this.n;
    let size = 0;
    for (let g = 0; g < this.groups.length; g++) size += this.used[g]!;
    const out = Buffer.allocUnsafe(size + n * (SLOTS * 12 + seqWidth + idWidth + 2));
    let pos = 0;
    const { texts, start, mid, ids, groupOf } = this;
    for (let g = 0; g < this.groups.length; g++) {
      const text = texts[g]!;
      for (let i = 0; i < n; i++) {
        if (groupOf[i] !== g) continue;
        for (let b = start[i]!, e = mid[i]!; b < e; b++) out[pos++] = text[b]!;
        for (let r = 0; r < SLOTS; r++) {
          const id = ids[i * SLOTS + r]!;
          pos = Number.isNaN(id) ? writeNull(out, pos) : writeInt(out, pos, id);
          out[pos++] = TAB;
        }
        pos = writeStamp(out, pos, seqWidth, idWidth);
      }
    }
    this.copy = out.subarray(0, pos);
    this.copyWidths = [seqWidth, idWidth];
  }

  /** Before the transaction: the text made again if the lines' own cannot serve. */
  prepareAhead(): void {
    if (!this.direct || this.idWidth === 0) this.prepare(this.seqWidth, this.idWidth);
  }

  /**
   * The COPY text with the data version, and the ids from `firstId` on (null: no id column), in
   * the order of the rows: group after group.
   */
  copyText(seq: number, firstId: number | null): Buffer[] {
    const n = this.n;
    const seqWidth = digitCount(seq);
    const idWidth = firstId === null ? 0 : digitCount(firstId + n - 1);
    if (this.direct && firstId !== null && this.idWidth > 0 && seqWidth <= this.seqWidth && idWidth <= this.idWidth) {
      const next = new Float64Array(this.groups.length);
      for (let g = 0, id = firstId; g < this.groups.length; id += this.counts[g]!, g++) next[g] = id;
      const { texts, end, groupOf } = this;
      const sw = this.seqWidth;
      const iw = this.idWidth;
      for (let i = 0; i < n; i++) {
        const g = groupOf[i]!;
        const at = end[i]! - iw - sw - 2;
        writeFixed(texts[g]!, at, sw, seq);
        writeFixed(texts[g]!, at + sw + 1, iw, next[g]!++);
      }
      return this.groups.map((_, g) => texts[g]!.subarray(0, this.used[g]));
    }
    let [sw, iw] = this.copyWidths;
    if (!this.copy || seqWidth > sw || (iw === 0) !== (idWidth === 0) || idWidth > iw) {
      this.prepare(Math.max(seqWidth, this.seqWidth), idWidth === 0 ? 0 : Math.max(idWidth, this.idWidth));
      [sw, iw] = this.copyWidths;
    }
    const out = this.copy!;
    // Row r ends at the r-th line break.
    let at = 0;
    for (let row = 0; row < n; row++) {
      const nl = out.indexOf(NL, at);
      writeFixed(out, nl - (iw > 0 ? iw + 1 : 0) - sw, sw, seq);
      if (iw > 0) writeFixed(out, nl - iw, iw, firstId! + row);
      at = nl + 1;
    }
    return [out];
  }
}
