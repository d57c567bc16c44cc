/**
 * Address labels (issue 20), read back from the PDF: every label's text lies inside its cell on
 * both sheets (geometry written out here, independently of the code), `start` skips the used
 * positions of a first sheet, a full sheet is followed by a new one, and long lines shrink (and are
 * cut only at the smallest size) without leaving the label.
 */
import { writeLabels, LABEL_SHEETS, type LabelSheetKey } from '../../src/plugins/segmentation/server/src/post/labels';
import type { PostalAddress } from '../../src/plugins/segmentation/server/src/post/address';
import { collect, readPdf, type PdfPage } from '../helpers/pdf-text';

/** Columns, rows, label size and top margin of each sheet (a centred grid on A4, 210 × 297 mm). */
const GEOMETRY: Record<LabelSheetKey, { columns: number; rows: number; width: number; height: number; top: number }> = {
  '3x8-70x36': { columns: 3, rows: 8, width: 70, height: 36, top: 4.5 },
  '3x7-70x42.3': { columns: 3, rows: 7, width: 70, height: 42.3, top: 0.45 },
};
const SLACK = 0.5; // pdf2json's widths are estimates

function cellOf(sheet: LabelSheetKey, position: number) {
  const g = GEOMETRY[sheet];
  const x = (position % g.columns) * g.width;
  const y = g.top + Math.floor(position / g.columns) * g.height;
  return { left: x, right: x + g.width, top: y, bottom: y + g.height };
}

const address = (i: number, extra: Partial<PostalAddress> = {}): PostalAddress => ({
  name: `Naam ${i}`,
  street: `Straat ${i}`,
  postcode: '9000',
  city: 'Gent',
  ...extra,
});

async function labelsPdf(addresses: PostalAddress[], sheet: LabelSheetKey, start?: number) {
  const { stream, done } = collect();
  const result = await writeLabels(stream, addresses, { sheet, start });
  return { result, pages: await readPdf(await done) };
}

/** The lines of the label whose first line is `name` (or starts like it and is cut): that run and the runs below it at the same x. */
function labelLines(page: PdfPage, name: string) {
  const first = page.runs.find((r) => r.text === name || (r.text.startsWith(name.slice(0, 10)) && r.text.endsWith('…')));
  if (!first) return [];
  return page.runs
    .filter((r) => Math.abs(r.x - first.x) < 0.1 && r.y >= first.y && r.y < first.y + 20)
    .sort((a, b) => a.y - b.y)
    .slice(0, 3)
    .map((r) => ({ text: r.text, x: r.x, y: r.y, right: r.x + r.width, runs: [r] }));
}

function expectInside(lines: ReturnType<typeof labelLines>, cell: ReturnType<typeof cellOf>) {
  expect(lines).toHaveLength(3);
  for (const l of lines) {
    const size = (Math.max(...l.runs.map((r) => r.size)) * 25.4) / 72; // em in mm
    expect(l.x).toBeGreaterThanOrEqual(cell.left + 4.9); // 5 mm inset
    expect(l.right).toBeLessThanOrEqual(cell.right - 5 + SLACK);
    expect(l.y - size).toBeGreaterThanOrEqual(cell.top);
    expect(l.y + 0.3 * size).toBeLessThanOrEqual(cell.bottom);
  }
}

test('the sheets as data: centred grids, margins from the label size', () => {
  expect(LABEL_SHEETS['3x8-70x36']).toMatchObject({ columns: 3, rows: 8, labelWidth: 70, labelHeight: 36, marginLeft: 0, marginTop: 4.5 });
  expect(LABEL_SHEETS['3x7-70x42.3']).toMatchObject({ columns: 3, rows: 7, labelWidth: 70, labelHeight: 42.3, marginLeft: 0, marginTop: 0.45 });
});

test.each(Object.keys(GEOMETRY) as LabelSheetKey[])('%s: every label inside its cell, in reading order, a new sheet when full', async (sheet) => {
  const g = GEOMETRY[sheet];
  const perSheet = g.columns * g.rows;
  const addresses = Array.from({ length: perSheet + 1 }, (_, i) => address(i + 1));
  const { result, pages } = await labelsPdf(addresses, sheet);
  expect(result).toEqual({ pages: 2, labels: perSheet + 1 });
  expect(pages).toHaveLength(2);
  addresses.forEach((a, i) => {
    const page = pages[i < perSheet ? 0 : 1]!;
    const lines = labelLines(page, a.name);
    expect(lines.map((l) => l.text)).toEqual([a.name, a.street, '9000 Gent']);
    expectInside(lines, cellOf(sheet, i % perSheet));
  });
  expect(pages[1]!.runs).toHaveLength(3); // one label on the second sheet
});

