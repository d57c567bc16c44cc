/**
 * The hot path of a large action import (NDJSON on Postgres, service.ts): the common line is read
 * from the body's bytes straight into the batch's columns and its COPY line, with no JSON.parse,
 * no record, no row object and no string per field, and the batch is written with one COPY.
 *
 * `scanAction` takes only a strict shape: `{"field":value,...}` without white space, known fields
 * each at most once, strings of printable ASCII without escapes, integers without fraction or
 * exponent, and values that make a complete new action (holder, type and at given) that the schema
 * accepts unchanged (records.ts, isPlainAction) and the entity's check lets through. For such a line
 * JSON.parse gives exactly the values scanned, so its record can always be had again by parsing it
 * (`materialize`). Any other line, valid or not, goes through JSON.parse and the schema as before
 * (`addRecord` then keeps its record): this path never writes an error message.
 *
 * A batch takes the fast write (`tryCopy`) only when nothing about it needs the general rules: every
 * line complete, every reference found, every key new (COPY under a savepoint, as `copyIfAllNew`:
 * a stored or repeated key undoes it). Otherwise its lines are materialized and batch.ts writes them
 * as any other batch, so the outcome is the same. test/unit/import-fast.test.ts checks all this,
 * down to the rows and ids stored.
 */
import type { Knex } from 'knex';
import { DateTime } from 'luxon';
import { localDayOf } from '../segments/dates';
import { daysInMonth } from '../../../shared/calendar';
import { ENTITIES, type RefKind } from './entities';
import type { DigitMap, RefCache } from './refs';
import type { ValidLine } from './batch';
import { copyTextIfAllNew, copyValue } from './queries';

/** Field bits: the same as the actions' `signature` (entities.ts) for the fields it counts. */
const TYPE = 1;
const POINTS = 2;
const HOLDER = 4;
const AT = 8;
const COUNTER = 16;
const EVENT = 32;
const ADVANTAGE = 64;
const KEY = 128;

/** Reference slots of a line, in the order of the actions' `refs` (entities.ts). */
const REF_KINDS: RefKind[] = ['holder', 'counter', 'event', 'advantage'];
const SLOTS = 4;
/** Slot values besides ids: no reference (null or not given), and a key that is not stored. */
const NO_REF = Number.NaN;
const UNKNOWN = Number.NEGATIVE_INFINITY;

/** The columns of the fast COPY, in the order each line gives them. */
export const FAST_COLUMNS = ['key', 'type', 'at', 'day', 'points', 'holder_id', 'counter_id', 'event_id', 'advantage_id', 'seq'];

/** Lines longer than this are left to the general path. */
const MAX_FAST_LINE = 2048;
/** Bytes a line adds to the batch's text at most (key 255, type 32, at 24, day, points, tabs). */
const MAX_PREFIX = 500;
/** Digits left for an id not known while reading (ids of reference tables are int4: 10 at most). */
const HOLE = 10;
/** An instant already written the way it is stored (as in entities.ts). */
const UTC_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const Q = 34; // "
const COMMA = 44;
const COLON = 58;
const BACKSLASH = 92;
const OPEN = 123;
const CLOSE = 125;
const TAB = 9;
const NL = 10;

/** Bytes that stand for themselves inside a JSON string: printable ASCII but `"` and `\\`. */
const PLAIN_CHAR = new Uint8Array(256);
for (let c = 0x20; c <= 0x7e; c++) if (c !== Q && c !== BACKSLASH) PLAIN_CHAR[c] = 1;

/**
 * A key the schema keeps as is (records.ts, PLAIN_KEY): 1-255 printable ASCII characters without a
 * space at either end (that they are printable ASCII without escapes, the scan checked).
 */
const plainKey = (b: Uint8Array, s: number, e: number) => e - s >= 1 && e - s <= 255 && b[s] !== 32 && b[e - 1] !== 32;

/** An action type (records.ts, ACTION_TYPE): [A-Z][A-Z0-9_]*, at most 32 characters. */
function isActionType(b: Uint8Array, s: number, e: number): boolean {
  const n = e - s;
  if (n < 1 || n > 32) return false;
  let c = b[s]!;
  if (c < 65 || c > 90) return false;
  for (let i = s + 1; i < e; i++) {
    c = b[i]!;
    if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95)) return false;
  }
  return true;
}

