/**
 * Instants as the fast action path (index.ts) meets them, in bytes: read from an action
 * line (`plainInstantMs`), written the way they are stored (`writeIso`), and turned into the local
 * day of the tool's time zone (`LocalDays`), with no Date and no string per line.
 */
import { DateTime } from 'luxon';
import { localDayOf } from '../../common/dates';
import * as calendar from '../../../../shared/calendar';

const { daysInMonth } = calendar;

export const MS_PER_DAY = 86_400_000;

const COLON = 58;

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

const write2 = (out: Uint8Array, pos: number, v: number) => {
  out[pos] = 48 + Math.floor(v / 10);
  out[pos + 1] = 48 + (v % 10);
};

/** `Date.toISOString()` of an instant in the years 0-9999, as bytes (24 of them); false outside them. */
export function writeIso(out: Uint8Array, pos: number, ms: number): boolean {
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
 * localDayOf(ms, timeZone) (common/dates.ts), with the UTC offset of each UTC day kept in arrays
 * (4096 days, by the day's low bits): the offset before and after the instant the offset changes
 * that day (found once, by bisection; none on most days), else (more than one change in a day)
 * localDayOf itself.
 */
export class LocalDays {
  private readonly dayTag = new Int32Array(4096).fill(-0x80000000);
  private readonly before = new Float64Array(4096);
  private readonly after = new Float64Array(4096);
  private readonly switchAt = new Float64Array(4096);

  constructor(readonly timeZone: string) {}

  private offsetAt(ms: number): number {
    return DateTime.fromMillis(ms, { zone: this.timeZone }).offset;
  }

  private learn(day: number, slot: number): void {
    const start = day * MS_PER_DAY;
    const end = start + MS_PER_DAY - 1;
    const [first, last] = [this.offsetAt(start), this.offsetAt(end)];
    let at = end + 1;
    if (first !== last) {
      // The first instant with the day's last offset; one change only, or NaN (localDayOf then).
      let [lo, hi] = [start, end];
      while (lo < hi) {
        const mid = Math.floor((lo + hi) / 2);
        if (this.offsetAt(mid) === last) hi = mid;
        else lo = mid + 1;
      }
      at = this.offsetAt(lo - 1) === first ? lo : NaN;
    }
    this.dayTag[slot] = day;
    this.before[slot] = first;
    this.after[slot] = last;
    this.switchAt[slot] = at;
  }

  of(ms: number): number {
    const day = Math.floor(ms / MS_PER_DAY);
    const slot = day & 4095;
    if (this.dayTag[slot] !== day) this.learn(day, slot);
    const at = this.switchAt[slot]!;
    if (Number.isNaN(at)) return localDayOf(ms, this.timeZone);
    const offset = ms < at ? this.before[slot]! : this.after[slot]!;
    return Math.floor((ms + offset * 60_000) / MS_PER_DAY);
  }
}
