/**
 * The Bounces page in a real browser (playwright-core driving Debian's Chromium) against the real app
 * with its built admin panel, the demo data, a test SMTP server and the app's bounce SMTP listener:
 * a mailing is sent; the Bounces page of that mailing is open and empty; a hard bounce (a Postfix DSN
 * from test/fixtures/bounces) comes back over SMTP for one recipient while the page is open and shows
 * up (the page refreshes itself); the message opens with its raw text; the mailing's statistics count
 * it (Bounced 1, hard 1) and link back to its bounces; the super admin lifts the suppression with a
 * reason (too short first: the server's message at the field) and the badge turns to "nee".
 * Screenshots: test/e2e/artifacts/bnc-*.
 */
import fs from 'fs';
import path from 'path';
import nodemailer from 'nodemailer';
import type { Page } from 'playwright-core';
import type { TestApp } from '../helpers/strapi';
import type { TestSmtp } from '../helpers/smtp';
import { browserDescribe, login, screenshots, useBrowserApp } from '../helpers/e2e';
import { clientFor, waitForStatus, type AdminClient } from '../helpers/admin';
import { freePort } from '../helpers/net';
import { DEMO_ADMIN } from '../../src/plugins/segmentation/server/src/demo/seed';

const run = browserDescribe('the bounces browser test');

const DOMAIN = 'bounce.uitpas.test';
const SAMPLE = path.join(__dirname, '..', 'fixtures', 'bounces', 'postfix-hard.eml');
const SAMPLE_VERP = 'bounces+2s-k5xq7m2ha4c3vdw6@bounce.uitpas.test';
/** A postcode no demo holder has: the segment is exactly these holders. */
const POSTCODE = '9997';
const HOLDERS = [0, 1, 2].map((i) => ({
  uid: `e2e-bnc-${i}`,
  firstName: `Bounce${i}`,
  lastName: 'Mailing',
  email: `bnc${i}@ontvanger.test`,
  postcode: POSTCODE,
  consents: ['email'],
  cardSystems: ['uitpas-gent'],
}));
const BOUNCED = HOLDERS[1]!.email;
const ndjson = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n');

