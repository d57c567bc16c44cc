/**
 * Letters of the post channel (issue 20), read back from the PDF with pdf2json: each letter starts
 * on its own page, names its holder with the address inside a standard left envelope window, has
 * the date line in its language, the whole body and the signature, a footer with "Pagina x/y" of
 * the letter on every page, and embedded DejaVu fonts; letters are sorted by postcode; templates
 * are personalised like mails; the output is streamed with backpressure.
 */
import { Writable } from 'stream';
import { writeLetters, placeAndDate, type LetterInput, type LetterLayout } from '../../src/plugins/segmentation/server/src/post/letters';
import { sortForPost } from '../../src/plugins/segmentation/server/src/post/address';
import { renderLetterInputs, type PostRecipient } from '../../src/plugins/segmentation/server/src/post/letter-template';
import { WorkLimitError } from '../../src/plugins/segmentation/server/src/templates/personalise';
import { houseStyleOf } from '../../src/plugins/segmentation/server/src/templates/house-styles';
import { collect, linesOf, readPdf, type PdfPage } from '../helpers/pdf-text';

/** What every left window envelope (DL, C5/6) shows: 20–110 mm from the left, 50–90 mm from the top (window top 45–50 mm, 45 mm high). */
const WINDOW = { left: 20, right: 110, top: 50, bottom: 90 };
/** pdf2json's widths are estimates: allow this much (mm). */
const SLACK = 0.5;

const LAYOUT: LetterLayout = {
  houseStyle: houseStyleOf('uitpas-gent'),
  sender: { name: 'UiTPAS Gent', lines: ['Botermarkt 1', '9000 Gent'] },
  place: 'Gent',
  date: new Date('2026-12-07T09:00:00Z'),
  signature: 'Met vriendelijke groeten,\nHet UiTPAS-team',
  language: 'nl',
};

const LONG_BODY = Array.from({ length: 70 }, (_, i) => `Alinea ${i + 1}: met je UiTPAS krijg je korting bij cultuur, sport en jeugdwerk in je stad.`).join(
  '\n\n',
);

function letter(i: number, extra: Partial<LetterInput> = {}): LetterInput {
  return {
    uid: `uid-${i}`,
    name: `Houder Nummer${i}`,
    street: `Kerkstraat ${i}`,
    postcode: `${9000 + i}`,
    city: `Stad${i}`,
    subject: `Onderwerp ${i}`,
    body: `Beste **Houder ${i}**,\n\nDit is brief ${i}.`,
    ...extra,
  };
}

async function pdfOf(letters: LetterInput[], layout: LetterLayout = LAYOUT) {
  const { stream, done } = collect();
  const result = await writeLetters(stream, letters, layout);
  const pdf = await done;
  return { result, pdf, pages: await readPdf(pdf) };
}

const footerOf = (page: PdfPage) =>
  linesOf(page)
    .find((l) => /Pagina \d+\/\d+$/.test(l.text))
    ?.text.match(/(\d+)\/(\d+)$/);

/** The pages of each letter, from the footers' "Pagina x/y". */
function lettersOf(pages: PdfPage[]): PdfPage[][] {
  const out: PdfPage[][] = [];
  for (const page of pages) {
    const m = footerOf(page);
    if (!m) continue; // a blank page (duplex)
    if (m[1] === '1') out.push([]);
    out[out.length - 1]!.push(page);
  }
  return out;
}

