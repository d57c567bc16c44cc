/**
 * Campaigns end to end over the admin API, with the sending worker running in-process and a real
 * SMTP server: confirmation with exclusions, an idempotent send, every recipient exactly once,
 * personalisation, tracking links and List-Unsubscribe, retries on 4xx, no retry on 5xx, tracking,
 * unsubscribes honoured by the next campaign, the bounce webhook, statistics and conversion.
 */
import { startApp, type TestApp } from '../helpers/strapi';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { superAdminClient, waitForStatus, type AdminClient } from '../helpers/admin';
import { settled, until, workerPolled } from '../helpers/sending';
import { ndjson, approvedSender, importFixture } from './fixture';

let app: TestApp;
let smtp: TestSmtp;
let admin: AdminClient;
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Safari/537.36';

const holders = [
  ...Array.from({ length: 8 }, (_, i) => ({
    uid: `c0${i}`,
    firstName: `Naam${i}`,
    lastName: 'Test',
    email: `c0${i}@mail.test`,
    postcode: '9999',
    consents: ['email'],
    cardSystems: ['cs-gent'],
  })),
  { uid: 'c10', firstName: 'Geen', lastName: 'Mail', postcode: '9999', consents: ['email'], cardSystems: ['cs-gent'] },
  { uid: 'c11', firstName: 'Geen', lastName: 'Toestemming', email: 'c11@mail.test', postcode: '9999', consents: [], cardSystems: ['cs-gent'] },
  { uid: 'c12', firstName: 'Dubbel', lastName: 'Adres', email: 'C00@mail.test', postcode: '9999', consents: ['email'], cardSystems: ['cs-gent'] },
  { uid: 'c13', firstName: 'Tijdelijk', lastName: 'Fout', email: 'soft@mail.test', postcode: '9999', consents: ['email'], cardSystems: ['cs-gent'] },
  { uid: 'c14', firstName: 'Blijvend', lastName: 'Fout', email: 'hard@mail.test', postcode: '9999', consents: ['email'], cardSystems: ['cs-gent'] },
];

const pathOf = (url: string) => new URL(url).pathname + new URL(url).search;

let segment: string;
let template: string;

beforeAll(async () => {
  smtp = await startSmtp({
    rcpt: (address, attempt) =>
      address === 'soft@mail.test' && attempt === 1
        ? { code: 451, message: 'Try again later' }
        : address === 'hard@mail.test'
          ? { code: 550, message: 'No such user' }
          : null,
  });
  app = await startApp({
    env: {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      PUBLIC_URL: 'http://tool.test',
      SEND_RETRY_BASE_MS: '300',
      SEGMENTATION_WEBHOOK_TOKEN: 'hook-secret',
      TRACK_MACHINE_SECONDS: '0',
    },
  });
  await importFixture(app, holders);
  admin = await superAdminClient(app);

  const sender = { documentId: await approvedSender(app) };
  template = (
    await admin.post('/segmentation/templates', {
      name: 'Kampen',
      subject: 'Dag {{ firstName }}',
      preheader: 'Zomer',
      body: 'Hallo {{ firstName }}, je hebt {{ points }} punten.',
      buttonText: 'Bekijk',
      buttonUrl: 'https://uitpas.be/kamp?uid={{ uid }}',
      sender: sender.documentId,
    })
  ).body.documentId;
  segment = (
    await admin.post('/segmentation/segments', { name: '9999', definition: { version: 1, groups: [{ filters: [{ type: 'postcode', postcodes: ['9999'] }] }] } })
  ).body.documentId;
});
afterAll(async () => {
  await app?.stop();
  await smtp?.close();
});

let campaign: string;

test('the confirmation shows recipients after exclusions, with why the others are excluded', async () => {
  campaign = (await admin.post('/segmentation/campaigns', { name: 'Zomer', segment, template })).body.documentId;
  const res = await admin.get(`/segmentation/campaigns/${campaign}/confirmation`);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    selected: 13,
    recipients: 10,
    holdout: 0,
    excluded: { noEmail: 1, noConsent: 1, duplicate: 1, unsubscribed: 0, bounced: 0 },
  });
  expect(res.body.recentlyMailed).toEqual({ days: 21, holders: 0 });
  const list = (await admin.get('/segmentation/segments')).body.results;
  expect(list.find((s: { documentId: string }) => s.documentId === segment).mailing).toEqual({ documentId: campaign, name: 'Zomer', status: 'draft' });
});

