/**
 * Crash safety of sending, with the worker in separate processes (`npm run worker`, as in
 * production) and a real SMTP server that answers slowly: a worker killed with SIGKILL while the
 * SMTP server holds a message, then a new worker → every recipient exactly once. On Postgres: two
 * workers share one campaign without a duplicate. SMS go through the same outbox: a worker killed
 * while the SMPP gateway holds an SMS unanswered, then a new worker → every number exactly once.
 */
import { startApp, type TestApp } from '../helpers/strapi';
import { exited, workerProcesses } from '../helpers/workers';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { eventually, superAdminClient, waitForStatus, type AdminClient } from '../helpers/admin';
import { until } from '../helpers/sending';
import { startSmpp, type TestSmpp } from '../helpers/smpp';
import { ndjson, approvedSender } from './fixture';

const N = 30;
let app: TestApp;
let smtp: TestSmtp;
let smpp: TestSmpp;
let smsTemplate: string;
let admin: AdminClient;
let segment: string;
let template: string;
/** Set by a test: called before the SMTP server answers a message. */
let onMessage: (accepted: number) => void | Promise<void> = () => undefined;

const holders = Array.from({ length: N }, (_, i) => ({
  uid: `f${String(i).padStart(2, '0')}`,
  firstName: `F${i}`,
  lastName: 'Fout',
  email: `f${i}@mail.test`,
  phone: `0475 10 00 ${String(i).padStart(2, '0')}`,
  postcode: '7777',
  consents: ['email', 'sms'],
}));

const processes = workerProcesses();
const startWorker = processes.start;

/** Who of this campaign reached the SMTP server, by address, and how often. */
function receivedBy(campaignId: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of smtp.received) {
    if (r.mail.headers.get('x-uitpas-campaign') !== String(campaignId)) continue;
    out.set(r.envelopeTo[0]!, (out.get(r.envelopeTo[0]!) ?? 0) + 1);
  }
  return out;
}

beforeAll(async () => {
  smtp = await startSmtp({ replyDelayMs: 40, beforeReply: (_mail, accepted) => onMessage(accepted) });
  smpp = await startSmpp({ password: 'geheim' });
  app = await startApp({
    env: {
      SEGMENTATION_WORKER: 'false',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SEND_LEASE_MS: '1500',
      SEND_BATCH: '4',
      SEND_CONCURRENCY: '2',
      SMS_PROVIDER: 'smpp',
      SMPP_HOST: '127.0.0.1',
      SMPP_PORT: String(smpp.port),
      SMPP_PASSWORD: 'geheim',
      SMS_RATE: '200',
    },
  });
  const imported = await app.api().post('/api/segmentation/import/pass-holders').set('Content-Type', 'application/x-ndjson').send(ndjson(holders));
  expect(imported.body).toMatchObject({ inserted: N, rejected: [] });
  admin = await superAdminClient(app);
  const sender = { documentId: await approvedSender(app) };
  template = (
    await admin.post('/segmentation/templates', { name: 'Fout', subject: 'Dag {{ firstName }}', body: 'Hallo {{ firstName }}', sender: sender.documentId })
  ).body.documentId;
  smsTemplate = (await admin.post('/segmentation/templates', { name: 'Sms', channel: 'sms', text: 'Dag {{ firstName }}' })).body.documentId;
  segment = (
    await admin.post('/segmentation/segments', { name: '7777', definition: { version: 1, groups: [{ filters: [{ type: 'postcode', postcodes: ['7777'] }] }] } })
  ).body.documentId;
});
afterEach(() => {
  onMessage = () => undefined; // a failed test leaves no hook behind for the next
});
afterAll(async () => {
  processes.killAll();
  await app?.stop();
  await smtp?.close();
  await smpp?.close();
});

async function newCampaign(name: string): Promise<{ documentId: string; id: number }> {
  const c = (await admin.post('/segmentation/campaigns', { name, segment, template, recentDays: 0 })).body;
  return { documentId: c.documentId, id: c.id };
}

