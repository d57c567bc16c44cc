/**
 * The mailing pages as a partner employee meets them (issue 18), in a real browser against the
 * real app (demo data, sending worker, test SMTP server):
 * - the new-mailing form preselects the template given as ?template= (and the segment), and shows
 *   the subject as a sample holder reads it, not its Liquid code;
 * - leaving the form with unsaved changes (Terug, the main menu) asks first; staying keeps the changes;
 * - the send confirmation warns about recently mailed recipients, and one click on "Laat hen weg"
 *   leaves them out: the counts update, the choice is stored on the mailing, the send skips them;
 * - a sent mailing shows read-only with the reason; a Viewer sees why each disabled action is
 *   disabled (the per-person download of the statistics, "Mailing versturen");
 * - the per-person download comes as Excel, or as CSV with ; and Dutch headers from its menu, and
 *   the choice is remembered.
 * Screenshots: test/e2e/artifacts/cux-*.
 */
import fs from 'fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestApp } from '../helpers/strapi';
import { browserDescribe, login, screenshots, useBrowserApp, createStaff, createDemoTemplate } from '../helpers/e2e';
import { DEMO_ADMIN } from '../../src/plugins/segmentation/server/src/demo/seed';

const run = browserDescribe('the mailing UX browser test');

const POSTCODE = '9997';
const POSTCODE_2 = '9996';
const holder = (i: number, postcode: string) => ({
  uid: `e2e-cux-${i}`,
  firstName: `Naam${i}`,
  lastName: 'Ux',
  email: `cux${i}@mail.test`,
  postcode,
  consents: ['email'],
  cardSystems: ['uitpas-gent'],
});
/** Two holders mailed first (in 9997), three more in 9996: the second mailing's segment holds all five. */
const FIRST = [holder(0, POSTCODE), holder(1, POSTCODE)];
const MORE = [holder(2, POSTCODE_2), holder(3, POSTCODE_2), holder(4, POSTCODE_2)];
const ndjson = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n');
const PASSWORD = 'Viewer-Passw0rd!';
const VIEWER = 'kijker@ux.test';