test('send is idempotent: three concurrent clicks start one send; every recipient gets exactly one mail', async () => {
  const clicks = await Promise.all([1, 2, 3].map(() => admin.post(`/segmentation/campaigns/${campaign}/send`)));
  expect(clicks.map((c) => c.status)).toEqual([200, 200, 200]);
  expect(Number((await app.strapi.db.connection('seg_deliveries').count({ n: '*' }).first())?.n)).toBe(10);
  const done = await waitForStatus(admin, campaign, 'sent', 20_000);
  expect(done).toMatchObject({ total: 10, sent: 9, failed: 1, queued: 0 });
  const to = smtp.received.map((r) => r.envelopeTo[0]).sort();
  expect(to).toEqual([...Array.from({ length: 8 }, (_, i) => `c0${i}@mail.test`), 'soft@mail.test'].sort());
  const failed = await app.strapi.db.connection('seg_deliveries').where({ email: 'hard@mail.test' }).first();
  expect(failed).toMatchObject({ status: 'failed', attempts: 1 }); // 5xx: not retried
  expect(await app.strapi.db.connection('seg_deliveries').where({ email: 'soft@mail.test' }).first()).toMatchObject({ status: 'sent', attempts: 2 }); // 4xx: retried
  const versions = await app.strapi.db.connection('seg_deliveries').where({ status: 'sent' }).distinct('template_version');
  expect(versions).toEqual([{ template_version: expect.stringMatching(/^[0-9a-f]{40}$/) }]); // rendered from one frozen version
});

test('each mail is personalised, tracked and carries List-Unsubscribe; clicks and opens are counted', async () => {
  const mail = smtp.received.find((r) => r.envelopeTo[0] === 'c03@mail.test')!.mail;
  expect(mail.subject).toBe('Dag Naam3');
  expect(mail.text).toContain('Hallo Naam3');
  expect(mail.from?.value[0]).toEqual({ name: 'UiTPAS Gent', address: 'gent@uitpas.test' });
  const html = String(mail.html);
  expect(html).not.toContain('https://uitpas.be/kamp?uid=c03'); // the button goes through the click redirect
  const click = /href="(http:\/\/tool\.test\/api\/segmentation\/t\/c\/[^"]+)"/.exec(html)![1]!;
  const pixel = /src="(http:\/\/tool\.test\/api\/segmentation\/t\/o\/[^"]+)"/.exec(html)![1]!;
  const unsubscribe = /<([^>]+)>/.exec(mail.headerLines.find((h) => h.key === 'list-unsubscribe')!.line)![1]!;
  expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toContain('List-Unsubscribe=One-Click');

  const redirect = await app.http.get(pathOf(click)).set('User-Agent', BROWSER);
  expect(redirect.status).toBe(302);
  expect(redirect.headers.location).toBe('https://uitpas.be/kamp?uid=c03');
  expect((await app.http.get(`${pathOf(click)}A`)).status).toBe(404); // altered token
  for (let i = 0; i < 3; i++) expect((await app.http.get(pathOf(pixel)).set('User-Agent', BROWSER)).headers['content-type']).toBe('image/gif');
  expect((await app.http.get(pathOf(pixel))).headers['x-powered-by']).toBeUndefined(); // answered ahead of Strapi's stack
  await app.http.get(pathOf(pixel)).set('User-Agent', 'Mozilla/5.0'); // Apple's privacy proxy: a machine open
  expect((await app.http.get(pathOf(pixel).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).status).toBe(404);

  expect((await app.http.get(pathOf(unsubscribe))).text).toContain('<form method="post">'); // GET only asks
  expect((await app.http.post(pathOf(unsubscribe))).status).toBe(200); // RFC 8058 one-click

  const stats = (await admin.get(`/segmentation/campaigns/${campaign}/stats`)).body;
  // Delivered and blocked are shares of verstuurd (the 9 accepted and the 1 refused at once).
  expect(stats).toMatchObject({ sent: 9, verstuurd: 10, blocked: { n: 1, pct: 10 }, delivered: { n: 9, pct: 90 }, unsubscribed: { n: 1 } });
  expect(stats.opened).toMatchObject({ n: 1, total: 1, machine: 1 }); // three quick replays of the pixel: one open
  expect(stats.clicked).toMatchObject({ n: 1, total: 1, clickToOpen: 100 });
  expect(stats.links).toEqual([{ url: 'https://uitpas.be/kamp?uid={{ uid }}', total: 1, unique: 1 }]); // the template's form, not the holder's
});

