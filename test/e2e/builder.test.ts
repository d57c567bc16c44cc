/**
 * End to end, in a real browser (playwright-core driving Debian's Chromium) against the real app
 * with its built admin panel and the demo data: log in, build a two-group segment with an action
 * filter and a postcode filter, compare the live total with the API's preview.total for the same
 * definition, save, reload, preview page 2, export. Screenshots of each step: test/e2e/artifacts/seg-*.
 *
 * Without Chromium the test is skipped with a line saying so; REQUIRE_CHROMIUM=1 (CI) makes that a failure
 * (test/helpers/e2e.ts).
 */
import fs from 'fs';
import type { Page } from 'playwright-core';
import type { TestApp } from '../helpers/strapi';
import { browserDescribe, login, screenshots, useBrowserApp } from '../helpers/e2e';

const run = browserDescribe('the segment builder browser test');

run('segment builder in the browser', () => {
  let app: TestApp & { url: string };
  let page: Page;
  const e2e = useBrowserApp();
  beforeAll(() => {
    ({ app, page } = e2e);
  });
  const shot = screenshots('seg-', () => page);
  const select = async (label: string, option: string, nth = 0) => {
    await page.getByRole('combobox', { name: label }).nth(nth).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  };
  const liveTotal = async () => {
    const total = page.getByTestId('count-total');
    await page.waitForFunction(() => /^[\d.\s ]+$/.test(document.querySelector('[data-testid="count-total"]')?.textContent ?? ''), undefined, {
      timeout: 30_000,
    });
    await page.waitForFunction(() => !document.querySelector('[aria-live="polite"] [role="status"]'), undefined, { timeout: 30_000 }).catch(() => undefined);
    return Number((await total.textContent())!.replace(/\D/g, ''));
  };

  test('build, count, save, reload, preview page 2, export', async () => {
    await login(page, app.url);

    await page.goto(`${app.url}/admin/plugins/segmentation/new`);
    await page.getByText('Nog geen telling').waitFor({ timeout: 60_000 });
    await shot('new-segment');
    await page.getByLabel('Naam').fill('E2E: actieve Gentenaars');

    // Group 1: CHECKIN at least 2 times (an action filter).
    await select('Soort filter', 'Actie');
    await page.getByRole('textbox', { name: 'Aantal keer 1' }).fill('2');
    // Group 2 (OR): postcode 9000.
    await page.getByRole('button', { name: 'Groep toevoegen (OF)' }).click();
    await select('Soort filter', 'Postcode', 1);
    const postcodes = page.getByPlaceholder('9000 9030');
    await postcodes.fill('90x0');
    await postcodes.press('Enter');
    await page.getByText('Geen postcode van 4 cijfers').waitFor(); // refused at the field
    await postcodes.fill('9000');
    await postcodes.press('Enter');
    const definition = {
      version: 1,
      groups: [{ filters: [{ type: 'action', action: 'CHECKIN', count: { op: '>=', value: 2 } }] }, { filters: [{ type: 'postcode', postcodes: ['9000'] }] }],
    };
    const api = await app.api().post('/api/segmentation/preview').send({ definition });
    expect(api.status).toBe(200);
    // The live count is debounced: until it asks, the count of the previous definition is shown.
    await page
      .waitForFunction((n) => Number((document.querySelector('[data-testid="count-total"]')?.textContent ?? '').replace(/\D/g, '')) === n, api.body.total, {
        timeout: 30_000,
      })
      .catch(() => undefined); // a wrong count fails below, with both numbers
    const total = await liveTotal();
    await shot('live-count');

    expect(total).toBe(api.body.total);
    expect(total).toBeGreaterThan(50);

    await page.getByRole('button', { name: 'Bewaar', exact: true }).click();
    await page.waitForURL(/\/plugins\/segmentation\/[a-z0-9]{10,}$/, { timeout: 30_000 });
    await page.reload();
    expect(await liveTotal()).toBe(total);
    await shot('reloaded');

    const documentId = page.url().split('/').pop()!;
    await page.goto(`${app.url}/admin/plugins/segmentation/${documentId}/preview`);
    await page.getByTestId('preview-page').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Volgende' }).click();
    await page.getByText(/Pagina 2 van/).waitFor();
    await expect(page.getByTestId('preview-date').textContent()).resolves.toMatch(/Preview datum/);
    const firstUid = await page.locator('tbody tr td').first().textContent();
    const page2 = await app.api().post('/api/segmentation/preview').send({ definition, page: 2, pageSize: 50 });
    expect(firstUid).toBe(page2.body.items[0].uid);
    await shot('preview-page-2');

    // The admin's export as CSV for Excel (chosen in its menu): ;, a BOM, Dutch headers (issue 18).
    await page.getByRole('button', { name: 'Formaat' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /CSV voor Excel/ }).click()]);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const csv = text.trim().split('\r\n');
    expect(csv[0]).toBe('UiTPAS-nummer (UID);Voornaam;Achternaam;E-mailadres;Telefoon');
    expect(csv.length - 1).toBe(total);
    await shot('exported');

    await page.goto(`${app.url}/admin/plugins/segmentation`);
    await page.getByText('E2E: actieve Gentenaars').waitFor();
    await shot('list');
  }, 300_000);
});
