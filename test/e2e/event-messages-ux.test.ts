/**
 * Automatic messages per event (issue 21) as partner staff meet them, in a real browser against the
 * real app (demo data, test SMTP server, the controllable clock):
 * - Evenementen: search an event, open it: start and end in Europe/Brussels, its ticket holders;
 * - Berichten → Bericht toevoegen: an e-mail "1 dag vóór de start" with a custom text; the live count
 *   shows the ticket holders; the preview (a real ticket holder) shows the custom text where the
 *   template has it; the test mail arrives at the signed-in admin's address;
 * - saved, the list says "1 dag vóór de start" and "gepland"; the clock (SEGMENTATION_CLOCK_FILE,
 *   read by server/src/common/clock.ts: an ISO time or an offset in ms) moves past the due time and
 *   the message goes out to the ticket holders; the history shows it sent, per recipient.
 * Screenshots: test/e2e/artifacts/evm-*.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import type { Page } from 'playwright-core';
import type { TestApp } from '../helpers/strapi';
import { getService } from '../../src/plugins/segmentation/server/src/services';
import type { TestSmtp } from '../helpers/smtp';
import { browserDescribe, login, screenshots, useBrowserApp, createDemoTemplate } from '../helpers/e2e';
import { DEMO_ADMIN } from '../../src/plugins/segmentation/server/src/demo/seed';
import { CUSTOM_TEXT_MARKER } from '../../src/plugins/segmentation/shared/event-messages';

const run = browserDescribe('the event messages browser test');

const HOUR = 3_600_000;
const CLOCK_FILE = path.join(os.tmpdir(), `segmentation-clock-evm-${process.pid}.txt`);
/** The tool's clock: frozen at `at` (the file holds an ISO time). */
const setClock = (at: Date) => fs.writeFileSync(CLOCK_FILE, at.toISOString());

