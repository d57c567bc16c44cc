/**
 * End to end, in a real browser (playwright-core driving Debian's Chromium) against the real app with
 * its built admin panel and the demo data — issue 7, each partner sees and mails only its own pass
 * holders:
 * - a Partner manager linked to UiTPAS Leuven builds a segment (the card system shown as text), sees
 *   the live count and the preview list of Leuven's holders only (checked against the API and the
 *   database) and exports it (the button names the rows; a second export is over the rate limit and
 *   says so); the super admin's Gent segment is not in the list and its address says "not found";
 * - an Editor (linked to Gent) sees the templates and the template editor, and no export or send buttons;
 * - a Viewer sees the counts of Gent's segment but no list of holders, and no create, edit or export;
 * - the super admin sees both users on Settings → UiTPAS → Partners, links the Editor to one more
 *   card system there, and finds the export and the link in the Auditlog.
 * Screenshots of each step: test/e2e/artifacts/partners-*.
 *
 * Without Chromium the test is skipped with a line saying so; REQUIRE_CHROMIUM=1 (CI) makes that a failure
 * (test/helpers/e2e.ts).
 */
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestApp } from '../helpers/strapi';
import { clientFor, login as apiLogin, superAdminClient, type AdminClient } from '../helpers/admin';
import { browserDescribe, login, screenshots, useBrowserApp } from '../helpers/e2e';

const run = browserDescribe('the partners browser test');
const PASSWORD = 'Partner-Passw0rd!';
const MANAGER = 'leuven@partners.test';
const EDITOR = 'redactie@partners.test';
const VIEWER = 'kijker@partners.test';
/** CHECKIN at least twice: many holders in every card system. */
const DEFINITION = { version: 1, groups: [{ filters: [{ type: 'action', action: 'CHECKIN', count: { op: '>=', value: 2 } }] }] };

