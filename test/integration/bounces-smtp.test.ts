/**
 * Bounces through the bounce domain's SMTP listener (issue 22), with real SMTP on both sides: a
 * mailing goes out with a signed per-delivery return path (VERP); delivery status notifications,
 * an abuse report and auto-replies in the formats of real mail servers come back over SMTP to the
 * listener; the policy applies: a hard bounce and a complaint suppress at once, soft bounces on the
 * third within the window, auto-replies and blocks never; a tampered token names nobody; a message
 * sent twice counts once; other domains are refused (no open relay).
 */
import fs from 'fs';
import path from 'path';
import nodemailer from 'nodemailer';
import { startApp, type TestApp } from '../helpers/strapi';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { freePort } from '../helpers/net';
import { superAdminClient, waitForStatus, type AdminClient } from '../helpers/admin';
import { ndjson } from './fixture';

const DOMAIN = 'bounce.uitpas.test';
const SAMPLES = path.join(__dirname, '..', 'fixtures', 'bounces');
const SAMPLE_VERP = 'bounces+2s-k5xq7m2ha4c3vdw6@bounce.uitpas.test';
let app: TestApp;
let smtp: TestSmtp;
let admin: AdminClient;
let bouncePort: number;
let campaign: { documentId: string; id: number };

const holders = ['hard', 'soft', 'auto', 'spam', 'blok', 'vals'].map((name, i) => ({
  uid: `b${i}`,
  firstName: name,
  lastName: 'Bounce',
  email: `${name}@ontvanger.test`,
  postcode: '8888',
  consents: ['email'],
}));
const knex = () => app.strapi.db.connection;

/** The return path the mail to `email` went out with. */
function returnPathTo(email: string): string {
  const mail = smtp.received.find((r) => r.envelopeTo[0] === email);
  if (!mail) throw new Error(`no mail to ${email}`);
  return mail.envelopeFrom;
}

/** A sample from the corpus, about `email`, addressed to `verp`; `variant` makes the text differ. */
function sample(file: string, email: string, verp: string, variant = ''): string {
  return fs
    .readFileSync(path.join(SAMPLES, file), 'utf8')
    .replaceAll(SAMPLE_VERP, verp)
    .replace(/an\.peeters@example\.be|wout@gmail\.com|els@example\.be|mieke@hotmail\.example/g, email)
    .replace('Subject: ', `X-Variant: ${variant}\r\nSubject: `);
}

const transport = () => nodemailer.createTransport({ host: '127.0.0.1', port: bouncePort, secure: false, ignoreTLS: true });
/** Hands a returned message to the listener over SMTP, as a mail server does. */
const deliver = (raw: string, to: string) => transport().sendMail({ envelope: { from: 'mailer-daemon@mx.example.be', to: [to] }, raw });

const suppression = async (email: string) => (await knex()('seg_suppressions').where({ email }).select('reason')).map((r) => r.reason);
const progress = async () => (await admin.get(`/segmentation/campaigns/${campaign.documentId}/stats`)).body;

beforeAll(async () => {
  smtp = await startSmtp();
  bouncePort = await freePort();
  app = await startApp({
    env: {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      BOUNCE_DOMAIN: DOMAIN,
      BOUNCE_SMTP_HOST: '127.0.0.1',
      BOUNCE_SMTP_PORT: String(bouncePort),
      BOUNCE_SOFT_LIMIT: '3',
    },
  });
  expect((await app.api().post('/api/segmentation/import/pass-holders').set('Content-Type', 'application/x-ndjson').send(ndjson(holders))).body).toMatchObject({
    inserted: holders.length,
  });
  admin = await superAdminClient(app);
  const sender = (await app.strapi.db
    .query('plugin::segmentation.sender-address' as never)
    .create({ data: { email: 'gent@uitpas.test', displayName: 'UiTPAS Gent', status: 'approved' } })) as { documentId: string };
  const template = (await admin.post('/segmentation/templates', { name: 'B', subject: 'Dag {{ firstName }}', body: 'Hallo', sender: sender.documentId })).body
    .documentId;
  const segment = (
    await admin.post('/segmentation/segments', { name: '8888', definition: { version: 1, groups: [{ filters: [{ type: 'postcode', postcodes: ['8888'] }] }] } })
  ).body.documentId;
  const c = (await admin.post('/segmentation/campaigns', { name: 'Bounces', segment, template, recentDays: 0 })).body;
  campaign = { documentId: c.documentId, id: c.id };
  expect((await admin.post(`/segmentation/campaigns/${c.documentId}/send`)).status).toBe(200);
  await waitForStatus(admin, c.documentId, 'sent', 30_000);
});
afterAll(async () => {
  await app?.stop();
  await smtp?.close();
});

