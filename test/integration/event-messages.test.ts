/**
 * Event messages (issue 21) over the admin and token APIs with the worker in-process, a real SMTP
 * server and the tool's clock moved through SEGMENTATION_CLOCK_FILE: messages before the start,
 * after the end and now are sent once to the event's ticket holders (regardless of the e-mail
 * consent: a service message), an event moved by an import moves its messages, a cancelled or
 * removed event cancels them, a message due within the grace is still sent and one due longer ago
 * is missed; bad input is refused with the path of each problem and another partner's event is
 * not found; every change of state is in the history.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { startApp, type TestApp } from '../helpers/strapi';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { adminClient, eventually, superAdminClient, type AdminClient } from '../helpers/admin';
import { until } from '../helpers/sending';
import { getService } from '../../src/plugins/segmentation/server/src/services';
import { approvedSender, ndjson } from './fixture';

let app: TestApp;
let smtp: TestSmtp;
let admin: AdminClient;
let leuven: AdminClient;
let template: string;
const clockFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'seg-clock-')), 'clock');
/** Sets the tool's clock to `iso` (it runs on from there). */
const setClock = (iso: string) => fs.writeFileSync(clockFile, iso);

const HOLDERS = [
  { uid: 'e1', email: 'e1@mail.test', consents: ['email', 'nieuwsbrief'] },
  { uid: 'e2', email: 'e2@mail.test' }, // no e-mail consent: still gets a service message
  { uid: 'e3', email: 'e3@mail.test', consents: ['nieuwsbrief'] },
  { uid: 'e4', email: 'e4@mail.test', consents: ['email'], language: 'fr' },
  { uid: 'e5', email: 'e5@mail.test', consents: ['email'] }, // no ticket
].map((h) => ({ firstName: `Voornaam-${h.uid}`, lastName: 'Event', cardSystems: ['cs-gent'], ...h }));

const EVENTS = [
  { key: 'ev-before', name: 'Concert', counter: 'c-vooruit', startsAt: '2026-06-03T20:00:00+02:00', endsAt: '2026-06-03T23:00:00+02:00' },
  { key: 'ev-after', name: 'Toneel', counter: 'c-vooruit', startsAt: '2026-06-01T20:00:00+02:00', endsAt: '2026-06-01T22:00:00+02:00' },
  { key: 'ev-now', name: 'Lezing', counter: 'c-vooruit', startsAt: '2026-06-10T20:00:00+02:00' },
  { key: 'ev-move', name: 'Verplaatst', counter: 'c-vooruit', startsAt: '2026-07-01T20:00:00+02:00' },
  { key: 'ev-cancel', name: 'Afgelast', counter: 'c-vooruit', startsAt: '2026-07-01T20:00:00+02:00' },
  { key: 'ev-gone', name: 'Verdwenen', counter: 'c-vooruit', startsAt: '2026-07-01T20:00:00+02:00' },
  { key: 'ev-grace', name: 'Te laat', counter: 'c-vooruit', startsAt: '2026-06-20T20:00:00+02:00' },
  { key: 'ev-miss', name: 'Gemist', counter: 'c-vooruit', startsAt: '2026-06-20T16:00:00+02:00' },
  { key: 'ev-nostart', name: 'Zonder tijd', counter: 'c-vooruit' },
  { key: 'ev-text', name: 'Jazz & co', counter: 'c-vooruit', startsAt: '2026-06-12T20:00:00+02:00' },
  { key: 'ev-leuven', name: 'Leuven', counter: 'c-bib', startsAt: '2026-06-03T20:00:00+02:00' },
];
const TICKETS = ['ev-before', 'ev-after', 'ev-now', 'ev-move', 'ev-cancel', 'ev-grace', 'ev-miss', 'ev-text'].flatMap((event) =>
  ['e1', 'e2', 'e3', 'e4'].map((holder) => ({ key: `t-${event}-${holder}`, holder, type: 'TICKET', at: '2026-05-01T10:00:00+02:00', event })),
);
const CASHINS = [
  { key: 'k-1', holder: 'e1', type: 'CASHIN', at: '2026-05-02T10:00:00+02:00', advantage: 'adv-drink' },
  { key: 'k-3', holder: 'e3', type: 'CASHIN', at: '2026-04-02T10:00:00+02:00', advantage: 'adv-drink' },
];

const load = (entity: string, records: object[]) =>
  app.api().post(`/api/segmentation/import/${entity}`).set('Content-Type', 'application/x-ndjson').send(ndjson(records));