/** Starts a new worker, waits until the campaign is sent, stops the worker: every recipient exactly once. */
async function finishWithNewWorker(campaign: { documentId: string; id: number }): Promise<void> {
  const worker = await startWorker();
  try {
    expect(await waitForStatus(admin, campaign.documentId, 'sent', 60_000)).toMatchObject({ total: N, sent: N, failed: 0 });
  } finally {
    worker.kill('SIGTERM');
    await exited(worker);
  }
  const got = receivedBy(campaign.id);
  expect([...got.keys()].sort()).toEqual(holders.map((h) => h.email).sort());
  expect([...got.values()].every((n) => n === 1)).toBe(true);
}

test('a worker killed with SIGKILL mid-campaign, then a new one: every recipient exactly once', async () => {
  const campaign = await newCampaign('Kill');
  const worker = await startWorker();
  const sentInDb = async () =>
    Number((await app.strapi.db.connection('seg_deliveries').where({ campaign_id: campaign.id, status: 'sent' }).count({ n: '*' }))[0]!.n);
  // From the 10th mail on the SMTP server answers nothing until the worker is dead: the lanes stop
  // on unanswered messages, every mail answered before is recorded, and the worker is killed then.
  // Like a real MTA, the server drops a message whose client is gone before the 250.
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let gated = 0;
  onMessage = () => {
    if (receivedBy(campaign.id).size < 10) return;
    gated++;
    return gate;
  };
  const send = await admin.post(`/segmentation/campaigns/${campaign.documentId}/send`);
  expect([send.status, send.body.error?.message]).toEqual([200, undefined]);
  // Every message the server still holds is a gated one: none will be answered before the kill.
  await until(() => gated > 0 && smtp.holding === gated, 60_000, 'only unanswered messages at the SMTP server');
  // Every mail the server accepted is recorded before the kill (the one window of a crash is tested in outcomes.test.ts).
  await eventually(sentInDb, (n) => n >= receivedBy(campaign.id).size, 'the mails the server accepted recorded');
  worker.kill('SIGKILL');
  await exited(worker);
  await until(() => smtp.connections === 0, 10_000, "the killed worker's SMTP connections closed");
  open();
  await until(() => smtp.holding === 0, 10_000, 'the held messages dropped');
  onMessage = () => undefined;

  const left = await app.strapi.db.connection('seg_deliveries').where({ campaign_id: campaign.id }).whereIn('status', ['queued', 'sending']).count({ n: '*' });
  expect(Number(left[0]!.n)).toBeGreaterThan(0); // stopped mid-campaign
  expect((await admin.get(`/segmentation/campaigns/${campaign.documentId}/progress`)).body.status).toBe('sending');

  await finishWithNewWorker(campaign);
  // The messages in flight at the kill were claimed twice: retried, not lost.
  const retried = await app.strapi.db.connection('seg_deliveries').where({ campaign_id: campaign.id }).where('attempts', '>', 1).count({ n: '*' });
  expect(Number(retried[0]!.n)).toBeGreaterThan(0);
});

test('a worker stopped with SIGTERM records the mails it sent and puts the claimed rest back at once', async () => {
  const campaign = await newCampaign('Stop');
  const worker = await startWorker();
  expect((await admin.post(`/segmentation/campaigns/${campaign.documentId}/send`)).status).toBe(200);
  await until(() => receivedBy(campaign.id).size >= 8, 30_000, '8 mails of the campaign');
  worker.kill('SIGTERM');
  await exited(worker);
  expect(worker.exitCode).toBe(0);

  const rows = await app.strapi.db.connection('seg_deliveries').where({ campaign_id: campaign.id }).select('email', 'status', 'attempts');
  // Not one row left claimed (the lease is 1.5 s, so nothing was put back by a lease running out)...
  expect(rows.filter((r) => r.status === 'sending')).toEqual([]);
  // ...every mail the SMTP server accepted is recorded as sent, and only those...
  const accepted = [...receivedBy(campaign.id).keys()].sort();
  expect(accepted.length).toBeGreaterThanOrEqual(8);
  expect(
    rows
      .filter((r) => r.status === 'sent')
      .map((r) => r.email)
      .sort(),
  ).toEqual(accepted);
  // ...and the claimed rows that were put back got their attempt back.
  expect(rows.filter((r) => r.status === 'queued').every((r) => Number(r.attempts) === 0)).toBe(true);
  expect(rows.filter((r) => r.status === 'queued').length).toBe(N - accepted.length);

  await finishWithNewWorker(campaign);
});

