/**
 * An e-mail + SMS mailing end to end (issue 20), with a real SMTP server and a real SMPP gateway
 * (the smpp package's server) beside Strapi and its worker: who gets an SMS (a mobile number, the
 * SMS consent; one SMS per number), the text personalised with the opt-out line, several parts,
 * delivery receipts marking SMS delivered or failed, a STOP reply withdrawing SMS for later
 * mailings (audited), and the statistics per channel.
 */
import { startApp, type TestApp } from '../helpers/strapi';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { smppEnv, startSmpp, type TestSmpp } from '../helpers/smpp';
import { eventually, superAdminClient, waitForStatus, type AdminClient } from '../helpers/admin';
import { approvedSender, importFixture } from './fixture';

let app: TestApp;
let smtp: TestSmtp;
let smpp: TestSmpp;
let admin: AdminClient;
let mailTemplate: string;
let smsTemplate: string;
let longSmsTemplate: string;

const HOLDERS = [
  { uid: 's01', email: 's01@mail.test', phone: '0475 00 00 01', consents: ['email', 'sms'] }, // e-mail first
  { uid: 's02', email: 's02@mail.test', phone: '+32 475 00 00 02', consents: ['sms'] }, // SMS
  { uid: 's03', phone: '09 123 45 67', consents: ['sms'] }, // a landline: nothing
  { uid: 's04', phone: '0475 00 00 04', consents: [] }, // no SMS consent: nothing
  { uid: 's05', phone: '0032475000002', consents: ['sms'] }, // s02's number: one SMS for both
  { uid: 's06', phone: '0475 00 00 06', consents: ['sms'] }, // SMS
].map((h) => ({ firstName: `Naam${h.uid}`, lastName: 'Sms', cardSystems: ['cs-gent'], ...h }));
const UIDS = HOLDERS.map((h) => h.uid);

beforeAll(async () => {
  smtp = await startSmtp();
  smpp = await startSmpp({ systemId: 'uitpas', password: 'geheim' });
  app = await startApp({
    env: {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      ...smppEnv(smpp),
    },
  });
  await importFixture(app, HOLDERS);
  admin = await superAdminClient(app);
  const sender = { documentId: await approvedSender(app) };
  const template = async (data: object) => {
    const created = await admin.post('/segmentation/templates', data);
    expect(created.status).toBe(200);
    return created.body.documentId as string;
  };
  mailTemplate = await template({ name: 'Mail', subject: 'Dag {{ firstName }}', body: 'Hallo', sender: sender.documentId });
  smsTemplate = await template({ name: 'Sms', channel: 'sms', text: 'Dag {{ voornaam }}, je hebt {{ punten }} punten.' });
  longSmsTemplate = await template({ name: 'Lang', channel: 'sms', text: `Dag {{ firstName }}. ${'Cultuur in Gent. '.repeat(12)}` });
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await smtp?.close();
  await smpp?.close();
});

async function mailing(name: string, channel: string, sms: string): Promise<string> {
  const created = await admin.post('/segmentation/campaigns', {
    name,
    segment: null,
    template: mailTemplate,
    smsTemplate: sms,
    cardSystem: 'cs-gent',
    channel,
  });
  expect(created.status).toBe(200);
  const id = created.body.documentId as string;
  expect((await admin.put(`/segmentation/campaigns/${id}/audience`, { steps: [{ mode: 'add', uids: UIDS }] })).status).toBe(200);
  return id;
}
const stats = async (id: string) => (await admin.get(`/segmentation/campaigns/${id}/stats`)).body;
const deliveries = async (id: string) =>
  (await app.strapi.db
    .connection('seg_deliveries as d')
    .join('seg_campaigns as c', 'c.id', 'd.campaign_id')
    .where('c.document_id', id)
    .orderBy('d.uid')
    .select('d.uid', 'd.channel', 'd.phone', 'd.status', 'd.parts', 'd.receipt', 'd.message_id')) as {
    uid: string;
    channel: string;
    phone: string | null;
    status: string;
    parts: number | null;
    receipt: string | null;
    message_id: string | null;
  }[];