test('the bounce webhook needs its token; a hard bounce and a complaint keep the address out of later sends', async () => {
  const event = { type: 'bounce', bounceType: 'hard', messageId: '' };
  const row = await app.strapi.db.connection('seg_deliveries').where({ email: 'c05@mail.test' }).first();
  event.messageId = row.message_id ?? `<d${row.id}.c${row.campaign_id}@uitpas-segmentation>`;
  expect((await app.http.post('/api/segmentation/webhooks/mail-events').send({ events: [event] })).status).toBe(401);
  expect(
    (
      await app.http
        .post('/api/segmentation/webhooks/mail-events')
        .set('Authorization', 'Bearer wrong-secret')
        .send({ events: [event] })
    ).status,
  ).toBe(401);
  const ok = await app.http
    .post('/api/segmentation/webhooks/mail-events')
    .set('Authorization', 'Bearer hook-secret')
    .send({ events: [event] });
  expect(ok.body).toEqual({ received: 1, matched: 1 });
  const spam = await app.strapi.db.connection('seg_deliveries').where({ email: 'c06@mail.test' }).first();
  await app.http
    .post('/api/segmentation/webhooks/mail-events')
    .set('Authorization', 'Bearer hook-secret')
    .send({ events: [{ type: 'complaint', messageId: `<d${spam.id}.c${spam.campaign_id}@uitpas-segmentation>` }] });
  const stats = (await admin.get(`/segmentation/campaigns/${campaign}/stats`)).body;
  expect(stats.bounced).toMatchObject({ n: 1, hard: 1, soft: 0 });
  expect(stats.spam.n).toBe(1);

  const next = (await admin.post('/segmentation/campaigns', { name: 'Herfst', segment, template })).body.documentId;
  const confirmation = (await admin.get(`/segmentation/campaigns/${next}/confirmation`)).body;
  expect(confirmation.excluded).toMatchObject({ unsubscribed: 1, bounced: 2 });
  expect(confirmation.recentlyMailed).toEqual({ days: 21, holders: confirmation.recipients - 1 }); // all but hard@ got the first one
});

test('the recipients export lists who received it and what they did', async () => {
  const res = await admin.get(`/segmentation/campaigns/${campaign}/people`);
  expect(res.status).toBe(200);
  const lines = res.text.trim().split('\n');
  expect(lines[0]).toBe('uid,email,status,sentAt,opens,clicks,unsubscribed');
  expect(lines).toHaveLength(11);
  expect(lines.find((l) => l.startsWith('c03,'))).toMatch(/^c03,c03@mail\.test,sent,[^,]+,3,1,yes$/);
});

test('pause, resume and cancel; status changes around the actions are refused', async () => {
  const c = (await admin.post('/segmentation/campaigns', { name: 'Later', segment, template, scheduledAt: '2099-01-01T10:00:00Z' })).body;
  expect(c.status).toBe('scheduled');
  const docs = app.strapi.documents('plugin::segmentation.campaign' as any);
  await expect(docs.update({ documentId: c.documentId, data: { status: 'sent' } as any })).rejects.toThrow(/actions/);
  expect((await admin.post(`/segmentation/campaigns/${c.documentId}/pause`)).status).toBe(400);
  const cancelled = await admin.post(`/segmentation/campaigns/${c.documentId}/cancel`);
  expect(cancelled.body.status).toBe('cancelled');
  expect((await admin.post(`/segmentation/campaigns/${c.documentId}/send`)).body.status).toBe('cancelled');
});

