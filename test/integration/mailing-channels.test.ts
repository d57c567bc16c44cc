/**
 * The channels of a mailing (issue 20) over the admin API, with the worker in-process and a real
 * SMTP server: each holder's channel chosen when the audience is generated, the counts per channel
 * and per reason on the review, the review filtered by channel, a channel changed by hand (kept on
 * the next generation; refused with the path of each problem where the holder cannot be reached),
 * a changed mailing channel refused at send until generated again, and the send of an e-mail +
 * post mailing: mails only to the e-mail part, a letter recorded for each holder of the post part.
 */
import type { TestApp } from '../helpers/strapi';
import type { TestSmtp } from '../helpers/smtp';
import ExcelJS from 'exceljs';
import { downloadBytes, waitForStatus, type AdminClient } from '../helpers/admin';
import { linesOf, readPdf } from '../helpers/pdf-text';
import { startMailingApp } from './mailing-setup';

let app: TestApp;
let smtp: TestSmtp;
let admin: AdminClient;
let leuvenManager: AdminClient;
let template: string;
let letterTemplate: string;

const ADDRESS = { street: 'Kouter 1', postcode: '9000', city: 'Gent' };
const HOLDERS = [
  // e-mail with consent, an address, preference both: e-mail first
  { uid: 'c01', email: 'c01@mail.test', consents: ['email'], ...ADDRESS },
  // preference post: a letter
  { uid: 'c02', email: 'c02@mail.test', consents: ['email'], mailingPreference: 'post', language: 'fr', ...ADDRESS },
  // no e-mail address, an address: a letter
  { uid: 'c03', street: 'Markt 1', postcode: '8000', city: 'Brugge', phone: '0475 11 22 33', consents: ['sms'] },
  // no consent and no address: reachable on neither
  { uid: 'c04', email: 'c04@mail.test' },
  // e-mail but no city: e-mail
  { uid: 'c05', email: 'c05@mail.test', consents: ['email'], street: 'Veld 2', postcode: '9000' },
  // preference email, no e-mail consent, address: neither (post not allowed by the preference)
  { uid: 'c06', email: 'c06@mail.test', mailingPreference: 'email', ...ADDRESS },
].map((h) => ({ firstName: `Naam${h.uid}`, lastName: 'Kanaal', cardSystems: ['cs-gent'], ...h }));
const UIDS = HOLDERS.map((h) => h.uid);

beforeAll(async () => {
  ({ smtp, app, admin, leuvenManager, template } = await startMailingApp(HOLDERS, 'Kanaal'));
  const letter = await admin.post('/segmentation/templates', {
    name: 'Brief',
    channel: 'letter',
    subject: 'Uw UiTPAS',
    body: 'Beste {{ voornaam }},\n\nwelkom.',
    senderBlock: 'UiTPAS Gent\nBotermarkt 1\n9000 Gent',
    place: 'Gent',
    signature: 'Het UiTPAS-team',
  });
  expect(letter.status).toBe(200);
  letterTemplate = letter.body.documentId;
  const french = await admin.put(`/segmentation/templates/${letterTemplate}?locale=fr`, {
    name: 'Lettre',
    channel: 'letter',
    language: 'fr',
    subject: 'Votre UiTPAS',
    body: 'Cher {{ voornaam }},\n\nbienvenue.',
    senderBlock: 'UiTPAS Gand\nBotermarkt 1\n9000 Gand',
    place: 'Gand',
    signature: "L'équipe UiTPAS",
  });
  expect(french.body.locales).toEqual(['nl', 'fr']);
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await smtp?.close();
});

const url = (id: string, rest = '') => `/segmentation/campaigns/${id}/audience${rest}`;
async function mailing(name: string, channel: string): Promise<string> {
  const created = await admin.post('/segmentation/campaigns', { name, segment: null, template, letterTemplate, cardSystem: 'cs-gent', channel });
  expect(created.status).toBe(200);
  const id = created.body.documentId as string;
  expect((await admin.put(url(id), { steps: [{ mode: 'add', uids: UIDS }] })).status).toBe(200);
  return id;
}
const byChannel = async (id: string, channel: string) =>
  ((await admin.get(url(id, `/members?pageSize=100&channel=${channel}`))).body.items as { uid: string }[]).map((i) => i.uid);

