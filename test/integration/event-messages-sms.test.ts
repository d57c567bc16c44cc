/**
 * Event messages by SMS (issue 21): a message now goes to the ticket holders' mobile numbers through
 * the SMS outbox (without the SMS consent: a service message), with the custom text and the venue
 * filled in; a number that answered STOP gets nothing. The form's preview shows the SMS and its parts.
 */
import { startApp, type TestApp } from '../helpers/strapi';
import { smppEnv, startSmpp, type TestSmpp } from '../helpers/smpp';
import { eventually, superAdminClient, type AdminClient } from '../helpers/admin';
import { ndjson } from './fixture';

let app: TestApp;
let smpp: TestSmpp;
let admin: AdminClient;
let smsTemplate: string;

const HOLDERS = [
  { uid: 's1', phone: '0475 11 11 11', consents: ['sms'] },
  { uid: 's2', phone: '0475 22 22 22' }, // no SMS consent: a service message still goes
  { uid: 's3', phone: '0475 33 33 33', consents: ['sms'] }, // answered STOP
  { uid: 's4', phone: '0475 44 44 44', consents: ['sms'] }, // no ticket
].map((h) => ({ firstName: `Sms-${h.uid}`, lastName: 'Event', cardSystems: ['cs-gent'], ...h }));

const load = (entity: string, records: object[]) =>
  app.api().post(`/api/segmentation/import/${entity}`).set('Content-Type', 'application/x-ndjson').send(ndjson(records));

beforeAll(async () => {
  smpp = await startSmpp({ systemId: 'uitpas', password: 'geheim' });
  app = await startApp({
    env: {
      ...smppEnv(smpp),
    },
  });
  await load('card-systems', [{ key: 'cs-gent', name: 'UiTPAS Gent' }]);
  await load('counters', [{ key: 'c-gent', name: 'Handelsbeurs', cardSystem: 'cs-gent' }]);
  await load('events', [{ key: 'ev-sms', name: 'Concert', counter: 'c-gent', startsAt: '2030-06-03T20:00:00+02:00' }]);
  await load('pass-holders', HOLDERS);
  const tickets = ['s1', 's2', 's3'].map((holder) => ({ key: `t-${holder}`, holder, type: 'TICKET', at: '2026-08-01T10:00:00Z', event: 'ev-sms' }));
  expect((await load('actions', tickets)).body).toMatchObject({ rejected: [] });
  await app.strapi.db.connection('seg_suppressions').insert({ email: '+32475333333', reason: 'sms_stop', at: Date.now() });
  admin = await superAdminClient(app);
  const created = await admin.post('/segmentation/templates', { name: 'Sms', channel: 'sms', text: 'Dag {{ voornaam }}. {{ customText }} ({{ locatie }})' });
  expect(created.status).toBe(200);
  smsTemplate = created.body.documentId;
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await smpp?.close();
});

const message = () => ({ name: 'Deuren', channel: 'sms', template: smsTemplate, timing: 'now', customText: 'Deuren open om 19:30' });

test('the preview shows the SMS of the first ticket holder with its parts', async () => {
  const preview = await admin.post('/segmentation/events/ev-sms/messages/preview', { message: message() });
  expect(preview.status).toBe(200);
  expect(preview.body).toMatchObject({ holder: { uid: 's1' }, parts: { segments: 1, encoding: 'GSM-7' } });
  expect(preview.body.text).toContain('Dag Sms-s1. Deuren open om 19:30 (Handelsbeurs)');
});

test('a message now goes by SMS to every ticket holder but the one who answered STOP, with the custom text', async () => {
  const created = await admin.post('/segmentation/events/ev-sms/messages', message());
  expect(created.status).toBe(200);
  const sent = await eventually(
    async () => (await admin.get(`/segmentation/events/ev-sms/messages/${created.body.id}`)).body,
    (m) => m.status === 'sent',
    'the SMS message sent',
    20_000,
  );
  expect(sent.recipientCount).toBe(2);
  const received = await smpp.waitFor(2, 20_000);
  expect(received.map((r) => r.to).sort()).toEqual(['32475111111', '32475222222']);
  expect(received[0]!.text).toContain('Deuren open om 19:30 (Handelsbeurs)');
});