test('a pause stops the claimed batch within moments; resume sends the rest, each recipient once', async () => {
  const c = (await admin.post('/segmentation/campaigns', { name: 'Traag', segment, template, rate: 4 })).body;
  const mailsOf = () => smtp.received.filter((m) => m.mail.headers.get('x-uitpas-campaign') === String(c.id)).map((m) => m.envelopeTo[0]);
  expect((await admin.post(`/segmentation/campaigns/${c.documentId}/send`)).body.status).toBe('sending');
  await until(() => mailsOf().length >= 2, 10_000, 'two mails of the campaign');
  expect((await admin.post(`/segmentation/campaigns/${c.documentId}/pause`)).body.status).toBe('paused');
  await settled(app, c.id); // a mail already handed to SMTP may still arrive: once recorded, none is in flight
  const atPause = mailsOf().length;
  await workerPolled(app); // a claim of the paused campaign's mail would have happened by now
  expect(mailsOf().length).toBe(atPause);
  const progress = (await admin.get(`/segmentation/campaigns/${c.documentId}/progress`)).body;
  expect(progress).toMatchObject({ status: 'paused', sent: atPause });
  expect(progress.queued + progress.failed).toBe(progress.total - atPause); // failed: the address refused with 550
  expect(atPause).toBeLessThan(progress.total);
  await admin.post(`/segmentation/campaigns/${c.documentId}/resume`);
  const done = await waitForStatus(admin, c.documentId, 'sent', 20_000);
  // Every recipient once; only a permanently refused address (550) is not mailed, and never retried.
  const rows = (await app.strapi.db.connection('seg_deliveries').where({ campaign_id: c.id }).select('email', 'status')) as { email: string; status: string }[];
  expect(
    rows
      .filter((r) => r.status !== 'sent')
      .map((r) => r.email)
      .filter((e) => e !== 'hard@mail.test'),
  ).toEqual([]);
  expect(mailsOf().sort()).toEqual(
    rows
      .filter((r) => r.status === 'sent')
      .map((r) => r.email)
      .sort(),
  );
  expect(new Set(mailsOf()).size).toBe(done.sent);
});

