/**
 * Letters for the post channel: one A4 PDF with a letter per holder, each starting on a new page
 * (and, with `duplex`, on a front side), streamed to a Writable as it is made. The fixed parts of a
 * page are in letter-page.ts; the body is flowed (text-flow.ts) and paginated before a letter is
 * drawn, so that every page's footer can say "Pagina x/y" of its letter.
 */
import type { Writable } from 'stream';
import type { HouseStyle } from '../templates/house-styles';
import type { PostalAddress } from './address';
import { LETTER, drawAddress, drawFooter, drawHeader, drawSender, openImage, textRight, type OpenedImage } from './letter-page';
import { FONT, FONT_BOLD, PdfSink, mm, newDocument, ptToMm, textAt } from './pdf';
import { flow, type FlowLine, type Run } from './text-flow';

export type LetterLanguage = 'nl' | 'fr' | 'en' | 'de';

/** One holder's letter, already personalised. */
export interface LetterInput extends PostalAddress {
  uid: string;
  subject: string;
  /** Plain text: a blank line between paragraphs, a newline for a line break, `**bold**`. */
  body: string;
  /** This letter's signature lines (newline-separated); else the layout's. */
  signature?: string | null;
  /** This letter's language, sender and place (a localisation of the template); else the layout's. */
  frame?: LetterFrame;
}

/** The parts of a letter's page that follow the template's localisation. */
export interface LetterFrame {
  language: LetterLanguage;
  sender: { name: string; lines: string[] };
  place: string;
}

export interface LetterLayout {
  houseStyle: HouseStyle;
  /** The header image (from the Media Library) instead of the wordmark band: PNG or JPEG. */
  headerImage?: Buffer | null;
  sender: { name: string; lines: string[] };
  /** The place in the date line: "Gent". */
  place: string;
  date: Date;
  /** Signature lines, newline-separated. */
  signature?: string | null;
  language: LetterLanguage;
  /** Add a blank page after a letter with an odd number of pages, so each letter starts on a front side. */
  duplex?: boolean;
}

const DATE_LOCALE: Record<LetterLanguage, string> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB', de: 'de-BE' };
const PAGE_LABEL: Record<LetterLanguage, string> = { nl: 'Pagina', fr: 'Page', en: 'Page', de: 'Seite' };

/** "Gent, 7 december 2026" in the letter's language (the date as it is in Brussels). */
export function placeAndDate(place: string, date: Date, language: LetterLanguage): string {
  const text = new Intl.DateTimeFormat(DATE_LOCALE[language], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Brussels' }).format(date);
  return place.trim() ? `${place.trim()}, ${text}` : text;
}

interface PlacedLine {
  /** Top of the line, mm. */
  y: number;
  runs: Run[];
  size: number;
}

/** A letter laid out: the subject's lines and the body's and signature's lines page by page. */
interface LaidOut {
  subject: PlacedLine[];
  pages: PlacedLine[][];
}

function layOut(doc: PDFKit.PDFDocument, letter: LetterInput, signature: string): LaidOut {
  const { body, left, right, subjectY } = LETTER;
  const width = mm(right - left);
  const measure = (size: number) => (text: string, bold: boolean) =>
    doc
      .font(bold ? FONT_BOLD : FONT)
      .fontSize(size)
      .widthOfString(text);

  const subjectSize = 11;
  const subjectStep = ptToMm(subjectSize * body.lineHeight);
  const subject = flow(`**${letter.subject.replace(/\*\*/g, '')}**`, width, measure(subjectSize)).map((l, i) => ({
    y: subjectY + i * subjectStep,
    runs: l.runs,
    size: subjectSize,
  }));

  const step = ptToMm(body.size * body.lineHeight);
  const pages: PlacedLine[][] = [[]];
  let y = Math.max(body.firstTop, subjectY + subject.length * subjectStep + 4);
  const place = (lines: FlowLine[]) => {
    for (const line of lines) {
      if (y + step > body.bottom) {
        pages.push([]);
        y = body.nextTop;
      }
      pages[pages.length - 1]!.push({ y, runs: line.runs, size: body.size });
      y += step + (line.paragraphEnd ? body.paragraphGap : 0);
    }
  };
  place(flow(letter.body, width, measure(body.size)));
  const closing = flow(signature.replace(/\r\n?/g, '\n').replace(/\n/g, '\n\n'), width, measure(body.size)).map((l) => ({ ...l, paragraphEnd: false }));
  if (closing.length > 0) {
    y += body.signatureGap;
    if (y + closing.length * step > body.bottom) y = body.bottom; // keep the signature together on the next page
    place(closing);
  }
  return { subject, pages };
}

function drawLines(doc: PDFKit.PDFDocument, lines: PlacedLine[]): void {
  doc.fillColor('#111111');
  for (const line of lines) {
    let x = mm(LETTER.left);
    doc.fontSize(line.size);
    for (const run of line.runs) {
      doc.font(run.bold ? FONT_BOLD : FONT);
      textAt(doc, run.text, x, mm(line.y));
      x += doc.widthOfString(run.text);
    }
  }
}

/** Writes the letters as one PDF to `out` (and ends it); resolves with the pages and letters written. */
export async function writeLetters(
  out: Writable,
  letters: AsyncIterable<LetterInput> | Iterable<LetterInput>,
  layout: LetterLayout,
): Promise<{ pages: number; letters: number }> {
  const doc = newDocument('Brieven');
  const sink = new PdfSink(doc, out);
  let image: OpenedImage | null = null;
  let pages = 0;
  let count = 0;
  try {
    if (layout.headerImage) image = openImage(doc, layout.headerImage);
    for await (const letter of letters) {
      await sink.ready();
      const laid = layOut(doc, letter, letter.signature ?? layout.signature ?? '');
      const frame = letter.frame ?? layout;
      laid.pages.forEach((lines, i) => {
        doc.addPage();
        drawHeader(doc, layout.houseStyle, image);
        if (i === 0) {
          drawSender(doc, frame.sender.name, frame.sender.lines);
          drawAddress(doc, letter);
          doc.font(FONT).fontSize(LETTER.body.size).fillColor('#111111');
          textRight(doc, placeAndDate(frame.place, layout.date, frame.language), LETTER.dateY);
          drawLines(doc, laid.subject);
        }
        drawLines(doc, lines);
        drawFooter(doc, layout.houseStyle, `${PAGE_LABEL[frame.language]} ${i + 1}/${laid.pages.length}`);
      });
      pages += laid.pages.length;
      if (layout.duplex && laid.pages.length % 2 === 1) {
        doc.addPage();
        pages += 1;
      }
      count += 1;
    }
    if (pages === 0) {
      doc.addPage(); // a PDF needs a page; an empty run gets one blank page
      pages = 1;
    }
    await sink.finish();
  } catch (err) {
    out.destroy(err as Error);
    throw err;
  }
  return { pages, letters: count };
}