const sameBytes = (b: Uint8Array, s: number, e: number, word: string) => {
  if (e - s !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (b[s + i] !== word.charCodeAt(i)) return false;
  return true;
};

const digitAt = (b: Uint8Array, i: number) => {
  const c = b[i]! - 48;
  return c >= 0 && c <= 9 ? c : -100_000;
};
const twoAt = (b: Uint8Array, i: number) => digitAt(b, i) * 10 + digitAt(b, i + 1);

/** Days since 1970-01-01 of a proleptic Gregorian date (any year). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const MS_PER_DAY = 86_400_000;

/**
 * Epoch milliseconds of `YYYY-MM-DDTHH:MM:SS[.mmm](Z|+HH:MM|-HH:MM)` (the bytes from s to e), the
 * date existing, hours 0-23, offset hours 0-23 and minutes 0-59; NaN for anything else. Where it
 * is a number it equals Date.parse (test/unit/import-fast.test.ts), and `isPlainInstant` holds.
 */
export function plainInstantMs(b: Uint8Array, s: number, e: number): number {
  const n = e - s;
  if (n !== 20 && n !== 24 && n !== 25 && n !== 29) return NaN;
  if (b[s + 4] !== 45 || b[s + 7] !== 45 || b[s + 10] !== 84 || b[s + 13] !== COLON || b[s + 16] !== COLON) return NaN;
  const y = twoAt(b, s) * 100 + twoAt(b, s + 2);
  const m = twoAt(b, s + 5);
  const d = twoAt(b, s + 8);
  const h = twoAt(b, s + 11);
  const min = twoAt(b, s + 14);
  const sec = twoAt(b, s + 17);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m) || h < 0 || h > 23 || min < 0 || min > 59 || sec < 0 || sec > 59) return NaN;
  let i = s + 19;
  let ms = 0;
  if (b[i] === 46) {
    ms = digitAt(b, i + 1) * 100 + digitAt(b, i + 2) * 10 + digitAt(b, i + 3);
    if (ms < 0) return NaN;
    i += 4;
  }
  let offset = 0;
  const zone = b[i];
  if (zone === 90) {
    if (i + 1 !== e) return NaN;
  } else {
    if ((zone !== 43 && zone !== 45) || i + 6 !== e || b[i + 3] !== COLON) return NaN;
    const oh = twoAt(b, i + 1);
    const om = twoAt(b, i + 4);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return NaN;
    offset = (zone === 45 ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  return daysFromCivil(y, m, d) * MS_PER_DAY + h * 3_600_000 + min * 60_000 + sec * 1000 + ms - offset;
}

/** Writes a whole number (a safe integer) as decimal digits; returns the position after it. */
function writeInt(out: Uint8Array, pos: number, value: number): number {
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
const write2 = (out: Uint8Array, pos: number, v: number) => {
  out[pos] = 48 + Math.floor(v / 10);
  out[pos + 1] = 48 + (v % 10);
};

/** `Date.toISOString()` of an instant in the years 0-9999, as bytes; false outside them. */
function writeIso(out: Uint8Array, pos: number, ms: number): boolean {
  const day = Math.floor(ms / MS_PER_DAY);
  let rest = ms - day * MS_PER_DAY;
  // civil from days (H. Hinnant)
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < 0 || y > 9999) return false;
  write2(out, pos, Math.floor(y / 100));
  write2(out, pos + 2, y % 100);
  out[pos + 4] = 45;
  write2(out, pos + 5, m);
  out[pos + 7] = 45;
  write2(out, pos + 8, d);
  out[pos + 10] = 84;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const min = Math.floor(rest / 60_000);
  rest -= min * 60_000;
  const sec = Math.floor(rest / 1000);
  rest -= sec * 1000;
  write2(out, pos + 11, h);
  out[pos + 13] = COLON;
  write2(out, pos + 14, min);
  out[pos + 16] = COLON;
  write2(out, pos + 17, sec);
  out[pos + 19] = 46;
  out[pos + 20] = 48 + Math.floor(rest / 100);
  write2(out, pos + 21, rest % 100);
  out[pos + 23] = 90;
  return true;
}

/**
 * The valid lines of one action batch, in order. A line read by `scanAction` is kept as columns, as
 * its COPY line and as the place of its text; any other valid line (through the schema) as its
 * record, also given columns and a COPY line when it is a complete one.
 *
 * COPY lines are kept per group of lines giving the same fields (the general path writes a batch
 * group by group, in the order the groups first appear: sent so, the rows get the same ids, in
 * rising order). A line's text (in texts[groupOf[i]], from start[i] to end[i]) is key, type, at,
 * day, points (to mid[i]), the four reference ids, then the data version and the id as zeros of
 * fixed widths, filled in by `copyText`. In the common batch (every reference found while reading
 * or filled in later, the table's sequence handing out ids) the text is ready when the last line
 * is read; otherwise `prepare` makes it again from the columns.
 */
export class ActionBatch {
  n = 0;
  /** Line numbers. */
  line: Float64Array;
  /** Field bits of each line (the entity's signature bits, plus KEY). */
  sig: Uint8Array;
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
  /** A scanned line's source: sources[src[i]] from srcStart[i] to srcEnd[i] (ASCII). */
  private readonly src: Int32Array;
  private readonly srcStart: Int32Array;
  private readonly srcEnd: Int32Array;
  private readonly sources: Buffer[] = [];
  /** Lines that went through the schema, by index: their record (and refs). */
  readonly records = new Map<number, ValidLine>();
  /** Whether a line of the batch cannot take the fast write (an incomplete record). */
  general = false;
  /** References not in the cache: [line index, slot, key] triples, flattened. */
  readonly misses: (number | string)[] = [];
  /** Room left for ids not in the cache: [index in ids, group, position] triples. */
  readonly holes: number[] = [];
  /** Text made again from the columns (`prepare`), and its widths. */
  private copy: Buffer | null = null;
  private copyWidths: [number, number] = [0, 0];

  constructor(readonly capacity: number, readonly writer: FastWriter = new FastWriter()) {
    this.line = new Float64Array(capacity);
    this.sig = new Uint8Array(capacity);
    this.ids = new Float64Array(capacity * SLOTS);
    this.groupOf = new Uint8Array(capacity);
    this.start = new Int32Array(capacity);
    this.mid = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.src = new Int32Array(capacity);
    this.srcStart = new Int32Array(capacity);
    this.srcEnd = new Int32Array(capacity);
    this.reset();
  }

  /** Empty again, for the next batch (its arrays and buffers are used again). */
  reset(): this {
    this.n = 0;
    this.direct = true;
    this.general = false;
    this.groups.length = 0;
    this.groupIndex.fill(-1);
    this.sources.length = 0;
    this.records.clear();
    this.misses.length = 0;
    this.holes.length = 0;
    this.copy = null;
    // Widths a little past the last version and id written: the next ones rarely need more.
    this.seqWidth = digitCount(this.writer.lastSeq + 100);
    this.idWidth = this.writer.sequence === null ? 0 : digitCount(this.writer.lastId + 10 * this.capacity + 1000);
    return this;
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
      if (Number.isNaN(id)) {
        out[pos++] = BACKSLASH;
        out[pos++] = 78; // N
      } else if (id === UNKNOWN) {
        // Not in the cache: room for the id the database gives (`fillHoles`), leading zeros allowed.
        this.holes.push(r, g, pos);
        for (let c = 0; c < HOLE; c++) out[pos++] = 48;
      } else pos = writeInt(out, pos, id);
      out[pos++] = TAB;
    }
    for (let c = 0; c < this.seqWidth; c++) out[pos++] = 48;
    if (this.idWidth > 0) {
      out[pos++] = TAB;
      for (let c = 0; c < this.idWidth; c++) out[pos++] = 48;
    }
    out[pos++] = NL;
    this.end[n] = pos;
    this.used[g] = pos;
    this.counts[g]!++;
  }

  setSource(i: number, source: Buffer, s: number, e: number): void {
    const sources = this.sources;
    let last = sources.length - 1;
    if (last < 0 || sources[last] !== source) sources[++last] = source; // each chunk once
    this.src[i] = last;
    this.srcStart[i] = s;
    this.srcEnd[i] = e;
  }

  /** Every line as the general path takes it: record, refs, and their ids (undefined: unknown). */
  materialize(): ValidLine[] {
    const spec = ENTITIES.actions;
    const out: ValidLine[] = new Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const kept = this.records.get(i);
      const record = kept ? kept.record : (JSON.parse(this.sources[this.src[i]!]!.toString('latin1', this.srcStart[i], this.srcEnd[i])) as Record<string, unknown>);
      const refs = kept ? kept.refs : spec.refs(record);
      const ids: (number | undefined)[] = new Array(refs.length);
      for (let r = 0; r < refs.length; r++) {
        const id = this.ids[i * SLOTS + REF_KINDS.indexOf(refs[r]![0])]!;
        ids[r] = id === UNKNOWN || Number.isNaN(id) ? undefined : id;
      }
      out[i] = { line: this.line[i]!, record, refs, ids };
    }
    return out;
  }

  /** Whether the fast write applies: every line complete and every reference found. */
  fast(): boolean {
    if (this.general) return false;
    const ids = this.ids;
    for (let i = 0; i < this.n * SLOTS; i++) if (ids[i] === UNKNOWN) return false;
    return true;
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
          if (Number.isNaN(id)) {
            out[pos++] = BACKSLASH;
            out[pos++] = 78; // N
          } else pos = writeInt(out, pos, id);
          out[pos++] = TAB;
        }
        for (let c = 0; c < seqWidth; c++) out[pos++] = 48;
        if (idWidth > 0) {
          out[pos++] = TAB;
          for (let c = 0; c < idWidth; c++) out[pos++] = 48;
        }
        out[pos++] = NL;
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

  /**
   * The fast write: a block of ids taken from the table's sequence (the rows get the ids they
   * would get one by one: imports take them under the data-version lock), then COPY under a
   * savepoint; false, and no row written, when a key is stored.
   */
  async tryCopy(trx: Knex.Transaction, seq: number): Promise<boolean> {
    const firstId = await this.writer.reserveIds(trx, this.n);
    this.writer.lastSeq = seq;
    const columns = firstId === null ? FAST_COLUMNS : [...FAST_COLUMNS, 'id'];
    return copyTextIfAllNew(trx, 'seg_actions', columns, this.copyText(seq, firstId));
  }
}