test('each mail goes out with its own signed return path on the bounce domain', () => {
  const paths = holders.map((h) => returnPathTo(h.email));
  expect(new Set(paths).size).toBe(holders.length);
  for (const p of paths) expect(p).toMatch(/^bounces\+[0-9a-z]+-[a-z2-7]{16}@bounce\.uitpas\.test$/);
  // The From the holder sees is the sender, not the return path.
  expect(smtp.received[0]!.mail.from?.value[0]?.address).toBe('gent@uitpas.test');
  // The same token rides in a header, for providers whose webhooks give the mail's headers back.
  for (const r of smtp.received) expect(`bounces+${String(r.mail.headers.get('x-uitpas-delivery'))}@${DOMAIN}`).toBe(r.envelopeFrom);
});

test('a hard bounce suppresses the address at once and marks the delivery bounced', async () => {
  await deliver(sample('postfix-hard.eml', 'hard@ontvanger.test', returnPathTo('hard@ontvanger.test')), returnPathTo('hard@ontvanger.test'));
  expect(await suppression('hard@ontvanger.test')).toEqual(['hard_bounce']);
  expect((await knex()('seg_deliveries').where({ email: 'hard@ontvanger.test' }).first('status')).status).toBe('bounced');
  const row = await knex()('seg_bounce_messages').where({ recipient: 'hard@ontvanger.test' }).first();
  expect(row).toMatchObject({ source: 'smtp', kind: 'bounce', severity: 'hard', status: '5.1.1', campaign_id: campaign.id });
  expect(row.raw).toContain('User unknown');
});

test('soft bounces suppress on the third within the window, not before', async () => {
  const verp = returnPathTo('soft@ontvanger.test');
  await deliver(sample('postfix-mailbox-full.eml', 'soft@ontvanger.test', verp, '1'), verp);
  await deliver(sample('postfix-mailbox-full.eml', 'soft@ontvanger.test', verp, '2'), verp);
  expect(await suppression('soft@ontvanger.test')).toEqual([]);
  await deliver(sample('postfix-mailbox-full.eml', 'soft@ontvanger.test', verp, '3'), verp);
  expect(await suppression('soft@ontvanger.test')).toEqual(['soft_bounce']);
});

test('the same message handed in twice counts once', async () => {
  const verp = returnPathTo('blok@ontvanger.test');
  const raw = sample('gmail-blocked.eml', 'blok@ontvanger.test', verp);
  await deliver(raw, verp);
  await deliver(raw, verp);
  expect(Number((await knex()('seg_bounce_messages').where({ recipient: 'blok@ontvanger.test' }).count({ n: '*' }))[0]!.n)).toBe(1);
  // Blocked (policy) is counted, but nobody is suppressed for it.
  expect(await suppression('blok@ontvanger.test')).toEqual([]);
});

test('auto-replies are kept as ignored and never suppress', async () => {
  const verp = returnPathTo('auto@ontvanger.test');
  for (const file of ['ooo-exchange-nl.eml', 'gmail-vacation.eml', 'ooo-mentions-undeliverable.eml'])
    await deliver(sample(file, 'auto@ontvanger.test', verp), verp);
  expect(await suppression('auto@ontvanger.test')).toEqual([]);
  const kinds = await knex()('seg_bounce_messages').where({ recipient: 'auto@ontvanger.test' }).pluck('kind');
  expect(kinds).toEqual(['autoreply', 'autoreply', 'autoreply']);
});

test('a complaint (ARF) suppresses the address', async () => {
  const verp = returnPathTo('spam@ontvanger.test');
  await deliver(sample('arf-complaint.eml', 'spam@ontvanger.test', verp), verp);
  expect(await suppression('spam@ontvanger.test')).toEqual(['complaint']);
});