test('an SMS worker killed with SIGKILL while the gateway holds an SMS, then a new one: every number exactly once', async () => {
  const c = (await admin.post('/segmentation/campaigns', { name: 'Sms kill', segment, smsTemplate, channel: 'sms', recentDays: 0 })).body;
  const texted = () => {
    const out = new Map<string, number>();
    for (const r of smpp.received) if (r.text.startsWith('Dag F')) out.set(r.to, (out.get(r.to) ?? 0) + 1);
    return out;
  };
  const recorded = async () => Number((await app.strapi.db.connection('seg_deliveries').where({ campaign_id: c.id, status: 'sent' }).count({ n: '*' }))[0]!.n);
  const worker = await startWorker();
  const send = await admin.post(`/segmentation/campaigns/${c.documentId}/send`);
  expect([send.status, send.body.error?.message]).toEqual([200, undefined]);
  await until(() => texted().size >= 10, 60_000, '10 SMS at the gateway');
  smpp.state.hold = true; // from now on the gateway takes SMS but does not answer: none of them is sent
  await until(() => smpp.held > 0, 30_000, 'an SMS held by the gateway');
  // Every SMS the gateway answered is recorded before the kill (the one window of a crash is tested in outcomes.test.ts).
  const answered = texted().size;
  await eventually(recorded, (n) => n >= answered, 'the SMS the gateway answered recorded');
  worker.kill('SIGKILL');
  await exited(worker);
  smpp.state.hold = false; // the held SMS were never answered: dropped with the connection

  const left = await app.strapi.db.connection('seg_deliveries').where({ campaign_id: c.id }).whereIn('status', ['queued', 'sending']).count({ n: '*' });
  expect(Number(left[0]!.n)).toBeGreaterThan(0);
  const next = await startWorker();
  try {
    expect(await waitForStatus(admin, c.documentId, 'sent', 60_000)).toMatchObject({ total: N, sent: N, failed: 0 });
  } finally {
    next.kill('SIGTERM');
    await exited(next);
  }
  const got = texted();
  expect(got.size).toBe(N);
  expect([...got.values()].every((n) => n === 1)).toBe(true);
  const retried = await app.strapi.db.connection('seg_deliveries').where({ campaign_id: c.id }).where('attempts', '>', 1).count({ n: '*' });
  expect(Number(retried[0]!.n)).toBeGreaterThan(0);
});

const pgOnly = process.env.TEST_DB === 'postgres' ? test : test.skip;

pgOnly('two workers on Postgres share a campaign without a duplicate', async () => {
  const workers = await Promise.all([startWorker(), startWorker()]);
  const campaign = await newCampaign('Twee');
  try {
    expect((await admin.post(`/segmentation/campaigns/${campaign.documentId}/send`)).status).toBe(200);
    await waitForStatus(admin, campaign.documentId, 'sent', 60_000);
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(workers.map(exited));
  }
  const got = receivedBy(campaign.id);
  expect([...got.keys()].sort()).toEqual(holders.map((h) => h.email).sort());
  expect([...got.values()].every((n) => n === 1)).toBe(true);
  const by = await app.strapi.db.connection('seg_deliveries').where({ campaign_id: campaign.id }).countDistinct({ n: 'claimed_by' });
  expect(Number(by[0]!.n)).toBe(2); // both took part
});