beforeAll(async () => {
  setClock('2026-06-01T08:00:00.000Z');
  smtp = await startSmtp();
  app = await startApp({ env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SEGMENTATION_CLOCK_FILE: clockFile } });
  await load('card-systems', [
    { key: 'cs-gent', name: 'UiTPAS Gent' },
    { key: 'cs-leuven', name: 'UiTPAS Leuven' },
  ]);
  await load('counters', [
    { key: 'c-vooruit', name: 'Vooruit', cardSystem: 'cs-gent' },
    { key: 'c-bib', name: 'Bibliotheek Leuven', cardSystem: 'cs-leuven' },
  ]);
  await load('events', EVENTS);
  await load('advantages', [{ key: 'adv-drink', name: 'Drankbon', counter: 'c-vooruit' }]);
  await load('pass-holders', HOLDERS);
  expect((await load('actions', [...TICKETS, ...CASHINS])).body).toMatchObject({ rejected: [] });
  admin = await superAdminClient(app);
  leuven = await adminClient(app, { email: 'leuven@test.local', role: 'segmentation-partner-manager', cardSystems: ['cs-leuven'] });
  const sender = await approvedSender(app);
  const created = await admin.post('/segmentation/templates', { name: 'Event', subject: 'Dag {{ voornaam }}', body: 'Tot straks', sender });
  expect(created.status).toBe(200);
  template = created.body.documentId;
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await smtp?.close();
});

const messages = (event: string, rest = '') => `/segmentation/events/${event}/messages${rest}`;
const input = (extra: object) => ({ name: 'Herinnering', template, ...extra });
const message = async (event: string, id: number) => (await admin.get(messages(event, `/${id}`))).body;
const waitStatus = (event: string, id: number, status: string, ms = 20_000) =>
  eventually(
    () => message(event, id),
    (m) => m.status === status,
    `message ${id} ${status}`,
    ms,
  );
const history = async (event: string, id: number) => (await admin.get(messages(event, `/${id}/history`))).body;
/** Resolves once the scheduler has looked at the pending messages twice more (the clock as set now). */
async function schedulerLooked(): Promise<void> {
  const scheduler = getService(app.strapi, 'eventScheduler');
  const target = scheduler.looks + 2;
  await until(() => scheduler.looks >= target, 10_000, 'two more looks of the event scheduler');
}
const mailsTo = (address: string) => smtp.received.filter((r) => r.envelopeTo.includes(address)).length;

