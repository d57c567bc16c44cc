/**
 * Flowing a letter's body into lines: paragraphs separated by blank lines, a single newline as a
 * line break, `**bold**` for bold, words wrapped at spaces (a word longer than a line is cut).
 * Pure: widths come from a `measure` function, so the flow can be laid out (and paginated) before
 * anything is drawn.
 */
export interface Run {
  text: string;
  bold: boolean;
}

/** One line: its runs in order (adjacent runs of one style merged) and whether a paragraph ends with it. */
export interface FlowLine {
  runs: Run[];
  paragraphEnd: boolean;
}

export type Measure = (text: string, bold: boolean) => number;

/** Paragraphs of the text, each a list of lines (split at single newlines). */
export function paragraphsOf(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n\s*/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => p.split(/[ \t]*\n[ \t]*/));
}

/** A line of source text as styled runs: `**…**` is bold; an unpaired `**` stays literal. */
export function runsOf(line: string): Run[] {
  const runs: Run[] = [];
  const re = /\*\*(.+?)\*\*/g;
  let at = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (m.index > at) runs.push({ text: line.slice(at, m.index), bold: false });
    runs.push({ text: m[1]!, bold: true });
    at = m.index + m[0].length;
  }
  if (at < line.length) runs.push({ text: line.slice(at), bold: false });
  return runs;
}

/** Words (runs of one or more styled pieces without spaces) separated by single spaces. */
function wordsOf(runs: Run[]): Run[][] {
  const words: Run[][] = [[]];
  for (const run of runs) {
    const parts = run.text.split(/[ \t]+/);
    parts.forEach((part, i) => {
      if (i > 0) words.push([]);
      if (part) words[words.length - 1]!.push({ text: part, bold: run.bold });
    });
  }
  return words.filter((w) => w.length > 0);
}

function pushRun(line: Run[], run: Run): void {
  const last = line[line.length - 1];
  if (last && last.bold === run.bold) last.text += run.text;
  else line.push({ ...run });
}

const widthOf = (runs: Run[], measure: Measure) => runs.reduce((w, r) => w + measure(r.text, r.bold), 0);

/** A word wider than `width` cut into pieces that fit (at least one character each). */
function cutWord(word: Run[], width: number, measure: Measure): Run[][] {
  const pieces: Run[][] = [];
  let piece: Run[] = [];
  for (const run of word) {
    for (const ch of run.text) {
      const next = [...piece.map((r) => ({ ...r }))];
      pushRun(next, { text: ch, bold: run.bold });
      if (piece.length > 0 && widthOf(next, measure) > width) {
        pieces.push(piece);
        piece = [{ text: ch, bold: run.bold }];
      } else piece = next;
    }
  }
  if (piece.length > 0) pieces.push(piece);
  return pieces;
}

/** The text flowed into lines no wider than `width`. */
export function flow(text: string, width: number, measure: Measure): FlowLine[] {
  const out: FlowLine[] = [];
  const space = (bold: boolean) => measure(' ', bold);
  for (const paragraph of paragraphsOf(text)) {
    for (const sourceLine of paragraph) {
      let line: Run[] = [];
      let lineWidth = 0;
      const flush = () => {
        out.push({ runs: line, paragraphEnd: false });
        line = [];
        lineWidth = 0;
      };
      for (const word of wordsOf(runsOf(sourceLine))) {
        const pieces = widthOf(word, measure) > width ? cutWord(word, width, measure) : [word];
        for (const piece of pieces) {
          const w = widthOf(piece, measure);
          // A space takes the style of the word before it: "Beste **An**" has a plain space.
          const before = line[line.length - 1]?.bold ?? false;
          const gap = space(before);
          if (line.length > 0 && lineWidth + gap + w > width) flush();
          if (line.length > 0) {
            pushRun(line, { text: ' ', bold: before });
            lineWidth += gap;
          }
          for (const run of piece) pushRun(line, run);
          lineWidth += w;
        }
      }
      flush();
    }
    if (out.length > 0) out[out.length - 1]!.paragraphEnd = true;
  }
  return out;
}