const digitCount = (v: number) => String(v).length;

/** A whole number >= 0 in exactly `width` digits, with leading zeros. */
function writeFixed(out: Uint8Array, at: number, width: number, value: number): void {
  let v = value;
  for (let p = at + width - 1; p >= at; p--) {
    out[p] = 48 + (v % 10);
    v = Math.floor(v / 10);
  }
}

/**
 * What the fast writes of one import share: the sequence of `seg_actions.id` (looked up once; null
 * when it cannot hand out a block, e.g. an increment other than 1), and the last version and id.
 */
export class FastWriter {
  sequence: string | null | undefined = undefined;
  lastSeq = 0;
  lastId = 0;

  /** The first of `n` new consecutive ids, or null to leave the ids to the column default. */
  async reserveIds(trx: Knex.Transaction, n: number): Promise<number | null> {
    if (this.sequence === undefined) {
      const { rows } = (await trx.raw(
        `SELECT s.seqrelid::regclass::text AS name, s.seqincrement AS inc FROM pg_sequence s WHERE s.seqrelid = pg_get_serial_sequence('seg_actions', 'id')::regclass`,
      )) as { rows: { name: string; inc: string | number }[] };
      this.sequence = rows[0] && Number(rows[0].inc) === 1 ? rows[0].name : null;
    }
    if (this.sequence === null) return null;
    const { rows } = (await trx.raw('SELECT setval(?::regclass, nextval(?::regclass) + ? - 1) AS last', [this.sequence, this.sequence, n])) as {
      rows: { last: string | number }[];
    };
    this.lastId = Number(rows[0]!.last);
    return this.lastId - n + 1;
  }
}