run('mailing pages: leave recent recipients out, subjects as read, unsaved changes, read-only', () => {
  let app: TestApp & { url: string };
  let browser: Browser;
  let page: Page;
  let context: BrowserContext | null = null;
  let jwt: string;
  const shot = screenshots('cux-', () => page);
  const admin = {
    get: (url: string) => app.http.get(url).set('Authorization', `Bearer ${jwt}`),
    post: (url: string, body: object) => app.http.post(url).set('Authorization', `Bearer ${jwt}`).send(body),
  };
  const valueOf = async (testId: string) => Number(await page.getByTestId(testId).getAttribute('data-value'));
  const waitValue = (testId: string, n: number) => page.locator(`[data-testid="${testId}"][data-value="${n}"]`).waitFor({ timeout: 30_000 });
  const status = (text: string) =>
    page
      .getByTestId('campaign-status')
      .filter({ hasText: new RegExp(`^${text}$`) })
      .waitFor({ timeout: 60_000 });
  const waitSent = async (documentId: string) => {
    for (let i = 0; i < 300; i += 1) {
      if ((await admin.get(`/segmentation/campaigns/${documentId}`)).body.status === 'sent') return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`campaign ${documentId} not sent`);
  };

  const e2e = useBrowserApp({ smtp: true, env: { PUBLIC_URL: 'http://tool.test' }, viewport: { width: 1600, height: 1000 } });
  beforeAll(() => {
    ({ app, page, browser } = e2e);
  });
  afterAll(async () => {
    await context?.close();
  });

  let templateId: string;
  let mailingId: string;
  let segmentId: string;

  test('a new mailing from a template: preselected, subject as read, unsaved changes ask, "Laat hen weg" leaves the recent ones out', async () => {
    const imported = await app
      .api()
      .post('/api/segmentation/import/pass-holders')
      .set('Content-Type', 'application/x-ndjson')
      .send(ndjson([...FIRST, ...MORE]));
    expect(imported.body.rejected).toEqual([]);
    jwt = (await app.http.post('/admin/login').send({ email: DEMO_ADMIN.email, password: DEMO_ADMIN.password })).body.data.token;
    templateId = await createDemoTemplate(admin, {
      name: 'E2E: ux',
      subject: 'Dag {{ firstName }}, je hebt {{ points }} punten',
      preheader: 'Nieuws',
      body: 'Hallo {{ firstName }}.',
    });
    const first = await admin.post('/segmentation/segments', {
      name: 'E2E: ux 9997',
      definition: { version: 1, groups: [{ filters: [{ type: 'postcode', postcodes: [POSTCODE] }] }] },
    });
    const both = await admin.post('/segmentation/segments', {
      name: 'E2E: ux 9996-9997',
      definition: { version: 1, groups: [{ filters: [{ type: 'postcode', postcodes: [POSTCODE, POSTCODE_2] }] }] },
    });
    segmentId = both.body.documentId;
    // A first mailing to two of them, sent over the API.
    const earlier = await admin.post('/segmentation/campaigns', { name: 'E2E: ux eerder', segment: first.body.documentId, template: templateId });
    expect((await admin.post(`/segmentation/campaigns/${earlier.body.documentId}/send`, {})).body.status).toBe('sending');
    await waitSent(earlier.body.documentId);

    await login(page, app.url);
    // As the template page's "Mailing versturen" opens it: the template (and here the segment) chosen.
    await page.goto(`${app.url}/admin/plugins/mailings/campaigns/new?template=${templateId}&segment=${both.body.documentId}`);
    await page.waitForFunction(() => (document.querySelector('input[name="template"]') as HTMLInputElement | null)?.value === 'E2E: ux', undefined, {
      timeout: 60_000,
    });
    // The subject as a sample holder reads it, not the code.
    await page.getByText('Onderwerp: Dag An, je hebt 12 punten').waitFor({ timeout: 30_000 });
    expect(await page.getByText('{{ firstName }}').count()).toBe(0);

    // Unsaved changes: "Terug" asks; staying keeps what was typed.
    await page.getByRole('textbox', { name: /^Naam/ }).fill('E2E: ux tweede');
    await page.getByRole('link', { name: 'Terug' }).click();
    const dialog = page.getByTestId('unsaved-dialog');
    await dialog.waitFor({ timeout: 10_000 });
    await expect(dialog.textContent()).resolves.toContain('zonder te bewaren');
    await shot('unsaved');
    await page.getByRole('button', { name: 'Blijf hier' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(page.url()).toContain('/campaigns/new');
    expect(await page.getByRole('textbox', { name: /^Naam/ }).inputValue()).toBe('E2E: ux tweede');
    // Leaving through the main menu asks too; staying keeps the changes.
    await page
      .getByRole('navigation')
      .first()
      .getByRole('link', { name: /^Segmentatie/ })
      .first()
      .click();
    await dialog.waitFor({ timeout: 10_000 });
    await expect(dialog.textContent()).resolves.toContain('zonder te bewaren');
    await page.getByRole('button', { name: 'Blijf hier' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(page.url()).toContain('/campaigns/new');
    expect(await page.getByRole('textbox', { name: /^Naam/ }).inputValue()).toBe('E2E: ux tweede');
    // Closing or reloading the tab: the page asks the browser to ask (a cancelled beforeunload).
    const asksOnUnload = () =>
      page.evaluate(() => {
        const event = new Event('beforeunload', { cancelable: true });
        window.dispatchEvent(event);
        return event.defaultPrevented;
      });
    expect(await asksOnUnload()).toBe(true);

    // "Mailing versturen" saves (no question: nothing is lost) and opens the confirmation.
    await page.getByRole('button', { name: 'Mailing versturen' }).click();
    await page.getByTestId('confirm-dialog').waitFor({ timeout: 30_000 });
    await page.waitForURL(/\/plugins\/mailings\/campaigns\/[a-z0-9]{10,}$/);
    mailingId = page.url().split('/').pop()!;
    await page.getByTestId('confirm-subject').filter({ hasText: 'Dag An, je hebt 12 punten' }).waitFor({ timeout: 30_000 });
    expect(await asksOnUnload()).toBe(false); // saved: nothing to lose
    expect(await page.getByTestId('confirm-subject').textContent()).not.toContain('{{');
    expect(await valueOf('confirm-recipients')).toBe(5);
    await expect(page.getByTestId('confirm-recent').textContent()).resolves.toContain('2 ontvangers kregen in de laatste 21 dagen al een andere mailing');
    await shot('recent');

    // One click: the two are left out, the counts update, the choice is stored.
    await page.getByRole('button', { name: 'Laat hen weg' }).click();
    await waitValue('confirm-recipients', 3);
    expect(await valueOf('confirm-excluded-recentlyMailed')).toBe(2);
    await expect(page.getByTestId('confirm-recent-left-out').textContent()).resolves.toContain('2 pashouders');
    expect((await admin.get(`/segmentation/campaigns/${mailingId}`)).body.excludeRecentlyMailed).toBe(true);
    await shot('left-out');
    await page.getByRole('textbox', { name: /Typ het aantal ontvangers/ }).fill('3');
    await page.getByRole('button', { name: 'Verstuur naar 3' }).click();
    await status('verstuurd');
    const c = (await admin.get(`/segmentation/campaigns/${mailingId}`)).body;
    const uids = (await app.strapi.db.connection('seg_deliveries').where({ campaign_id: c.id }).select('uid')).map((r: { uid: string }) => r.uid);
    expect(uids.sort()).toEqual(MORE.map((h) => h.uid));

    // Sent: read-only, saying why.
    await expect(page.getByTestId('campaign-readonly').textContent()).resolves.toContain('verstuurd en kan niet meer gewijzigd worden');
    await expect(page.getByTestId('campaign-left-out').textContent()).resolves.toContain('worden weggelaten'); // the stored choice, on the page
    await shot('sent-read-only');

    // The per-person results: Excel by default; CSV (;, BOM, Dutch headers) from the menu, remembered.
    await page.goto(`${app.url}/admin/plugins/mailings/campaigns/${mailingId}/stats`);
    const people = page.getByTestId('people-download');
    await people.waitFor({ timeout: 60_000 });
    expect(await people.getAttribute('data-format')).toBe('xlsx');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download per persoon (Excel)' }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(
      fs
        .readFileSync((await xlsx.path())!)
        .subarray(0, 2)
        .toString('latin1'),
    ).toBe('PK'); // a zip: an XLSX workbook
    await people.getByRole('button', { name: 'Formaat' }).click();
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /CSV voor Excel/ }).click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const text = fs.readFileSync((await csv.path())!, 'utf8');
    expect(text.startsWith('\uFEFFUiTPAS-nummer (UID);Voornaam;Achternaam;E-mailadres;Status;Verstuurd op;')).toBe(true);
    expect(text).toContain('e2e-cux-2;Naam2;Ux;cux2@mail.test;verstuurd;');
    await page.reload();
    await page.locator('[data-testid="people-download"][data-format="csv"]').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Download per persoon (CSV)' }).waitFor();
    await shot('downloads');
  }, 300_000);

  test('a Viewer sees the mailing read-only and why each action is disabled', async () => {
    await createStaff(app, {
      email: VIEWER,
      password: PASSWORD,
      role: 'segmentation-viewer',
      cardSystems: ['uitpas-gent'],
      firstname: 'Kim',
      lastname: 'Kijker',
    });
    context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    page = await context.newPage();
    await login(page, app.url, { email: VIEWER, password: PASSWORD });

    // A draft: read-only because of the role, and the disabled actions say why.
    // Mailings of Gent (the Viewer's partner): a new draft, and the one sent above filed under Gent.
    const draft = await admin.post('/segmentation/campaigns', { name: 'E2E: ux ontwerp', segment: segmentId, template: templateId, cardSystem: 'uitpas-gent' });
    expect(draft.body.cardSystem).toBe('uitpas-gent');
    const sent = mailingId;
    await app.strapi.db.query('plugin::segmentation.campaign' as any).update({ where: { documentId: sent }, data: { cardSystem: 'uitpas-gent' } });
    await page.goto(`${app.url}/admin/plugins/mailings/campaigns/${draft.body.documentId}`);
    await expect(page.getByTestId('campaign-readonly').textContent({ timeout: 60_000 })).resolves.toContain('je rol mag geen mailings wijzigen');
    await page.getByText('Onderwerp: Dag An, je hebt 12 punten').waitFor({ timeout: 30_000 }); // the mailing's subject, as read
    const reasons = await page.getByTestId('disabled-reason').evaluateAll((els) => els.map((e) => e.getAttribute('data-reason')));
    expect(reasons).toEqual(expect.arrayContaining(['Je rol mag geen mailings wijzigen.', 'Je rol mag geen mailings versturen.']));
    await page.getByTestId('disabled-reason').filter({ hasText: 'Mailing versturen' }).hover();
    await page.getByRole('tooltip').filter({ hasText: 'Je rol mag geen mailings versturen.' }).first().waitFor({ timeout: 10_000 });
    await shot('viewer-draft');

    // The statistics: the per-person download is disabled, and says why.
    await page.goto(`${app.url}/admin/plugins/mailings/campaigns/${sent}/stats`);
    const download = page.getByTestId('disabled-reason').filter({ hasText: 'Download per persoon' });
    await download.waitFor({ timeout: 60_000 });
    await expect(download.getAttribute('data-reason')).resolves.toContain('persoonsgegevens');
    await download.hover();
    await page.getByRole('tooltip').filter({ hasText: 'persoonsgegevens' }).first().waitFor({ timeout: 10_000 });
    await shot('viewer-stats');
  }, 120_000);
});
