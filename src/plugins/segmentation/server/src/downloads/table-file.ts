/**
 * Admin downloads as a Belgian spreadsheet user opens them: XLSX (exceljs, streamed), or CSV with
 * `;` between fields, a UTF-8 BOM (Excel then reads the accents right) and the header in the UI's
 * language; times in Europe/Brussels. The token API's exports keep their own format (common/csv.ts).
 */
import { PassThrough } from 'stream';
import type { Context } from 'koa';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { stringify } from 'csv-stringify';
import { z } from 'zod';
import { safeCell } from '../common/csv';
import { parseInput } from '../common/errors';

export const ZONE = 'Europe/Brussels';
export type Lang = 'nl' | 'en';
export type Format = 'xlsx' | 'csv';
export type Cell = string | number | Date | null;

export interface Column {
  key: string;
  label: Record<Lang, string>;
  /** Excel column width in characters. */
  width?: number;
}

/** `?format=xlsx|csv&lang=nl|en` of a download route (default XLSX, Dutch). */
export const downloadQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx'), lang: z.enum(['nl', 'en']).default('nl') });
export const parseDownloadQuery = (ctx: Context) => parseInput(downloadQuery, { format: ctx.query.format, lang: ctx.query.lang }, 'download');

const CSV_TIME = 'dd/LL/yyyy HH:mm';

/** A moment as the wall-clock time in Brussels. */
const brussels = (d: Date) => DateTime.fromJSDate(d).setZone(ZONE);

/** For Excel (which has no time zones): a Date whose UTC fields are the Brussels wall-clock time. */
function excelTime(d: Date): Date {
  const b = brussels(d);
  return new Date(Date.UTC(b.year, b.month - 1, b.day, b.hour, b.minute, b.second));
}

/** CSV text of a cell: times in Brussels, formulas defused (common/csv.ts). */
function csvCell(v: Cell): string | number {
  if (v === null) return '';
  if (v instanceof Date) return brussels(v).toFormat(CSV_TIME);
  return typeof v === 'number' ? v : safeCell(v);
}

/**
 * Sends `rows` as the file `name`.<format> with the columns' labels in `lang`; the rows are read as
 * they are written (a stream), so a large list is never held whole.
 */
export function sendTable(
  ctx: Context,
  opts: { name: string; format: Format; lang: Lang; columns: Column[]; rows: AsyncIterable<Cell[]>; sheet?: string },
): void {
  const { format, lang, columns } = opts;
  const file = `${opts.name.replace(/[^\w-]+/g, '_')}.${format}`;
  ctx.set('Content-Disposition', `attachment; filename="${file}"`);
  const out = new PassThrough();
  ctx.body = out;
  if (format === 'csv') {
    ctx.set('Content-Type', 'text/csv; charset=utf-8');
    out.write('\uFEFF');
    const csv = stringify({ delimiter: ';', record_delimiter: 'windows' });
    csv.on('error', (e) => out.destroy(e));
    csv.pipe(out);
    void (async () => {
      csv.write(columns.map((c) => c.label[lang]));
      for await (const row of opts.rows) if (!csv.write(row.map(csvCell))) await new Promise((r) => csv.once('drain', r));
      csv.end();
    })().catch((e: Error) => out.destroy(e));
    return;
  }
  ctx.set('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = book.addWorksheet(opts.sheet ?? 'Data', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.label[lang], key: c.key, width: c.width ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  void (async () => {
    for await (const row of opts.rows) {
      const added = sheet.addRow(row.map((v) => (v instanceof Date ? excelTime(v) : v)));
      row.forEach((v, i) => {
        if (v instanceof Date) added.getCell(i + 1).numFmt = 'dd/mm/yyyy hh:mm';
      });
      added.commit();
    }
    sheet.commit();
    await book.commit();
  })().catch((e: Error) => out.destroy(e));
}