test('each letter starts on a new page and names its holder, the address inside the envelope window', async () => {
  const letters = [letter(1), letter(2, { body: LONG_BODY }), letter(3, { name: 'Jean-Baptiste Van den Bossche-Vermeulen de la Tour-Lemaire' })];
  const { result, pages } = await pdfOf(letters);
  const perLetter = lettersOf(pages);
  expect(perLetter.map((p) => p.length)).toEqual([1, 3, 1]);
  expect(result).toEqual({ pages: 5, letters: 3 });
  perLetter.forEach((letterPages, i) => {
    const input = letters[i]!;
    const lines = linesOf(letterPages[0]!);
    for (const text of [input.name, input.street, `${input.postcode} ${input.city}`]) {
      const line = lines.find((l) => l.text === text);
      expect(line).toBeDefined();
      const size = Math.max(...line!.runs.map((r) => r.size));
      expect(line!.x).toBeGreaterThanOrEqual(WINDOW.left);
      expect(line!.right).toBeLessThanOrEqual(WINDOW.right - SLACK);
      expect(line!.y - (size * 25.4) / 72).toBeGreaterThanOrEqual(WINDOW.top); // the glyphs' top, at most one em above the baseline
      expect(line!.y + 1).toBeLessThanOrEqual(WINDOW.bottom);
    }
    // Nothing else in the window: the sender block and the date are outside it.
    const inWindow = lines.filter((l) => l.x < WINDOW.right && l.y > WINDOW.top - 5 && l.y < WINDOW.bottom);
    expect(inWindow.map((l) => l.text)).toEqual([input.name, input.street, `${input.postcode} ${input.city}`]);
    // The letter's other pages do not repeat the address.
    for (const page of letterPages.slice(1)) expect(linesOf(page).some((l) => l.text === input.name)).toBe(false);
  });
});

test('the date line, subject in bold, the whole body across pages, the signature last, the footer on every page', async () => {
  const { pages } = await pdfOf([letter(1, { body: LONG_BODY })]);
  expect(pages).toHaveLength(3);
  const first = linesOf(pages[0]!);
  const date = first.find((l) => l.text === 'Gent, 7 december 2026');
  expect(date).toBeDefined();
  expect(date!.right).toBeCloseTo(190, 0); // right-aligned at the right margin
  const subject = first.find((l) => l.text === 'Onderwerp 1');
  expect(subject?.runs.every((r) => r.bold)).toBe(true);
  expect(subject!.y).toBeGreaterThan(date!.y);

  const bodyLines = pages.flatMap((p) => linesOf(p).filter((l) => l.y > (p === pages[0] ? subject!.y + 1 : 30) && l.y < 275));
  for (const l of bodyLines) {
    expect(l.x).toBeGreaterThan(20 - 0.01);
    expect(l.right).toBeLessThanOrEqual(190 + SLACK);
  }
  const text = bodyLines.map((l) => l.text).join(' ');
  const expected = LONG_BODY.replace(/\s+/g, ' ') + ' Met vriendelijke groeten, Het UiTPAS-team';
  expect(text).toBe(expected);
  pages.forEach((page, i) => {
    const footer = linesOf(page).find((l) => l.text.endsWith(`Pagina ${i + 1}/3`));
    expect(footer?.text).toBe(`UiTPAS Gent · www.uitpas.be/gentPagina ${i + 1}/3`);
    expect(footer!.y).toBeGreaterThan(280);
    expect(footer!.y).toBeLessThan(290);
  });
});

test('**bold** in the body is drawn bold; a long word is cut rather than overflowing', async () => {
  const { pages } = await pdfOf([letter(1, { body: `Beste **An**,\n\n${'x'.repeat(300)}` })]);
  const lines = linesOf(pages[0]!);
  const greeting = lines.find((l) => l.text === 'Beste An,');
  expect(greeting?.runs.map((r) => [r.text, r.bold])).toEqual([
    ['Beste ', false],
    ['An', true],
    [',', false],
  ]);
  const cut = lines.filter((l) => /^x+$/.test(l.text));
  expect(cut.map((l) => l.text).join('')).toBe('x'.repeat(300));
  for (const l of cut) expect(l.right).toBeLessThanOrEqual(190 + SLACK);
});

test('the date line in the letter language', async () => {
  const date = new Date('2026-12-07T23:30:00Z'); // already 8 December in Brussels
  expect(placeAndDate('Gent', date, 'nl')).toBe('Gent, 8 december 2026');
  expect(placeAndDate('Gand', date, 'fr')).toBe('Gand, 8 décembre 2026');
  expect(placeAndDate('Ghent', date, 'en')).toBe('Ghent, 8 December 2026');
  expect(placeAndDate('Gent', date, 'de')).toBe('Gent, 8. Dezember 2026');
  const { pages } = await pdfOf([letter(1)], { ...LAYOUT, language: 'fr', place: 'Gand' });
  const lines = linesOf(pages[0]!).map((l) => l.text);
  expect(lines).toContain('Gand, 7 décembre 2026');
  expect(lines.some((l) => l.endsWith('Page 1/1'))).toBe(true);
});

