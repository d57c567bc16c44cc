/**
 * Reading an uploaded list (audiences/list-rows.ts): the pass-number column under any of its
 * names in any case, the `linked` column's words (J/N, ja/nee, yes/no, true/false, 1/0) and XLSX
 * boolean cells; a value that is none of them is an unreadable line.
 */
import { Readable } from 'stream';
import ExcelJS from 'exceljs';
import { headerColumns, listRows, type ListRow } from '../../src/plugins/segmentation/server/src/audiences/list-rows';

const rows = async (body: Readable, format: 'csv' | 'xlsx') => {
  const out: ListRow[] = [];
  for await (const row of listRows(body, format)) out.push(row);
  return out;
};
const csv = (text: string) => rows(Readable.from([Buffer.from(text, 'utf8')]), 'csv');

test.each(['uid', 'UID', 'UiTPAS-nummer', 'uitpas-NUMMER', 'pasnummer', 'PasNummer', ' Pasnummer '])('the header %p names the pass-number column', (name) => {
  expect(headerColumns(['naam', name, 'Linked'])).toEqual({ uid: 1, linked: 2 });
});

test('a header without a pass-number column is refused', () => {
  expect(headerColumns(['naam', 'nummer'])).toEqual({ error: expect.stringContaining('uid, UiTPAS-nummer, pasnummer') });
});

test('linked: J/N, ja/nee, yes/no, true/false, 1/0 in any case; empty is linked; anything else unreadable', async () => {
  const yes = ['J', 'j', 'ja', 'Yes', 'TRUE', 'true', '1', ''];
  const no = ['N', 'n', 'Nee', 'no', 'NO', 'False', 'false', '0'];
  const lines = [...yes.map((v, i) => `y${i};${v}`), ...no.map((v, i) => `n${i};${v}`), 'x;misschien'];
  const got = await csv(`UID;LINKED\n${lines.join('\n')}\n`);
  expect(got.slice(0, yes.length)).toEqual(yes.map((_, i) => ({ line: i + 2, uid: `y${i}`, linked: true })));
  expect(got.slice(yes.length, yes.length + no.length)).toEqual(no.map((_, i) => ({ line: yes.length + i + 2, uid: `n${i}`, linked: false })));
  expect(got[got.length - 1]).toEqual({ line: lines.length + 1, unreadable: expect.stringContaining("'misschien'") });
});

test('without a linked column every row is linked; the pass-number header under another name and case', async () => {
  expect(await csv('\uFEFFUiTPAS-Nummer,naam\n0001,An\n0002,Bo\n')).toEqual([
    { line: 2, uid: '0001', linked: true },
    { line: 3, uid: '0002', linked: true },
  ]);
});

test('XLSX: boolean cells, words and numbers in the linked column; numeric pass numbers as typed', async () => {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Lijst');
  sheet.addRow(['Pasnummer', 'Linked']);
  sheet.addRow(['a1', true]);
  sheet.addRow(['a2', false]);
  sheet.addRow(['a3', 'N']);
  sheet.addRow(['a4', 'yes']);
  sheet.addRow([1000000000042, 1]);
  sheet.addRow(['a6', 0]);
  const buffer = Buffer.from(await book.xlsx.writeBuffer());
  expect(await rows(Readable.from([buffer]), 'xlsx')).toEqual([
    { line: 2, uid: 'a1', linked: true },
    { line: 3, uid: 'a2', linked: false },
    { line: 4, uid: 'a3', linked: false },
    { line: 5, uid: 'a4', linked: true },
    { line: 6, uid: '1000000000042', linked: true },
    { line: 7, uid: 'a6', linked: false },
  ]);
});
