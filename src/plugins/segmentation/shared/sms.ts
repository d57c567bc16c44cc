/**
 * SMS text (issue 20): how many SMS a text costs and how it is cut into parts, and STOP replies.
 * Pure; shared by the admin's editor (the counter) and the server (the SMPP provider cuts a text
 * with `splitSms`, so the counter and what is sent agree).
 *
 * A text all in the GSM 03.38 alphabet goes as GSM-7: 160 characters in one SMS, 153 per part when
 * concatenated (the UDH takes 7 septets); characters of the extension table (€ [ ] { } ^ ~ \ | and
 * form feed) take two (escape + character). Any other character makes the whole text UCS-2: 70
 * UTF-16 code units in one SMS, 67 per part (an emoji is 2). A part never ends between an escape and
 * its character nor between the halves of a surrogate pair, so a part may hold one unit less.
 */

/** GSM 03.38 default alphabet (the escape 0x1B left out: it is no character of its own). */
export const GSM_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** GSM 03.38 extension table: each is sent as escape + character. */
export const GSM_EXTENSION = '\f^{}\\[~]|€';

const basic = new Set(GSM_BASIC);
const extension = new Set(GSM_EXTENSION);

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsParts {
  encoding: SmsEncoding;
  /** Length in the encoding's units: septets for GSM-7 (extension characters 2), UTF-16 code units for UCS-2. */
  characters: number;
  /** SMS the text is sent as (0 for an empty text). */
  segments: number;
  /** Units per SMS: 160/70 for one, 153/67 for each part of a concatenated one. */
  perSegment: number;
  /** The distinct characters that force UCS-2, in order of appearance. */
  ucs2Characters: string[];
}

const LIMITS = { 'GSM-7': { single: 160, part: 153 }, 'UCS-2': { single: 70, part: 67 } } as const;

/** The characters outside the GSM alphabet (distinct, whole code points). */
function nonGsm(text: string): string[] {
  const found = new Set<string>();
  for (const char of text) if (!basic.has(char) && !extension.has(char)) found.add(char);
  return [...found];
}

export function smsEncoding(text: string): SmsEncoding {
  return nonGsm(text).length ? 'UCS-2' : 'GSM-7';
}

/** The units one character takes in `encoding`. */
const unitsOf = (char: string, encoding: SmsEncoding): number => (encoding === 'UCS-2' ? char.length : extension.has(char) ? 2 : 1);

/** `text` cut into the parts it is sent as (one when it fits one SMS; none when empty). */
export function splitSms(text: string, encoding: SmsEncoding = smsEncoding(text)): string[] {
  const limits = LIMITS[encoding];
  const chars = [...text];
  const total = chars.reduce((sum, char) => sum + unitsOf(char, encoding), 0);
  if (total === 0) return [];
  if (total <= limits.single) return [text];
  const parts: string[] = [];
  let current = '';
  let units = 0;
  for (const char of chars) {
    const size = unitsOf(char, encoding);
    if (units + size > limits.part) {
      parts.push(current);
      current = '';
      units = 0;
    }
    current += char;
    units += size;
  }
  parts.push(current);
  return parts;
}

export function smsParts(text: string): SmsParts {
  const ucs2Characters = nonGsm(text);
  const encoding: SmsEncoding = ucs2Characters.length ? 'UCS-2' : 'GSM-7';
  const characters = [...text].reduce((sum, char) => sum + unitsOf(char, encoding), 0);
  const segments = splitSms(text, encoding).length;
  const perSegment = segments > 1 ? LIMITS[encoding].part : LIMITS[encoding].single;
  return { encoding, characters, segments, perSegment, ucs2Characters };
}

/**
 * Whether an inbound SMS asks to stop: STOP or STOP ALL (any case) alone, with whitespace or
 * punctuation around it ("Stop.", " stop! ", "STOP ALL"), but not in a sentence ("stoppen met roken").
 */
export function isStop(text: string): boolean {
  const words = text
    .normalize('NFKC')
    .replace(/[\p{P}\p{S}\s]+/gu, ' ')
    .trim()
    .toUpperCase();
  return words === 'STOP' || words === 'STOP ALL';
}