describe('an e-mail + SMS mailing', () => {
  let id: string;

  test('e-mail first, else an SMS to a mobile number with the consent; one SMS per number', async () => {
    id = await mailing('Sms en mail', 'email+sms', smsTemplate);
    const generated = (await admin.post(`/segmentation/campaigns/${id}/audience/generate`)).body.generated;
    expect(generated.channels).toMatchObject({ email: 1, sms: 3, none: 2, unreachable: { noMobile: 1, noSmsConsent: 1 } });
    const confirmation = (await admin.get(`/segmentation/campaigns/${id}/confirmation`)).body;
    expect(confirmation.channels).toMatchObject({ email: 1, sms: 2, smsDuplicates: 1 });
  });

  test('the send mails one holder and texts two numbers, personalised, with the opt-out line', async () => {
    expect((await admin.post(`/segmentation/campaigns/${id}/send`)).status).toBe(200);
    await waitForStatus(admin, id, 'sent');
    await smpp.waitFor(2);
    const texts = smpp.received.map((r) => [r.to, r.text, r.from]).sort();
    expect(texts).toEqual([
      ['32475000002', 'Dag Naams02, je hebt 0 punten.\nSTOP? Sms STOP naar 8850', 'UiTPAS'],
      ['32475000006', 'Dag Naams06, je hebt 0 punten.\nSTOP? Sms STOP naar 8850', 'UiTPAS'],
    ]);
    expect(smpp.received.every((r) => r.registeredDelivery === 1)).toBe(true);
    expect(smtp.received.flatMap((m) => m.envelopeTo)).toEqual(['s01@mail.test']);
    const rows = await deliveries(id);
    expect(rows.map((r) => [r.uid, r.channel, r.phone, r.status, r.parts])).toEqual([
      ['s01', 'email', null, 'sent', null],
      ['s02', 'sms', '+32475000002', 'sent', 1],
      ['s06', 'sms', '+32475000006', 'sent', 1],
    ]);
  });

  test('delivery receipts mark each SMS delivered or failed', async () => {
    const rows = await deliveries(id);
    const [s02, s06] = [rows.find((r) => r.uid === 's02')!, rows.find((r) => r.uid === 's06')!];
    await smpp.receipt(s02.message_id!, 'delivered', '32475000002');
    await smpp.receipt(s06.message_id!, 'failed', '32475000006');
    const now = await eventually(
      () => deliveries(id),
      (rs) => rs.filter((r) => r.receipt).length === 2,
      'two receipts recorded',
    );
    expect(now.map((r) => [r.uid, r.receipt])).toEqual([
      ['s01', null],
      ['s02', 'delivered'],
      ['s06', 'failed'],
    ]);
    expect((await stats(id)).channels.sms).toMatchObject({ total: 2, sent: 2, delivered: 1, failed: 1, segments: 2, optOuts: 0 });
  });

  test('a STOP reply withdraws SMS from the number for later mailings and is in the audit log', async () => {
    await smpp.inbound('32475000006', ' Stop ');
    const stopped = await eventually(
      () => app.strapi.db.connection('seg_suppressions').where({ email: '+32475000006', reason: 'sms_stop' }),
      (rows) => rows.length > 0,
      'the STOP recorded',
    );
    expect(stopped).toHaveLength(1);
    expect((await stats(id)).channels.sms.optOuts).toBe(1);
    const audit = (await admin.get('/segmentation/audit?action=sms.stop')).body;
    expect(JSON.stringify(audit)).toContain('+32475000006');
    // Not a STOP: nothing withdrawn.
    await smpp.inbound('32475000002', 'stoppen met roken');
    const next = await mailing('Tweede golf', 'sms', smsTemplate);
    const generated = (await admin.post(`/segmentation/campaigns/${next}/audience/generate`)).body.generated;
    expect(generated.channels).toMatchObject({ sms: 3, none: 3, unreachable: { smsStopped: 1, noMobile: 1, noSmsConsent: 1 } });
  });
});

