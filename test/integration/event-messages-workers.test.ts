/**
 * Event messages with the sending worker in separate processes (`npm run worker`) and the tool's
 * clock moved through SEGMENTATION_CLOCK_FILE while no worker runs (the tool is down): then the
 * workers start — a message due within the grace is sent once (on Postgres by two workers at once:
 * one claims it, one mailing, every ticket holder one mail), one due longer ago is missed.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { startApp, type TestApp } from '../helpers/strapi';
import { exited, workerProcesses } from '../helpers/workers';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { eventually, superAdminClient, type AdminClient } from '../helpers/admin';
import { approvedSender, ndjson } from './fixture';

const N = 12;
let app: TestApp;
let smtp: TestSmtp;
let admin: AdminClient;
let template: string;
const clockFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'seg-clock-w-')), 'clock');
const setClock = (iso: string) => fs.writeFileSync(clockFile, iso);

const holders = Array.from({ length: N }, (_, i) => ({
  uid: `w${String(i).padStart(2, '0')}`,
  firstName: `W${i}`,
  lastName: 'Werker',
  email: `w${i}@mail.test`,
  cardSystems: ['cs-gent'],
}));
const events = [
  { key: 'ev-late', name: 'Laat', counter: 'c-gent', startsAt: '2026-09-10T20:00:00+02:00' },
  { key: 'ev-over', name: 'Voorbij', counter: 'c-gent', startsAt: '2026-09-10T12:00:00+02:00' },
];

const processes = workerProcesses();
const startWorker = processes.start;

const load = (entity: string, records: object[]) =>
  app.api().post(`/api/segmentation/import/${entity}`).set('Content-Type', 'application/x-ndjson').send(ndjson(records));

beforeAll(async () => {
  setClock('2026-09-01T08:00:00.000Z');
  smtp = await startSmtp({ replyDelayMs: 20 });
  app = await startApp({
    env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SEGMENTATION_WORKER: 'false', SEGMENTATION_CLOCK_FILE: clockFile },
  });
  await load('card-systems', [{ key: 'cs-gent', name: 'UiTPAS Gent' }]);
  await load('counters', [{ key: 'c-gent', name: 'Handelsbeurs', cardSystem: 'cs-gent' }]);
  await load('events', events);
  await load('pass-holders', holders);
  const tickets = events.flatMap((e) =>
    holders.map((h) => ({ key: `t-${e.key}-${h.uid}`, holder: h.uid, type: 'TICKET', at: '2026-08-01T10:00:00Z', event: e.key })),
  );
  expect((await load('actions', tickets)).body).toMatchObject({ rejected: [] });
  admin = await superAdminClient(app);
  const sender = await approvedSender(app);
  template = (await admin.post('/segmentation/templates', { name: 'Werker', subject: 'Dag {{ voornaam }}', body: 'Tot straks', sender })).body.documentId;
}, 120_000);

afterAll(async () => {
  processes.killAll();
  await app?.stop();
  await smtp?.close();
});

test('after downtime the workers send a message due within the grace once, and mark one due longer ago missed', async () => {
  const create = async (event: string) =>
    (await admin.post(`/segmentation/events/${event}/messages`, { name: 'Herinnering', template, timing: 'before', hours: 2 })).body as {
      id: number;
      dueAt: string;
    };
  const late = await create('ev-late'); // due 16:00Z
  const over = await create('ev-over'); // due 08:00Z
  expect([late.dueAt, over.dueAt]).toEqual(['2026-09-10T16:00:00.000Z', '2026-09-10T08:00:00.000Z']);
  setClock('2026-09-10T19:00:00.000Z'); // the tool was down: 3 h and 11 h late
  const workers = await Promise.all(Array.from({ length: process.env.TEST_DB === 'postgres' ? 2 : 1 }, () => startWorker()));
  const row = (id: number) => app.strapi.db.connection('seg_event_messages').where({ id }).first();
  try {
    const sent = await eventually(
      () => row(late.id),
      (m) => m.status === 'sent',
      'the late message sent',
      60_000,
    );
    expect(Number(sent.recipient_count)).toBe(N);
    await smtp.waitFor(N, 60_000);
    const missed = await eventually(
      () => row(over.id),
      (m) => m.status === 'missed',
      'the old message missed',
      30_000,
    );
    expect(missed.reason).toContain('grace');
    // The campaign finishes: every recipient's mail recorded.
    await eventually(
      () => app.strapi.db.connection('seg_campaigns').where({ id: sent.campaign_id }).first('status'),
      (c) => c.status === 'sent',
      'the mailing sent',
      60_000,
    );
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(workers.map(exited));
  }
  const campaigns = await app.strapi.db.connection('seg_campaigns').where('name', 'like', 'Laat —%').count({ n: '*' });
  expect(Number(campaigns[0]!.n)).toBe(1);
  const byAddress = new Map<string, number>();
  for (const r of smtp.received) byAddress.set(r.envelopeTo[0]!, (byAddress.get(r.envelopeTo[0]!) ?? 0) + 1);
  expect([...byAddress.keys()].sort()).toEqual(holders.map((h) => h.email).sort());
  expect([...byAddress.values()].every((n) => n === 1)).toBe(true);
  const sending = await app.strapi.db.connection('seg_event_message_history').where({ message_id: late.id, what: 'sending' }).count({ n: '*' });
  expect(Number(sending[0]!.n)).toBe(1); // claimed once
});
