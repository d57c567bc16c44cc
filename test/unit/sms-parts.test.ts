/** SMS length counting (GSM-7 vs UCS-2, concatenation), STOP replies and mobile numbers (shared/sms.ts, shared/phone.ts). */
import { GSM_BASIC, GSM_EXTENSION, isStop, smsParts, splitSms } from '../../src/plugins/segmentation/shared/sms';
import { normaliseMobile } from '../../src/plugins/segmentation/shared/phone';

const a = (n: number) => 'a'.repeat(n);
const ж = (n: number) => 'ж'.repeat(n);

describe('smsParts', () => {
  test('an empty text is no SMS', () => {
    expect(smsParts('')).toEqual({ encoding: 'GSM-7', characters: 0, segments: 0, perSegment: 160, ucs2Characters: [] });
  });

  test('GSM-7: 160 characters are one SMS, 161 are two of 153', () => {
    expect(smsParts(a(160))).toEqual({ encoding: 'GSM-7', characters: 160, segments: 1, perSegment: 160, ucs2Characters: [] });
    expect(smsParts(a(161))).toMatchObject({ characters: 161, segments: 2, perSegment: 153 });
    expect(smsParts(a(306))).toMatchObject({ segments: 2 });
    expect(smsParts(a(307))).toMatchObject({ segments: 3 });
  });

  test('UCS-2: 70 units are one SMS, 71 are two of 67', () => {
    expect(smsParts(ж(70))).toEqual({ encoding: 'UCS-2', characters: 70, segments: 1, perSegment: 70, ucs2Characters: ['ж'] });
    expect(smsParts(ж(71))).toMatchObject({ characters: 71, segments: 2, perSegment: 67 });
    expect(smsParts(ж(134))).toMatchObject({ segments: 2 });
    expect(smsParts(ж(135))).toMatchObject({ segments: 3 });
  });

  test('extension characters count two: 80 € fill one SMS, 81 do not', () => {
    expect(smsParts('€')).toMatchObject({ encoding: 'GSM-7', characters: 2 });
    expect(smsParts('€'.repeat(80))).toMatchObject({ characters: 160, segments: 1 });
    expect(smsParts('€'.repeat(81))).toMatchObject({ characters: 162, segments: 2 });
    for (const char of '€[]{}^~\\|') expect(smsParts(char).characters).toBe(2);
  });

  test('a part never ends inside an escape: 152 letters and a € make two parts', () => {
    const text = a(152) + '€' + a(10);
    expect(splitSms(text)).toEqual([a(152), '€' + a(10)]);
  });

  test('an emoji counts as two UTF-16 units, is named as the reason for UCS-2, and is never cut in half', () => {
    expect(smsParts('Hallo 😀')).toEqual({ encoding: 'UCS-2', characters: 8, segments: 1, perSegment: 70, ucs2Characters: ['😀'] });
    const text = ж(66) + '😀' + ж(5);
    const parts = splitSms(text);
    expect(parts).toEqual([ж(66), '😀' + ж(5)]);
    expect(parts.join('')).toBe(text);
  });

  test('the whole GSM basic table is GSM-7 and one unit each; an accent outside it is UCS-2', () => {
    expect(smsParts(GSM_BASIC)).toMatchObject({ encoding: 'GSM-7', characters: [...GSM_BASIC].length });
    expect(smsParts(GSM_EXTENSION).characters).toBe(2 * GSM_EXTENSION.length);
    expect(smsParts('Café at the Brücke, ça va?')).toMatchObject({ encoding: 'UCS-2', ucs2Characters: ['ç'] });
    expect(smsParts('`')).toMatchObject({ encoding: 'UCS-2', ucs2Characters: ['`'] });
    expect(smsParts('\x1B').encoding).toBe('UCS-2');
  });
});

describe('isStop', () => {
  test.each(['STOP', 'stop', 'Stop', 'STOP ALL', 'stop all', '  Stop. ', 'STOP!', '"stop"', '\nSTOP\n', 'Stop all!'])('%j asks to stop', (text) => {
    expect(isStop(text)).toBe(true);
  });
  test.each(['stoppen met roken', 'please stop', 'STOPPEN', 'STOP NOW', 'S T O P', '', 'top'])('%j does not', (text) => {
    expect(isStop(text)).toBe(false);
  });
});

describe('normaliseMobile', () => {
  test.each([
    ['+32 475 12 34 56', '+32475123456'],
    ['0475123456', '+32475123456'],
    ['0475/12.34.56', '+32475123456'],
    ['0032475123456', '+32475123456'],
    ['+31 6 12345678', '+31612345678'],
  ])('%j is %s', (raw, e164) => {
    expect(normaliseMobile(raw)).toBe(e164);
  });

  test.each(['09 123 45 67', '+32 9 123 45 67', 'garbage', '', '   ', '0475', '+32 475 12 34 56 78 90'])('%j is no mobile number', (raw) => {
    expect(normaliseMobile(raw)).toBeNull();
  });

  test('national numbers are read as the given region', () => {
    expect(normaliseMobile('06 12345678', 'NL')).toBe('+31612345678');
    expect(normaliseMobile('06 12345678', 'BE')).toBeNull();
  });
});