test('25 labels on 3 × 8 make 2 sheets: 24 and 1', async () => {
  const { result, pages } = await labelsPdf(
    Array.from({ length: 25 }, (_, i) => address(i + 1)),
    '3x8-70x36',
  );
  expect(result).toEqual({ pages: 2, labels: 25 });
  expect(pages[0]!.runs.filter((r) => r.text.startsWith('Naam '))).toHaveLength(24);
  expect(labelLines(pages[1]!, 'Naam 25').map((l) => l.text)).toEqual(['Naam 25', 'Straat 25', '9000 Gent']);
  expect(pages[1]!.runs).toHaveLength(3);
});

test('start: 5 leaves the first 4 positions empty and fills on from the fifth', async () => {
  const { pages, result } = await labelsPdf(
    Array.from({ length: 21 }, (_, i) => address(i + 1)),
    '3x8-70x36',
    5,
  );
  expect(result).toEqual({ pages: 2, labels: 21 }); // 20 on the first sheet, 1 on the second
  for (let position = 0; position < 4; position++) {
    const cell = cellOf('3x8-70x36', position);
    expect(pages[0]!.runs.filter((r) => r.x >= cell.left && r.x < cell.right && r.y > cell.top && r.y <= cell.bottom)).toEqual([]);
  }
  expectInside(labelLines(pages[0]!, 'Naam 1'), cellOf('3x8-70x36', 4));
  expectInside(labelLines(pages[0]!, 'Naam 20'), cellOf('3x8-70x36', 23));
  expectInside(labelLines(pages[1]!, 'Naam 21'), cellOf('3x8-70x36', 0));
});

test('start outside the sheet and unknown sheets are refused', async () => {
  await expect(labelsPdf([address(1)], '3x8-70x36', 0)).rejects.toThrow(RangeError);
  await expect(labelsPdf([address(1)], '3x8-70x36', 25)).rejects.toThrow(RangeError);
  await expect(labelsPdf([address(1)], '3x7-70x42.3', 22)).rejects.toThrow(RangeError);
  await expect(labelsPdf([address(1)], 'toString' as LabelSheetKey)).rejects.toThrow(RangeError);
});

test.each(Object.keys(GEOMETRY) as LabelSheetKey[])('%s: long names and streets shrink and stay inside the label', async (sheet) => {
  const long = address(1, { name: 'Jean-Baptiste Van den Bossche-Vermeulen', street: 'Burgemeester Van Gansberghelaan 112 bus 3' });
  const huge = address(2, { name: 'Marie-Christine Anne-Sophie Vandenberghe-Van Oostende de Ghellinck', street: 'Kerkstraat 1' });
  const short = address(3);
  const { pages } = await labelsPdf([long, huge, short], sheet);
  const shortLines = labelLines(pages[0]!, short.name);
  const normal = shortLines[0]!.runs[0]!.size;

  const longLines = labelLines(pages[0]!, long.name);
  expect(longLines.map((l) => l.text)).toEqual([long.name, long.street, '9000 Gent']); // whole, smaller
  expect(longLines[0]!.runs[0]!.size).toBeLessThan(normal);
  expectInside(longLines, cellOf(sheet, 0));

  const hugeLines = labelLines(pages[0]!, huge.name);
  expect(hugeLines[0]!.text.endsWith('…')).toBe(true); // at the smallest size, cut
  expect(hugeLines[0]!.runs[0]!.size).toBeLessThanOrEqual(longLines[0]!.runs[0]!.size); // pdf2json rounds sizes to whole pixels
  expect(hugeLines[0]!.right).toBeGreaterThan(cellOf(sheet, 1).right - 5 - 3); // cut to the width, not shorter
  expectInside(hugeLines, cellOf(sheet, 1));
  expectInside(shortLines, cellOf(sheet, 2));
});
