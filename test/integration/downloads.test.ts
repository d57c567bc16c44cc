/**
 * The admin's downloads (issue 18): a saved segment's holders and a mailing's per-person results as
 * XLSX (opened with exceljs) or as CSV with `;`, a UTF-8 BOM and headers in the UI's language; times
 * in Europe/Brussels, statuses in words. The token API's export keeps its comma CSV and header.
 */
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { startApp, type TestApp } from '../helpers/strapi';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { downloadBytes, superAdminClient, waitForStatus, type AdminClient } from '../helpers/admin';
import { approvedSender, importFixture } from './fixture';

let app: TestApp;
let smtp: TestSmtp;
let admin: AdminClient;
let segment: string;
let campaign: string;

const holders = [
  { uid: 'd01', firstName: 'Émile', lastName: 'Dubois', email: 'd01@mail.test', postcode: '9995', consents: ['email'], cardSystems: ['cs-gent'] },
  { uid: 'd02', firstName: 'Anna', lastName: 'Peeters', email: 'd02@mail.test', postcode: '9995', consents: ['email'], cardSystems: ['cs-gent'] },
];

const bytes = (url: string) => downloadBytes(admin, url);
const workbook = async (body: Buffer) => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  return sheet
    .getSheetValues()
    .slice(1)
    .map((row) => (row as ExcelJS.CellValue[]).slice(1));
};

beforeAll(async () => {
  smtp = await startSmtp();
  app = await startApp({ env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), PUBLIC_URL: 'http://tool.test' } });
  await importFixture(app, holders);
  admin = await superAdminClient(app);
  const sender = { documentId: await approvedSender(app) };
  const template = (
    await admin.post('/segmentation/templates', {
      name: 'Downloads',
      subject: 'Dag {{ firstName }}',
      preheader: 'Nieuws',
      body: 'Hallo {{ firstName }}.',
      buttonText: 'Bekijk',
      buttonUrl: 'https://uitpas.be/',
      sender: sender.documentId,
    })
  ).body.documentId;
  segment = (
    await admin.post('/segmentation/segments', {
      name: 'Postcode 9995',
      definition: { version: 1, groups: [{ filters: [{ type: 'postcode', postcodes: ['9995'] }] }] },
    })
  ).body.documentId;
  campaign = (await admin.post('/segmentation/campaigns', { name: 'Herfst', segment, template })).body.documentId;
  await admin.post(`/segmentation/campaigns/${campaign}/send`);
  await waitForStatus(admin, campaign, 'sent', 20_000);
});
afterAll(async () => {
  await app?.stop();
  await smtp?.close();
});

test('a segment as XLSX: Dutch or English headers, the holders with their names', async () => {
  const res = await bytes(`/segmentation/downloads/segments/${segment}?format=xlsx&lang=nl`);
  expect(res.status).toBe(200);
  expect(res.type).toContain('spreadsheetml');
  expect(res.disposition).toContain('Postcode_9995.xlsx');
  const rows = await workbook(res.body);
  expect(rows[0]).toEqual(['UiTPAS-nummer (UID)', 'Voornaam', 'Achternaam', 'E-mailadres', 'Telefoon']);
  expect(rows.slice(1).map((r) => r.slice(0, 4))).toEqual([
    ['d01', 'Émile', 'Dubois', 'd01@mail.test'],
    ['d02', 'Anna', 'Peeters', 'd02@mail.test'],
  ]);
  expect((await workbook((await bytes(`/segmentation/downloads/segments/${segment}?format=xlsx&lang=en`)).body))[0]![1]).toBe('First name');
});

test('a segment as CSV: a UTF-8 BOM, semicolons, Dutch headers; the token API keeps its comma CSV', async () => {
  const res = await bytes(`/segmentation/downloads/segments/${segment}?format=csv&lang=nl`);
  expect(res.status).toBe(200);
  expect(res.type).toContain('text/csv');
  expect([...res.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = res.body
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]).toBe('UiTPAS-nummer (UID);Voornaam;Achternaam;E-mailadres;Telefoon');
  expect(lines[1]).toBe('d01;Émile;Dubois;d01@mail.test;');
  const en = (await bytes(`/segmentation/downloads/segments/${segment}?format=csv&lang=en`)).body.toString('utf8');
  expect(en.split('\r\n')[0]).toBe('\uFEFFUiTPAS number (UID);First name;Last name;E-mail address;Phone');

  const token = await app.api().get(`/api/segmentation/segments/${segment}/export`);
  expect(token.status).toBe(200);
  expect(token.text.split('\n')[0]).toBe('uid,firstName,lastName,email,phone');
  expect(token.text.charCodeAt(0)).not.toBe(0xfeff);
  expect((await bytes(`/segmentation/downloads/segments/${segment}?format=pdf`)).status).toBe(400);
});

test("a mailing's per-person results: statuses in words, times in Brussels, as XLSX and as CSV", async () => {
  const sentAt = (await app.strapi.db.connection('seg_deliveries').where({ uid: 'd01' }).first()).sent_at;
  const brussels = DateTime.fromMillis(Number(new Date(typeof sentAt === 'string' && /^\d+$/.test(sentAt) ? Number(sentAt) : sentAt))).setZone(
    'Europe/Brussels',
  );
  const xlsx = await workbook((await bytes(`/segmentation/downloads/campaigns/${campaign}/people?format=xlsx&lang=nl`)).body);
  expect(xlsx[0]).toEqual([
    'UiTPAS-nummer (UID)',
    'Voornaam',
    'Achternaam',
    'E-mailadres',
    'Status',
    'Verstuurd op',
    'Geopend (aantal keer)',
    'Geklikt (aantal keer)',
    'Uitgeschreven',
  ]);
  const first = xlsx.find((r) => r[0] === 'd01')!;
  expect(first.slice(0, 5)).toEqual(['d01', 'Émile', 'Dubois', 'd01@mail.test', 'verstuurd']);
  expect(first.slice(6)).toEqual([0, 0, 'nee']);
  // Excel has no time zones: the cell holds the Brussels wall-clock time.
  const cell = first[5] as Date;
  expect(cell).toBeInstanceOf(Date);
  expect(DateTime.fromJSDate(cell, { zone: 'utc' }).toFormat('yyyy-LL-dd HH:mm:ss')).toBe(brussels.toFormat('yyyy-LL-dd HH:mm:ss'));

  const csv = (await bytes(`/segmentation/downloads/campaigns/${campaign}/people?format=csv&lang=en`)).body.toString('utf8');
  expect(csv.startsWith('\uFEFFUiTPAS number (UID);First name;Last name;E-mail address;Status;Sent at;')).toBe(true);
  expect(csv).toContain(`d01;Émile;Dubois;d01@mail.test;sent;${brussels.toFormat('dd/LL/yyyy HH:mm')};0;0;no`);
});
