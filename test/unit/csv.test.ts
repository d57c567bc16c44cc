/** Exports cannot smuggle spreadsheet formulas (CSV injection), and phone numbers stay as they are. */
import { safeCell, csvWriter } from '../../src/plugins/segmentation/server/src/common/csv';

test.each([
  ['=HYPERLINK("http://evil","klik")', `'=HYPERLINK("http://evil","klik")`],
  ['+cmd|" /C calc"!A0', `'+cmd|" /C calc"!A0`],
  ['-2+3+cmd|" /C calc"!A0', `'-2+3+cmd|" /C calc"!A0`],
  ['@SUM(1+1)*cmd', `'@SUM(1+1)*cmd`],
  ['\t=1+1', `'\t=1+1`],
  ['\r=1+1', `'\r=1+1`],
])('a cell starting a formula is neutralised: %j', (input, output) => {
  expect(safeCell(input)).toBe(output);
});

test.each(['+32 475 12 34 56', '+32475123456', '-5', '0470 12 34 56', 'an@example.be', 'Jan-Pieter', '', 'Zoë'])(
  'ordinary values stay as they are: %j',
  (value) => {
    expect(safeCell(value)).toBe(value);
  },
);

test('the export writer applies it to every text cell', async () => {
  const csv = csvWriter(['uid', 'firstName']);
  const chunks: string[] = [];
  csv.on('data', (c: Buffer) => chunks.push(c.toString()));
  const done = new Promise((r) => csv.on('end', r));
  csv.write(['u1', '=1+1']);
  csv.write(['u2', 'An']);
  csv.end();
  await done;
  expect(chunks.join('')).toBe("uid,firstName\nu1,'=1+1\nu2,An\n");
});