test('fonts: DejaVu Sans regular and bold embedded as TrueType font files', async () => {
  const { pdf } = await pdfOf([letter(1)]);
  const raw = pdf.toString('latin1');
  expect(raw.match(/\/FontFile2/g)?.length).toBe(2);
  expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b(?!-)/);
  expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold\b/);
  expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
});

test('with duplex, every letter starts on a front (odd) page; without, no blank pages', async () => {
  const letters = [letter(1), letter(2, { body: LONG_BODY }), letter(3)];
  const plain = await pdfOf(letters);
  expect(plain.pages.every((p) => footerOf(p))).toBe(true);
  const duplex = await pdfOf(letters, { ...LAYOUT, duplex: true });
  expect(duplex.result).toEqual({ pages: 8, letters: 3 }); // 1 + blank, 3 + blank, 1 + blank
  const firsts = duplex.pages.flatMap((p, i) => (footerOf(p)?.[1] === '1' ? [i + 1] : []));
  expect(firsts).toEqual([1, 3, 7]);
  expect(duplex.pages[1]!.runs).toEqual([]);
});

test('a header image replaces the wordmark and is embedded once for all letters', async () => {
  // A 1×1 PNG.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  const { pdf, pages } = await pdfOf([letter(1), letter(2), letter(3)], { ...LAYOUT, headerImage: png });
  const images = (b: Buffer) => b.toString('latin1').match(/\/Subtype \/Image/g)?.length ?? 0;
  const one = await pdfOf([letter(1)], { ...LAYOUT, headerImage: png });
  expect(images(one.pdf)).toBeGreaterThan(0); // the image (and its alpha mask)
  expect(images(pdf)).toBe(images(one.pdf)); // three letters, no more image objects
  expect(linesOf(pages[0]!).filter((l) => l.text === 'UiTPAS Gent')).toHaveLength(1); // the sender block only
  const withWordmark = await pdfOf([letter(1)]);
  expect(linesOf(withWordmark.pages[0]!).filter((l) => l.text === 'UiTPAS Gent')).toHaveLength(2);
});

test('sortForPost: Belgian postcodes ascending, then street (house numbers numerically), then name; others last', async () => {
  const rows = [
    { name: 'Zoë', street: 'Kerkstraat 10', postcode: '9000', city: 'Gent' },
    { name: 'Bart', street: 'Abdijstraat 1', postcode: 'L-1234', city: 'Luxemburg' },
    { name: 'An', street: 'Kerkstraat 10', postcode: '9000', city: 'Gent' },
    { name: 'Cas', street: 'Kerkstraat 2', postcode: '9000', city: 'Gent' },
    { name: 'Dirk', street: 'Zandstraat 5', postcode: '1000', city: 'Brussel' },
    { name: 'Els', street: 'Markt 1', postcode: '8500', city: 'Kortrijk' },
    { name: 'Fien', street: 'Markt 1', postcode: '2000', city: 'Antwerpen' },
  ];
  const sorted = sortForPost(rows);
  expect(sorted.map((r) => r.name)).toEqual(['Dirk', 'Fien', 'Els', 'Cas', 'An', 'Zoë', 'Bart']);
  expect(rows[0]!.name).toBe('Zoë'); // a copy: the input keeps its order
  // Holders without a `name` sort by first and last name.
  const holders = [
    { firstName: 'Wout', lastName: 'Maes', street: 'Markt 1', postcode: '9000' },
    { firstName: 'An', lastName: 'Maes', street: 'Markt 1', postcode: '9000' },
  ];
  expect(sortForPost(holders).map((h) => h.firstName)).toEqual(['An', 'Wout']);

  const letters = sorted.map((r, i) => letter(i, r));
  const { pages } = await pdfOf(letters);
  const names = pages.map((p) => linesOf(p).find((l) => l.x >= 20 && l.x < 30 && l.y > 50 && l.y < 60)?.text);
  expect(names).toEqual(sorted.map((r) => r.name));
});