run('partners in the browser', () => {
  let app: TestApp & { url: string };
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: AdminClient;
  let manager: AdminClient;
  let gentSegment: string;
  let exported = 0;
  const shot = screenshots('partners-', () => page);

  /** An admin user with a role (by code), linked to card systems, speaking Dutch; its API client. */
  const createUser = async (email: string, role: string, cardSystems: string[]): Promise<AdminClient> => {
    const found = await (app.strapi.service('admin::role') as any).findOne({ code: role });
    const user = await app.strapi.service('admin::user').create({
      email,
      firstname: email.split('@')[0],
      lastname: 'Partner',
      password: PASSWORD,
      isActive: true,
      roles: [found.id],
      registrationToken: null,
      preferedLanguage: 'nl',
    });
    await app.strapi.plugin('segmentation').service('access').link('user', user.id, cardSystems);
    return clientFor(app, await apiLogin(app, email, PASSWORD), user.id);
  };

  /** A fresh browser session logged in as `email` (null: the demo super admin). */
  const session = async (email: string | null) => {
    await context?.close();
    context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
    page = await context.newPage();
    await login(page, app.url, email ? { email, password: PASSWORD } : undefined);
  };

  const liveTotal = async () => {
    await page.waitForFunction(() => /^[\d.\s ]+$/.test(document.querySelector('[data-testid="count-total"]')?.textContent ?? ''), undefined, {
      timeout: 30_000,
    });
    await page.waitForFunction(() => !document.querySelector('[aria-live="polite"] [role="status"]'), undefined, { timeout: 30_000 }).catch(() => undefined);
    return Number((await page.getByTestId('count-total').textContent())!.replace(/\D/g, ''));
  };

  // One export per user per 10 minutes: the second one shows the rate-limit message.
  const e2e = useBrowserApp({ env: { EXPORT_LIMIT_PER_10_MINUTES: '1' } });
  beforeAll(async () => {
    ({ app, browser } = e2e);
    admin = await superAdminClient(app, 'beheer@partners.test');
    manager = await createUser(MANAGER, 'segmentation-partner-manager', ['uitpas-leuven']);
    await createUser(EDITOR, 'strapi-editor', ['uitpas-gent']);
    await createUser(VIEWER, 'segmentation-viewer', ['uitpas-gent']);
    // Another partner's segment and template, made by the super admin for Gent.
    const segment = await admin.post('/segmentation/segments', { name: 'E2E: Gentse spaarders', cardSystem: 'uitpas-gent', definition: DEFINITION });
    expect(segment.status).toBe(200);
    gentSegment = segment.body.documentId;
    const sender = (await admin.get('/segmentation/senders?status=approved')).body.find((s: { cardSystem: string }) => s.cardSystem === 'uitpas-gent');
    const template = await admin.post('/segmentation/templates', {
      name: 'E2E: Gentse nieuwsbrief',
      language: 'nl',
      format: 'house',
      houseStyle: 'uitpas-gent',
      subject: 'Dag {{ firstName }}',
      body: 'Dag {{ firstName }},\n\nNieuws uit Gent.',
      sender: sender.documentId,
      cardSystem: 'uitpas-gent',
    });
    expect(template.status).toBe(200);
  }, 300_000);

  test("a partner manager counts, previews and exports only their card system's holders; another partner's segment is not found", async () => {
    await session(MANAGER);
    await page.goto(`${app.url}/admin/plugins/segmentation`);
    await page.getByText('Nog geen segmenten').waitFor({ timeout: 60_000 });
    expect(await page.getByText('E2E: Gentse spaarders').count()).toBe(0);
    await shot('manager-list');

    await page.getByRole('button', { name: 'Nieuw segment' }).click();
    await page.getByText('Nog geen telling').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('card-system-fixed').textContent()).toBe('UiTPAS Leuven');
    await page.getByLabel('Naam').fill('E2E: Leuvense spaarders');
    await page.getByRole('combobox', { name: 'Soort filter' }).click();
    await page.getByRole('option', { name: 'Actie', exact: true }).click();
    await page.getByRole('textbox', { name: 'Aantal keer 1' }).fill('2');
    const total = await liveTotal();
    await shot('manager-live-count');

    // The same count from the API: the manager's own, the super admin's within Leuven; programme-wide is more.
    expect((await manager.post('/segmentation/count', { definition: DEFINITION })).body.total).toBe(total);
    expect((await admin.post('/segmentation/count', { definition: DEFINITION, cardSystem: 'uitpas-leuven' })).body.total).toBe(total);
    expect((await admin.post('/segmentation/count', { definition: DEFINITION })).body.total).toBeGreaterThan(total);
    expect(total).toBeGreaterThan(10);

    await page.getByRole('button', { name: 'Bewaar en bekijk' }).click();
    await page.waitForURL(/\/plugins\/segmentation\/[a-z0-9]{10,}\/preview$/, { timeout: 30_000 });
    await page.getByTestId('preview-page').waitFor({ timeout: 30_000 });
    const uids = (await page.locator('tbody tr td:first-child').allTextContents()).map((s) => s.trim());
    expect(uids.length).toBe(Math.min(total, 50));
    const inLeuven = await app.strapi.db
      .connection('seg_holders as h')
      .join('seg_holder_card_systems as hc', 'hc.holder_id', 'h.id')
      .join('seg_card_systems as c', 'c.id', 'hc.card_system_id')
      .whereIn('h.uid', uids)
      .where('c.key', 'uitpas-leuven')
      .countDistinct({ n: 'h.uid' })
      .first();
    expect(Number(inLeuven?.n)).toBe(uids.length);

    const exportButton = page.getByTestId('export-button');
    await page.waitForFunction(() => /rij/.test(document.querySelector('[data-testid="export-button"]')?.textContent ?? ''), undefined, { timeout: 30_000 });
    expect((await exportButton.textContent())!).toMatch(/^Exporteer [\d.]+ rijen \(Excel\)$/);
    expect(Number((await exportButton.textContent())!.replace(/\D/g, ''))).toBe(total);
    await shot('manager-preview');
    const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await download.path())!);
    expect(book.worksheets[0]!.rowCount - 1).toBe(total);
    exported = total;
    await exportButton.click();
    await page.getByText('Te veel aanvragen na elkaar').first().waitFor({ timeout: 30_000 });

    // The Gent segment: not in the list, "not found" at its address (and from the API).
    await page.goto(`${app.url}/admin/plugins/segmentation`);
    await page.getByText('E2E: Leuvense spaarders').waitFor({ timeout: 30_000 });
    expect(await page.getByText('E2E: Gentse spaarders').count()).toBe(0);
    await page.goto(`${app.url}/admin/plugins/segmentation/${gentSegment}`);
    await page.getByText('Segment niet gevonden').first().waitFor({ timeout: 30_000 });
    await shot('manager-not-found');
    await page.goto(`${app.url}/admin/plugins/segmentation/${gentSegment}/preview`);
    await page.getByText('Segment niet gevonden').first().waitFor({ timeout: 30_000 });
    expect((await manager.get(`/segmentation/segments/${gentSegment}`)).status).toBe(404);
  }, 300_000);

  test('an editor sees templates and the template editor, and no export or send buttons', async () => {
    await session(EDITOR);
    await page.goto(`${app.url}/admin/plugins/mailings/templates`);
    const row = page.getByRole('row').filter({ has: page.getByText('E2E: Gentse nieuwsbrief', { exact: true }) });
    await row.waitFor({ timeout: 60_000 });
    expect(await row.textContent()).toContain('UiTPAS Gent');
    expect(await page.getByRole('link', { name: /Media/i }).count()).toBeGreaterThan(0);
    await shot('editor-templates');

    await row.getByRole('button', { name: 'Bewerk' }).click();
    await page.waitForURL(/\/plugins\/mailings\/templates\/[a-z0-9]{10,}$/, { timeout: 30_000 });
    await page.locator('[data-testid="preview-panel"][data-state="done"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('card-system-fixed').textContent()).toBe('UiTPAS Gent');
    expect(await page.getByRole('button', { name: 'Bewaar', exact: true }).isEnabled()).toBe(true);
    expect(await page.getByRole('button', { name: /Exporteer/ }).count()).toBe(0);
    // Mailing versturen is there, disabled, with the reason (an editor may not create mailings).
    const sendMailing = page.getByRole('button', { name: 'Mailing versturen' });
    expect(await sendMailing.isDisabled()).toBe(true);
    await shot('editor-template');

    // Gent's segment: the list of holders, but no export, no mailing, no editing.
    await page.goto(`${app.url}/admin/plugins/segmentation/${gentSegment}/preview`);
    await page.getByTestId('preview-page').waitFor({ timeout: 60_000 });
    expect(await page.getByRole('button', { name: /Exporteer|Mailing versturen|Bewerk/ }).count()).toBe(0);
    await shot('editor-segment');
  }, 300_000);

  test('a viewer sees counts but no list of holders, and cannot create, edit or export', async () => {
    await session(VIEWER);
    await page.goto(`${app.url}/admin/plugins/segmentation`);
    await page.getByText('E2E: Gentse spaarders').waitFor({ timeout: 60_000 });
    expect(await page.getByRole('button', { name: /Nieuw segment|Bewerk|Dupliceer|Verwijder/ }).count()).toBe(0);
    await page.goto(`${app.url}/admin/plugins/segmentation/${gentSegment}/preview`);
    await page.getByTestId('counts-only').waitFor({ timeout: 60_000 });
    await page.getByText(/^\d+ pashouders, \d+ met e-mail/).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Exporteer|Mailing versturen|Bewerk/ }).count()).toBe(0);
    await shot('viewer-segment');
  }, 300_000);

  test('an administrator links users to card systems on Settings → UiTPAS and reads the audit log', async () => {
    await session(null);
    await page.goto(`${app.url}/admin/settings`);
    await page.getByRole('link', { name: 'Partners', exact: true }).click();
    await page.waitForURL(/\/settings\/uitpas\/partners$/, { timeout: 30_000 });
    const managerRow = page.getByTestId(`access-user-${MANAGER}`);
    await managerRow.waitFor({ timeout: 30_000 });
    expect(await managerRow.textContent()).toContain('UiTPAS Leuven');
    expect(await page.getByTestId('access-user-demo@uitpas.local').textContent()).toContain('alle kaartsystemen');
    await page.getByText(/zonder kaartsystemen is onbeperkt/).waitFor();

    const editorRow = page.getByTestId(`access-user-${EDITOR}`);
    // Open the select at its caret (its middle holds the tags, which remove a card system when clicked).
    const select = editorRow.getByRole('combobox');
    const box = (await select.boundingBox())!;
    await select.click({ position: { x: box.width - 12, y: box.height / 2 } });
    const aalst = page.getByRole('option', { name: 'UiTPAS Aalst' });
    await aalst.click();
    await page.mouse.click(900, 100); // outside the select: it closes
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    await editorRow.getByRole('button', { name: /^Bewaar/ }).click();
    await page
      .getByText(/Kaartsystemen van .* bewaard/)
      .first()
      .waitFor({ timeout: 30_000 });
    const overview = (await admin.get('/segmentation/access')).body;
    expect(overview.users.find((u: { email: string }) => u.email === EDITOR).cardSystems).toEqual(['uitpas-aalst', 'uitpas-gent']);
    await shot('settings-partners');

    await page.getByRole('link', { name: 'Auditlog', exact: true }).click();
    await page.waitForURL(/\/settings\/uitpas\/audit$/, { timeout: 30_000 });
    const rows = page.getByTestId('audit-row');
    await rows.first().waitFor({ timeout: 30_000 });
    expect(await rows.first().textContent()).toContain('Kaartsystemen gekoppeld');
    const exportRow = rows.filter({ hasText: 'Segment geëxporteerd' });
    expect(await exportRow.count()).toBe(1);
    expect(await exportRow.textContent()).toContain(MANAGER);
    expect(await exportRow.textContent()).toContain(exported.toLocaleString('nl-BE'));
    await page.getByRole('combobox', { name: 'Actie' }).click();
    await page.getByRole('option', { name: 'Segment geëxporteerd' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="audit-row"]').length === 1, undefined, { timeout: 30_000 });
    await shot('settings-audit');
  }, 300_000);
});