test('a tampered token names nobody: kept, applied to no one', async () => {
  const real = returnPathTo('vals@ontvanger.test');
  const forged = real.replace(/-([a-z2-7])/, (_m, c: string) => `-${c === 'a' ? 'b' : 'a'}`);
  expect(forged).not.toBe(real);
  await deliver(sample('postfix-hard.eml', 'vals@ontvanger.test', forged, 'forged'), forged);
  expect(await suppression('vals@ontvanger.test')).toEqual([]);
  const row = await knex()('seg_bounce_messages').where({ subject: 'Undelivered Mail Returned to Sender' }).whereNull('delivery_id').first();
  expect(row).toMatchObject({ kind: 'bounce', delivery_id: null, campaign_id: null });
});

test('the mailing statistics count what came back', async () => {
  const stats = await progress();
  expect(stats.bounced).toMatchObject({ hard: 1, soft: 1 });
  expect(stats.spam.n).toBe(1);
  expect(stats.blocked.n).toBe(1);
});

test('mail for another domain is refused: no open relay', async () => {
  await expect(deliver('Subject: x\r\n\r\nx', 'someone@elsewhere.test')).rejects.toMatchObject({ responseCode: 550 });
});

test('the Bounces list: newest first, filtered by kind and address, with whether the address is suppressed', async () => {
  const all = (await admin.get('/segmentation/bounces?pageSize=100')).body;
  expect(all.total).toBeGreaterThanOrEqual(10);
  const times = all.items.map((i: { receivedAt: string }) => i.receivedAt);
  expect([...times].sort().reverse()).toEqual(times);
  const hard = all.items.find((i: { recipient: string }) => i.recipient === 'hard@ontvanger.test');
  expect(hard).toMatchObject({
    source: 'smtp',
    kind: 'bounce',
    severity: 'hard',
    status: '5.1.1',
    suppressed: true,
    campaign: { documentId: campaign.documentId, name: 'Bounces' },
  });
  const autos = (await admin.get('/segmentation/bounces?kind=autoreply')).body;
  expect(autos.items.map((i: { recipient: string }) => i.recipient)).toEqual(['auto@ontvanger.test', 'auto@ontvanger.test', 'auto@ontvanger.test']);
  expect(autos.items.every((i: { suppressed: boolean }) => !i.suppressed)).toBe(true);
  expect((await admin.get('/segmentation/bounces?q=SOFT')).body.total).toBe(3);
  expect((await admin.get(`/segmentation/bounces?campaign=${campaign.documentId}&severity=blocked`)).body.total).toBe(1);
  expect((await admin.get('/segmentation/bounces?pageSize=500')).status).toBe(400);
  const one = (await admin.get(`/segmentation/bounces/${hard.id}`)).body;
  expect(one.raw).toContain('Recipient address rejected: User unknown');
  expect((await admin.get('/segmentation/bounces/999999')).status).toBe(404);
});

test('an administrator lifts a bounce suppression with a reason, in the audit log; an unsubscribe stays', async () => {
  expect((await admin.post('/segmentation/suppressions/lift', { email: 'hard@ontvanger.test', reason: 'kort' })).body.error.details.errors[0].path).toEqual([
    'reason',
  ]);
  const res = await admin.post('/segmentation/suppressions/lift', { email: 'HARD@ontvanger.test', reason: 'Adres hersteld na telefoontje' });
  expect(res.body).toEqual({ email: 'hard@ontvanger.test', lifted: ['hard_bounce'], kept: [] });
  expect(await suppression('hard@ontvanger.test')).toEqual([]);
  const again = await admin.post('/segmentation/suppressions/lift', { email: 'hard@ontvanger.test', reason: 'Adres hersteld na telefoontje' });
  expect([again.status, again.body.error.message]).toEqual([400, 'This address is not suppressed']);
  await knex()('seg_suppressions').insert({ email: 'weg@ontvanger.test', reason: 'unsubscribed', at: Date.now() });
  const own = await admin.post('/segmentation/suppressions/lift', { email: 'weg@ontvanger.test', reason: 'Wil toch mails krijgen' });
  expect([own.status, own.body.error.message]).toEqual([400, 'Only the holder can undo unsubscribed']);
  const audit = (await admin.get('/segmentation/audit')).body;
  const entry = (audit.results ?? audit.items ?? audit).find((e: { action: string }) => e.action === 'suppression.lift');
  expect(entry).toBeDefined();
  expect(JSON.stringify(entry)).toContain('Adres hersteld na telefoontje');
  expect(JSON.stringify(entry)).not.toContain('hard@ontvanger.test'); // no holder's address in the append-only log
});
