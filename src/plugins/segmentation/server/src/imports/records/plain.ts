/**
 * Fast checks for the common valid line (the import's hot path): `true` only when the schema
 * (schemas.ts) would accept the value and give it back unchanged (no key to trim, no field to drop),
 * so the value itself can be stored. Anything else, valid or not, goes through the schema, which
 * alone writes the error messages. A shape these checks do not know is never wrong, only slower.
 */
import { daysInMonth } from '../../../../shared/calendar';
import type { ImportEntity } from './schemas';

/** A key the schema keeps as is: 1-255 printable ASCII characters, no space at either end. */
const PLAIN_KEY = /^[\x21-\x7e](?:[\x20-\x7e]{0,253}[\x21-\x7e])?$/;
const ACTION_TYPE = /^[A-Z][A-Z0-9_]*$/;
const plainKey = (v: unknown) => typeof v === 'string' && PLAIN_KEY.test(v);
const digit = (s: string, i: number) => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -100_000;
};
const two = (s: string, i: number) => digit(s, i) * 10 + digit(s, i + 1);
/**
 * `YYYY-MM-DDTHH:MM:SS[.mmm](Z|+HH:MM|-HH:MM)`, a date that exists, hours up to 23, a time Date.parse
 * reads: a strict subset of what the schema's `instant` accepts (schemas.ts, isoTime with an offset).
 */
export function isPlainInstant(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const n = v.length;
  if (n !== 20 && n !== 24 && n !== 25 && n !== 29) return false;
  if (v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45 || v.charCodeAt(10) !== 84 || v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58) return false;
  const y = two(v, 0) * 100 + two(v, 2);
  const m = two(v, 5);
  const d = two(v, 8);
  const h = two(v, 11);
  const min = two(v, 14);
  const sec = two(v, 17);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m) || h < 0 || h > 23 || min < 0 || min > 59 || sec < 0 || sec > 59) return false;
  let i = 19;
  if (v.charCodeAt(i) === 46) {
    if (digit(v, 20) < 0 || digit(v, 21) < 0 || digit(v, 22) < 0) return false;
    i = 23;
  }
  const zone = v.charCodeAt(i);
  if (zone === 90) {
    if (i + 1 !== n) return false;
  } else {
    if ((zone !== 43 && zone !== 45) || i + 6 !== n || v.charCodeAt(i + 3) !== 58 || two(v, i + 1) < 0 || two(v, i + 4) < 0) return false;
  }
  return !Number.isNaN(Date.parse(v));
}
const INT_MIN = -2_147_483_648;
const INT_MAX = 2_147_483_647;
const plainInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= INT_MIN && v <= INT_MAX;

function isPlainAction(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const r = value as Record<string, unknown>;
  let hasKey = false;
  for (const field in r) {
    if (!Object.prototype.hasOwnProperty.call(r, field)) return false;
    const v = r[field];
    switch (field) {
      case 'key':
        if (!plainKey(v)) return false;
        hasKey = true;
        break;
      case 'holder':
        if (!plainKey(v)) return false;
        break;
      case 'type':
        if (typeof v !== 'string' || v.length > 32 || !ACTION_TYPE.test(v)) return false;
        break;
      case 'at':
        if (!isPlainInstant(v)) return false;
        break;
      case 'counter':
      case 'event':
      case 'advantage':
        if (v !== null && !plainKey(v)) return false;
        break;
      case 'points':
        if (v !== null && !plainInt(v)) return false;
        break;
      default:
        return false;
    }
  }
  return hasKey && Object.getPrototypeOf(r) === Object.prototype;
}

/** Per entity, where there is one: see the top. */
export const PLAIN_RECORD: Partial<Record<ImportEntity, (value: unknown) => boolean>> = { actions: isPlainAction };
