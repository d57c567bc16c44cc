/**
 * Reading an uploaded list of holders row by row: CSV (`,` or `;`, a UTF-8 BOM allowed, as Excel
 * saves it in Belgium) with csv-parse, XLSX (its first sheet) with exceljs's streaming reader. The
 * header row names the columns: the holder's number (`uid`, `UiTPAS-nummer` or `pasnummer`) and
 * optionally `linked` (J/N, ja/nee, yes/no, true/false, 1/0). Rows come out one at a time, so a list
 * of any length is read with flat memory.
 */
import type { Readable } from 'stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

export const LIST_FORMATS = {
  'text/csv': 'csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
} as const;
export type ListFormat = (typeof LIST_FORMATS)[keyof typeof LIST_FORMATS];

const UID_HEADERS = ['uid', 'uitpas-nummer', 'uitpasnummer', 'pasnummer'];
const LINKED_HEADER = 'linked';
const YES = ['j', 'ja', 'y', 'yes', 'true', '1'];
const NO = ['n', 'nee', 'no', 'false', '0'];

/** One data row: its line (1 = the header), and the uid, or why it could not be read. */
export type ListRow = { line: number; uid: string; linked: boolean } | { line: number; unreadable: string };

/** The columns of the header row, or why it is not a header. */
export function headerColumns(cells: string[]): { uid: number; linked: number } | { error: string } {
  const names = cells.map((c) => c.trim().toLowerCase());
  const uid = names.findIndex((n) => UID_HEADERS.includes(n));
  if (uid < 0) return { error: `The first row must name the column of pass numbers: one of uid, UiTPAS-nummer, pasnummer` };
  return { uid, linked: names.indexOf(LINKED_HEADER) };
}

/** A data row's cells as a row of the list. */
export function rowOf(line: number, cells: string[], cols: { uid: number; linked: number }): ListRow | null {
  if (cells.every((c) => c.trim() === '')) return null; // blank lines are not rows
  const uid = (cells[cols.uid] ?? '').trim();
  if (!uid) return { line, unreadable: 'No pass number in this row' };
  if (uid.length > 255) return { line, unreadable: 'The pass number is longer than 255 characters' };
  if (cols.linked < 0) return { line, uid, linked: true };
  const linked = (cells[cols.linked] ?? '').trim().toLowerCase();
  if (YES.includes(linked) || linked === '') return { line, uid, linked: true };
  if (NO.includes(linked)) return { line, uid, linked: false };
  return { line, unreadable: `'linked' must be J or N (yes or no), not '${linked}'` };
}

/** A cell of an XLSX row as text: numbers as typed (no exponent), dates as ISO, rich text flattened. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const v = value as { text?: unknown; richText?: { text: string }[]; result?: unknown };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.text !== undefined) return cellText(v.text);
    if (v.result !== undefined) return cellText(v.result);
  }
  return String(value);
}

async function* csvRecords(body: Readable): AsyncGenerator<{ line: number; cells: string[] }> {
  const parser = body.pipe(parse({ bom: true, delimiter: [',', ';'], relax_column_count: true, info: true, skip_empty_lines: false }));
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) yield { line: info.lines, cells: record };
}

async function* xlsxRecords(body: Readable): AsyncGenerator<{ line: number; cells: string[] }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(body, {
    sharedStrings: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as unknown[];
      yield { line: row.number, cells: values.slice(1).map(cellText) };
    }
    return; // the first sheet only
  }
}

/** The rows of the list; throws a message for a body that is not a list (no header, not CSV / XLSX). */
export async function* listRows(body: Readable, format: ListFormat): AsyncGenerator<ListRow> {
  let cols: { uid: number; linked: number } | null = null;
  for await (const { line, cells } of format === 'csv' ? csvRecords(body) : xlsxRecords(body)) {
    if (!cols) {
      const header = headerColumns(cells);
      if ('error' in header) throw new Error(header.error);
      cols = header;
      continue;
    }
    const row = rowOf(line, cells, cols);
    if (row) yield row;
  }
  if (!cols) throw new Error('The list is empty: the first row must name the column of pass numbers');
}