run('bounces in the browser', () => {
  let app: TestApp & { url: string };
  let smtp: TestSmtp;
  let page: Page;
  let admin: AdminClient;
  const shot = screenshots('bnc-', () => page);
  // The listener's port is chosen before the app starts (this beforeAll runs before useBrowserApp's).
  const env: Record<string, string> = { BOUNCE_DOMAIN: DOMAIN, BOUNCE_SMTP_HOST: '127.0.0.1' };
  beforeAll(async () => {
    env.BOUNCE_SMTP_PORT = String(await freePort());
  });
  const e2e = useBrowserApp({ smtp: true, env, viewport: { width: 1600, height: 1000 } });
  beforeAll(() => {
    ({ app, smtp, page } = e2e);
  });

  test('a hard bounce shows up on the open page, opens with its raw text, counts on the statistics, and is lifted', async () => {
    // A mailing to three holders, over the admin API with the demo admin's (super admin) JWT.
    const imported = await app.api().post('/api/segmentation/import/pass-holders').set('Content-Type', 'application/x-ndjson').send(ndjson(HOLDERS));
    expect(imported.body.rejected).toEqual([]);
    const jwt = (await app.http.post('/admin/login').send({ email: DEMO_ADMIN.email, password: DEMO_ADMIN.password })).body.data.token as string;
    admin = clientFor(app, jwt);
    const senders = (await admin.get('/segmentation/senders')).body as { documentId: string; status: string }[];
    const sender = senders.find((s) => s.status === 'approved')!;
    const template = await admin.post('/segmentation/templates', {
      name: 'E2E: bounces',
      subject: 'Dag {{ firstName }}',
      body: 'Hallo',
      sender: sender.documentId,
    });
    expect(template.status).toBe(200);
    const segment = await admin.post('/segmentation/segments', {
      name: 'E2E: postcode 9997',
      definition: { version: 1, groups: [{ filters: [{ type: 'postcode', postcodes: [POSTCODE] }] }] },
    });
    expect(segment.status).toBe(200);
    const created = await admin.post('/segmentation/campaigns', {
      name: 'E2E: bouncemailing',
      segment: segment.body.documentId,
      template: template.body.documentId,
      recentDays: 0,
    });
    expect(created.status).toBe(200);
    const documentId = created.body.documentId as string;
    expect((await admin.post(`/segmentation/campaigns/${documentId}/send`)).status).toBe(200);
    await waitForStatus(admin, documentId, 'sent', 60_000);
    const mail = smtp.received.find((m) => m.envelopeTo.includes(BOUNCED));
    expect(mail).toBeTruthy();
    const returnPath = mail!.envelopeFrom;
    expect(returnPath).toMatch(/^bounces\+.+@bounce\.uitpas\.test$/);

    // The Bounces page (through the Mailings sub-navigation), then filtered by the mailing: nothing came back yet.
    await login(page, app.url);
    await page.goto(`${app.url}/admin/plugins/mailings/campaigns`);
    await page.getByRole('navigation', { name: /./ }).getByRole('button', { name: 'Bounces' }).click();
    await page.waitForURL(/\/plugins\/mailings\/bounces/);
    await page.getByRole('heading', { name: 'Teruggekomen mails' }).waitFor({ timeout: 30_000 });
    await page.getByRole('combobox', { name: 'Mailing' }).click();
    await page.getByRole('option', { name: 'E2E: bouncemailing' }).click();
    await page.waitForURL((u) => u.searchParams.get('campaign') === documentId);
    await page.getByTestId('bounces-empty').waitFor({ timeout: 30_000 });
    await shot('empty');

    // A hard bounce for one recipient comes back over SMTP while the page is open; the page refreshes by itself.
    const raw = fs
      .readFileSync(SAMPLE, 'utf8')
      .replaceAll(SAMPLE_VERP, returnPath)
      .replace(/an\.peeters@example\.be/g, BOUNCED);
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: Number(env.BOUNCE_SMTP_PORT), secure: false, ignoreTLS: true });
    await transport.sendMail({ envelope: { from: 'mailer-daemon@mx.example.be', to: [returnPath] }, raw });
    const row = page.getByRole('row').filter({ hasText: BOUNCED });
    await row.waitFor({ timeout: 30_000 });
    await row.getByText('harde bounce', { exact: true }).waitFor();
    await row.getByText('5.1.1', { exact: true }).waitFor();
    await row.getByText('SMTP', { exact: true }).waitFor();
    await row.getByRole('link', { name: 'E2E: bouncemailing' }).waitFor();
    await expect(row.getByTestId('suppressed-badge').textContent()).resolves.toBe('ja');
    expect(await page.getByRole('row').count()).toBe(2); // the header and this one
    await shot('bounce');

    // The message with its raw text.
    await row.getByRole('button', { name: BOUNCED }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('bounce-raw').waitFor({ timeout: 30_000 });
    await expect(dialog.getByTestId('bounce-raw').textContent()).resolves.toContain('User unknown');
    await dialog.getByText('Undelivered Mail Returned to Sender', { exact: true }).waitFor();
    await shot('detail');
    await dialog.getByRole('button', { name: 'Sluiten', exact: true }).last().click();
    await dialog.waitFor({ state: 'hidden' });

    // The mailing's statistics count it, and link back to its bounces.
    await row.getByRole('link', { name: 'E2E: bouncemailing' }).click();
    await page.waitForURL(/\/stats$/);
    await page.getByTestId('stat-bounced').waitFor({ timeout: 30_000 });
    expect(Number(await page.getByTestId('stat-bounced').getAttribute('data-value'))).toBe(1);
    expect(Number(await page.getByTestId('stat-bounced-hard').getAttribute('data-value'))).toBe(1);
    await shot('stats');
    await page.getByRole('link', { name: 'Bounces van deze mailing' }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/plugins/mailings/bounces') && u.searchParams.get('campaign') === documentId);

    // The super admin lifts the suppression: a reason is required, the server's refusal shows at the field.
    const again = page.getByRole('row').filter({ hasText: BOUNCED });
    await again.waitFor({ timeout: 30_000 });
    await again.getByRole('button', { name: BOUNCED }).click();
    await dialog.getByTestId('bounce-raw').waitFor({ timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Blokkering opheffen' }).click();
    await dialog.getByRole('button', { name: 'Opheffen' }).click();
    await dialog.getByText('Geef een reden').waitFor();
    const reason = dialog.getByRole('textbox', { name: /^Reden/ });
    await reason.fill('fout');
    await dialog.getByRole('button', { name: 'Opheffen' }).click();
    await dialog.getByText(/at least 5 characters/).waitFor({ timeout: 30_000 });
    await shot('refused');
    await reason.fill('De houder heeft het adres hersteld');
    await dialog.getByRole('button', { name: 'Opheffen' }).click();
    await dialog.getByTestId('suppressed-badge').filter({ hasText: /^nee$/ }).waitFor({ timeout: 30_000 });
    expect(await dialog.getByRole('button', { name: 'Blokkering opheffen' }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Sluiten', exact: true }).last().click();
    await again.getByTestId('suppressed-badge').filter({ hasText: /^nee$/ }).waitFor({ timeout: 30_000 });
    await shot('lifted');
    const suppressions = await app.strapi.db.connection('seg_suppressions').where({ email: BOUNCED });
    expect(suppressions).toEqual([]);
  }, 300_000);
});