describe('the API', () => {
  test('a message 24 hours before the start is due at the same wall-clock time the day before, and its creation is in the history', async () => {
    const res = await admin.post(messages('ev-before'), input({ timing: 'before', hours: 24 }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ event: 'ev-before', status: 'pending', dueAt: '2026-06-02T18:00:00.000Z', campaign: null, channel: 'email' });
    expect((await admin.get(messages('ev-before'))).body.items).toHaveLength(1);
    expect((await history('ev-before', res.body.id)).entries.map((e: { what: string }) => e.what)).toEqual(['created']);
  });

  test('bad input is refused with the path of each problem; a timing the event lacks the time for names `timing`', async () => {
    const bad = await admin.post(messages('ev-before'), { timing: 'before', channel: 'fax' });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.errors.map((e: { path: unknown[] }) => e.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['name', 'template', 'channel']));
    const noHours = await admin.post(messages('ev-before'), input({ timing: 'after' }));
    expect(noHours.body.error.details.errors.map((e: { path: unknown[] }) => e.path)).toEqual([['hours']]);
    const noStart = await app
      .api()
      .post('/api/segmentation/events/ev-nostart/messages')
      .send(input({ timing: 'before', hours: 2 }));
    expect(noStart.status).toBe(400);
    expect(noStart.body.error.details.errors).toEqual([expect.objectContaining({ path: ['timing'], message: expect.stringContaining('no start') })]);
    const badDefinition = await admin.post(
      messages('ev-before'),
      input({ timing: 'now', recipients: { kind: 'definition', definition: { version: 1, groups: [] } } }),
    );
    expect(badDefinition.status).toBe(400);
    expect(badDefinition.body.error.details.errors[0].path.slice(0, 2)).toEqual(['recipients', 'definition']);
  });

  test('another partner’s event and an unknown event are not found; the event list shows each partner its own', async () => {
    expect((await leuven.get(messages('ev-before'))).status).toBe(404);
    expect((await leuven.post(messages('ev-before'), input({ timing: 'now' }))).status).toBe(404);
    expect((await app.api().get('/api/segmentation/events/nope/messages')).status).toBe(404);
    const list = (await leuven.get('/segmentation/events?pageSize=50')).body;
    expect(list.items.map((e: { key: string }) => e.key)).toEqual(['ev-leuven']);
    const found = (await admin.get('/segmentation/events?q=vooruit&pageSize=50')).body;
    expect(found.total).toBe(10);
    const one = (await admin.get('/segmentation/events/ev-before')).body;
    expect(one).toMatchObject({
      key: 'ev-before',
      counter: { key: 'c-vooruit', name: 'Vooruit' },
      cardSystem: { key: 'cs-gent' },
      ticketHolders: 4,
      messages: 1,
    });
  });

  test('the live count follows products and consents', async () => {
    const count = async (body: object) => (await admin.post(messages('ev-before', '/count'), body)).body.count;
    expect(await count({})).toBe(4);
    expect(await count({ recipients: { kind: 'product', advantages: ['adv-drink'] } })).toBe(2);
    expect(await count({ recipients: { kind: 'product', advantages: ['adv-drink'], since: '2026-05-01' } })).toBe(1);
    expect(await count({ recipients: { kind: 'noProduct', advantages: ['adv-drink'] } })).toBe(2);
    expect(await count({ consents: { mode: 'chosen', require: ['nieuwsbrief'] } })).toBe(2);
    expect(await count({ consents: { mode: 'chosen', require: [], exclude: ['nieuwsbrief'] } })).toBe(2);
    expect(await count({ consents: { mode: 'all' } })).toBe(1);
  });

  test('the preview shows the mail for the first ticket holder (or a chosen one) with the custom text; a test mail goes to the admin', async () => {
    const message = input({ timing: 'now', customText: 'Neem je ticket mee' });
    const preview = await admin.post(messages('ev-before', '/preview'), { message: { ...message, template } });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ holder: { uid: 'e1', firstName: 'Voornaam-e1' }, subject: 'Dag Voornaam-e1' });
    const chosen = await admin.post(messages('ev-before', '/preview'), { message, uid: 'e3' });
    expect(chosen.body.holder.uid).toBe('e3');
    const before = smtp.received.length;
    const test = await admin.post(messages('ev-before', '/test'), { message, email: 'staff@mail.test' });
    expect(test.status).toBe(200);
    const [mail] = (await smtp.waitFor(before + 1)).slice(before).filter((r) => r.envelopeTo.includes('staff@mail.test'));
    expect(mail!.mail.subject).toBe('[TEST] Dag Voornaam-e1');
    expect((await leuven.post(messages('ev-before', '/preview'), { message })).status).toBe(404);
  });

  test('only a pending message can be changed; DELETE cancels it and keeps it with its history', async () => {
    const created = (
      await app
        .api()
        .post('/api/segmentation/events/ev-before/messages')
        .send(input({ timing: 'before', hours: 48 }))
    ).body;
    const edited = await app
      .api()
      .put(`/api/segmentation/events/ev-before/messages/${created.id}`)
      .send(input({ timing: 'before', hours: 25 }));
    expect(edited.body).toMatchObject({ hours: 25, dueAt: '2026-06-02T17:00:00.000Z' });
    expect((await app.api().delete(`/api/segmentation/events/ev-before/messages/${created.id}`)).body).toMatchObject({ status: 'cancelled' });
    const again = await app
      .api()
      .put(`/api/segmentation/events/ev-before/messages/${created.id}`)
      .send(input({ timing: 'now' }));
    expect(again.status).toBe(409);
    const entries = (await app.api().get(`/api/segmentation/events/ev-before/messages/${created.id}/history`)).body.entries;
    expect(entries.map((e: { what: string }) => e.what)).toEqual(['created', 'edited', 'cancelled']);
  });
});