const NOW = new Date();
const EVENT = {
  key: 'e2e-evm-concert',
  name: 'E2E: Concert in de Vooruit',
  counter: 'e2e-evm-vooruit',
  // Three days from now at a whole hour, two hours long.
  startsAt: new Date(Math.ceil((NOW.getTime() + 72 * HOUR) / HOUR) * HOUR),
};
const ENDS_AT = new Date(EVENT.startsAt.getTime() + 2 * HOUR);
const HOLDERS = [0, 1].map((i) => ({
  uid: `e2e-evm-${i}`,
  firstName: `Ticket${i}`,
  lastName: 'Houder',
  email: `evm${i}@mail.test`,
  consents: ['email'],
  cardSystems: ['uitpas-gent'],
}));
const CUSTOM_TEXT = 'Neem je ticket en je UiTPAS mee, de deuren gaan open om 19.30 uur.';
const ndjson = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n');
/** A time as the admin shows it: in Europe/Brussels. */
const brusselsTime = (d: Date) => new Intl.DateTimeFormat('nl-BE', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Brussels' }).format(d);

run('event messages: a message a day before the start, previewed, tested, sent on time', () => {
  let app: TestApp & { url: string };
  let page: Page;
  let smtp: TestSmtp;
  let jwt: string;
  const shot = screenshots('evm-', () => page);
  const admin = {
    get: (url: string) => app.http.get(url).set('Authorization', `Bearer ${jwt}`),
    post: (url: string, body: object) => app.http.post(url).set('Authorization', `Bearer ${jwt}`).send(body),
  };
  /** A field by its label (required fields add an asterisk to the accessible name). */
  const field = (label: string, role: 'textbox' | 'combobox' = 'textbox') => page.getByRole(role, { name: new RegExp(`^${label}\\s*\\*?$`) });
  const mailsTo = (address: string) => smtp.received.filter((m) => m.envelopeTo.includes(address));
  const until = async (what: string, check: () => Promise<boolean> | boolean, ms = 60_000) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`timed out waiting for ${what}`);
  };

  setClock(NOW);
  const e2e = useBrowserApp({ smtp: true, env: { SEGMENTATION_CLOCK_FILE: CLOCK_FILE }, viewport: { width: 1600, height: 1100 } });
  beforeAll(() => {
    ({ app, page, smtp } = e2e);
  });
  afterAll(() => {
    fs.rmSync(CLOCK_FILE, { force: true });
  });

  let templateId: string;
  let messageId: number;

  test('an event, a message "1 dag vóór de start" with a custom text: count, preview, test mail, saved', async () => {
    const imports: [string, object[]][] = [
      ['counters', [{ key: EVENT.counter, name: 'E2E Vooruit', cardSystem: 'uitpas-gent' }]],
      ['events', [{ key: EVENT.key, name: EVENT.name, counter: EVENT.counter, startsAt: EVENT.startsAt.toISOString(), endsAt: ENDS_AT.toISOString() }]],
      ['pass-holders', HOLDERS],
      [
        'actions',
        HOLDERS.map((h, i) => ({
          key: `e2e-evm-ticket-${i}`,
          holder: h.uid,
          type: 'TICKET',
          at: new Date(NOW.getTime() - 24 * HOUR).toISOString(),
          counter: EVENT.counter,
          event: EVENT.key,
        })),
      ],
    ];
    for (const [entity, rows] of imports) {
      const res = await app.api().post(`/api/segmentation/import/${entity}`).set('Content-Type', 'application/x-ndjson').send(ndjson(rows));
      expect([entity, res.status, res.body.rejected]).toEqual([entity, 200, []]);
    }
    jwt = (await app.http.post('/admin/login').send({ email: DEMO_ADMIN.email, password: DEMO_ADMIN.password })).body.data.token;
    // The custom text goes where the template has the marker (or {{ customText }}).
    templateId = await createDemoTemplate(admin, {
      name: 'E2E: evenement herinnering',
      subject: 'Morgen: {{ voornaam }}, tot straks',
      body: `Hallo {{ voornaam }}.\n\n${CUSTOM_TEXT_MARKER}`,
    });

    // Evenementen: the event found by searching, its times in Brussels.
    await login(page, app.url);
    await page.goto(`${app.url}/admin/plugins/events`);
    await page.getByTestId('events-table').waitFor({ timeout: 60_000 });
    await page.getByPlaceholder(/Zoek een evenement/).fill('Concert in de Vooruit');
    const row = page.getByTestId(`event-row-${EVENT.key}`);
    await until('the search to narrow the list', async () => (await page.locator('[data-testid^="event-row-"]').count()) === 1, 30_000);
    await row.waitFor({ timeout: 30_000 });
    await expect(row.textContent()).resolves.toContain('E2E Vooruit');
    await shot('list');
    await row.getByRole('link', { name: EVENT.name }).click();
    await page.waitForURL(/\/plugins\/events\/e2e-evm-concert$/);
    await page.getByTestId('event-ticket-holders').filter({ hasText: /^2$/ }).waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('event-start').textContent()).resolves.toContain(brusselsTime(EVENT.startsAt));
    await expect(page.getByTestId('event-end').textContent()).resolves.toContain(brusselsTime(ENDS_AT));
    await page.getByTestId('messages-empty').waitFor();

    // A new message.
    await page.getByRole('button', { name: 'Bericht toevoegen' }).click();
    await page.waitForURL(/\/messages\/new$/);
    await field('Naam').fill('Herinnering dag ervoor');
    // (The first click on a design-system Combobox can be taken by the page: opened until the option shows.)
    const option = page.getByRole('option', { name: 'E2E: evenement herinnering' });
    for (let i = 0; i < 4 && !(await option.isVisible()); i++) {
      await field('E-mailtemplate', 'combobox').click();
      await option.waitFor({ timeout: 2_000 }).catch(() => undefined);
    }
    await option.click();
    await page.getByRole('radio', { name: 'vóór de start' }).click();
    await page.getByRole('button', { name: '1 dag', exact: true }).click();
    await expect(page.getByTestId('timing-due').textContent()).resolves.toContain(brusselsTime(new Date(EVENT.startsAt.getTime() - 24 * HOUR)));
    await page.getByRole('radio', { name: 'Alle tickethouders' }).click();
    await page.getByRole('textbox', { name: 'Eigen tekst' }).fill(CUSTOM_TEXT);
    // The live count: both ticket holders.
    await page.locator('[data-testid="message-count"][data-value="2"]').waitFor({ timeout: 30_000 });

    // The preview, for a real ticket holder: the custom text where the template has the marker.
    await until(
      'the preview with the custom text',
      async () =>
        (
          (await page
            .getByTestId('message-preview-html')
            .getAttribute('srcdoc')
            .catch(() => null)) ?? ''
        ).includes('de deuren gaan open'),
      30_000,
    );
    const holder = (await page.getByTestId('preview-holder').textContent()) ?? '';
    expect(HOLDERS.some((h) => holder.includes(h.uid))).toBe(true);
    expect(await page.getByTestId('message-preview-html').getAttribute('srcdoc')).not.toContain(CUSTOM_TEXT_MARKER);
    await shot('form-preview');

    // The test mail: to the signed-in admin by default.
    // The first click sometimes lands while the live preview re-renders the panel (it keeps the
    // focus in the text box and opens nothing): click until the dialog shows.
    await until(
      'the test dialog open',
      async () => {
        if (await page.getByRole('dialog').isVisible()) return true;
        await page.getByRole('button', { name: 'Testbericht versturen' }).click();
        return page
          .getByRole('dialog')
          .waitFor({ timeout: 2_000 })
          .then(() => true)
          .catch(() => false);
      },
      30_000,
    );
    await page.getByRole('button', { name: 'Verstuur test' }).click();
    await page.getByTestId('message-test-result').waitFor({ timeout: 30_000 });
    await until('the test mail', () => mailsTo(DEMO_ADMIN.email).length > 0, 30_000);
    const test = mailsTo(DEMO_ADMIN.email)[0]!.mail;
    expect(`${test.html || ''}${test.text || ''}`).toContain('de deuren gaan open');
    await shot('test-mail');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    // Saved: back on the event, the list says when and that it is planned.
    await page.getByTestId('message-save').click();
    await page.waitForURL(/\/plugins\/events\/e2e-evm-concert$/, { timeout: 30_000 });
    const messageRow = page.locator('[data-testid^="message-row-"]');
    await messageRow.first().waitFor({ timeout: 30_000 });
    expect(await messageRow.count()).toBe(1);
    await expect(messageRow.getByTestId('message-when').textContent()).resolves.toBe('1 dag vóór de start');
    await expect(messageRow.getByTestId('message-status').textContent()).resolves.toBe('gepland');
    messageId = Number((await messageRow.getAttribute('data-testid'))!.replace('message-row-', ''));
    const saved = (await admin.get(`/segmentation/events/${EVENT.key}/messages/${messageId}`)).body;
    expect(saved).toMatchObject({
      name: 'Herinnering dag ervoor',
      channel: 'email',
      template: templateId,
      timing: 'before',
      hours: 24,
      customText: CUSTOM_TEXT,
    });
    expect(Date.parse(saved.dueAt)).toBe(EVENT.startsAt.getTime() - 24 * HOUR);
    await shot('saved');
  }, 300_000);

  test('the clock reaches the due time: the message goes out, the history shows it sent', async () => {
    expect(messageId).toBeGreaterThan(0);
    const before = smtp.received.length;
    // Nothing goes out before its time: two more looks of the scheduler and no mail.
    const seen = getService(app.strapi, 'eventScheduler').looks;
    await until('two more looks of the scheduler', () => getService(app.strapi, 'eventScheduler').looks >= seen + 2, 30_000);
    expect(HOLDERS.flatMap((h) => mailsTo(h.email))).toEqual([]);

    setClock(new Date(EVENT.startsAt.getTime() - 24 * HOUR + 60_000));
    await until('the message sent', async () => (await admin.get(`/segmentation/events/${EVENT.key}/messages/${messageId}`)).body.status === 'sent', 180_000);
    await until('both mails', () => HOLDERS.every((h) => mailsTo(h.email).length === 1), 60_000);
    expect(smtp.received.length).toBeGreaterThanOrEqual(before + 2);
    for (const h of HOLDERS) {
      const mail = mailsTo(h.email)[0]!.mail;
      expect(mail.subject).toBe(`Morgen: ${h.firstName}, tot straks`);
      expect(`${mail.html || ''}${mail.text || ''}`).toContain('de deuren gaan open');
    }

    // The event page: sent, 2 of 2; the history: the timeline, the counts, each recipient.
    await page.goto(`${app.url}/admin/plugins/events/${EVENT.key}`);
    const row = page.getByTestId(`message-row-${messageId}`);
    await row
      .getByTestId('message-status')
      .filter({ hasText: /^verstuurd$/ })
      .waitFor({ timeout: 30_000 });
    await row
      .getByTestId('message-sent')
      .filter({ hasText: /^2 \/ 2$/ })
      .waitFor({ timeout: 30_000 });
    await row.getByRole('button', { name: 'Geschiedenis' }).click();
    await page.waitForURL(new RegExp(`/messages/${messageId}/history$`));
    await page.locator('[data-testid="history-count-sent"][data-value="2"]').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('message-status').textContent()).resolves.toBe('verstuurd');
    expect(await page.getByTestId('history-entry').count()).toBeGreaterThan(0);
    for (const h of HOLDERS) {
      const recipient = page.getByTestId(`history-recipient-${h.uid}`);
      await recipient.waitFor();
      await expect(recipient.textContent()).resolves.toContain(`${h.firstName} ${h.lastName}`);
      expect(['sent', 'delivered', 'opened']).toContain(await recipient.getByTestId('recipient-status').getAttribute('data-value'));
    }
    await shot('history');
  }, 300_000);
});
