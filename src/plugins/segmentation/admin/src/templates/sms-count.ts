/**
 * The SMS editor's counter (issue 20): the text as typed counted as shared/sms.ts counts what is
 * sent, and whether personalisation may push it into another part — the text has Liquid tags and,
 * without them, ends within MARGIN units of the boundary of its part(s).
 */
import { GSM_EXTENSION, smsParts, type SmsParts } from '../../../shared/sms';

/** Units a variable's value may well take (a first name, a point balance, a date). */
export const MARGIN = 20;

const LIMITS = { 'GSM-7': { single: 160, part: 153 }, 'UCS-2': { single: 70, part: 67 } } as const;

export interface SmsCount extends SmsParts {
  /** Characters of the GSM extension table in the text (each counts as two). */
  doubled: string[];
  /** The text holds `{{ … }}` or `{% … %}`. */
  personalised: boolean;
  /** Units left before the text (without its tags) needs one part more; null without tags. */
  roomWithoutTags: number | null;
  /** Personalisation may make it one part more (or, at a single SMS, two). */
  mayGrow: boolean;
}

/** The most units `segments` parts can hold in `encoding`. */
export const capacity = (encoding: SmsParts['encoding'], segments: number) => (segments <= 1 ? LIMITS[encoding].single : segments * LIMITS[encoding].part);

export function countSms(text: string): SmsCount {
  const parts = smsParts(text);
  const doubled = [...new Set([...text].filter((c) => GSM_EXTENSION.includes(c)))];
  const stripped = text.replace(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g, '');
  const personalised = stripped !== text;
  if (!personalised) return { ...parts, doubled, personalised, roomWithoutTags: null, mayGrow: false };
  const bare = smsParts(stripped);
  const room = capacity(bare.encoding, Math.max(1, bare.segments)) - bare.characters;
  return { ...parts, doubled, personalised, roomWithoutTags: room, mayGrow: room <= MARGIN };
}

/** A character as shown in the list of those forcing UCS-2: itself and its code point. */
export const codePoint = (c: string) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