describe('sending', () => {
  test('a message now goes at once to every ticket holder (also without e-mail consent), once, through a mailing', async () => {
    const before = smtp.received.length;
    const created = (await admin.post(messages('ev-now'), input({ timing: 'now', name: 'Nu' }))).body;
    const sent = await waitStatus('ev-now', created.id, 'sent');
    expect(sent.recipientCount).toBe(4);
    await smtp.waitFor(before + 4);
    for (const uid of ['e1', 'e2', 'e3', 'e4']) expect(mailsTo(`${uid}@mail.test`)).toBe(1);
    expect(mailsTo('e5@mail.test')).toBe(0);
    const h = await history('ev-now', created.id);
    expect(h.entries.map((e: { what: string }) => e.what)).toEqual(['created', 'sending', 'sent']);
    expect(h.campaign).toBe(sent.campaign);
    await eventually(
      () => history('ev-now', created.id),
      (x) => x.counts.sent === 4,
      'four sent',
    );
    const campaign = (await admin.get(`/segmentation/campaigns/${sent.campaign}`)).body;
    expect(campaign.name).toBe('Lezing — Nu');
  });

  test('the custom text and the event variables are in the HTML and the text part; e-mail consent asked for: only who gave it', async () => {
    const withText = await admin.post('/segmentation/templates', {
      name: 'Met tekst',
      subject: '{{ evenement }}: praktisch',
      body: 'Hallo {{ voornaam }}. {{ customText }} In {{ locatie }}, {{ eventStart }}. #CUSTOMTEXT#',
      sender: await approvedSender(app, 'tekst@uitpas.test'),
    });
    expect(withText.status).toBe(200);
    const text = 'Deuren <open> om "19:30"';
    const created = (
      await admin.post(
        messages('ev-text'),
        input({ timing: 'now', template: withText.body.documentId, customText: text, language: 'nl', consents: { mode: 'chosen', require: ['email'] } }),
      )
    ).body;
    const before = smtp.received.length;
    const sent = await waitStatus('ev-text', created.id, 'sent');
    expect(sent.recipientCount).toBe(2); // e1 and e4 gave the e-mail consent
    const mails = (await smtp.waitFor(before + 2)).slice(before);
    expect(mails.map((m) => m.envelopeTo[0]).sort()).toEqual(['e1@mail.test', 'e4@mail.test']);
    const mail = mails[0]!.mail;
    expect(mail.subject).toBe('Jazz & co: praktisch');
    expect(mail.html).toContain('Deuren &lt;open&gt; om');
    expect(mail.html).not.toContain('#CUSTOMTEXT#');
    expect(mail.text!.replace(/\s+/g, ' ')).toContain('Deuren <open> om "19:30" In Vooruit, vrijdag 12 juni 2026 om 20:00.');
    expect(mail.text!.split(text)).toHaveLength(3); // both places
  });

  test("in the holder's language: each localisation of the template has the event's date and time in its own language", async () => {
    const sender = await approvedSender(app, 'talen@uitpas.test');
    const nl = await admin.post('/segmentation/templates', { name: 'Talen', subject: 'Praktisch', body: 'Het begint {{ eventStart }}.', sender });
    expect(nl.status).toBe(200);
    const id = nl.body.documentId as string;
    const fr = await admin.put(`/segmentation/templates/${id}?locale=fr`, {
      name: 'Langues',
      language: 'fr',
      subject: 'Pratique',
      body: 'Cela commence {{ eventStart }}.',
      sender,
    });
    expect(fr.body.locales).toEqual(['nl', 'fr']);
    const created = (await admin.post(messages('ev-text'), input({ timing: 'now', template: id, language: 'holder', name: 'Talen' }))).body;
    const before = smtp.received.length;
    await waitStatus('ev-text', created.id, 'sent');
    const mails = (await smtp.waitFor(before + 4)).slice(before);
    const textTo = (address: string) => mails.find((m) => m.envelopeTo.includes(address))!.mail.text!.replace(/\s+/g, ' ');
    expect(textTo('e4@mail.test')).toContain('Cela commence vendredi 12 juin 2026 à 20:00.'); // e4 reads French
    expect(textTo('e1@mail.test')).toContain('Het begint vrijdag 12 juni 2026 om 20:00.');
    // The preview shows the localisation a holder gets, the date in its language.
    const message = input({ timing: 'now', template: id, language: 'holder', name: 'Talen' });
    const preview = await admin.post(messages('ev-text', '/preview'), { message });
    expect(preview.body).toMatchObject({ holder: { uid: 'e1' }, language: 'nl' });
    expect(preview.body.text.replace(/\s+/g, ' ')).toContain('Het begint vrijdag 12 juni 2026 om 20:00.');
    const french = await admin.post(messages('ev-text', '/preview'), { message, uid: 'e4' });
    expect(french.body).toMatchObject({ holder: { uid: 'e4' }, language: 'fr', subject: 'Pratique' });
    expect(french.body.text.replace(/\s+/g, ' ')).toContain('Cela commence vendredi 12 juin 2026 à 20:00.');
    const forced = await admin.post(messages('ev-text', '/preview'), { message: { ...message, language: 'nl' }, uid: 'e4' });
    expect(forced.body).toMatchObject({ language: 'nl', subject: 'Praktisch' });
  });

  test('after the end: not before its due time, then sent', async () => {
    const created = (await admin.post(messages('ev-after'), input({ timing: 'after', hours: 2, name: 'Bedankt' }))).body;
    expect(created.dueAt).toBe('2026-06-01T22:00:00.000Z');
    const before = smtp.received.length;
    setClock('2026-06-01T21:59:00.000Z');
    await schedulerLooked(); // nothing due yet
    expect((await message('ev-after', created.id)).status).toBe('pending');
    setClock('2026-06-01T22:00:30.000Z');
    await waitStatus('ev-after', created.id, 'sent');
    await smtp.waitFor(before + 4);
  });

  test('an event moved by an import moves its pending messages (history: moved)', async () => {
    const created = (await admin.post(messages('ev-move'), input({ timing: 'before', hours: 3 }))).body;
    expect(created.dueAt).toBe('2026-07-01T15:00:00.000Z');
    await load('events', [{ key: 'ev-move', startsAt: '2026-07-02T21:00:00+02:00' }]);
    const moved = await eventually(
      () => message('ev-move', created.id),
      (m) => m.dueAt === '2026-07-02T16:00:00.000Z',
      'due time moved',
    );
    expect(moved.status).toBe('pending');
    expect((await history('ev-move', created.id)).entries.map((e: { what: string }) => e.what)).toEqual(['created', 'moved']);
  });

  test('a cancelled event (import) and a removed event cancel their pending messages with the reason', async () => {
    const a = (await admin.post(messages('ev-cancel'), input({ timing: 'before', hours: 3 }))).body;
    const b = (await admin.post(messages('ev-gone'), input({ timing: 'before', hours: 3 }))).body;
    await load('events', [{ key: 'ev-cancel', cancelled: true }]);
    await app.strapi.db.connection('seg_events').where({ key: 'ev-gone' }).delete();
    expect(await waitStatus('ev-cancel', a.id, 'cancelled')).toMatchObject({ reason: 'The event was cancelled' });
    const row = await eventually(
      () => app.strapi.db.connection('seg_event_messages').where({ id: b.id }).first(),
      (m) => m.status === 'cancelled',
      'removed event',
    );
    expect(row.reason).toBe('The event was removed');
  });

  test('downtime: a message due within the grace is still sent; one due longer ago is missed with the reason', async () => {
    // Due 16:00Z and 12:00Z (2 hours before 20:00 and 16:00); the clock jumps to 21:00Z as after a stop of the tool.
    const late = (await admin.post(messages('ev-grace'), input({ timing: 'before', hours: 2 }))).body;
    const missed = (await admin.post(messages('ev-miss'), input({ timing: 'before', hours: 2 }))).body;
    expect([late.dueAt, missed.dueAt]).toEqual(['2026-06-20T16:00:00.000Z', '2026-06-20T12:00:00.000Z']);
    setClock('2026-06-20T21:00:00.000Z');
    await waitStatus('ev-grace', late.id, 'sent'); // 5 h late: within the grace of 6 h
    const m = await waitStatus('ev-miss', missed.id, 'missed'); // 9 h late
    expect(m.reason).toContain('grace of 6 h');
    expect((await history('ev-miss', missed.id)).entries.map((e: { what: string }) => e.what)).toEqual(['created', 'missed']);
  });

  test('a claim cut short (the instance died between claim and start) ends as failed, or as sent when its mailing started', async () => {
    const db = app.strapi.db.connection;
    const base = await db('seg_event_messages').where({ event_key: 'ev-now' }).first();
    const { id: _id, ...row } = base;
    const insert = async (extra: object) => {
      const [inserted] = await db('seg_event_messages')
        .insert({ ...row, ...extra, status: 'sending', updated_at: 0 })
        .returning('id');
      return Number(typeof inserted === 'object' ? inserted.id : inserted);
    };
    const lost = await insert({ campaign_id: null, campaign_document_id: null, recipient_count: null, sent_at: null });
    const started = await insert({ recipient_count: null, sent_at: null });
    const read = (id: number) => db('seg_event_messages').where({ id }).first();
    expect(
      await eventually(
        () => read(lost),
        (m) => m.status === 'failed',
        'the lost claim failed',
      ),
    ).toMatchObject({
      reason: 'Interrupted while sending: its mailing was not started',
    });
    expect(
      Number(
        (
          await eventually(
            () => read(started),
            (m) => m.status === 'sent',
            'the started claim sent',
          )
        ).recipient_count,
      ),
    ).toBe(4);
  });
});
