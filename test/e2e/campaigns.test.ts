/**
 * End to end, in a real browser (playwright-core driving Debian's Chromium) against the real app with
 * its built admin panel, the demo data, the in-process sending worker and a real SMTP server: a small
 * segment and a template are made over the admin API; in the browser a mailing is created for them
 * (arriving as from the segment preview's "Mailing versturen"), sent after the confirmation (whose
 * numbers must equal the API's), followed on the progress bar until done; the SMTP server must have
 * exactly one mail per recipient; an open, a click and an unsubscribe from one mail show on the
 * statistics page; the per-person CSV is downloaded. A second, slow mailing to a larger segment
 * warns about the recent one, and is paused (the mails stop), resumed and cancelled.
 * Screenshots: test/e2e/artifacts/cmp-*.
 *
 * Without Chromium the test is skipped with a line saying so; REQUIRE_CHROMIUM=1 (CI) makes that a failure
 * (test/helpers/e2e.ts).
 */
import fs from 'fs';
import type { Page } from 'playwright-core';
import type { TestApp } from '../helpers/strapi';
import type { TestSmtp } from '../helpers/smtp';
import { browserDescribe, login, screenshots, useBrowserApp } from '../helpers/e2e';
import { settled as claimsSettled, workerPolled } from '../helpers/sending';
import { DEMO_ADMIN } from '../../src/plugins/segmentation/server/src/demo/seed';

const run = browserDescribe('the campaign browser test');

/** Postcodes no demo holder has: the segments are exactly these holders. */
const POSTCODE = '9999';
const POSTCODE_2 = '9998';
const holder = (i: number, extra: Record<string, unknown> = {}) => ({
  uid: `e2e-cmp-${i}`,
  firstName: `Naam${i}`,
  lastName: 'Mailing',
  email: `cmp${i}@mail.test`,
  postcode: POSTCODE,
  consents: ['email'],
  cardSystems: ['uitpas-gent'],
  ...extra,
});
const RECIPIENTS = Array.from({ length: 6 }, (_, i) => holder(i));
const HOLDERS = [
  ...RECIPIENTS,
  holder(6, { email: undefined }), // no e-mail address
  holder(7, { consents: [] }), // no consent
  holder(8, { email: 'CMP0@mail.test' }), // the same address as holder 0
];
/** Only in the second segment. */
const MORE = Array.from({ length: 30 }, (_, i) => holder(100 + i, { postcode: POSTCODE_2 }));
const ndjson = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n');
const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

