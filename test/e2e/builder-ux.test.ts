/**
 * End to end, in a real browser: the segment builder as a partner employee meets it (issue 18).
 * - a new segment is not red, and nothing is until touched or a save is tried; then the message is
 *   Dutch and names the field by its label (no zod English, no path);
 * - a new exclusion starts with no filter chosen and changes no count until its filter is complete
 *   (checked on the count requests themselves); CHECKIN reads "Check-in (punt gespaard)";
 * - leaving with unsaved changes asks first (Terug, the menu); a second segment with the same name
 *   gets a warning;
 * - deleting from the list asks in the design system's Dialog, naming the segment;
 * - the preview page lists the mailings of the segment;
 * - the mailing filter: did / did not, the event, the last N days, some mailings picked from the
 *   list and a fixed period typed in the date pickers, each checked on the count request it makes;
 * - a Viewer gets a read-only builder that says why.
 * Screenshots: test/e2e/artifacts/ux-*.
 */
import type { Browser, Page, Request } from 'playwright-core';
import type { TestApp } from '../helpers/strapi';
import { superAdminClient, type AdminClient } from '../helpers/admin';
import { browserDescribe, login, screenshots, useBrowserApp, createStaff } from '../helpers/e2e';
import { validateDefinitionShape } from '../../src/plugins/segmentation/shared/definition';

const run = browserDescribe('the segment builder UX browser test');
const PASSWORD = 'Viewer-Passw0rd!';
const VIEWER = 'kijker@builder.test';
const DEFINITION = { version: 1, groups: [{ filters: [{ type: 'action', action: 'CHECKIN', count: { op: '>=', value: 2 } }] }] };

