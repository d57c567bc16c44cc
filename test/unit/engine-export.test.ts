/**
 * The CSV export streams page by page (segments/engine.ts): over several pages it gives every
 * selected holder once, in uid byte order, with the same fields as the preview, and cells a
 * spreadsheet would run as a formula defused.
 */
import { Readable } from 'stream';
import { parse } from 'csv-parse/sync';
import { createTestDb, type TestDb } from '../helpers/db';
import { importStream } from '../../src/plugins/segmentation/server/src/imports/service';
import { SegmentEngine } from '../../src/plugins/segmentation/server/src/segments/engine';
import type { SegmentDefinition } from '../../src/plugins/segmentation/shared/definition';

let db: TestDb;
const N = 2_600; // more than two pages of the export
const holders = Array.from({ length: N }, (_, i) => ({
  uid: `u${String((i * 7919) % N).padStart(5, '0')}${i % 3 === 0 ? 'Z' : 'a'}`,
  firstName: i === 4 ? '=HYPERLINK("x")' : `Voornaam, "${i}"`,
  lastName: `Naam ${i}`,
  email: i % 4 === 0 ? '' : `p${i}@example.org`,
  phone: i % 5 === 0 ? '+32 475 12 34 56' : undefined,
  points: i % 2,
}));

beforeAll(async () => {
  db = await createTestDb();
  const body = Readable.from([holders.map((h) => JSON.stringify(h)).join('\n')]);
  const result = await importStream(db.knex, 'pass-holders', body, 'ndjson');
  expect(result.rejected).toEqual([]);
});
afterAll(async () => db?.destroy());

test('an export of several pages equals the preview, holder by holder, in uid byte order', async () => {
  const engine = new SegmentEngine(db.knex);
  const def: SegmentDefinition = {
    version: 1,
    groups: [{ filters: [{ type: 'points', op: '>=', value: 0 }] }],
    exclude: [{ filters: [{ type: 'points', op: '=', value: 1 }] }],
  };
  const csv = await engine.exportCsv(def, { asOf: '2026-11-01' });
  const chunks: Buffer[] = [];
  for await (const chunk of csv) chunks.push(Buffer.from(chunk));
  const rows: string[][] = parse(Buffer.concat(chunks).toString('utf8'));
  expect(rows[0]).toEqual(['uid', 'firstName', 'lastName', 'email', 'phone']);
  const expected = holders
    .filter((h) => h.points === 0)
    .map((h) => h.uid)
    .sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : 1));
  expect(rows.slice(1).map((r) => r[0])).toEqual(expected);
  expect(csv.total).toBe(expected.length);

  const preview = [];
  for (let page = 1; page <= Math.ceil(expected.length / 500); page++)
    preview.push(...(await engine.preview(def, { asOf: '2026-11-01', page, pageSize: 500 })).items);
  const asText = (v: string | null | undefined) => v ?? '';
  const defused = (v: string) => (v.startsWith('=') ? `'${v}` : v);
  expect(rows.slice(1)).toEqual(preview.map((p) => [p.uid, defused(asText(p.firstName)), asText(p.lastName), asText(p.email), asText(p.phone)]));
  expect(rows.find((r) => r[1]!.includes('HYPERLINK'))?.[1]).toBe(`'=HYPERLINK("x")`);
  expect(rows.some((r) => r[4] === '+32 475 12 34 56')).toBe(true);
});