run('campaigns in the browser', () => {
  let app: TestApp & { url: string };
  let smtp: TestSmtp;
  let page: Page;
  let jwt: string;
  let templateId: string;
  const shot = screenshots('cmp-', () => page);
  const admin = {
    get: (url: string) => app.http.get(url).set('Authorization', `Bearer ${jwt}`),
    post: (url: string, body: object) => app.http.post(url).set('Authorization', `Bearer ${jwt}`).send(body),
  };
  /** A field by its label (required fields add an asterisk to the accessible name). */
  const field = (label: string, role: 'textbox' | 'combobox' = 'textbox') => page.getByRole(role, { name: new RegExp(`^${label}\\s*\\*?$`) });
  const valueOf = async (testId: string) => Number(await page.getByTestId(testId).getAttribute('data-value'));
  const status = (text: string) =>
    page
      .getByTestId('campaign-status')
      .filter({ hasText: new RegExp(`^${text}$`) })
      .waitFor({ timeout: 30_000 });
  /** Mails of one campaign (by its numeric id) the SMTP server received. */
  const mailsOf = (campaignId: number) => smtp.received.filter((m) => m.mail.headers.get('x-uitpas-campaign') === String(campaignId));
  /** The number of mails of the campaign once none is claimed any more (a claimed mail is still finished after a pause or cancel). */
  const settled = async (campaignId: number) => {
    await claimsSettled(app, campaignId);
    return mailsOf(campaignId).length;
  };
  const fillForm = async (name: string, rate: number) => {
    await field('Naam').fill(name);
    await field('Template', 'combobox').click();
    await page.getByRole('option', { name: 'E2E: najaar' }).click();
    await field('Maximum mails per seconde \\(optioneel\\)').fill(String(rate));
  };

  const e2e = useBrowserApp({
    smtp: true,
    env: {
      PUBLIC_URL: 'http://tool.test',
      // Small batches: a pause stops the mails within a couple of seconds (a claimed batch is finished).
      SEND_BATCH: '2',
      // The open and click below come right after sending; they are a person's, not a prefetcher's.
      TRACK_MACHINE_SECONDS: '0',
    },
    viewport: { width: 1600, height: 1000 },
  });
  beforeAll(() => {
    ({ app, smtp, page } = e2e);
  });

  test('create a mailing from the segment, confirm, follow the progress, read the statistics, export', async () => {
    // A small segment and a template, over the admin API with the demo admin's JWT.
    const imported = await app.api().post('/api/segmentation/import/pass-holders').set('Content-Type', 'application/x-ndjson').send(ndjson(HOLDERS));
    expect(imported.body.rejected).toEqual([]);
    jwt = (await app.http.post('/admin/login').send({ email: DEMO_ADMIN.email, password: DEMO_ADMIN.password })).body.data.token;
    const senders = (await admin.get('/segmentation/senders')).body as { documentId: string; status: string }[];
    const sender = senders.find((s) => s.status === 'approved')!;
    const template = await admin.post('/segmentation/templates', {
      name: 'E2E: najaar',
      subject: 'Dag {{ firstName }}',
      preheader: 'Nieuws',
      body: 'Hallo {{ firstName }}, je hebt {{ points }} punten.',
      buttonText: 'Bekijk',
      buttonUrl: 'https://www.uitinvlaanderen.be/?uitpas={{ uid }}',
      senderName: 'UiTPAS Gent',
      sender: sender.documentId,
    });
    expect(template.status).toBe(200);
    templateId = template.body.documentId;
    const segment = await admin.post('/segmentation/segments', {
      name: 'E2E: postcode 9999',
      definition: { version: 1, groups: [{ filters: [{ type: 'postcode', postcodes: [POSTCODE] }] }] },
    });
    expect(segment.status).toBe(200);

    await login(page, app.url);

    // The list (with the demo's sent mailing).
    await page.goto(`${app.url}/admin/plugins/mailings`);
    await page.getByText('Zomerkampen 2026 — Gent').waitFor({ timeout: 60_000 });
    await shot('list');

    // A new mailing as the segment preview's "Mailing versturen" opens it: the segment is chosen.
    await page.goto(`${app.url}/admin/plugins/mailings/campaigns/new?segment=${segment.body.documentId}`);
    await page.waitForFunction(() => (document.querySelector('input[name="segment"]') as HTMLInputElement | null)?.value === 'E2E: postcode 9999', undefined, {
      timeout: 30_000,
    });
    await fillForm('E2E: najaarsmailing', 2); // slow enough to see the bar move
    await shot('new');
    await page.getByRole('button', { name: 'Bewaar', exact: true }).click();
    await page.waitForURL(/\/plugins\/mailings\/campaigns\/[a-z0-9]{10,}$/, { timeout: 30_000 });
    const documentId = page.url().split('/').pop()!;
    await status('ontwerp');

    // The confirmation: the same numbers as the API's, and "Verstuur" only after typing the count.
    await page.getByRole('button', { name: 'Mailing versturen' }).click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor({ timeout: 30_000 });
    const api = (await admin.get(`/segmentation/campaigns/${documentId}/confirmation`)).body;
    expect(api).toMatchObject({
      selected: HOLDERS.length,
      recipients: RECIPIENTS.length,
      holdout: 0,
      excluded: { noEmail: 1, noConsent: 1, unsubscribed: 0, bounced: 0, duplicate: 1 },
    });
    expect(await valueOf('confirm-selected')).toBe(api.selected);
    expect(await valueOf('confirm-recipients')).toBe(api.recipients);
    for (const [reason, n] of Object.entries(api.excluded)) expect(await valueOf(`confirm-excluded-${reason}`)).toBe(n);
    await expect(page.getByTestId('confirm-excluded-noConsent').textContent()).resolves.toContain('zonder toestemming voor e-mail');
    expect(await page.getByTestId('confirm-recent').count()).toBe(0); // nobody was mailed before
    await page.getByTestId('confirm-subject').filter({ hasText: 'Dag An' }).waitFor(); // as a sample holder reads it (issue 18)
    await expect(page.getByTestId('confirm-sender').textContent()).resolves.toContain('UiTPAS Gent <');
    const send = page.getByRole('button', { name: `Verstuur naar ${api.recipients}` });
    expect(await send.isDisabled()).toBe(true);
    const typed = page.getByRole('textbox', { name: /Typ het aantal ontvangers/ });
    await typed.fill(String(api.recipients + 1));
    expect(await send.isDisabled()).toBe(true);
    await typed.fill(String(api.recipients));
    await shot('confirmation');
    await send.click();

    // Live progress until done; every recipient exactly once at the SMTP server.
    const panel = page.getByTestId('progress-panel');
    await page.locator('[data-testid="progress-panel"]:not([data-done="0"])').waitFor({ timeout: 30_000 });
    await shot('sending');
    await page.locator('[data-testid="progress-panel"][data-status="sent"]').waitFor({ timeout: 60_000 });
    expect(await panel.getAttribute('data-done')).toBe(String(api.recipients));
    await expect(page.getByTestId('progress-sent').textContent()).resolves.toBe(`${api.recipients} van ${api.recipients} verstuurd`);
    await status('verstuurd');
    await shot('sent');
    const campaignId = (await admin.get(`/segmentation/campaigns/${documentId}`)).body.id as number;
    await workerPolled(app); // nothing more may arrive: the worker looked again and found nothing due
    expect(
      mailsOf(campaignId)
        .map((m) => m.envelopeTo.join(','))
        .sort(),
    ).toEqual(RECIPIENTS.map((h) => h.email.toLowerCase()).sort());
    expect(smtp.received).toHaveLength(RECIPIENTS.length);

    // A person opens one mail and clicks its button; another unsubscribes.
    const html = (email: string) => String(mailsOf(campaignId).find((m) => m.envelopeTo.includes(email))!.mail.html);
    const local = (pattern: RegExp, text: string) => `${app.url}${new URL(pattern.exec(text)![0].replace(/&amp;/g, '&')).pathname}`;
    const opened = await fetch(local(/http:\/\/tool\.test\/api\/segmentation\/t\/o\/[^"'\s<>]+/, html('cmp0@mail.test')), {
      headers: { 'User-Agent': BROWSER_UA },
    });
    expect(opened.status).toBe(200);
    // The button's link (the house style has other links): the click token carries the URL it redirects to.
    const target = 'https://www.uitinvlaanderen.be/?uitpas=e2e-cmp-0';
    const button = [...html('cmp0@mail.test').matchAll(/http:\/\/tool\.test\/api\/segmentation\/t\/c\/([^"'\s<>.]+)\.[^"'\s<>]+/g)].find(
      (m) => JSON.parse(Buffer.from(m[1]!, 'base64url').toString('utf8')).u === target,
    );
    expect(button).toBeTruthy();
    const clicked = await fetch(`${app.url}${new URL(button![0]).pathname}`, { headers: { 'User-Agent': BROWSER_UA }, redirect: 'manual' });
    expect(clicked.status).toBe(302);
    expect(clicked.headers.get('location')).toBe(target);
    const unsubscribed = await fetch(local(/http:\/\/tool\.test\/api\/segmentation\/unsubscribe\/[^"'\s<>]+/, html('cmp5@mail.test')), {
      method: 'POST',
      headers: { 'User-Agent': BROWSER_UA },
    });
    expect(unsubscribed.status).toBe(200);

    // Statistics: delivered = recipients, the open, the click (and its link), the unsubscribe; the CSV; conversion.
    await page.getByRole('button', { name: 'Statistieken' }).click();
    await page.waitForURL(/\/stats$/);
    await page.getByTestId('stat-delivered').waitFor({ timeout: 30_000 });
    expect(await valueOf('stat-sent')).toBe(api.recipients);
    expect(await valueOf('stat-sent-excluded')).toBe(3); // no address, no consent, duplicate
    expect(await valueOf('stat-delivered')).toBe(api.recipients);
    await expect(page.getByTestId('stat-delivered-pct').textContent()).resolves.toBe('100%');
    expect(await valueOf('stat-opened')).toBe(1);
    await expect(page.getByTestId('stat-opened-pct').textContent()).resolves.toBe('16,67%'); // 1 of 6 delivered
    expect(await valueOf('stat-clicked')).toBe(1);
    await expect(page.getByTestId('stat-clicked-pct').textContent()).resolves.toBe('100%'); // click-to-open
    await expect(page.getByTestId('stat-clicked-ctr').textContent()).resolves.toContain('16,67%'); // click-through
    expect(await valueOf('stat-unsubscribed')).toBe(1);
    await page.getByRole('row').filter({ hasText: 'https://www.uitinvlaanderen.be/?uitpas={{ uid }}' }).waitFor(); // the link as written in the template, no holder's UID
    await page.getByTestId('timeline-chart').waitFor();
    await page.getByRole('button', { name: 'Bereken' }).click();
    await page.getByTestId('conversion-recipients').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('conversion-recipients').getAttribute('data-rate')).toBe('0');
    await shot('stats');
    // As CSV for Excel (chosen in the download's menu): ;, Dutch headers, statuses in words (issue 18).
    await page.getByTestId('people-download').getByRole('button', { name: 'Formaat' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /CSV voor Excel/ }).click()]);
    const csv = fs
      .readFileSync((await download.path())!, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(csv[0]).toBe('UiTPAS-nummer (UID);Voornaam;Achternaam;E-mailadres;Status;Verstuurd op;Geopend (aantal keer);Geklikt (aantal keer);Uitgeschreven');
    const rows = csv.slice(1).map((l) => l.split(';'));
    expect(rows.map((r) => r[0]).sort()).toEqual(RECIPIENTS.map((h) => h.uid).sort());
    expect(rows.find((r) => r[0] === 'e2e-cmp-0')!.slice(4)).toEqual(['verstuurd', expect.any(String), '1', '1', 'nee']);
    expect(rows.find((r) => r[0] === 'e2e-cmp-5')![8]).toBe('ja');

    // Back in the list: sent, with sent / total.
    await page.goto(`${app.url}/admin/plugins/mailings/campaigns`);
    const row = page.getByTestId(`campaign-row-${documentId}`);
    await row.getByText(`${api.recipients} / ${api.recipients}`).waitFor({ timeout: 30_000 });
    await expect(row.getByTestId('campaign-status').textContent()).resolves.toBe('verstuurd');
    await shot('list-after');

    // The demo's sent mailing: its figures as the API gives them, and the chart over time.
    const demo = ((await admin.get('/segmentation/campaigns')).body.results as { documentId: string; name: string }[]).find(
      (c) => c.name === 'Zomerkampen 2026 — Gent',
    )!;
    const figures = (await admin.get(`/segmentation/campaigns/${demo.documentId}/stats`)).body;
    await page.goto(`${app.url}/admin/plugins/mailings/campaigns/${demo.documentId}/stats`);
    await page.getByTestId('timeline-chart').waitFor({ timeout: 30_000 });
    for (const key of ['sent', 'delivered', 'blocked', 'bounced', 'opened', 'clicked', 'unsubscribed', 'spam'])
      expect(await valueOf(`stat-${key}`)).toBe(key === 'sent' ? figures.sent : figures[key].n);
    expect(await valueOf('stat-opened-machine')).toBe(figures.opened.machine);
    expect(await valueOf('stat-bounced-hard')).toBe(figures.bounced.hard);
    expect(await valueOf('stat-bounced-soft')).toBe(figures.bounced.soft);
    expect(figures.opened.n).toBeGreaterThan(0);
    await shot('demo-stats');
  }, 300_000);

  test('a second mailing warns about the recent one; pause stops the mails, resume and cancel follow the status', async () => {
    const imported = await app.api().post('/api/segmentation/import/pass-holders').set('Content-Type', 'application/x-ndjson').send(ndjson(MORE));
    expect(imported.body.rejected).toEqual([]);
    const segment = await admin.post('/segmentation/segments', {
      name: 'E2E: postcodes 9998-9999',
      definition: { version: 1, groups: [{ filters: [{ type: 'postcode', postcodes: [POSTCODE, POSTCODE_2] }] }] },
    });
    expect(segment.status).toBe(200);
    expect(templateId).toBeTruthy();

    // A new mailing sent straight away: "Mailing versturen" saves it first, then asks.
    await page.goto(`${app.url}/admin/plugins/mailings/campaigns/new?segment=${segment.body.documentId}`);
    await page.waitForFunction(
      () => (document.querySelector('input[name="segment"]') as HTMLInputElement | null)?.value === 'E2E: postcodes 9998-9999',
      undefined,
      { timeout: 30_000 },
    );
    await fillForm('E2E: traag', 1);
    await page.getByRole('button', { name: 'Mailing versturen' }).click();
    await page.getByTestId('confirm-dialog').waitFor({ timeout: 30_000 });
    await page.waitForURL(/\/plugins\/mailings\/campaigns\/[a-z0-9]{10,}$/);
    const documentId = page.url().split('/').pop()!;
    const api = (await admin.get(`/segmentation/campaigns/${documentId}/confirmation`)).body;
    // cmp5 unsubscribed in the first test; the five others got that mailing.
    expect(api).toMatchObject({
      selected: HOLDERS.length + MORE.length,
      recipients: RECIPIENTS.length - 1 + MORE.length,
      excluded: { noEmail: 1, noConsent: 1, unsubscribed: 1, duplicate: 1 },
      recentlyMailed: { days: 21, holders: 5 },
    });
    const n = await valueOf('confirm-recipients');
    expect(n).toBe(api.recipients);
    expect(await valueOf('confirm-excluded-unsubscribed')).toBe(1);
    await expect(page.getByTestId('confirm-recent').textContent()).resolves.toContain('5 ontvangers kregen in de laatste 21 dagen al een andere mailing');
    await expect(page.getByTestId('confirm-sender').textContent()).resolves.toContain('UiTPAS Gent <nieuws@uitpas-gent.local>');
    await shot('recent-warning');
    await page.getByRole('textbox', { name: /Typ het aantal ontvangers/ }).fill(String(n));
    await page.getByRole('button', { name: `Verstuur naar ${n}` }).click();
    await status('wordt verstuurd');
    const campaignId = (await admin.get(`/segmentation/campaigns/${documentId}`)).body.id as number;
    await page.locator('[data-testid="progress-panel"]:not([data-done="0"])').waitFor({ timeout: 30_000 });
    await page.getByTestId('progress-rate').waitFor({ timeout: 30_000 }); // the rate and the time left
    await shot('slow-sending');

    // Pause: the mails stop (after the claimed batch) and the bar shows where it stopped.
    await page.getByRole('button', { name: 'Pauzeer' }).click();
    await status('gepauzeerd');
    const atPause = await settled(campaignId);
    expect(atPause).toBeLessThan(n);
    await page.locator(`[data-testid="progress-panel"][data-status="paused"][data-done="${atPause}"]`).waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('progress-sent').textContent()).resolves.toBe(`${atPause} van ${n} verstuurd`);
    await shot('paused');
    await workerPolled(app);
    expect(mailsOf(campaignId)).toHaveLength(atPause);

    // Resume: the mails go on.
    await page.getByRole('button', { name: 'Hervat' }).click();
    await status('wordt verstuurd');
    await page.locator(`[data-testid="progress-panel"][data-status="sending"]:not([data-done="${atPause}"])`).waitFor({ timeout: 30_000 });
    expect(mailsOf(campaignId).length).toBeGreaterThan(atPause);

    // Cancel (after confirming): no actions are left, the rest is never sent, nobody got two.
    await page.getByRole('button', { name: 'Annuleer' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Ja, annuleer de mailing' }).click();
    await status('geannuleerd');
    expect(await page.getByRole('button', { name: /Pauzeer|Hervat|Annuleer|Mailing versturen/ }).count()).toBe(0);
    const atCancel = await settled(campaignId);
    expect(atCancel).toBeLessThan(n);
    const to = mailsOf(campaignId).map((m) => m.envelopeTo.join(','));
    expect(new Set(to).size).toBe(to.length);
    const progress = (await admin.get(`/segmentation/campaigns/${documentId}/progress`)).body;
    expect(progress).toMatchObject({ status: 'cancelled', sent: atCancel, queued: 0 });
    await page.locator(`[data-testid="progress-panel"][data-status="cancelled"][data-done="${atCancel}"]`).waitFor({ timeout: 30_000 });
    // The panel may still show a poll from while the last claimed mails were being put aside: its next one is settled.
    await page
      .getByTestId('progress-cancelled')
      .filter({ hasText: new RegExp(`^${n - atCancel} niet verstuurd \\(geannuleerd\\)$`) })
      .waitFor({ timeout: 30_000 });
    await shot('cancelled');
  }, 120_000);
});
