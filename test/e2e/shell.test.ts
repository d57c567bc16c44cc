/**
 * The tool's shell in a real browser (issue 18, item 7 and the Help entry): a partner employee lands
 * on the tool's home page (its widgets, no guided tour, no Media Library banner), sees no Content
 * Manager entry it cannot use, finds Help with the mailing guidelines and the contact address; the
 * administrator finds "UiTPAS-beheer" and "Inhoudsbeheer" in the main menu; Strapi's content-type
 * names read in Dutch; Settings has no paid upsell (Auditlogs); Help gives the flow step by step and
 * says to always test; and the browser never calls out to another host (no analytics, no update check).
 * Screenshots: test/e2e/artifacts/shell-*.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { TestApp } from '../helpers/strapi';
import { browserDescribe, login, screenshots, useBrowserApp, createStaff } from '../helpers/e2e';

const run = browserDescribe('the shell browser test');
const PASSWORD = 'Partner-Passw0rd!';
const MANAGER = 'home@partners.test';
const CONTACT = 'team@uitpas.test';

run('the tool shell in the browser', () => {
  let app: TestApp & { url: string };
  let context: BrowserContext;
  let page: Page;
  const hosts = new Set<string>();
  const shot = screenshots('shell-', () => page);
  const e2e = useBrowserApp({ env: { PROGRAMME_CONTACT_ADDRESS: CONTACT } });

  const session = async (user?: { email: string; password: string }) => {
    await context?.close();
    context = await e2e.browser.newContext({ viewport: { width: 1440, height: 1000 } });
    context.on('request', (request) => hosts.add(new URL(request.url()).host));
    page = await context.newPage();
    await login(page, app.url, user);
  };
  const menu = () => page.getByRole('navigation').first();

  beforeAll(async () => {
    app = e2e.app;
    await createStaff(app, {
      email: MANAGER,
      password: PASSWORD,
      role: 'segmentation-partner-manager',
      cardSystems: ['uitpas-gent'],
      firstname: 'Hanne',
      lastname: 'Home',
    });
  });
  afterAll(() => context?.close());

  test('a partner employee lands on the tool, not on Strapi', async () => {
    await session({ email: MANAGER, password: PASSWORD });
    await page.goto(`${app.url}/admin`);
    await page.getByText('Mailings in uitvoering').waitFor({ timeout: 60_000 });
    for (const title of ['Recente segmenten', 'Recente sjablonen', 'Laatste resultaten', 'Snel naar']) await page.getByText(title).first().waitFor();
    await page.getByRole('link', { name: 'Nieuw segment' }).waitFor();
    await shot('home-partner');
    // No guided tour, no banner, no Strapi content widgets.
    expect(await page.getByText('Rondleiding sluiten').count()).toBe(0);
    expect(await page.getByText(/Introducing the new Media Library|De nieuwe Mediabibliotheek/).count()).toBe(0);
    expect(await page.getByText(/Laatst bewerkte|Last edited/).count()).toBe(0);
    // The menu: the tool's entries and Help, no Content Manager and no UiTPAS administration for this role.
    await menu().getByRole('link', { name: 'Segmentatie' }).waitFor();
    await menu().getByRole('link', { name: 'Help' }).waitFor();
    expect(
      await menu()
        .getByRole('link', { name: /Inhoudsbeheer|Content Manager/ })
        .count(),
    ).toBe(0);
    expect(await menu().getByRole('link', { name: 'UiTPAS-beheer' }).count()).toBe(0);
  });

  test('Help explains the flow, the guidelines and whom to ask', async () => {
    await menu().getByRole('link', { name: 'Help' }).click();
    // The flow, step by step in its order, and the guidelines (always test first).
    await page.getByRole('heading', { name: 'Van doelgroep tot resultaat' }).waitFor();
    const steps = (await page.getByRole('main').getByRole('list').first().getByRole('listitem').allTextContents()).map(
      (s) => /^\d+\. ([^—]+?) —/.exec(s.trim())?.[1],
    );
    expect(steps).toEqual(['Segment', 'Sjabloon', 'Testmail', 'Mailing', 'Resultaten']);
    await page.getByText(/Stuur altijd eerst een testmail naar jezelf; een kopie gaat naar info@uitpas\.local/).waitFor();
    await page.getByText('Test elke mailing eerst: onderwerp, links, afbeeldingen en de aanhef met een voorbeeldpashouder.').waitFor();
    await page.getByRole('heading', { name: 'Afspraken voor mailings' }).waitFor();
    await page.getByText(/Hoogstens één mailing per pashouder per drie weken.*21 dagen/).waitFor();
    await page.getByText(/controleadres info@uitpas\.local/).waitFor();
    await page.getByRole('link', { name: CONTACT }).waitFor();
    expect(await page.getByRole('link', { name: CONTACT }).getAttribute('href')).toBe(`mailto:${CONTACT}`);
    await shot('help');
  });

  test('the administrator finds UiTPAS-beheer in the menu and Strapi speaks Dutch', async () => {
    await session();
    // A role with content-manager rights gets the Content Manager in the menu, by its Dutch name.
    await menu().getByRole('link', { name: 'Inhoudsbeheer' }).waitFor({ timeout: 30_000 });
    expect(await menu().getByRole('link', { name: 'Content Manager' }).count()).toBe(0);
    await menu().getByRole('link', { name: 'UiTPAS-beheer' }).click();
    await page.waitForURL(/\/admin\/plugins\/uitpas\/partners/);
    await page.getByRole('button', { name: 'Auditlog' }).waitFor();
    await page.getByText(MANAGER).first().waitFor({ timeout: 30_000 });
    await shot('manage-partners');
    await page.getByRole('button', { name: 'Auditlog' }).click();
    await page.waitForURL(/\/admin\/plugins\/uitpas\/audit/);
    // Strapi's own pages: content-type names in Dutch.
    await page.goto(`${app.url}/admin/content-manager`);
    await page.getByRole('link', { name: 'Mailsjabloon' }).first().waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: 'Afzenderadres' }).first().waitFor();
    await page.getByRole('link', { name: 'Mailing', exact: true }).first().waitFor();
    expect(await page.getByRole('link', { name: /^(Campaign|Mail template|Sender address)$/ }).count()).toBe(0);
    await shot('content-manager-nl');
    // Settings: no paid upsell entries (promoteEE off), so no Auditlogs entry to click by mistake.
    await page.goto(`${app.url}/admin/settings`);
    await page.getByRole('link', { name: 'Gebruikers' }).first().waitFor({ timeout: 30_000 });
    expect(await page.getByRole('link', { name: /^(Auditlogs|Audit Logs|Single Sign-On|Inhoudsgeschiedenis)$/ }).count()).toBe(0);
    expect(await page.locator('a[href*="/settings/purchase-"]').count()).toBe(0);
    await shot('settings');
    // Strapi's media dialog, opened from the template editor: its buttons in Dutch too.
    await page.goto(`${app.url}/admin/plugins/mailings/templates/new`);
    await page.getByRole('button', { name: 'Kies een afbeelding' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Venster sluiten' }).first().waitFor({ timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Map toevoegen' }).waitFor();
    expect(await dialog.getByRole('button', { name: /Close modal|Add folder/ }).count()).toBe(0);
    await shot('media-dialog-nl');
  });

  test('the browser talks to the tool only (no analytics, no update check)', () => {
    expect([...hosts].filter((host) => host !== new URL(app.url).host)).toEqual([]);
  });
});
