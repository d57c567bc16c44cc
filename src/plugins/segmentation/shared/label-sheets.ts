/**
 * The A4 address-label sheets the post channel prints on (issue 20), as data: the server lays the
 * labels out from them and the admin lists them. Sizes in millimetres; the grid of labels is
 * centred on the sheet (these sheets have no gaps between labels), so the margins follow from the
 * label size. Browser-safe: no Node imports.
 */
export const A4_MM = { width: 210, height: 297 } as const;

export interface LabelSheet {
  key: string;
  /** What the admin shows, e.g. "3 × 8 etiketten van 70 × 36 mm". */
  label: { nl: string; en: string };
  columns: number;
  rows: number;
  /** One label's width and height. */
  labelWidth: number;
  labelHeight: number;
  /** Left and top edge of the first label: (sheet − grid) / 2. */
  marginLeft: number;
  marginTop: number;
}

function sheet(columns: number, rows: number, labelWidth: number, labelHeight: number): LabelSheet {
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return {
    key: `${columns}x${rows}-${labelWidth}x${labelHeight}`,
    label: {
      nl: `${columns} × ${rows} etiketten van ${labelWidth} × ${labelHeight} mm`.replace(/\./g, ','),
      en: `${columns} × ${rows} labels of ${labelWidth} × ${labelHeight} mm`,
    },
    columns,
    rows,
    labelWidth,
    labelHeight,
    marginLeft: round((A4_MM.width - columns * labelWidth) / 2),
    marginTop: round((A4_MM.height - rows * labelHeight) / 2),
  };
}

/** 3 × 8 of 70 × 36 mm (24 a sheet, 4.5 mm top and bottom) and 3 × 7 of 70 × 42.3 mm (21 a sheet, 0.45 mm). */
export const LABEL_SHEETS = {
  '3x8-70x36': sheet(3, 8, 70, 36),
  '3x7-70x42.3': sheet(3, 7, 70, 42.3),
} as const satisfies Record<string, LabelSheet>;

export type LabelSheetKey = keyof typeof LABEL_SHEETS;
export const LABEL_SHEET_KEYS = Object.keys(LABEL_SHEETS) as LabelSheetKey[];

/** Labels on one sheet. */
export const labelsPerSheet = (s: LabelSheet): number => s.columns * s.rows;
