/**
 * A mailing's report in a real browser (playwright-core driving Debian's Chromium) against the real
 * app with its built admin panel, the demo data and a test SMTP server: two mailings are sent to the
 * same three holders; opens and a click come in through the mails' own tracking links. The first
 * mailing's statistics list who opened (two, the one who opened twice in a row counted once),
 * searched by name; the clicked list shows who clicked the button (its link as the template has it); a pass number opens the holder's
 * page with its contact history; the second mailing is chosen beside the first and their figures
 * are side by side. Screenshots: test/e2e/artifacts/rpt-*.
 */
import type { Page } from 'playwright-core';
import type { TestApp } from '../helpers/strapi';
import type { TestSmtp } from '../helpers/smtp';
import { browserDescribe, login, screenshots, useBrowserApp } from '../helpers/e2e';
import { clientFor, waitForStatus, type AdminClient } from '../helpers/admin';
import { DEMO_ADMIN } from '../../src/plugins/segmentation/server/src/demo/seed';

const run = browserDescribe('the mailing report browser test');

const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
/** A postcode no demo holder has: the segment is exactly these holders. */
const POSTCODE = '9996';
const HOLDERS = [0, 1, 2].map((i) => ({
  uid: `e2e-rpt-${i}`,
  firstName: `Rapport${i}`,
  lastName: 'Lezer',
  email: `rpt${i}@ontvanger.test`,
  postcode: POSTCODE,
  consents: ['email'],
  cardSystems: ['uitpas-gent'],
}));
const TARGET = 'https://www.uitinvlaanderen.be/agenda';
const ndjson = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n');