test('a scheduled campaign starts on time and keeps a holdout; conversion compares recipients with it', async () => {
  const at = new Date(Date.now() + 1_500).toISOString();
  const c = (await admin.post('/segmentation/campaigns', { name: 'Gepland', segment, template, scheduledAt: at, holdoutPercent: 50 })).body;
  expect(c.status).toBe('scheduled');
  const before = smtp.received.length;
  const done = await waitForStatus(admin, c.documentId, 'sent', 20_000);
  const startedAt = new Date((await admin.get(`/segmentation/campaigns/${c.documentId}`)).body.startedAt).getTime();
  expect(startedAt).toBeGreaterThanOrEqual(new Date(at).getTime());

  const rows = await app.strapi.db.connection('seg_deliveries').where({ campaign_id: c.id }).select('uid', 'email', 'status');
  const sent = rows.filter((r) => r.status === 'sent');
  const holdout = rows.filter((r) => r.status === 'holdout');
  expect(sent.length).toBeGreaterThan(0);
  expect(holdout.length).toBeGreaterThan(0);
  // hard@mail.test is refused by the SMTP server: when the holdout draw keeps it in, it is a failed recipient.
  const failed = rows.filter((r) => r.status === 'failed');
  expect(failed.map((r) => r.email)).toEqual(failed.length ? ['hard@mail.test'] : []);
  expect(done.total).toBe(sent.length + failed.length);
  const mails = smtp.received.slice(before).filter((r) => r.mail.headers.get('x-uitpas-campaign') === String(c.id));
  expect(mails.map((m) => m.envelopeTo[0]).sort()).toEqual(sent.map((r) => r.email).sort()); // the holdout got nothing

  const hour = (h: number) => new Date(startedAt + h * 3_600_000).toISOString();
  await app
    .api()
    .post('/api/segmentation/import/actions')
    .set('Content-Type', 'application/x-ndjson')
    .send(
      ndjson([
        { key: 'conv-1', holder: sent[0].uid, type: 'CHECKIN', at: hour(1) },
        { key: 'conv-2', holder: holdout[0].uid, type: 'CHECKIN', at: hour(2) },
        { key: 'conv-3', holder: sent[sent.length - 1].uid, type: 'CHECKIN', at: hour(-24) }, // before the send: not a conversion
        { key: 'conv-4', holder: holdout[0].uid, type: 'CASHIN', at: hour(3) },
      ]),
    );
  const res = await admin.post(`/segmentation/campaigns/${c.documentId}/conversion`, { type: 'CHECKIN', days: 1 });
  expect(res.status).toBe(200);
  const rate = (n: number, of: number) => Math.round((10_000 * n) / of) / 100;
  expect(res.body).toMatchObject({
    recipients: { holders: sent.length, converted: 1, rate: rate(1, sent.length) },
    holdout: { holders: holdout.length, converted: 1, rate: rate(1, holdout.length) },
  });
  expect((await admin.post(`/segmentation/campaigns/${c.documentId}/conversion`, { type: 'CASHIN', days: 1 })).body.recipients.converted).toBe(0);
  expect((await admin.post(`/segmentation/campaigns/${c.documentId}/conversion`, { type: 'NOPE' })).status).toBe(400);

  // Each holder counts once however many matching actions; the window is [start, start + days);
  // event / counter filters; the holdout counted apart; holders never inflated by the actions.
  const more = await app
    .api()
    .post('/api/segmentation/import/actions')
    .set('Content-Type', 'application/x-ndjson')
    .send(
      ndjson([
        { key: 'conv-5', holder: sent[0].uid, type: 'CHECKIN', at: hour(5) }, // a second CHECKIN of a converted recipient
        { key: 'conv-6', holder: sent[0].uid, type: 'TICKET', at: hour(2), event: 'ev-jazz', counter: 'c-vooruit' },
        { key: 'conv-7', holder: sent[0].uid, type: 'TICKET', at: hour(3), event: 'ev-jazz', counter: 'c-vooruit' },
        { key: 'conv-8', holder: holdout[0].uid, type: 'TICKET', at: hour(0), event: 'ev-rock', counter: 'c-fest' }, // at the start: in
        { key: 'conv-9', holder: sent[0].uid, type: 'CASHIN', at: hour(24) }, // at the end of a 1-day window: out
      ]),
    );
  expect(more.body).toMatchObject({ inserted: 5, rejected: [] });
  const conv = async (query: Record<string, unknown>) => {
    const r = await admin.post(`/segmentation/campaigns/${c.documentId}/conversion`, query);
    expect(r.status).toBe(200);
    expect([r.body.recipients.holders, r.body.holdout.holders]).toEqual([sent.length, holdout.length]);
    return [r.body.recipients.converted, r.body.holdout.converted];
  };
  expect(await conv({ type: 'CHECKIN', days: 1 })).toEqual([1, 1]);
  expect(await conv({ type: 'TICKET', days: 1 })).toEqual([1, 1]);
  expect(await conv({ type: 'TICKET', event: 'ev-jazz', days: 1 })).toEqual([1, 0]);
  expect(await conv({ type: 'TICKET', event: 'ev-rock', days: 1 })).toEqual([0, 1]);
  expect(await conv({ type: 'TICKET', event: 'ev-film', days: 1 })).toEqual([0, 0]);
  expect(await conv({ type: 'TICKET', counter: 'c-fest', days: 1 })).toEqual([0, 1]);
  expect(await conv({ type: 'TICKET', event: 'ev-jazz', counter: 'c-fest', days: 1 })).toEqual([0, 0]);
  expect(await conv({ type: 'CASHIN', days: 1 })).toEqual([0, 1]);
  expect(await conv({ type: 'CASHIN', days: 2 })).toEqual([1, 1]);
  expect(await conv({ type: 'CASHIN', advantage: 'adv-1', days: 2 })).toEqual([0, 0]);
});

