/**
 * The mail-merge file (issue 20): CSV with a BOM, `;`, CRLF, a Dutch header and cells that cannot
 * become formulas; XLSX with the same columns, every cell text (a postcode keeps its leading zero).
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { writeMergeCsv, writeMergeXlsx, type MergeRow } from '../../src/plugins/segmentation/server/src/post/merge-file';
import { collect } from '../helpers/pdf-text';

const ROWS: MergeRow[] = [
  { uid: 'u1', firstName: 'Zoë', lastName: 'Peeters', street: 'Kerkstraat 1; bus 2', postcode: '9000', city: 'Gent', language: 'nl' },
  { uid: 'u2', firstName: 'Jan "de Man"', lastName: 'Janssens', street: 'Lange\nStraat 5', postcode: '0612', city: 'Élouges', language: null },
  { uid: 'u3', firstName: '=cmd|"/C calc"!A0', lastName: '@SUM(1)', street: '+32 9 123 45 67', postcode: '1000', city: '-Brussel', language: 'fr' },
];
const HEADER = ['uid', 'voornaam', 'naam', 'straat', 'postcode', 'gemeente', 'taal'];

async function* slowly<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) {
    await new Promise((r) => setImmediate(r));
    yield item;
  }
}

test('CSV: BOM, `;`-separated with a Dutch header, quoting of `;`, quotes and newlines, formulas neutralised', async () => {
  const { stream, done } = collect();
  expect(await writeMergeCsv(stream, slowly(ROWS))).toEqual({ rows: 3 });
  const bytes = await done;
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8').slice(1);
  expect(text.startsWith('uid;voornaam;naam;straat;postcode;gemeente;taal\r\n')).toBe(true);
  expect(text).toContain('u1;Zoë;Peeters;"Kerkstraat 1; bus 2";9000;Gent;nl\r\n');
  expect(text).toContain('"Jan ""de Man"""');
  expect(text).toContain('"Lange\nStraat 5"');
  const records = parse(text, { delimiter: ';' }) as string[][];
  expect(records).toEqual([
    HEADER,
    ['u1', 'Zoë', 'Peeters', 'Kerkstraat 1; bus 2', '9000', 'Gent', 'nl'],
    ['u2', 'Jan "de Man"', 'Janssens', 'Lange\nStraat 5', '0612', 'Élouges', ''],
    ['u3', `'=cmd|"/C calc"!A0`, "'@SUM(1)", '+32 9 123 45 67', '1000', "'-Brussel", 'fr'],
  ]);
});

test('XLSX: the same columns, read back with exceljs; the postcode stays text', async () => {
  const { stream, done } = collect();
  expect(await writeMergeXlsx(stream, ROWS)).toEqual({ rows: 3 });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await done) as unknown as ArrayBuffer); // exceljs' declarations lag behind Node's Buffer type
  const sheet = book.worksheets[0]!;
  const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
  expect(values(1)).toEqual(HEADER);
  expect(values(2)).toEqual(['u1', 'Zoë', 'Peeters', 'Kerkstraat 1; bus 2', '9000', 'Gent', 'nl']);
  expect(values(3).slice(0, 6)).toEqual(['u2', 'Jan "de Man"', 'Janssens', 'Lange\nStraat 5', '0612', 'Élouges']);
  expect(values(4)).toEqual(['u3', '=cmd|"/C calc"!A0', '@SUM(1)', '+32 9 123 45 67', '1000', '-Brussel', 'fr']);
  const postcode = sheet.getRow(3).getCell(5);
  expect(postcode.type).toBe(ExcelJS.ValueType.String);
  expect(postcode.value).toBe('0612');
  expect(postcode.numFmt).toBe('@');
  expect(sheet.getRow(4).getCell(2).type).toBe(ExcelJS.ValueType.String); // text, not a formula
  expect(sheet.rowCount).toBe(4);
});