run('a mailing report in the browser', () => {
  let app: TestApp & { url: string };
  let smtp: TestSmtp;
  let page: Page;
  let admin: AdminClient;
  const shot = screenshots('rpt-', () => page);
  const e2e = useBrowserApp({
    smtp: true,
    // The opens and the click come right after sending: a person's, not a prefetcher's.
    env: { PUBLIC_URL: 'http://tool.test', TRACK_MACHINE_SECONDS: '0' },
    viewport: { width: 1600, height: 1100 },
  });
  beforeAll(() => {
    ({ app, smtp, page } = e2e);
  });

  /** Sends a mailing of the template to the segment, over the admin API; its documentId once sent. */
  const sendMailing = async (name: string, segment: string, template: string) => {
    const created = await admin.post('/segmentation/campaigns', { name, segment, template, recentDays: 0 });
    expect(created.status).toBe(200);
    const documentId = created.body.documentId as string;
    expect((await admin.post(`/segmentation/campaigns/${documentId}/send`)).status).toBe(200);
    await waitForStatus(admin, documentId, 'sent', 60_000);
    return documentId;
  };
  /** The mail of a mailing to an address (its subject names the mailing's template; the campaign id is in its Message-ID). */
  const htmlOf = (email: string, nth: number) => String(smtp.received.filter((m) => m.envelopeTo.includes(email))[nth]!.mail.html);
  const open = async (html: string) => {
    const url = /http:\/\/tool\.test\/api\/segmentation\/t\/o\/[^"'\s<>]+/.exec(html)![0].replace(/&amp;/g, '&');
    expect((await fetch(`${app.url}${new URL(url).pathname}`, { headers: { 'User-Agent': BROWSER_UA } })).status).toBe(200);
  };
  const click = async (html: string) => {
    const button = [...html.matchAll(/http:\/\/tool\.test\/api\/segmentation\/t\/c\/([^"'\s<>.]+)\.[^"'\s<>]+/g)].find(
      (m) => JSON.parse(Buffer.from(m[1]!, 'base64url').toString('utf8')).u === TARGET,
    );
    expect(button).toBeTruthy();
    expect((await fetch(`${app.url}${new URL(button![0]).pathname}`, { headers: { 'User-Agent': BROWSER_UA }, redirect: 'manual' })).status).toBe(302);
  };

  test('who opened and clicked, searched, to the holder page, and a second mailing beside it', async () => {
    const imported = await app.api().post('/api/segmentation/import/pass-holders').set('Content-Type', 'application/x-ndjson').send(ndjson(HOLDERS));
    expect(imported.body.rejected).toEqual([]);
    const jwt = (await app.http.post('/admin/login').send({ email: DEMO_ADMIN.email, password: DEMO_ADMIN.password })).body.data.token as string;
    admin = clientFor(app, jwt);
    const senders = (await admin.get('/segmentation/senders')).body as { documentId: string; status: string }[];
    const template = await admin.post('/segmentation/templates', {
      name: 'E2E: rapport',
      subject: 'Dag {{ firstName }}',
      body: 'Hallo',
      buttonText: 'Agenda',
      buttonUrl: TARGET,
      sender: senders.find((s) => s.status === 'approved')!.documentId,
    });
    expect(template.status).toBe(200);
    const segment = await admin.post('/segmentation/segments', {
      name: 'E2E: postcode 9996',
      definition: { version: 1, groups: [{ filters: [{ type: 'postcode', postcodes: [POSTCODE] }] }] },
    });
    expect(segment.status).toBe(200);
    const april = await sendMailing('E2E: rapport april', segment.body.documentId, template.body.documentId);
    await sendMailing('E2E: rapport mei', segment.body.documentId, template.body.documentId);

    // April: holder 0 opens twice in a row (one open) and clicks the button, holder 1 opens. May: holder 2 opens.
    const [h0, h1, h2] = HOLDERS.map((h) => h.email);
    await open(htmlOf(h0!, 0));
    await open(htmlOf(h0!, 0));
    await click(htmlOf(h0!, 0));
    await open(htmlOf(h1!, 0));
    await open(htmlOf(h2!, 1));

    // April's statistics: who opened, then searched by name.
    await login(page, app.url);
    await page.goto(`${app.url}/admin/plugins/mailings/campaigns/${april}/stats`);
    const lists = page.getByTestId('people-lists');
    await lists.getByRole('tab', { name: 'Geopend (2)' }).waitFor({ timeout: 30_000 });
    await lists.getByTestId('person-e2e-rpt-0').waitFor({ timeout: 30_000 });
    await lists.getByTestId('person-e2e-rpt-1').waitFor();
    expect(await lists.getByTestId('person-e2e-rpt-2').count()).toBe(0);
    expect(await lists.getByTestId('person-e2e-rpt-0').locator('td').nth(3).textContent()).toBe('1'); // two hits, one open
    await shot('opened');
    await lists.getByPlaceholder('Zoek op UiTPAS-nummer, naam of e-mailadres').fill('rapport1');
    await lists.getByTestId('person-e2e-rpt-0').waitFor({ state: 'detached', timeout: 30_000 });
    await lists.getByTestId('person-e2e-rpt-1').waitFor();
    await shot('searched');

    // Who clicked: holder 0, with the button's link; on to the holder's page and its contact history.
    await lists.getByPlaceholder('Zoek op UiTPAS-nummer, naam of e-mailadres').fill('');
    await lists.getByRole('tab', { name: 'Geklikt (1)' }).click();
    const clicker = lists.getByTestId('person-e2e-rpt-0');
    await clicker.waitFor({ timeout: 30_000 });
    await clicker.getByText(TARGET, { exact: true }).waitFor();
    expect(await lists.getByTestId('person-e2e-rpt-1').count()).toBe(0);
    await shot('clicked');
    await clicker.getByRole('link', { name: 'e2e-rpt-0' }).click();
    await page.waitForURL(/\/holders\/e2e-rpt-0$/);
    await page.getByTestId('holder-name').filter({ hasText: 'Rapport0 Lezer' }).waitFor({ timeout: 30_000 });
    await page.getByTestId('history-row').filter({ hasText: 'E2E: rapport april' }).first().waitFor({ timeout: 30_000 });
    await shot('holder');

    // Back to April's statistics; May beside it.
    await page.goBack();
    await page.waitForURL(/\/stats$/);
    const compare = page.getByTestId('compare-mailings');
    await compare.getByRole('combobox', { name: 'Kies een mailing' }).click({ timeout: 30_000 });
    await page.getByRole('option', { name: 'E2E: rapport mei' }).click();
    await compare.getByTestId('compare-opened-b').waitFor({ timeout: 30_000 });
    const value = async (testId: string) => Number(await compare.getByTestId(testId).getAttribute('data-value'));
    expect([await value('compare-sent-a'), await value('compare-sent-b')]).toEqual([3, 3]);
    expect([await value('compare-opened-a'), await value('compare-opened-b')]).toEqual([2, 1]);
    expect([await value('compare-clicked-a'), await value('compare-clicked-b')]).toEqual([1, 0]);
    await expect(compare.getByTestId('compare-opened-a').textContent()).resolves.toBe('2 (66,67%)');
    await expect(compare.getByTestId('compare-opened-b').textContent()).resolves.toBe('1 (33,33%)');
    await compare.locator('th').filter({ hasText: 'E2E: rapport mei' }).waitFor();
    await compare.locator('th').filter({ hasText: 'E2E: rapport april' }).waitFor();
    await shot('compare');
  }, 300_000);
});