run('segment builder UX in the browser', () => {
  let app: TestApp & { url: string };
  let browser: Browser;
  let page: Page;
  let admin: AdminClient;
  const e2e = useBrowserApp();
  beforeAll(async () => {
    ({ app, browser, page } = e2e);
    admin = await superAdminClient(app, 'beheer@builder.test');
  });
  const shot = screenshots('ux-', () => page);
  const base = () => `${app.url}/admin/plugins/segmentation`;

  const select = async (label: string, option: string, nth = 0) => {
    await page.getByRole('combobox', { name: label }).nth(nth).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  };
  /** The live total once no count is running. */
  const settledTotal = async () => {
    await page.waitForFunction(() => /^[\d.\s ]+$/.test(document.querySelector('[data-testid="count-total"]')?.textContent ?? ''), undefined, {
      timeout: 30_000,
    });
    await page.waitForFunction(() => !document.querySelector('[aria-live="polite"] [role="status"]'), undefined, { timeout: 30_000 });
    return Number((await page.getByTestId('count-total').textContent())!.replace(/\D/g, ''));
  };
  const waitForTotal = (n: number) =>
    page.waitForFunction((want) => Number((document.querySelector('[data-testid="count-total"]')?.textContent ?? '').replace(/\D/g, '')) === want, n, {
      timeout: 30_000,
    });
  /** Whether a `beforeunload` now would be held (the browser then asks before closing the tab). */
  const unloadHeld = () =>
    page.evaluate(() => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    });
  const redFields = () => page.locator('[aria-invalid="true"]').count();
  const noEnglishOrPaths = async () => {
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/Expected|got an empty|›|filters › |cardSystems/);
  };

  test('new segment not red; exclusion counts only when complete; Dutch messages by label; leave guard; same name', async () => {
    await login(page, app.url);
    const counted: unknown[] = [];
    const onRequest = (r: Request) => {
      if (r.url().endsWith('/segmentation/count') && r.method() === 'POST') counted.push((r.postDataJSON() as { definition: unknown }).definition);
    };
    page.on('request', onRequest);

    await page.goto(`${base()}/new`);
    await page.getByText('Nog geen telling').waitFor({ timeout: 60_000 });
    await page.getByRole('combobox', { name: 'Soort filter' }).waitFor();
    expect(await redFields()).toBe(0);
    await noEnglishOrPaths();
    await shot('new-not-red');

    // A card-system filter chosen but empty: still not red (untouched), and no count yet.
    await select('Soort filter', 'Kaartsysteem');
    expect(await redFields()).toBe(0);
    await page.getByRole('combobox', { name: 'Kaartsystemen' }).click();
    await page.getByRole('combobox', { name: 'Kaartsystemen' }).pressSequentially('Gent');
    await page.getByRole('option', { name: /Gent/ }).first().click();
    const total = await settledTotal();
    expect(total).toBeGreaterThan(0);

    // A new exclusion: no filter chosen, the count does not move, nothing asked for it.
    const before = counted.length;
    await page.getByRole('button', { name: 'Uitsluiting toevoegen' }).click();
    await page.getByText('Uitsluiting 1').waitFor();
    expect(await page.getByRole('combobox', { name: 'Soort filter' }).nth(1).textContent()).toMatch(/Kies een soort filter/);
    expect(await settledTotal()).toBe(total);
    expect(await redFields()).toBe(0);
    await shot('exclusion-blank');
    // An incomplete exclusion (points, no number yet) changes nothing either.
    await select('Soort filter', 'Punten', 1);
    await page.getByTestId('count-incomplete').waitFor();
    expect(await settledTotal()).toBe(total);
    expect(counted.length).toBe(before);
    // Completed, it counts.
    await page.getByRole('textbox', { name: 'Puntensaldo 1' }).fill('0');
    await page.waitForFunction((n) => Number((document.querySelector('[data-testid="count-total"]')?.textContent ?? '').replace(/\D/g, '')) !== n, total, {
      timeout: 30_000,
    });
    expect(await settledTotal()).toBeLessThan(total);
    for (const definition of counted) expect(validateDefinitionShape(definition).ok).toBe(true);
    expect(counted.slice(0, before).some((d) => 'exclude' in (d as object))).toBe(false);
    await shot('exclusion-complete');
    // Removing the exclusion brings the first count back.
    await page.getByRole('button', { name: 'Verwijder groep' }).nth(1).click();
    await waitForTotal(total);

    // An action filter: CHECKIN reads as staff say it.
    await page.getByRole('button', { name: 'Filter toevoegen (EN)' }).click();
    await select('Soort filter', 'Actie', 1);
    await page.getByRole('combobox', { name: 'Actie', exact: true }).getByText('Check-in (punt gespaard)').waitFor();
    await page.getByRole('button', { name: 'Verwijder filter' }).nth(1).click();

    // A membership filter left empty: red only after a save attempt, in Dutch, naming the label.
    await page.getByRole('button', { name: 'Filter toevoegen (EN)' }).click();
    await select('Soort filter', 'Lidmaatschap', 1);
    expect(await redFields()).toBe(0);
    await page.getByLabel('Naam').fill('E2E: UX Gent');
    await page.getByRole('button', { name: 'Bewaar', exact: true }).click();
    await page.getByText('Kies minstens één vereniging').first().waitFor();
    await noEnglishOrPaths();
    await shot('dutch-message');
    await page.getByRole('button', { name: 'Verwijder filter' }).nth(1).click();
    await page.getByRole('button', { name: 'Bewaar', exact: true }).click();
    await page.waitForURL(/\/plugins\/segmentation\/[a-z0-9]{10,}$/, { timeout: 30_000 });
    page.off('request', onRequest);

    expect(await unloadHeld()).toBe(false); // just saved: nothing to ask
    // Unsaved changes: Terug asks; "Blijven" stays, "Verlaten zonder bewaren" leaves.
    await page.getByLabel('Naam').fill('E2E: UX Gent gewijzigd');
    await page.getByRole('link', { name: 'Terug' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('Wijzigingen niet bewaard').waitFor();
    await shot('leave-guard');
    await dialog.getByRole('button', { name: 'Blijven' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByLabel('Naam').inputValue()).toBe('E2E: UX Gent gewijzigd');
    await page.getByRole('link', { name: 'Terug' }).click();
    await dialog.getByRole('button', { name: 'Verlaten zonder bewaren' }).click();
    await page.waitForURL(/\/plugins\/segmentation$/, { timeout: 30_000 });

    // A second segment with the same name: a warning, saving still allowed. The menu asks too.
    await page.goto(`${base()}/new`);
    await page.getByLabel('Naam').fill('e2e: ux gent ');
    await page.getByText('Er bestaat al een segment met de naam “e2e: ux gent”').waitFor({ timeout: 30_000 });
    await shot('same-name');
    // Closing or reloading the tab: the page asks the browser to confirm (beforeunload).
    expect(await unloadHeld()).toBe(true);
    await page.getByRole('navigation').getByRole('link').first().click();
    await dialog.getByText('Wijzigingen niet bewaard').waitFor();
    await dialog.getByRole('button', { name: 'Verlaten zonder bewaren' }).click();
    await dialog.waitFor({ state: 'detached' });
  }, 300_000);

  test('a mailing filter: did / did not, received / opened / clicked, last N days, chosen mailings, fixed dates', async () => {
    /** A value with its keys sorted (at every depth), so filters compare whatever order the builder set their keys in. */
    const canonical = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(canonical)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([k, x]) => [k, canonical(x)]),
            )
          : v;
    /** The next count request whose (only) filter is `filter`. */
    const countOf = (filter: Record<string, unknown>) =>
      page.waitForRequest(
        (r) =>
          r.url().endsWith('/segmentation/count') &&
          JSON.stringify(canonical((r.postDataJSON() as { definition: { groups: { filters: unknown[] }[] } }).definition.groups[0]!.filters[0])) ===
            JSON.stringify(canonical(filter)),
        { timeout: 30_000 },
      );
    const maart = (await admin.post('/segmentation/campaigns', { name: 'E2E: nieuwsbrief maart' })).body.documentId as string;
    const april = (await admin.post('/segmentation/campaigns', { name: 'E2E: nieuwsbrief april' })).body.documentId as string;
    expect([typeof maart, typeof april]).toEqual(['string', 'string']);
    await page.goto(`${base()}/new`);
    const first = countOf({ type: 'mailing', event: 'received', value: false, days: 21 });
    await select('Soort filter', 'Mailings');
    await first;
    await page.getByRole('combobox', { name: 'Gebeurtenis' }).getByText('ontvangen').waitFor();
    await page.getByRole('combobox', { name: 'Periode' }).getByText('Laatste dagen').waitFor();
    const changed = countOf({ type: 'mailing', event: 'opened', value: true, days: 60 });
    await select('Wel of niet', 'wel');
    await select('Gebeurtenis', 'geopend');
    await page.getByRole('textbox', { name: 'Aantal dagen' }).fill('60');
    await changed;
    await settledTotal();
    // Two of the mailings, picked from the list of the partner's mailings.
    const opened = { type: 'mailing', event: 'opened', value: true };
    const chosen = countOf({ ...opened, mailings: [maart, april], days: 60 });
    await page.getByRole('combobox', { name: 'Welke mailings (optioneel)' }).click();
    await page.getByRole('option', { name: 'E2E: nieuwsbrief maart' }).click();
    await page.getByRole('option', { name: 'E2E: nieuwsbrief april' }).click();
    await page.keyboard.press('Escape');
    await chosen;
    // Fixed dates instead of the last days: counted once both dates are there, from and to as chosen.
    const fixed = countOf({ ...opened, mailings: [maart, april], period: { from: '2026-01-05', to: '2026-03-31' } });
    await select('Periode', 'Vaste data');
    const typeDate = async (label: string, day: number, month: number) => {
      const input = page.getByRole('combobox', { name: label });
      // The date as the picker's locale writes it (nl: 05-01-2026).
      const text = await input.evaluate(
        (el, [d, m]) => {
          const placeholder = (el as HTMLInputElement).placeholder; // e.g. DD-MM-YYYY
          return placeholder.replace('DD', String(d).padStart(2, '0')).replace('MM', String(m).padStart(2, '0')).replace('YYYY', '2026');
        },
        [day, month],
      );
      await input.fill(text);
      await input.blur();
    };
    await typeDate('Van', 5, 1);
    await typeDate('Tot en met', 31, 3);
    await fixed;
    await settledTotal();
    await shot('mailing-filter');
    // Leave without saving (the guard asks).
    await page.getByRole('link', { name: 'Terug' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Verlaten zonder bewaren' }).click();
    await page.waitForURL(/\/plugins\/segmentation$/, { timeout: 30_000 });
  }, 120_000);

  test('deleting asks in a Dialog naming the segment; the preview lists its mailings', async () => {
    const segment = await admin.post('/segmentation/segments', { name: 'E2E: weg te gooien', definition: DEFINITION });
    expect(segment.status).toBe(200);
    const mailed = await admin.post('/segmentation/segments', { name: 'E2E: gemaild segment', definition: DEFINITION });
    const campaign = await admin.post('/segmentation/campaigns', { name: 'E2E: lentemailing', segment: mailed.body.documentId });
    expect(campaign.status).toBe(200);

    await page.goto(`${base()}/${mailed.body.documentId}/preview`);
    await page.getByTestId('linked-mailings').getByRole('link', { name: 'E2E: lentemailing' }).waitFor({ timeout: 30_000 });
    await shot('linked-mailings');

    await page.goto(base());
    const row = page.getByRole('row').filter({ has: page.getByText('E2E: weg te gooien', { exact: true }) });
    await row.getByRole('button', { name: 'Verwijder' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByText('Wil je het segment “E2E: weg te gooien” verwijderen?').waitFor();
    await shot('delete-dialog');
    await dialog.getByRole('button', { name: 'Verwijder' }).click();
    await row.waitFor({ state: 'detached', timeout: 30_000 });
    expect((await admin.get(`/segmentation/segments/${segment.body.documentId}`)).status).toBe(404);
  }, 120_000);

  test('a Viewer gets a read-only builder that says why', async () => {
    await createStaff(app, {
      email: VIEWER,
      password: PASSWORD,
      role: 'segmentation-viewer',
      cardSystems: ['uitpas-gent'],
      firstname: 'kijker',
      lastname: 'Builder',
    });
    const segment = await admin.post('/segmentation/segments', { name: 'E2E: Gent alleen lezen', cardSystem: 'uitpas-gent', definition: DEFINITION });
    expect(segment.status).toBe(200);

    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    page = await context.newPage();
    try {
      await login(page, app.url, { email: VIEWER, password: PASSWORD });
      await page.goto(`${base()}/${segment.body.documentId}`);
      await page.getByTestId('read-only').getByText('Alleen lezen: je rol mag segmenten niet wijzigen').waitFor({ timeout: 60_000 });
      await settledTotal();
      expect(await page.getByRole('button', { name: /Filter toevoegen|Groep toevoegen|Uitsluiting toevoegen|Verwijder|Bewaar/ }).count()).toBe(0);
      expect(await page.getByLabel('Naam').isDisabled()).toBe(true);
      expect(await page.getByRole('combobox', { name: 'Soort filter' }).first().isDisabled()).toBe(true);
      await shot('viewer-read-only');
    } finally {
      await context.close();
    }
  }, 120_000);
});
