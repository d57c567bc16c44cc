/**
 * The COPY text of a batch of actions on the fast path (index.ts), in the order of its
 * lines, and the byte writers it is made with. `ActionBatch` builds on it: the
 * line readers (scanner.ts's scanAction, batch.ts's addRecord) write a line's first
 * columns, `close` the rest.
 */
import type { RefKind } from '../../common/reference-tables';

/** Reference slots of a line, in the order of the actions' `refs` (../entities.ts). */
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
 * The lines are kept in the order they were read, and the rows get their ids in that order (as the
 * general path gives them, ../write.ts): keys and ids rise together, so both unique indexes are
 * appended to at their right end. Line i's text (in `text`, from start[i] to end[i]) is key, type,
 * at, day, points (to mid[i]), the four reference ids, then the data version and the id as zeros of
 * fixed widths, filled in by `copyText`. In the common batch (every reference found while reading
 * or filled in later, the table's sequence handing out ids) the text is ready when the last line is
 * read; otherwise `prepare` makes it again from the columns.
 */
export class CopyText {
  n = 0;
  /** Reference ids, SLOTS a line: NO_REF, UNKNOWN, or the id (after `resolve`). */
  ids: Float64Array;
  /** Where each line's text starts, where its ids start, where it ends. */
  start: Int32Array;
  mid: Int32Array;
  end: Int32Array;
  /** The lines' COPY text (its buffer is kept from batch to batch), and how much of it is used. */
  text: Buffer;
  used = 0;
  /** Widths of the data version and of the id in the text (0: no id column). */
  seqWidth = 0;
  idWidth = 0;
  /** Whether the text holds every line with its ids (else `prepare` makes it from the columns). */
  direct = true;
  /** Room left for ids not in the cache: [index in ids, position] pairs. */
  readonly holes: number[] = [];
  /** Text made again from the columns (`prepare`), and its widths. */
  private copy: Buffer | null = null;
  private copyWidths: [number, number] = [0, 0];

  constructor(readonly capacity: number) {
    this.ids = new Float64Array(capacity * SLOTS);
    this.start = new Int32Array(capacity);
    this.mid = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.text = Buffer.allocUnsafe(Math.max(4096, Math.min(capacity, 4096) * 64));
  }

  /** No lines again, with the given widths for the data version and the id. */
  protected resetText(seqWidth: number, idWidth: number): void {
    this.n = 0;
    this.used = 0;
    this.direct = true;
    this.holes.length = 0;
    this.copy = null;
    this.seqWidth = seqWidth;
    this.idWidth = idWidth;
  }

  /** Starts line n's text with room for `bytes` more: returns the text (the line starts at start[n]). */
  open(n: number, bytes: number): Buffer {
    const need = this.used + bytes;
    if (need > this.text.length) {
      let size = this.text.length * 2;
      while (size < need) size *= 2;
      const text = Buffer.allocUnsafe(size);
      this.text.copy(text, 0, 0, this.used);
      this.text = text;
    }
    this.start[n] = this.used;
    return this.text;
  }

  /**
   * Ends line n's text from `pos` (past its points): the reference ids as far as known (room left
   * for the others), then the data version and the id as zeros.
   */
  close(n: number, pos: number): void {
    const out = this.text;
    const ids = this.ids;
    this.mid[n] = pos;
    for (let r = n * SLOTS, last = r + SLOTS; r < last; r++) {
      const id = ids[r]!;
      if (Number.isNaN(id)) pos = writeNull(out, pos);
      else if (id === UNKNOWN) {
        // Not in the cache: room for the id the database gives (`fillHoles`), leading zeros allowed.
        this.holes.push(r, pos);
        pos = writeZeros(out, pos, HOLE);
      } else pos = writeInt(out, pos, id);
      out[pos++] = TAB;
    }
    pos = writeStamp(out, pos, this.seqWidth, this.idWidth);
    this.end[n] = pos;
    this.used = pos;
  }

  /** Writes the ids found since reading into the room left for them (else: made again). */
  fillHoles(): void {
    const holes = this.holes;
    for (let h = 0; h < holes.length; h += 2) {
      const id = this.ids[holes[h]!]!;
      if (Number.isInteger(id) && id >= 0 && id < 10 ** HOLE) writeFixed(this.text, holes[h + 1]!, HOLE, id);
      else this.direct = false;
    }
  }

  /** Makes the COPY text again from the columns, with the given widths. */
  prepare(seqWidth: number, idWidth: number): void {
    const n = this.n;
    const out = Buffer.allocUnsafe(this.used + n * (SLOTS * 12 + seqWidth + idWidth + 2));
    let pos = 0;
    const { text, start, mid, ids } = this;
    for (let i = 0; i < n; i++) {
      for (let b = start[i]!, e = mid[i]!; b < e; b++) out[pos++] = text[b]!;
      for (let r = 0; r < SLOTS; r++) {
        const id = ids[i * SLOTS + r]!;
        pos = Number.isNaN(id) ? writeNull(out, pos) : writeInt(out, pos, id);
        out[pos++] = TAB;
      }
      pos = writeStamp(out, pos, seqWidth, idWidth);
    }
    this.copy = out.subarray(0, pos);
    this.copyWidths = [seqWidth, idWidth];
  }

  /** Before the transaction: the text made again if the lines' own cannot serve. */
  prepareAhead(): void {
    if (!this.direct || this.idWidth === 0) this.prepare(this.seqWidth, this.idWidth);
  }

  /** The COPY text with the data version, and the ids from `firstId` on (null: no id column). */
  copyText(seq: number, firstId: number | null): Buffer {
    const n = this.n;
    const seqWidth = digitCount(seq);
    const idWidth = firstId === null ? 0 : digitCount(firstId + n - 1);
    if (this.direct && firstId !== null && this.idWidth > 0 && seqWidth <= this.seqWidth && idWidth <= this.idWidth) {
      const { text, end } = this;
      const sw = this.seqWidth;
      const iw = this.idWidth;
      for (let i = 0; i < n; i++) {
        const at = end[i]! - iw - sw - 2;
        writeFixed(text, at, sw, seq);
        writeFixed(text, at + sw + 1, iw, firstId + i);
      }
      return text.subarray(0, this.used);
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
    return out;
  }
}
