/**
 * An SMS mailing through an HTTP SMS gateway (issue 20): a local HTTP server plays the gateway (it
 * takes each SMS as JSON and answers message ids); its callbacks to the tool, signed with the shared
 * secret, mark the SMS delivered and withdraw SMS from a number that answered STOP. A callback with
 * a wrong signature is a 401 and changes nothing; a signed body that is no receipt a 400.
 */
import crypto from 'crypto';
import http from 'http';
import type { AddressInfo } from 'net';
import { startApp, type TestApp } from '../helpers/strapi';
import { eventually, superAdminClient, waitForStatus, type AdminClient } from '../helpers/admin';
import { importFixture } from './fixture';

const SECRET = 'gedeeld-geheim';
let app: TestApp;
let admin: AdminClient;
let gateway: http.Server;
const sent: { to: string; text: string; auth: string | undefined }[] = [];

const sign = (body: string) => `sha256=${crypto.createHmac('sha256', SECRET).update(body).digest('hex')}`;
const callback = (body: string, signature = sign(body)) =>
  app.http.post('/api/segmentation/sms/callback').set('Content-Type', 'application/json').set('X-Sms-Signature', signature).send(body);

beforeAll(async () => {
  gateway = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const sms = JSON.parse(body) as { to: string; text: string };
      sent.push({ to: sms.to, text: sms.text, auth: req.headers['x-api-key'] as string | undefined });
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ messageIds: [`m-${sent.length}`] }));
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  app = await startApp({
    env: {
      SMS_PROVIDER: 'http',
      SMS_HTTP_URL: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`,
      SMS_HTTP_AUTH_HEADER: 'X-Api-Key: sleutel',
      SMS_HTTP_SECRET: SECRET,
    },
  });
  const holders = ['01', '02'].map((n) => ({
    uid: `h${n}`,
    firstName: `H${n}`,
    lastName: 'Http',
    phone: `0475 20 00 ${n}`,
    consents: ['sms'],
    cardSystems: ['cs-gent'],
  }));
  await importFixture(app, holders);
  admin = await superAdminClient(app);
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await new Promise((resolve) => gateway?.close(resolve));
});

test('sent through the gateway; signed callbacks record receipts and STOP; a bad signature or body is refused', async () => {
  const template = (await admin.post('/segmentation/templates', { name: 'Sms', channel: 'sms', text: 'Hallo {{ voornaam }}' })).body.documentId;
  const id = (await admin.post('/segmentation/campaigns', { name: 'Http', segment: null, smsTemplate: template, cardSystem: 'cs-gent', channel: 'sms' })).body
    .documentId as string;
  await admin.put(`/segmentation/campaigns/${id}/audience`, { steps: [{ mode: 'add', uids: ['h01', 'h02'] }] });
  await admin.post(`/segmentation/campaigns/${id}/audience/generate`);
  expect((await admin.post(`/segmentation/campaigns/${id}/send`)).status).toBe(200);
  await waitForStatus(admin, id, 'sent');
  expect(sent.map((s) => [s.to, s.text.split('\n')[0], s.auth]).sort()).toEqual([
    ['+32475200001', 'Hallo H01', 'sleutel'],
    ['+32475200002', 'Hallo H02', 'sleutel'],
  ]);
  const rows = () => app.strapi.db.connection('seg_deliveries').where({ channel: 'sms' }).orderBy('uid').select('uid', 'message_id', 'receipt');
  const [first] = await rows();

  const forged = JSON.stringify({ type: 'receipt', messageId: first.message_id, status: 'failed' });
  expect((await callback(forged, sign('something else'))).status).toBe(401);
  expect((await callback('{"type":"nonsense"}')).status).toBe(400);
  expect((await rows()).every((r) => r.receipt === null)).toBe(true);

  const receipt = await callback(JSON.stringify({ type: 'receipt', messageId: first.message_id, status: 'delivered' }));
  expect([receipt.status, receipt.body]).toEqual([200, { receipts: 1, inbound: 0 }]);
  // Answered once written.
  expect((await rows()).map((r) => r.receipt)).toEqual(['delivered', null]);

  expect((await callback(JSON.stringify({ type: 'inbound', from: '+32475200002', to: '8850', text: 'STOP' }))).status).toBe(200);
  const stopped = await eventually(
    () => app.strapi.db.connection('seg_suppressions').where({ email: '+32475200002', reason: 'sms_stop' }),
    (r) => r.length === 1,
    'the STOP recorded',
  );
  expect(stopped).toHaveLength(1);
});
