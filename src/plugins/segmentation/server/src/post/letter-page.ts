/**
 * The fixed parts of a letter's page, in millimetres from the top left of an A4: the house-style
 * header, the sender block, the recipient's address in the envelope window and the footer.
 *
 * The window is that of a standard left window envelope (DL and C5/6 alike): 20 mm from the left
 * edge, its top 45–50 mm from the top of the letter (folded in three), about 90 × 45 mm. The
 * address is kept inside what every such envelope shows: 5 mm in from the window's left side and
 * between 53 and 85 mm from the top (3 mm under the lowest window top, 5 mm above the highest
 * bottom).
 */
import type { HouseStyle } from '../templates/house-styles';
import { addressLines, type PostalAddress } from './address';
import { A4, FONT, FONT_BOLD, LINE_HEIGHT, fittingSize, mm, ptToMm, textAt, truncate } from './pdf';

export const LETTER = {
  left: 20,
  right: A4.width - 20,
  header: { y: 12, height: 14, accent: 1.2 },
  sender: { x: 120, y: 32, width: 70, size: 9, maxLines: 12 },
  window: { x: 20, y: 45, width: 90, height: 45 },
  address: { x: 25, y: 53, width: 80, height: 32, size: 10, minSize: 7 },
  dateY: 100,
  subjectY: 110,
  body: { firstTop: 120, nextTop: 36, bottom: 272, size: 10, lineHeight: 1.4, paragraphGap: 3, signatureGap: 8 },
  footer: { rule: 279, y: 281, size: 8 },
} as const;

const TEXT = '#111111';
const GREY = '#555555';

/** An image opened once per document, so every page refers to one embedded copy. */
export type OpenedImage = { width: number; height: number };

/** pdfkit's `openImage` exists but is missing from its type declarations. */
export function openImage(doc: PDFKit.PDFDocument, data: Buffer): OpenedImage {
  return (doc as unknown as { openImage(src: Buffer): OpenedImage }).openImage(data);
}

/** The header: the header image, or the wordmark on a band of the primary colour; the accent line under it. */
export function drawHeader(doc: PDFKit.PDFDocument, style: HouseStyle, image: OpenedImage | null): void {
  const { header, left, right } = LETTER;
  const width = right - left;
  if (image) {
    // pdfkit draws an opened image as it does a buffer; its declarations only know the buffer.
    doc.image(image as unknown as Buffer, mm(left), mm(header.y), { fit: [mm(width), mm(header.height)], valign: 'center' });
  } else {
    doc.rect(mm(left), mm(header.y), mm(width), mm(header.height)).fill(style.primaryColor);
    const size = 16;
    doc.font(FONT_BOLD).fontSize(size).fillColor('#ffffff');
    textAt(doc, truncate(doc, style.wordmark, mm(width - 10)), mm(left + 5), mm(header.y + (header.height - ptToMm(size) * 1.16) / 2));
  }
  doc.rect(mm(left), mm(header.y + header.height), mm(width), mm(header.accent)).fill(style.accentColor);
}

/** The sender's name (bold) and address lines, top right beside the window. */
export function drawSender(doc: PDFKit.PDFDocument, name: string, lines: readonly string[]): void {
  const { x, y, width, size, maxLines } = LETTER.sender;
  const step = ptToMm(size * 1.3);
  doc.fontSize(size).fillColor(GREY);
  [name, ...lines].slice(0, maxLines).forEach((line, i) => {
    doc.font(i === 0 ? FONT_BOLD : FONT);
    textAt(doc, truncate(doc, line, mm(width)), mm(x), mm(y + i * step));
  });
}

/** The recipient's address in the window, in one size small enough for its longest line. */
export function drawAddress(doc: PDFKit.PDFDocument, address: PostalAddress): void {
  const { x, y, width, height, size, minSize } = LETTER.address;
  const lines = addressLines(address);
  const fit = fittingSize(doc, FONT, lines, size, mm(width), mm(height), minSize);
  doc.font(FONT).fontSize(fit).fillColor(TEXT);
  lines.forEach((line, i) => textAt(doc, truncate(doc, line, mm(width)), mm(x), mm(y) + i * fit * LINE_HEIGHT));
}

/** A line of text right-aligned at the right margin. */
export function textRight(doc: PDFKit.PDFDocument, text: string, y: number): void {
  textAt(doc, text, mm(LETTER.right) - doc.widthOfString(text), mm(y));
}

/** The footer: a thin rule, the house style's footer text left and "Pagina x/y" right. */
export function drawFooter(doc: PDFKit.PDFDocument, style: HouseStyle, pageLabel: string): void {
  const { footer, left, right } = LETTER;
  doc.rect(mm(left), mm(footer.rule), mm(right - left), 0.5).fill('#cccccc');
  doc.font(FONT).fontSize(footer.size).fillColor(GREY);
  const labelWidth = doc.widthOfString(pageLabel);
  textAt(doc, truncate(doc, style.footer, mm(right - left) - labelWidth - mm(5)), mm(left), mm(footer.y));
  textRight(doc, pageLabel, footer.y);
}