describe('an e-mail + post mailing', () => {
  let id: string;
  beforeAll(async () => {
    id = await mailing('Brief of mail', 'email+post');
  });

  test('generating chooses each holder’s channel; the review counts them and says why some get nothing', async () => {
    const generated = await admin.post(url(id, '/generate'));
    expect(generated.status).toBe(200);
    expect(generated.body.generated).toMatchObject({
      total: 6,
      channel: 'email+post',
      channels: { email: 2, post: 2, sms: 0, none: 2, unreachable: { noAddress: 1, preferenceNotPost: 1 }, changedByHand: 0 },
    });
    expect(await byChannel(id, 'email')).toEqual(['c01', 'c05']);
    expect(await byChannel(id, 'post')).toEqual(['c02', 'c03']);
    expect(await byChannel(id, 'none')).toEqual(['c04', 'c06']);
    const page = (await admin.get(url(id, '/members?pageSize=100'))).body;
    expect(page.items.find((i: { uid: string }) => i.uid === 'c04')).toMatchObject({ channel: null, unreachable: 'noAddress' });
    expect(page.items.find((i: { uid: string }) => i.uid === 'c01')).toMatchObject({ channel: 'email', unreachable: null });
  });

  test('a channel changed by hand counts at once and is kept when the audience is generated again', async () => {
    const moved = await admin.post(url(id, '/channels'), { uids: ['c01'], channel: 'post' });
    expect(moved.status).toBe(200);
    expect(moved.body.generated.channels).toMatchObject({ email: 1, post: 3, changedByHand: 1 });
    expect((await admin.post(url(id, '/generate'))).body.generated.channels).toMatchObject({ email: 1, post: 3, changedByHand: 1 });
    expect(await byChannel(id, 'post')).toEqual(['c01', 'c02', 'c03']);
  });

  test('a holder who cannot be reached on the channel, one not in the audience, or a channel not of the mailing is refused; nothing changes', async () => {
    const before = (await admin.get(url(id))).body.generated;
    const refused = await admin.post(url(id, '/channels'), { uids: ['c05', 'c04', 'nobody'], channel: 'post' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.errors.map((e: { path: unknown[] }) => e.path)).toEqual([
      ['uids', 0],
      ['uids', 1],
      ['uids', 2],
    ]);
    expect(refused.body.error.details.errors[0].message).toContain('noAddress');
    const sms = await admin.post(url(id, '/channels'), { uids: ['c03'], channel: 'sms' });
    expect(sms.status).toBe(400);
    expect(sms.body.error.details.errors[0].path).toEqual(['channel']);
    expect((await admin.post(url(id, '/channels'), { uids: [], channel: 'fax' })).status).toBe(400);
    expect((await admin.get(url(id))).body.generated).toEqual(before);
  });

  test('another partner’s mailing is not found', async () => {
    expect((await leuvenManager.post(url(id, '/channels'), { uids: ['c02'], channel: 'email' })).status).toBe(404);
  });

  test('the send mails the e-mail part only and records a letter for each holder of the post part', async () => {
    const confirmation = (await admin.get(`/segmentation/campaigns/${id}/confirmation`)).body;
    expect(confirmation.channels).toMatchObject({ email: 1, post: 3, none: 2 });
    expect((await admin.post(`/segmentation/campaigns/${id}/send`)).status).toBe(200);
    await waitForStatus(admin, id, 'sent');
    const rows = (await app.strapi.db
      .connection('seg_deliveries as d')
      .join('seg_campaigns as c', 'c.id', 'd.campaign_id')
      .where('c.document_id', id)
      .orderBy('d.uid')
      .select('d.uid', 'd.channel', 'd.status')) as { uid: string; channel: string; status: string }[];
    expect(rows).toEqual([
      { uid: 'c01', channel: 'post', status: 'sent' },
      { uid: 'c02', channel: 'post', status: 'sent' },
      { uid: 'c03', channel: 'post', status: 'sent' },
      { uid: 'c05', channel: 'email', status: 'sent' },
    ]);
    expect(smtp.received.flatMap((m) => m.envelopeTo)).toEqual(['c05@mail.test']);
  });

  test('the letters: one PDF, a letter per holder of the post part in postal order, personalised, the address in the window', async () => {
    const file = await downloadBytes(admin, `/segmentation/downloads/campaigns/${id}/letters`);
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/pdf');
    const pages = await readPdf(file.body);
    expect(pages).toHaveLength(3);
    const addressOf = (page: number) =>
      linesOf(pages[page]!)
        .filter((l) => l.x >= 20 && l.x < 110 && l.y > 50 && l.y < 90)
        .map((l) => l.text);
    expect([0, 1, 2].map(addressOf)).toEqual([
      ['Naamc03 Kanaal', 'Markt 1', '8000 Brugge'],
      ['Naamc01 Kanaal', 'Kouter 1', '9000 Gent'],
      ['Naamc02 Kanaal', 'Kouter 1', '9000 Gent'],
    ]);
    expect(linesOf(pages[0]!).some((l) => l.text === 'Beste Naamc03,')).toBe(true);
    expect(linesOf(pages[0]!).some((l) => l.text.startsWith('Gent, '))).toBe(true);
    expect(linesOf(pages[0]!).some((l) => l.text.endsWith('Pagina 1/1'))).toBe(true);
    // c02 reads French: the French localisation's text, sender, place, date and page label.
    const french = linesOf(pages[2]!).map((l) => l.text);
    expect(french).toEqual(expect.arrayContaining(['Cher Naamc02,', 'UiTPAS Gand']));
    expect(french.some((t) => t.endsWith('Page 1/1'))).toBe(true);
    expect(french.some((t) => /^Gand, \d{1,2} \p{L}+ \d{4}$/u.test(t) && !/december|januari/.test(t))).toBe(true);
    expect(french).not.toContain('Beste Naamc02,');
  });

  test('labels from a chosen first position, and the merge file as CSV and XLSX', async () => {
    const labels = await downloadBytes(admin, `/segmentation/downloads/campaigns/${id}/labels?sheet=3x7-70x42.3&start=5`);
    expect(labels.status).toBe(200);
    const [sheet] = await readPdf(labels.body);
    // Position 5 of a 3-wide sheet: the middle of the second row (x 70–140 mm, y 42.75–85.05 mm).
    const first = sheet!.runs.find((r) => r.text === 'Naamc03 Kanaal')!;
    expect(first.x).toBeGreaterThan(70);
    expect(first.x).toBeLessThan(140);
    expect(first.y).toBeGreaterThan(42.75);
    expect(first.y).toBeLessThan(85.05);
    expect((await admin.get(`/segmentation/downloads/campaigns/${id}/labels?sheet=3x7-70x42.3&start=22`)).status).toBe(400);
    const csv = await downloadBytes(admin, `/segmentation/downloads/campaigns/${id}/merge?format=csv`);
    const text = csv.body.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.slice(1).split('\r\n').slice(0, 2)).toEqual(['uid;voornaam;naam;straat;postcode;gemeente;taal', 'c03;Naamc03;Kanaal;Markt 1;8000;Brugge;']);
    const xlsx = await downloadBytes(admin, `/segmentation/downloads/campaigns/${id}/merge?format=xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.rowCount).toBe(4);
    const audit = (await admin.get('/segmentation/audit?action=campaign.letters')).body;
    expect(JSON.stringify(audit)).toContain('Brief of mail');
  });

  test('marked done, the letter shows on each holder’s contact history; the mail on the e-mailed holder’s', async () => {
    expect((await admin.post(`/segmentation/campaigns/${id}/done`)).status).toBe(200);
    const letter = (await admin.get('/segmentation/holders/c02/history')).body.items;
    expect(letter).toHaveLength(1);
    expect(letter[0]).toMatchObject({ channel: 'post', status: 'sent', mailing: { name: 'Brief of mail', done: true } });
    expect((await admin.get('/segmentation/holders/c05/history')).body.items[0]).toMatchObject({ channel: 'email', mailing: { done: true } });
    expect((await admin.get(`/segmentation/campaigns/${id}/stats`)).body.channels.post).toMatchObject({ letters: 3, doneAt: expect.any(String) });
  });

  test('a letter template is previewed as a PDF for a holder, with their address', async () => {
    const template = {
      name: 'Brief',
      channel: 'letter',
      subject: 'Uw UiTPAS',
      body: 'Beste {{ voornaam }},',
      senderBlock: 'UiTPAS Gent\nBotermarkt 1',
      place: 'Gent',
    };
    const res = await admin
      .post('/segmentation/templates/preview-letter', { template, uid: 'c03' })
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toBe('application/pdf');
    const [page] = await readPdf(res.body as Buffer);
    const texts = linesOf(page!).map((l) => l.text);
    expect(texts).toEqual(expect.arrayContaining(['Naamc03 Kanaal', 'Markt 1', '8000 Brugge', 'Beste Naamc03,', 'Uw UiTPAS']));
  });

  test('no letters before the send; another partner’s mailing is not found', async () => {
    const draft = await mailing('Nog niet', 'post');
    expect((await admin.get(`/segmentation/downloads/campaigns/${draft}/letters`)).status).toBe(400);
    expect((await leuvenManager.get(`/segmentation/downloads/campaigns/${id}/letters`)).status).toBe(404);
  });
});

describe('the mailing’s channel', () => {
  test('holders added by hand get their channel by the rules; a removed holder’s change by hand no longer counts', async () => {
    const id = await mailing('Met de hand', 'email+post');
    expect((await admin.put(url(id), { steps: [{ mode: 'add', uids: UIDS.filter((u) => u !== 'c03') }] })).status).toBe(200);
    await admin.post(url(id, '/generate'));
    expect((await admin.post(url(id, '/channels'), { uids: ['c01'], channel: 'post' })).body.generated.channels).toMatchObject({
      email: 1,
      post: 2,
      changedByHand: 1,
    });
    const added = await admin.post(url(id, '/manual'), { mode: 'add', uids: ['c03'] });
    expect(added.body.generated.channels).toMatchObject({ email: 1, post: 3, none: 2, changedByHand: 1 });
    expect(await byChannel(id, 'post')).toEqual(['c01', 'c02', 'c03']);
    const removed = await admin.post(url(id, '/manual'), { mode: 'remove', uids: ['c01'] });
    expect(removed.body.generated.channels).toMatchObject({ email: 1, post: 2, changedByHand: 0 });
  });

  test('a channel that is not one of the five is refused on every save path', async () => {
    const bad = await admin.post('/segmentation/campaigns', { name: 'Fax', segment: null, template, cardSystem: 'cs-gent', channel: 'fax' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['channel']);
    const cm = await admin.post('/content-manager/collection-types/plugin::segmentation.campaign', { name: 'Fax', channel: 'fax' });
    expect(cm.status).toBe(400);
  });

  test('changed after generating: the send is refused until the audience is generated again', async () => {
    const id = await mailing('Eerst mail', 'email');
    const generated = (await admin.post(url(id, '/generate'))).body.generated;
    expect(generated.channels).toMatchObject({ email: 2, none: 4, unreachable: { noEmailConsent: 2, noEmail: 1, preferenceNotEmail: 1 } });
    expect((await admin.put(`/segmentation/campaigns/${id}`, { name: 'Eerst mail', channel: 'post' })).status).toBe(200);
    const refused = await admin.get(`/segmentation/campaigns/${id}/confirmation`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.errors[0].path).toEqual(['channel']);
    expect((await admin.post(url(id, '/generate'))).body.generated.channels).toMatchObject({ email: 0, post: 3, none: 3 });
  });
});
