/**
 * End to end, in a real browser (playwright-core driving Debian's Chromium) against the real app
 * with its built admin panel and the demo data: log in, build a two-group segment with an action
 * filter and a postcode filter, compare the live total with the API's preview.total for the same
 * definition, save, reload, preview page 2, export. Screenshots of each step: test/e2e/artifacts/.
 *
 * Without Chromium the test is skipped with a line saying so; REQUIRE_CHROMIUM=1 (CI) makes that a failure.
 */
import fs from 'fs';
import path from 'path';
import { execFileSync } from 'child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startApp, type TestApp } from '../helpers/strapi';
import { DEMO_ADMIN } from '../../src/plugins/segmentation/server/src/demo/seed';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = path.resolve(__dirname, '..', '..');
const ARTIFACTS = path.join(__dirname, 'artifacts');
const hasChromium = fs.existsSync(CHROMIUM);
const onPostgres = process.env.TEST_DB === 'postgres';

if (!hasChromium && process.env.REQUIRE_CHROMIUM === '1') {
  throw new Error(`Chromium is required (REQUIRE_CHROMIUM=1) but not found at ${CHROMIUM}`);
}
if (!hasChromium) console.log(`SKIPPED: the browser test — no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH).`);

const run = hasChromium && !onPostgres ? describe : describe.skip;

/** The admin panel is built by `strapi build`; rebuild when it is missing or older than its sources. */
function ensureAdminBuilt(): void {
  const index = path.join(ROOT, 'dist', 'build', 'index.html');
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
      const full = path.join(dir, e.name);
      return Math.max(m, e.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
    }, 0);
  const sources = Math.max(newest(path.join(ROOT, 'src', 'plugins', 'segmentation', 'admin')), newest(path.join(ROOT, 'src', 'admin')));
  if (!fs.existsSync(index) || fs.statSync(index).mtimeMs < sources) {
    execFileSync('npx', ['strapi', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
}

run('segment builder in the browser', () => {
  let app: TestApp & { url: string };
  let browser: Browser;
  let page: Page;
  let step = 0;
  const shot = async (name: string) => {
    step += 1;
    await page.screenshot({ path: path.join(ARTIFACTS, `${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  };
  const select = async (label: string, option: string, nth = 0) => {
    await page.getByRole('combobox', { name: label }).nth(nth).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  };
  const liveTotal = async () => {
    const total = page.getByTestId('count-total');
    await page.waitForFunction(() => /^[\d.\s ]+$/.test(document.querySelector('[data-testid="count-total"]')?.textContent ?? ''), undefined, { timeout: 30_000 });
    await page.waitForFunction(() => !document.querySelector('[aria-live="polite"] [role="status"]'), undefined, { timeout: 30_000 }).catch(() => undefined);
    return Number((await total.textContent())!.replace(/\D/g, ''));
  };

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    ensureAdminBuilt();
    app = await startApp({ admin: true, env: { SEGMENTATION_DEMO: 'true', DEMO_HOLDERS: '3000', DEMO_ACTIONS: '40000' } });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  test('build, count, save, reload, preview page 2, export', async () => {
    await page.goto(`${app.url}/admin/auth/login`);
    await page.fill('input[name="email"]', DEMO_ADMIN.email);
    await page.fill('input[name="password"]', DEMO_ADMIN.password);
    await shot('login');
    await page.click('button[type="submit"]');
    await page.waitForURL((u) => !u.pathname.includes('/auth/'), { timeout: 60_000 });

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
    const total = await liveTotal();
    await shot('live-count');

    const definition = {
      version: 1,
      groups: [
        { filters: [{ type: 'action', action: 'CHECKIN', count: { op: '>=', value: 2 } }] },
        { filters: [{ type: 'postcode', postcodes: ['9000'] }] },
      ],
    };
    const api = await app.api().post('/api/segmentation/preview').send({ definition });
    expect(api.status).toBe(200);
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

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporteer CSV' }).click()]);
    const csv = fs.readFileSync((await download.path())!, 'utf8').trim().split('\n');
    expect(csv[0]).toBe('uid,firstName,lastName,email,phone');
    expect(csv.length - 1).toBe(total);
    await shot('exported');

    await page.goto(`${app.url}/admin/plugins/segmentation`);
    await page.getByText('E2E: actieve Gentenaars').waitFor();
    await shot('list');
  }, 300_000);
});
