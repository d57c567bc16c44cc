/**
 * Reading the common action line straight from the body's bytes (the fast path, index.ts):
 * its fields into the batch's columns and its first COPY columns into the batch's text, with no
 * JSON.parse, no record and no string per field.
 *
 * `scanAction` takes only a strict shape: `{"field":value,...}` without white space, known fields
 * each at most once, strings of printable ASCII without escapes, integers without fraction or
 * exponent, and values that make a complete new action (holder, type and at given) that the schema
 * accepts unchanged (records/plain.ts, isPlainAction) and the entity's check lets through. For such a line
 * JSON.parse gives exactly the values scanned, so its record can always be had again by parsing it
 * (`materialize`). Any other line, valid or not, goes through JSON.parse and the schema as before
 * (`addRecord` then keeps its record): this path never writes an error message. Every byte of a
 * line it takes is one of those checked above, all ASCII: such a line is valid UTF-8, and only the
 * others are checked for it (index.ts, readers/utf8.ts).
 */
import type { ActionBatch } from './batch';
import * as instants from './instants';
import * as copyText from './copy-text';
import * as jsonBytes from './json-bytes';
import * as refLookup from './scanner-refs';
import type { Scanner } from './scanner-refs';

export { Scanner } from './scanner-refs';

const { plainInstantMs, writeIso } = instants;
const { MAX_PREFIX, NO_REF, SLOTS, TAB, writeInt, writeNull } = copyText;
const { CLOSE, COLON, COMMA, OPEN, PLAIN_CHAR, Q, isActionType, plainKey, sameBytes } = jsonBytes;
const { lookup } = refLookup;

/** Field bits: the same as the actions' `signature` (../entities.ts) for the fields it counts. */
const TYPE = 1;
const POINTS = 2;
const HOLDER = 4;
const AT = 8;
const COUNTER = 16;
const EVENT = 32;
const ADVANTAGE = 64;
const KEY = 128;

/** Lines longer than this are left to the general path. */
const MAX_FAST_LINE = 2048;

/**
 * Reads the action line from s to e of `b` (without its line break) into the batch as its next line;
 * false, and nothing added, if the line is not of the strict shape (see the top).
 */
export function scanAction(batch: ActionBatch, b: Buffer, s: number, e: number, lineNo: number, refs: Scanner): boolean {
  if (e > s && b[e - 1] === 13) e--; // \r\n
  if (e - s > MAX_FAST_LINE || e - s < 2 || b[s] !== OPEN || b[e - 1] !== CLOSE) return false;
  const last = e - 1; // the closing brace
  let seen = 0;
  let keyS = 0,
    keyE = 0,
    typeS = 0,
    typeE = 0,
    atS = 0,
    atE = 0,
    ptsS = 0,
    ptsE = 0;
  let holderS = 0,
    holderE = 0,
    counterS = -1,
    counterE = 0,
    eventS = -1,
    eventE = 0,
    advS = -1,
    advE = 0;
  let i = s + 1;
  for (;;) {
    // "name": the known names, compared byte by byte (none reads past the line: its last byte is })
    if (b[i] !== Q) return false;
    const n0 = i + 1;
    let bit = 0;
    switch (b[n0]) {
      case 107: // key
        if (b[n0 + 1] === 101 && b[n0 + 2] === 121 && b[n0 + 3] === Q) {
          bit = KEY;
          i = n0 + 4;
        }
        break;
      case 104: // holder
        if (b[n0 + 1] === 111 && b[n0 + 2] === 108 && b[n0 + 3] === 100 && b[n0 + 4] === 101 && b[n0 + 5] === 114 && b[n0 + 6] === Q) {
          bit = HOLDER;
          i = n0 + 7;
        }
        break;
      case 116: // type
        if (b[n0 + 1] === 121 && b[n0 + 2] === 112 && b[n0 + 3] === 101 && b[n0 + 4] === Q) {
          bit = TYPE;
          i = n0 + 5;
        }
        break;
      case 97: // at, advantage
        if (b[n0 + 1] === 116 && b[n0 + 2] === Q) {
          bit = AT;
          i = n0 + 3;
        } else if (sameBytes(b, n0, n0 + 10, 'advantage"')) {
          bit = ADVANTAGE;
          i = n0 + 10;
        }
        break;
      case 99: // counter
        if (sameBytes(b, n0, n0 + 8, 'counter"')) {
          bit = COUNTER;
          i = n0 + 8;
        }
        break;
      case 101: // event
        if (b[n0 + 1] === 118 && b[n0 + 2] === 101 && b[n0 + 3] === 110 && b[n0 + 4] === 116 && b[n0 + 5] === Q) {
          bit = EVENT;
          i = n0 + 6;
        }
        break;
      case 112: // points
        if (sameBytes(b, n0, n0 + 7, 'points"')) {
          bit = POINTS;
          i = n0 + 7;
        }
        break;
    }
    if (bit === 0 || (seen & bit) !== 0 || b[i] !== COLON) return false;
    seen |= bit;
    i++;
    // the value: a string, null, or (points) an integer
    const c = b[i];
    if (c === Q) {
      const vs = i + 1;
      let ve = vs;
      while (ve < last && PLAIN_CHAR[b[ve]!] === 1) ve++;
      if (ve >= last || b[ve] !== Q) return false;
      i = ve + 1;
      switch (bit) {
        case KEY:
          if (!plainKey(b, vs, ve)) return false;
          keyS = vs;
          keyE = ve;
          break;
        case HOLDER:
          if (!plainKey(b, vs, ve)) return false;
          holderS = vs;
          holderE = ve;
          break;
        case TYPE:
          if (!isActionType(b, vs, ve)) return false;
          typeS = vs;
          typeE = ve;
          break;
        case AT:
          atS = vs;
          atE = ve;
          break;
        case COUNTER:
          if (!plainKey(b, vs, ve)) return false;
          counterS = vs;
          counterE = ve;
          break;
        case EVENT:
          if (!plainKey(b, vs, ve)) return false;
          eventS = vs;
          eventE = ve;
          break;
        case ADVANTAGE:
          if (!plainKey(b, vs, ve)) return false;
          advS = vs;
          advE = ve;
          break;
        default:
          return false; // points
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
  const out = batch.open(n, MAX_PREFIX);
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
  pos = writeInt(out, pos, refs.localDays.of(ms));
  out[pos++] = TAB;
  if (ptsE > ptsS) for (let k = ptsS; k < ptsE; k++) out[pos++] = b[k]!;
  else pos = writeNull(out, pos);
  out[pos++] = TAB;

  const ids = batch.ids;
  const base = n * SLOTS;
  ids[base] = lookup(batch, refs, b, holderS, holderE, n, 0);
  ids[base + 1] = counterS < 0 ? NO_REF : lookup(batch, refs, b, counterS, counterE, n, 1);
  ids[base + 2] = eventS < 0 ? NO_REF : lookup(batch, refs, b, eventS, eventE, n, 2);
  ids[base + 3] = advS < 0 ? NO_REF : lookup(batch, refs, b, advS, advE, n, 3);
  batch.close(n, pos);
  batch.line[n] = lineNo;
  batch.setSource(n, b, s, e);
  batch.n = n + 1;
  return true;
}