test('"leave them out": recently mailed holders are left out of the send, before the holdout is drawn; the choice is stored', async () => {
  const fresh = Array.from({ length: 4 }, (_, i) => ({
    uid: `n0${i}`,
    firstName: `Nieuw${i}`,
    lastName: 'Test',
    email: `n0${i}@mail.test`,
    postcode: '9999',
    consents: ['email'],
    cardSystems: ['cs-gent'],
  }));
  await app.api().post('/api/segmentation/import/pass-holders').set('Content-Type', 'application/x-ndjson').send(ndjson(fresh));
  const c = (await admin.post('/segmentation/campaigns', { name: 'Alleen nieuwe', segment, template, holdoutPercent: 50 })).body;
  expect(c.excludeRecentlyMailed).toBe(false);
  const before = (await admin.get(`/segmentation/campaigns/${c.documentId}/confirmation`)).body;
  expect(before.excluded.recentlyMailed).toBeUndefined();
  expect(before.recentlyMailed.holders).toBeGreaterThan(0);

  const res = await admin.put(`/segmentation/campaigns/${c.documentId}/recently-mailed`, { exclude: true });
  expect(res.status).toBe(200);
  const after = res.body;
  expect(after.excluded.recentlyMailed).toBeGreaterThan(0);
  expect(after.recipients + after.holdout).toBe(before.recipients + before.holdout - after.excluded.recentlyMailed);
  expect(after.recentlyMailed.holders).toBe(after.excluded.recentlyMailed);
  expect((await admin.get(`/segmentation/campaigns/${c.documentId}`)).body.excludeRecentlyMailed).toBe(true);
  // A save of the form (which does not send the choice) keeps it.
  await admin.put(`/segmentation/campaigns/${c.documentId}`, { name: 'Alleen nieuwe', segment, template, holdoutPercent: 50 });
  expect((await admin.get(`/segmentation/campaigns/${c.documentId}/confirmation`)).body).toEqual(after);
  expect((await admin.put(`/segmentation/campaigns/${c.documentId}/recently-mailed`, { exclude: 'yes' })).status).toBe(400);

  expect((await admin.post(`/segmentation/campaigns/${c.documentId}/send`)).body.status).toBe('sending');
  await waitForStatus(admin, c.documentId, 'sent', 20_000);
  const knex = app.strapi.db.connection;
  const recent = new Set(
    (await knex('seg_deliveries').where('status', 'sent').whereNot('campaign_id', c.id).distinct('holder_id')).map((r) => Number(r.holder_id)),
  );
  const rows = await knex('seg_deliveries').where({ campaign_id: c.id }).select('holder_id', 'uid', 'status');
  expect(rows).toHaveLength(after.recipients + after.holdout);
  expect(rows.filter((r) => recent.has(Number(r.holder_id)))).toEqual([]); // sent and holdout: none recently mailed
  expect(rows.map((r) => r.uid)).toEqual(expect.arrayContaining(['n00', 'n01', 'n02', 'n03']));
  expect(rows.filter((r) => r.status === 'holdout')).toHaveLength(after.holdout);
  expect((await admin.put(`/segmentation/campaigns/${c.documentId}/recently-mailed`, { exclude: false })).status).toBe(400); // sent: no longer
});

test('the subject as a sample holder reads it: rendered with Liquid, not the code', async () => {
  const res = await admin.get(`/segmentation/campaigns/subject?template=${template}`);
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ subject: 'Dag {{ firstName }}', sample: 'Dag An', holder: 'An Peeters' });
  expect((await admin.get('/segmentation/campaigns/subject?template=nope')).status).toBe(404);
  // By the mailing (its own template): whoever may see the mailing reads its subject.
  const byMailing = await admin.get(`/segmentation/campaigns/subject?campaign=${campaign}&template=${template}`);
  expect(byMailing.body).toEqual(res.body);
  expect((await admin.get(`/segmentation/campaigns/subject?campaign=${campaign}&template=other`)).status).toBe(404);
});
