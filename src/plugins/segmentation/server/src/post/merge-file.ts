/**
 * The mail-merge file for Word (or another word processor): one row per holder with the columns
 * below, as CSV (UTF-8 with a BOM so Excel and Word read the accents, `;` between fields as a
 * Belgian Excel expects, CRLF line ends, cells that could start a formula neutralised as in
 * common/csv.ts) or as XLSX (exceljs' streaming writer; every cell is text, so a postcode keeps a
 * leading zero). Column names are Dutch, the language of the staff who set up the merge.
 */
import type { Writable } from 'stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { safeCell } from '../common/csv';

export interface MergeRow {
  uid: string;
  firstName: string | null;
  lastName: string | null;
  street: string;
  postcode: string;
  city: string;
  /** The holder's language (nl, fr, en, de), for a merge that picks a text per language. */
  language: string | null;
}

/** The columns in order: the header (merge field name) and the row's value. */
export const MERGE_COLUMNS: readonly { header: string; key: keyof MergeRow; width: number }[] = [
  { header: 'uid', key: 'uid', width: 16 },
  { header: 'voornaam', key: 'firstName', width: 18 },
  { header: 'naam', key: 'lastName', width: 22 },
  { header: 'straat', key: 'street', width: 32 },
  { header: 'postcode', key: 'postcode', width: 10 },
  { header: 'gemeente', key: 'city', width: 22 },
  { header: 'taal', key: 'language', width: 6 },
];

const valuesOf = (row: MergeRow): string[] => MERGE_COLUMNS.map((c) => (row[c.key] ?? '').toString());

function finished(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    if (out.writableFinished) return resolve();
    out.once('finish', resolve).once('error', reject);
  });
}

/** Writes the CSV to `out` (and ends it); resolves with the rows written once `out` has them. */
export async function writeMergeCsv(out: Writable, rows: AsyncIterable<MergeRow> | Iterable<MergeRow>): Promise<{ rows: number }> {
  // With CRLF records csv-stringify quotes only fields with CRLF; a lone newline must be quoted too.
  const csv = stringify({ delimiter: ';', record_delimiter: 'windows', quoted_match: /[\r\n]/, cast: { string: safeCell } });
  const done = finished(out);
  csv.on('error', (err) => out.destroy(err));
  csv.pipe(out);
  out.write('\uFEFF');
  let count = 0;
  try {
    csv.write(MERGE_COLUMNS.map((c) => c.header));
    for await (const row of rows) {
      if (!csv.write(valuesOf(row))) await new Promise((resolve) => csv.once('drain', resolve));
      count += 1;
    }
    csv.end();
    await done;
  } catch (err) {
    out.destroy(err as Error);
    throw err;
  }
  return { rows: count };
}

/**
 * Writes the XLSX to `out` (and ends it). Values are stored as text cells, never as formulas, so
 * they are not neutralised: a cell reads exactly as the holder's data.
 */
export async function writeMergeXlsx(out: Writable, rows: AsyncIterable<MergeRow> | Iterable<MergeRow>): Promise<{ rows: number }> {
  const done = finished(out);
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = book.addWorksheet('Adressen', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = MERGE_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, style: { numFmt: '@' } }));
  sheet.getRow(1).font = { bold: true };
  let count = 0;
  try {
    for await (const row of rows) {
      sheet.addRow(valuesOf(row)).commit();
      count += 1;
    }
    sheet.commit();
    await book.commit();
    await done;
  } catch (err) {
    out.destroy(err as Error);
    throw err;
  }
  return { rows: count };
}
