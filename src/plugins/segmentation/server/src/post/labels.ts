/**
 * Address labels: A4 sheets of labels (shared/label-sheets.ts), one address a label in reading
 * order (left to right, top to bottom), streamed to a Writable. Each address sits 5 mm inside its
 * label, left-aligned and vertically centred, in one size for its lines that is at most 11 pt and
 * small enough for the longest line; below 6 pt a line is cut with an ellipsis, so text never
 * leaves its label. `start` (1-based) skips the positions of a partly used first sheet.
 */
import type { Writable } from 'stream';
import { LABEL_SHEETS, labelsPerSheet, type LabelSheet, type LabelSheetKey } from '../../../shared/label-sheets';
import { addressLines, type PostalAddress } from './address';
import { FONT, LINE_HEIGHT, PdfSink, fittingSize, mm, newDocument, textAt, truncate } from './pdf';

export { LABEL_SHEETS, LABEL_SHEET_KEYS, type LabelSheet, type LabelSheetKey } from '../../../shared/label-sheets';

export const LABEL_INSET = { x: 5, y: 3 } as const;
export const LABEL_FONT = { size: 11, min: 6 } as const;

export interface LabelOptions {
  sheet: LabelSheetKey;
  /** 1-based position of the first label on the first sheet (1 = top left). */
  start?: number;
}

/** The rectangle of label `position` (0-based, reading order) on a sheet, in mm. */
export function labelCell(sheet: LabelSheet, position: number): { x: number; y: number; width: number; height: number } {
  const column = position % sheet.columns;
  const row = Math.floor(position / sheet.columns);
  return { x: sheet.marginLeft + column * sheet.labelWidth, y: sheet.marginTop + row * sheet.labelHeight, width: sheet.labelWidth, height: sheet.labelHeight };
}

function drawLabel(doc: PDFKit.PDFDocument, sheet: LabelSheet, position: number, address: PostalAddress): void {
  const cell = labelCell(sheet, position);
  const width = mm(cell.width - 2 * LABEL_INSET.x);
  const lines = addressLines(address);
  const size = fittingSize(doc, FONT, lines, LABEL_FONT.size, width, mm(cell.height - 2 * LABEL_INSET.y), LABEL_FONT.min);
  doc.font(FONT).fontSize(size);
  const block = lines.length * size * LINE_HEIGHT;
  const top = mm(cell.y) + (mm(cell.height) - block) / 2;
  lines.forEach((line, i) => textAt(doc, truncate(doc, line, width), mm(cell.x + LABEL_INSET.x), top + i * size * LINE_HEIGHT));
}

/** Writes the labels as one PDF to `out` (and ends it); resolves with the sheets and labels written. */
export async function writeLabels(
  out: Writable,
  addresses: AsyncIterable<PostalAddress> | Iterable<PostalAddress>,
  options: LabelOptions,
): Promise<{ pages: number; labels: number }> {
  const sheet: LabelSheet | undefined = Object.hasOwn(LABEL_SHEETS, options.sheet) ? LABEL_SHEETS[options.sheet] : undefined;
  if (!sheet) throw new RangeError(`Unknown label sheet: ${options.sheet}`);
  const perSheet = labelsPerSheet(sheet);
  const start = options.start ?? 1;
  if (!Number.isInteger(start) || start < 1 || start > perSheet) throw new RangeError(`start must be a whole number from 1 to ${perSheet}`);

  const doc = newDocument('Adresetiketten');
  const sink = new PdfSink(doc, out);
  let position = start - 1;
  let pages = 0;
  let labels = 0;
  try {
    for await (const address of addresses) {
      if (pages === 0 || position === perSheet) {
        await sink.ready();
        doc.addPage();
        doc.fillColor('#000000');
        pages += 1;
        if (pages > 1) position = 0;
      }
      drawLabel(doc, sheet, position, address);
      position += 1;
      labels += 1;
    }
    if (pages === 0) {
      doc.addPage();
      pages = 1;
    }
    await sink.finish();
  } catch (err) {
    out.destroy(err as Error);
    throw err;
  }
  return { pages, labels };
}