describe('letter templates', () => {
  const holder = (i: number, extra: Partial<PostRecipient> = {}): PostRecipient => ({
    uid: `u${i}`,
    firstName: 'An',
    lastName: `Peeters${i}`,
    email: null,
    points: 12 + i,
    language: 'nl',
    cardSystem: { key: 'gent', name: 'UiTPAS Gent' },
    street: `Kerkstraat ${i}`,
    postcode: '9000',
    city: 'Gent',
    ...extra,
  });

  test('subject, body and signature are personalised per holder with the mail variables', async () => {
    const template = {
      subject: 'Je {{ kaartsysteem }}-punten, {{ voornaam }}',
      body: 'Beste {{ voornaam }} {{ naam }},\n\nJe hebt {{ punten }} punten ({{ points }}).{% if uitschrijflink != "" %}X{% endif %}',
      signature: 'Groeten aan {{ uid }}',
    };
    const out = [];
    for await (const l of renderLetterInputs(template, [holder(1), holder(2, { firstName: null, name: 'Familie Peeters' })])) out.push(l);
    expect(out[0]).toEqual({
      uid: 'u1',
      name: 'An Peeters1',
      street: 'Kerkstraat 1',
      postcode: '9000',
      city: 'Gent',
      country: null,
      subject: 'Je UiTPAS Gent-punten, An',
      body: 'Beste An Peeters1,\n\nJe hebt 13 punten (13).',
      signature: 'Groeten aan u1',
    });
    expect(out[1]!.name).toBe('Familie Peeters');
    expect(out[1]!.subject).toBe('Je UiTPAS Gent-punten,');

    const { pages } = await pdfOf(out);
    expect(linesOf(pages[0]!).map((l) => l.text)).toEqual(expect.arrayContaining(['Beste An Peeters1,', 'Je hebt 13 punten (13).', 'Groeten aan u1']));
  });

  test('a template without a signature leaves the layout signature; too much work throws a WorkLimitError', async () => {
    const rendered = [];
    for await (const l of renderLetterInputs({ subject: 'S', body: 'B' }, [holder(1)])) rendered.push(l);
    expect(rendered[0]!.signature).toBeNull();
    const heavy = renderLetterInputs({ subject: 'S', body: '{% for i in (1..10000) %}{% for j in (1..10000) %}x{% endfor %}{% endfor %}' }, [holder(1)]);
    await expect(heavy.next()).rejects.toBeInstanceOf(WorkLimitError);
    expect(() => renderLetterInputs({ subject: '{% if %}', body: '' }, [holder(1)])).toThrow(); // a syntax error, before any letter
  });
});

test('streamed with backpressure: a slow reader holds the letters back; the file is complete at the end', async () => {
  let pulled = 0;
  function* many() {
    for (let i = 0; i < 300; i++) {
      pulled += 1;
      yield letter(i);
    }
  }
  const chunks: Buffer[] = [];
  let release: (() => void) | null = null;
  let gate = new Promise<void>((r) => (release = r));
  const out = new Writable({
    highWaterMark: 16 * 1024,
    write(chunk: Buffer, _enc, callback) {
      chunks.push(chunk);
      void gate.then(() => callback());
    },
  });
  const writing = writeLetters(out, many(), LAYOUT);
  await new Promise((r) => setTimeout(r, 300));
  expect(pulled).toBeLessThan(30); // held back by the full output, not all 300 laid out ahead
  release!();
  gate = Promise.resolve();
  const result = await writing;
  expect(result).toEqual({ pages: 300, letters: 300 });
  const pages = await readPdf(Buffer.concat(chunks));
  expect(pages).toHaveLength(300);
  expect(linesOf(pages[299]!).some((l) => l.text === 'Houder Nummer299')).toBe(true);
});

test('a failing output rejects the promise', async () => {
  const out = new Writable({
    write(_chunk, _enc, callback) {
      callback(new Error('disk full'));
    },
  });
  out.on('error', () => undefined);
  await expect(
    writeLetters(
      out,
      Array.from({ length: 50 }, (_, i) => letter(i)),
      LAYOUT,
    ),
  ).rejects.toThrow('disk full');
});
