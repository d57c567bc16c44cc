/**
 * Reads a PDF back with pdf2json for tests: per page the text runs with their position in
 * millimetres from the top left (x of the left edge, y of the baseline) and width.
 * pdf2json gives positions in units of 16 pt, x shifted left by 0.25 and y (the baseline) up by
 * 0.75 units; widths are in points; the font size in CSS pixels (96 per inch).
 */
import { PassThrough } from 'stream';
import PDFParser from 'pdf2json';

export interface TextRun {
  text: string;
  /** Left edge, mm from the left of the page. */
  x: number;
  /** Baseline, mm from the top of the page. */
  y: number;
  /** Width, mm. */
  width: number;
  /** Font size in points (rounded as pdf2json rounds it). */
  size: number;
  bold: boolean;
}

export interface PdfPage {
  width: number;
  height: number;
  runs: TextRun[];
}

const UNIT_MM = (16 * 25.4) / 72;
const PT_MM = 25.4 / 72;

interface RawText {
  x: number;
  y: number;
  w: number;
  R: { T: string; TS: [number, number, number, number] }[];
}

export function readPdf(pdf: Buffer): Promise<PdfPage[]> {
  return new Promise((resolve, reject) => {
    const parser = new PDFParser(null, false);
    parser.on('pdfParser_dataError', (e: unknown) => reject(e instanceof Error ? e : new Error(JSON.stringify(e))));
    parser.on('pdfParser_dataReady', (data: { Pages: { Width: number; Height: number; Texts: RawText[] }[] }) => {
      resolve(
        data.Pages.map((p) => ({
          width: p.Width * UNIT_MM,
          height: p.Height * UNIT_MM,
          runs: p.Texts.map((t) => ({
            text: t.R.map((r) => decodeURIComponent(r.T)).join(''),
            x: (t.x + 0.25) * UNIT_MM,
            y: (t.y + 0.75) * UNIT_MM,
            width: t.w * PT_MM,
            size: ((t.R[0]?.TS[1] ?? 0) * 72) / 96,
            bold: t.R[0]?.TS[2] === 1,
          })),
        })),
      );
    });
    parser.parseBuffer(pdf, 0);
  });
}

/** The runs of a page grouped into lines (same baseline within 0.3 mm), each line's text joined left to right. */
export function linesOf(page: PdfPage): { text: string; x: number; y: number; right: number; runs: TextRun[] }[] {
  const sorted = [...page.runs].sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: TextRun[][] = [];
  for (const run of sorted) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last[0]!.y - run.y) < 0.3) last.push(run);
    else lines.push([run]);
  }
  return lines.map((runs) => {
    runs.sort((a, b) => a.x - b.x);
    return {
      text: runs.map((r) => r.text).join(''),
      x: runs[0]!.x,
      y: runs[0]!.y,
      right: Math.max(...runs.map((r) => r.x + r.width)),
      runs,
    };
  });
}

/** Collects everything written to a stream into one Buffer. */
export function collect(): { stream: PassThrough; done: Promise<Buffer> } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
  return { stream, done };
}