/**
 * Text keys seen before, by their bytes: in front of the reference cache's maps, so that a key
 * found once is found again without making a string of it. Ids never change within an import (an
 * upsert keeps a record's id), so a key's id stays right here whatever the cache forgets. Open
 * addressing on a 32-bit hash; emptied when it holds MAX_KEYS keys.
 */
class KeyTable {
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

/**
 * What reading action lines needs besides the batch: the reference cache's maps of each slot's
 * kind (stable objects, fetched once), a table of text keys by their bytes, and the local day of
 * an instant (`localDayOf`, with its UTC offset per UTC day kept here in arrays).
 */
export class Scanner {
  readonly text: Map<string, number>[] = [];
  readonly digits: DigitMap[] = [];
  readonly tables: KeyTable[] = [];
  private readonly dayTag = new Int32Array(4096).fill(-0x80000000);
  private readonly dayOffset = new Float64Array(4096);

  constructor(readonly cache: RefCache, readonly timeZone: string) {
    for (const kind of REF_KINDS) {
      const [text, digits] = cache.maps(kind);
      this.text.push(text);
      this.digits.push(digits);
      this.tables.push(new KeyTable());
    }
  }

  /**
   * localDayOf(ms, timeZone) (segments/dates.ts): the same offset per UTC day when it is the same
   * at both ends of the day, else (a day the offset changes) localDayOf itself.
   */
  localDay(ms: number): number {
    const day = Math.floor(ms / MS_PER_DAY);
    const slot = day & 4095;
    let offset: number;
    if (this.dayTag[slot] === day) offset = this.dayOffset[slot]!;
    else {
      const start = DateTime.fromMillis(day * MS_PER_DAY, { zone: this.timeZone }).offset;
      const end = DateTime.fromMillis((day + 1) * MS_PER_DAY - 1, { zone: this.timeZone }).offset;
      offset = start === end ? start : NaN;
      this.dayTag[slot] = day;
      this.dayOffset[slot] = offset;
    }
    if (Number.isNaN(offset)) return localDayOf(ms, this.timeZone);
    return Math.floor((ms + offset * 60_000) / MS_PER_DAY);
  }
}

/**
 * Reads the action line from s to e of `b` (without its line break) into the batch as its next line;
 * false, and nothing added, if the line is not of the strict shape (see the top).
 */
export function scanAction(batch: ActionBatch, b: Buffer, s: number, e: number, lineNo: number, refs: Scanner): boolean {
  if (e > s && b[e - 1] === 13) e--; // \r\n
  if (e - s > MAX_FAST_LINE || e - s < 2 || b[s] !== OPEN || b[e - 1] !== CLOSE) return false;
  const last = e - 1; // the closing brace
  let seen = 0;
  let keyS = 0, keyE = 0, typeS = 0, typeE = 0, atS = 0, atE = 0, ptsS = 0, ptsE = 0;
  let holderS = 0, holderE = 0, counterS = -1, counterE = 0, eventS = -1, eventE = 0, advS = -1, advE = 0;
  let i = s + 1;
  for (;;) {
    // "name": the known names, compared byte by byte (none reads past the line: its last byte is })
    if (b[i] !== Q) return false;
    const n0 = i + 1;
    let bit = 0;
    switch (b[n0]) {
      case 107: // key
        if (b[n0 + 1] === 101 && b[n0 + 2] === 121 && b[n0 + 3] === Q) { bit = KEY; i = n0 + 4; }
        break;
      case 104: // holder
        if (b[n0 + 1] === 111 && b[n0 + 2] === 108 && b[n0 + 3] === 100 && b[n0 + 4] === 101 && b[n0 + 5] === 114 && b[n0 + 6] === Q) { bit = HOLDER; i = n0 + 7; }
        break;
      case 116: // type
        if (b[n0 + 1] === 121 && b[n0 + 2] === 112 && b[n0 + 3] === 101 && b[n0 + 4] === Q) { bit = TYPE; i = n0 + 5; }
        break;
      case 97: // at, advantage
        if (b[n0 + 1] === 116 && b[n0 + 2] === Q) { bit = AT; i = n0 + 3; }
        else if (sameBytes(b, n0, n0 + 10, 'advantage"')) { bit = ADVANTAGE; i = n0 + 10; }
        break;
      case 99: // counter
        if (sameBytes(b, n0, n0 + 8, 'counter"')) { bit = COUNTER; i = n0 + 8; }
        break;
      case 101: // event
        if (b[n0 + 1] === 118 && b[n0 + 2] === 101 && b[n0 + 3] === 110 && b[n0 + 4] === 116 && b[n0 + 5] === Q) { bit = EVENT; i = n0 + 6; }
        break;
      case 112: // points
        if (sameBytes(b, n0, n0 + 7, 'points"')) { bit = POINTS; i = n0 + 7; }
        break;
    }
    if (bit === 0 || (seen & bit) !== 0 || b[i] !== COLON) return false;
    seen |= bit;
    i++;
    // the value: a string, null, or (points) an integer
    let vs = i;
    let ve = i;
    const c = b[i];
    if (c === Q) {
      vs = ve = i + 1;
      while (ve < last && PLAIN_CHAR[b[ve]!] === 1) ve++;
      if (ve >= last || b[ve] !== Q) return false;
      i = ve + 1;
      switch (bit) {
        case KEY: if (!plainKey(b, vs, ve)) return false; keyS = vs; keyE = ve; break;
        case HOLDER: if (!plainKey(b, vs, ve)) return false; holderS = vs; holderE = ve; break;
        case TYPE: if (!isActionType(b, vs, ve)) return false; typeS = vs; typeE = ve; break;
        case AT: atS = vs; atE = ve; break;
        case COUNTER: if (!plainKey(b, vs, ve)) return false; counterS = vs; counterE = ve; break;
        case EVENT: if (!plainKey(b, vs, ve)) return false; eventS = vs; eventE = ve; break;
        case ADVANTAGE: if (!plainKey(b, vs, ve)) return false; advS = vs; advE = ve; break;
        default: return false; // points
      }
    } else if (c === 110) {
      // null: only where the schema lets it through unchanged
      if (b[i + 1] !== 117 || b[i + 2] !== 108 || b[i + 3] !== 108) return false;
      if (bit !== COUNTER && bit !== EVENT && bit !== ADVANTAGE && bit !== POINTS) return false;
      i += 4;
    } else {
      // an integer as JSON writes it (no leading zero), within int32: its digits are the value
      if (bit !== POINTS) return false;
      let j = i;
      if (b[j] === 45) j++;
      const first = j;
      let value = 0;
      while (j < last) {
        const d = b[j]! - 48;
        if (d < 0 || d > 9) break;
        value = value * 10 + d;
        j++;
      }
      const digits = j - first;
      if (digits < 1 || digits > 10 || (digits > 1 && b[first] === 48)) return false;
      if (value > (first > i ? 2_147_483_648 : 2_147_483_647)) return false;
      ptsS = i;
      ptsE = j;
      i = j;
    }
    const sep = b[i];
    if (sep === COMMA) i++;
    else if (sep === CLOSE && i === last) break;
    else return false;
  }
  // A complete new action (REQUIRED_FOR_NEW), and the entity's check passes (else: the general path).
  if ((seen & (KEY | HOLDER | TYPE | AT)) !== (KEY | HOLDER | TYPE | AT)) return false;
  if (eventS >= 0 && !sameBytes(b, typeS, typeE, 'CHECKIN') && !sameBytes(b, typeS, typeE, 'TICKET')) return false;
  if (advS >= 0 && !sameBytes(b, typeS, typeE, 'CASHIN')) return false;
  const ms = plainInstantMs(b, atS, atE);
  if (Number.isNaN(ms)) return false;

  const n = batch.n;
  const g = batch.open(n, seen, MAX_PREFIX);
  const out = batch.texts[g]!;
  let pos = batch.start[n]!;
  for (let k = keyS; k < keyE; k++) out[pos++] = b[k]!;
  out[pos++] = TAB;
  for (let k = typeS; k < typeE; k++) out[pos++] = b[k]!;
  out[pos++] = TAB;
  if (atE - atS === 24 && b[atS + 23] === 90) {
    for (let k = atS; k < atE; k++) out[pos++] = b[k]!; // already as stored
  } else {
    if (!writeIso(out, pos, ms)) return false;
    pos += 24;
  }
  out[pos++] = TAB;
  pos = writeInt(out, pos, refs.localDay(ms));
  out[pos++] = TAB;
  if (ptsE > ptsS) for (let k = ptsS; k < ptsE; k++) out[pos++] = b[k]!;
  else {
    out[pos++] = BACKSLASH;
    out[pos++] = 78;
  }
  out[pos++] = TAB;

  const ids = batch.ids;
  const base = n * SLOTS;
  ids[base] = lookup(batch, refs, b, holderS, holderE, n, 0);
  ids[base + 1] = counterS < 0 ? NO_REF : lookup(batch, refs, b, counterS, counterE, n, 1);
  ids[base + 2] = eventS < 0 ? NO_REF : lookup(batch, refs, b, eventS, eventE, n, 2);
  ids[base + 3] = advS < 0 ? NO_REF : lookup(batch, refs, b, advS, advE, n, 3);
  batch.close(n, g, pos);
  batch.line[n] = lineNo;
  batch.sig[n] = seen;
  batch.setSource(n, b, s, e);
  batch.n = n + 1;
  return true;
}

/** The id of a key in the cache, or UNKNOWN with the key noted among the batch's misses. */
function lookup(batch: ActionBatch, refs: Scanner, b: Buffer, s: number, e: number, line: number, slot: number): number {
  // digitKey (refs.ts) without making the string
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

/**
 * A valid line that went through the schema: kept as its record, and given columns too when it
 * is a complete new action, so that the batch can still take the fast write.
 */
export function addRecord(batch: ActionBatch, valid: ValidLine, cache: RefCache, timeZone: string): void {
  const n = batch.n;
  const r = valid.record;
  batch.records.set(n, valid);
  batch.line[n] = valid.line;
  for (let slot = 0; slot < SLOTS; slot++) {
    const key = r[REF_KINDS[slot]!] as string | null | undefined;
    if (key == null) batch.ids[n * SLOTS + slot] = NO_REF;
    else {
      const id = cache.get(REF_KINDS[slot]!, key);
      batch.ids[n * SLOTS + slot] = id ?? UNKNOWN;
      if (id === undefined) batch.misses.push(n, slot, key);
    }
  }
  batch.n = n + 1;
  if (r.holder == null || r.type == null || r.at == null) {
    batch.general = true; // it may update a stored action: the general path decides
    return;
  }
  // As the entity's columns() (entities.ts) and copyNew (queries.ts) write them.
  const ms = Date.parse(r.at);
  const at = UTC_ISO.test(r.at) ? r.at : new Date(ms).toISOString();
  const bytes = Buffer.from(`${copyValue(r.key)}\t${copyValue(r.type)}\t${copyValue(at)}\t${localDayOf(ms, timeZone)}\t${copyValue(r.points)}\t`);
  let sig = KEY | HOLDER | TYPE | AT;
  if (r.points !== undefined) sig |= POINTS;
  if (r.counter !== undefined) sig |= COUNTER;
  if (r.event !== undefined) sig |= EVENT;
  if (r.advantage !== undefined) sig |= ADVANTAGE;
  batch.sig[n] = sig;
  const g = batch.open(n, sig, bytes.length + MAX_PREFIX);
  batch.texts[g]!.set(bytes, batch.start[n]!);
  batch.close(n, g, batch.start[n]! + bytes.length);
}

/**
 * Asks the database for the references the cache lacked (one query per kind), remembers them, and
 * fills them in; a key still missing stays UNKNOWN (the general path rejects its line).
 */
export async function resolveBatch(
  batch: ActionBatch,
  cache: RefCache,
  idsByKey: (kind: RefKind, keys: string[]) => Promise<Map<string, number>>,
): Promise<void> {
  const misses = batch.misses;
  if (misses.length === 0) return;
  const wanted = new Map<RefKind, Set<string>>();
  for (let m = 0; m < misses.length; m += 3) {
    const kind = REF_KINDS[misses[m + 1] as number]!;
    let keys = wanted.get(kind);
    if (!keys) wanted.set(kind, (keys = new Set()));
    keys.add(misses[m + 2] as string);
  }
  const found = new Map<RefKind, Map<string, number>>();
  for (const [kind, keys] of wanted) {
    const ids = await idsByKey(kind, [...keys]);
    cache.remember(kind, ids);
    found.set(kind, ids);
  }
  for (let m = 0; m < misses.length; m += 3) {
    const slot = misses[m + 1] as number;
    const id = found.get(REF_KINDS[slot]!)!.get(misses[m + 2] as string);
    batch.ids[(misses[m] as number) * SLOTS + slot] = id ?? UNKNOWN;
  }
  batch.fillHoles();
}

