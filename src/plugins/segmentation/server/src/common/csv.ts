/**
 * CSV for exports (csv-stringify) that spreadsheets cannot turn into formulas ("CSV injection"):
 * a text cell starting with =, +, -, @, tab or carriage return gets a leading apostrophe, as OWASP
 * advises — except a plain number such as a phone number "+32 475 12 34 56" or "-5", which a
 * spreadsheet reads as a number, never as a formula, and which exports must keep as it is.
 */
import { stringify, type Stringifier } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?[0-9][0-9 ./()-]*$/;

export function safeCell(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

export function csvWriter(columns: string[]): Stringifier {
  return stringify({ header: true, columns, cast: { string: safeCell } });
}

/**
 * The same CSV for a page of rows at once, as one string (with the header line when `header`):
 * a long export made page by page leaves one string a page, not objects a row, for the GC.
 */
export function csvPage(columns: string[], rows: unknown[][], header: boolean): string {
  return stringifySync(rows, { header, columns, cast: { string: safeCell } });
}