test('a long text goes as one concatenated SMS of several parts, counted in the statistics', async () => {
  const id = await mailing('Lang', 'sms', longSmsTemplate);
  expect((await admin.post(`/segmentation/campaigns/${id}/audience/generate`)).status).toBe(200);
  const before = smpp.received.length;
  expect((await admin.post(`/segmentation/campaigns/${id}/send`)).status).toBe(200);
  await waitForStatus(admin, id, 'sent');
  await smpp.waitFor(before + 2);
  const sent = smpp.received.slice(before);
  expect(sent.every((r) => r.parts === 2 && r.text.startsWith('Dag Naams0') && r.text.endsWith('STOP? Sms STOP naar 8850'))).toBe(true);
  expect((await stats(id)).channels.sms).toMatchObject({ sent: 2, segments: 4 });
});

test('a mailing with an SMS part needs an SMS template', async () => {
  const created = await admin.post('/segmentation/campaigns', { name: 'Zonder', segment: null, template: mailTemplate, cardSystem: 'cs-gent', channel: 'sms' });
  const id = created.body.documentId as string;
  await admin.put(`/segmentation/campaigns/${id}/audience`, { steps: [{ mode: 'add', uids: UIDS }] });
  await admin.post(`/segmentation/campaigns/${id}/audience/generate`);
  const refused = await admin.post(`/segmentation/campaigns/${id}/send`);
  expect(refused.status).toBe(400);
  expect(refused.body.error.details.errors[0].path).toEqual(['smsTemplate']);
  // An e-mail template is no SMS template.
  expect((await admin.put(`/segmentation/campaigns/${id}`, { name: 'Zonder', smsTemplate: mailTemplate })).status).toBe(200);
  const wrong = await admin.post(`/segmentation/campaigns/${id}/send`);
  expect(wrong.status).toBe(400);
  expect(wrong.body.error.details.errors[0].path).toEqual(['smsTemplate']);
});

describe('the SMS template editor', () => {
  const draft = { name: 'Proef', channel: 'sms', text: 'Dag {{ voornaam }} €' };

  test('the preview shows the SMS as it arrives, with the opt-out line, and its parts', async () => {
    const preview = await admin.post('/segmentation/templates/preview', { template: draft, uid: 's02' });
    expect(preview.status).toBe(200);
    expect(preview.body.text).toBe('Dag Naams02 €\nSTOP? Sms STOP naar 8850');
    expect(preview.body.parts).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    // An unknown variable is refused on its field.
    const bad = await admin.post('/segmentation/templates/preview', { template: { ...draft, text: 'Dag {{ bijnaam }}' }, uid: 's02' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['text']);
  });

  test('test SMS go to each typed number with [TEST] in front; a number that is no mobile is refused by its place', async () => {
    const before = smpp.received.length;
    const sent = await admin.post('/segmentation/templates/test-sms', { template: draft, numbers: '0475 99 99 01; +32 475 99 99 02', uid: 's02' });
    expect(sent.status).toBe(200);
    expect(sent.body.sent).toBe(2);
    await smpp.waitFor(before + 2);
    expect(
      smpp.received
        .slice(before)
        .map((r) => [r.to, r.text])
        .sort(),
    ).toEqual([
      ['32475999901', '[TEST] Dag Naams02 €\nSTOP? Sms STOP naar 8850'],
      ['32475999902', '[TEST] Dag Naams02 €\nSTOP? Sms STOP naar 8850'],
    ]);
    const refused = await admin.post('/segmentation/templates/test-sms', { template: draft, numbers: '0475 99 99 01, 09 123 45 67', uid: 's02' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.errors.map((e: { path: unknown[] }) => e.path)).toEqual([['numbers', 1]]);
    expect(smpp.received).toHaveLength(before + 2);
  });

  test('an SMS template needs its text; a mail template its subject', async () => {
    const noText = await admin.post('/segmentation/templates', { name: 'Leeg', channel: 'sms' });
    expect(noText.status).toBe(400);
    expect(noText.body.error.details.errors.map((e: { path: unknown[] }) => e.path)).toContainEqual(['text']);
    const noSubject = await admin.post('/segmentation/templates', { name: 'Leeg', body: 'Hallo' });
    expect(noSubject.status).toBe(400);
    expect(noSubject.body.error.details.errors.map((e: { path: unknown[] }) => e.path)).toContainEqual(['subject']);
  });
});
