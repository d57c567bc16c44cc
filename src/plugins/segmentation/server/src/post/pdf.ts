/**
 * What the post documents (letters, label sheets) share: A4 PDF documents in millimetres with the
 * DejaVu Sans fonts embedded, streamed to a Writable with backpressure, and text fitted to a width.
 */
import fs from 'fs';
import path from 'path';
import type { Writable } from 'stream';
import PDFDocument from 'pdfkit';

export const A4 = { width: 210, height: 297 } as const;
export const FONT = 'DejaVuSans';
export const FONT_BOLD = 'DejaVuSans-Bold';
/** Line height as a multiple of the font size. */
export const LINE_HEIGHT = 1.25;

/** Millimetres to PDF points. */
export const mm = (v: number): number => (v * 72) / 25.4;
/** PDF points to millimetres. */
export const ptToMm = (v: number): number => (v * 25.4) / 72;

let fonts: { regular: Buffer; bold: Buffer } | null = null;

/** The TTF files, read once per process (pdfkit embeds the glyphs a document uses as a subset). */
function fontFiles(): { regular: Buffer; bold: Buffer } {
  if (!fonts) {
    const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    fonts = { regular: fs.readFileSync(path.join(dir, 'DejaVuSans.ttf')), bold: fs.readFileSync(path.join(dir, 'DejaVuSans-Bold.ttf')) };
  }
  return fonts;
}

/** An A4 document without automatic pages or margins (every position is given), fonts registered. */
export function newDocument(title: string): PDFKit.PDFDocument {
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false, info: { Title: title, Creator: 'UiTPAS segmentation' } });
  const { regular, bold } = fontFiles();
  doc.registerFont(FONT, regular);
  doc.registerFont(FONT_BOLD, bold);
  return doc;
}

/** Resolves on 'drain'; rejects when the stream fails or closes first. */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      out.off('drain', onDrain).off('error', onError).off('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    const onError = (err: Error) => done(err);
    const onClose = () => done(new Error('The output closed before the document was written'));
    out.on('drain', onDrain).on('error', onError).on('close', onClose);
  });
}

/**
 * Copies a document's bytes to `out` as pdfkit produces them (a page is written when the next one
 * starts). pdfkit ignores backpressure, so the writer calls `ready()` between units of work (a
 * letter, a sheet): it waits while `out` has more buffered than its high-water mark.
 */
export class PdfSink {
  private waiting: Promise<void> | null = null;
  private failure: Error | null = null;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly out: Writable,
  ) {
    doc.on('data', (chunk: Buffer) => {
      if (!out.write(chunk) && !this.waiting) {
        this.waiting = drained(out).finally(() => (this.waiting = null));
        this.waiting.catch((err: Error) => (this.failure = err));
      }
    });
    out.on('error', (err) => (this.failure ??= err));
  }

  async ready(): Promise<void> {
    // pdfkit's output reaches 'data' on a later tick; a loop of letters from a synchronous source
    // would never give it one. Let it flow first, so a full `out` is noticed.
    if (this.doc.readableLength > 0) await new Promise((resolve) => setImmediate(resolve));
    if (this.failure) throw this.failure;
    if (this.waiting) await this.waiting;
  }

  /** Ends the document and `out`; resolves when `out` has taken every byte. */
  async finish(): Promise<void> {
    await this.ready();
    const ended = new Promise<void>((resolve) => this.doc.once('end', resolve));
    this.doc.end();
    await ended;
    await new Promise<void>((resolve, reject) => {
      if (this.failure) return reject(this.failure);
      this.out.once('error', reject);
      this.out.end(() => resolve());
    });
  }
}

/** Size (pt) at which every line fits `width` (pt) and the lines fit `height` (pt): at most `size`, at least `min`. */
export function fittingSize(doc: PDFKit.PDFDocument, font: string, lines: string[], size: number, width: number, height: number, min: number): number {
  doc.font(font).fontSize(size);
  let fit = Math.min(size, height / (Math.max(lines.length, 1) * LINE_HEIGHT));
  for (const line of lines) {
    const w = doc.widthOfString(line);
    if (w > width) fit = Math.min(fit, (size * width) / w);
  }
  return Math.max(min, Math.floor(fit * 10) / 10);
}

/** `text` cut with an ellipsis so that it fits `width` (pt) in the current font and size. */
export function truncate(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (doc.widthOfString(`${chars.slice(0, mid).join('').trimEnd()}…`) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join('').trimEnd()}…`;
}

/** Draws one line of text with its top at (x, y) in points, never wrapping. */
export function textAt(doc: PDFKit.PDFDocument, text: string, x: number, y: number): void {
  doc.text(text, x, y, { lineBreak: false });
}
