/**
 * What the browser tests (test/e2e) share: finding Chromium (skip or fail without it), building the
 * admin panel when its sources changed, starting the app (and an SMTP server) with the demo data,
 * launching the browser, logging in, screenshots, and closing it all (useBrowserApp).
 *
 * The browser tests run on SQLite only (the PostgreSQL half of `npm test` skips them). Without
 * Chromium they are skipped with a line saying so; REQUIRE_CHROMIUM=1 (CI) makes that a failure.
 */
import fs from 'fs';
import path from 'path';
import { execFileSync } from 'child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_ADMIN } from '../../src/plugins/segmentation/server/src/demo/seed';
import { startApp, type TestApp } from './strapi';
import { startSmtp, type TestSmtp } from './smtp';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.join(__dirname, '..', 'e2e', 'artifacts');
const ROOT = path.resolve(__dirname, '..', '..');
const BUILD_LOCK = '/tmp/strapi-build.lock';

/**
 * `describe` when Chromium is there and the run is on SQLite, else `describe.skip` (saying why when
 * Chromium is missing; REQUIRE_CHROMIUM=1 turns that into a failure).
 */
export function browserDescribe(what: string): jest.Describe {
  const hasChromium = fs.existsSync(CHROMIUM);
  if (!hasChromium && process.env.REQUIRE_CHROMIUM === '1') {
    throw new Error(`Chromium is required (REQUIRE_CHROMIUM=1) but not found at ${CHROMIUM}`);
  }
  if (!hasChromium) console.log(`SKIPPED: ${what} — no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH).`);
  return hasChromium && process.env.TEST_DB !== 'postgres' ? describe : describe.skip;
}

/**
 * The admin panel is built by `strapi build` into dist/build; rebuilt when it is missing or older than
 * its sources, under a lock (other test files or people may build at the same time).
 */
export function ensureAdminBuilt(): void {
  const index = path.join(ROOT, 'dist', 'build', 'index.html');
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
      const full = path.join(dir, e.name);
      return Math.max(m, e.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
    }, 0);
  const sources = Math.max(newest(path.join(ROOT, 'src', 'plugins', 'segmentation', 'admin')), newest(path.join(ROOT, 'src', 'admin')));
  const stale = (): boolean => !fs.existsSync(index) || fs.statSync(index).mtimeMs < sources;
  if (!stale()) return;
  // Checked again under the lock: whoever held it may just have built it.
  const buildIfStale = `const fs = require('fs'); const [index, sources] = process.argv.slice(1);
    if (!fs.existsSync(index) || fs.statSync(index).mtimeMs < Number(sources)) require('child_process').execFileSync('npx', ['strapi', 'build'], { stdio: 'inherit' });`;
  execFileSync('flock', [BUILD_LOCK, process.execPath, '-e', buildIfStale, index, String(sources)], { cwd: ROOT, stdio: 'inherit' });
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Logs an admin user in (default: the demo admin; the demo's language is Dutch) and waits until the admin panel is shown. */
export async function login(page: Page, baseUrl: string, user: { email: string; password: string } = DEMO_ADMIN): Promise<void> {
  await page.goto(`${baseUrl}/admin/auth/login`);
  await page.fill('input[name="email"]', user.email);
  await page.fill('input[name="password"]', user.password);
  await page.click('button[type="submit"]');
  await page.waitForURL((u) => !u.pathname.includes('/auth/'), { timeout: 60_000 });
}

/**
 * Numbered full-page screenshots `<prefix>NN-<name>.png` in test/e2e/artifacts; the prefix's old
 * screenshots are removed at the first one.
 */
export function screenshots(prefix: string, page: () => Page): (name: string) => Promise<void> {
  let step = 0;
  return async (name: string) => {
    if (step === 0) {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      for (const f of fs.readdirSync(ARTIFACTS)) if (f.startsWith(prefix) && f.endsWith('.png')) fs.rmSync(path.join(ARTIFACTS, f));
    }
    step += 1;
    await page().screenshot({ path: path.join(ARTIFACTS, `${prefix}${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  };
}

export interface BrowserApp {
  app: TestApp & { url: string };
  browser: Browser;
  /** A page of its own context, with the viewport asked for and downloads accepted. */
  page: Page;
  /** The test SMTP server the app sends through (only with `smtp: true`). */
  smtp: TestSmtp;
}

export interface BrowserAppOptions {
  /** The app's environment besides the demo data (3,000 holders, 40,000 actions) and the SMTP server. */
  env?: Record<string, string>;
  /** Start a test SMTP server first and send the app's mail to it (SMTP_HOST, SMTP_PORT). */
  smtp?: boolean;
  viewport?: { width: number; height: number };
  /** The app's port (default: any free one), e.g. when a service must know the app's address beforehand. */
  port?: number;
}

/**
 * The setup and teardown of a browser test, as `beforeAll` / `afterAll` of the calling `describe`:
 * the admin panel built, the SMTP server (optional), the app with its admin panel and the demo data,
 * Chromium with one page; afterwards all of it closed and `env` taken out of process.env again.
 * The returned object is filled in by the `beforeAll`; a test file binds what it uses in a
 * `beforeAll` of its own, registered after this call (jest runs them in that order).
 */
export function useBrowserApp(opts: BrowserAppOptions = {}): BrowserApp {
  const ctx = {} as BrowserApp;
  beforeAll(async () => {
    ensureAdminBuilt();
    if (opts.smtp) ctx.smtp = await startSmtp();
    const mail: Record<string, string> = opts.smtp ? { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(ctx.smtp.port) } : {};
    ctx.app = await startApp({
      admin: true,
      env: { SEGMENTATION_DEMO: 'true', DEMO_HOLDERS: '3000', DEMO_ACTIONS: '40000', ...mail, ...opts.env },
      port: opts.port,
    });
    ctx.browser = await launchBrowser();
    ctx.page = await ctx.browser.newPage({ viewport: opts.viewport ?? { width: 1440, height: 1000 }, acceptDownloads: true });
  }, 300_000);
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.app?.stop();
    await ctx.smtp?.close();
    for (const name of Object.keys(opts.env ?? {})) delete process.env[name];
  });
  return ctx;
}

/** A Dutch-speaking admin user with a role (by code), linked to card systems: who a browser test logs in as. */
export async function createStaff(
  app: TestApp,
  user: { email: string; password: string; role: string; cardSystems: string[]; firstname: string; lastname: string },
): Promise<number> {
  const role = await (app.strapi.service('admin::role') as any).findOne({ code: user.role });
  const created = await app.strapi.service('admin::user').create({
    email: user.email,
    firstname: user.firstname,
    lastname: user.lastname,
    password: user.password,
    isActive: true,
    roles: [role.id],
    registrationToken: null,
    preferedLanguage: 'nl',
  });
  await app.strapi.plugin('segmentation').service('access').link('user', created.id, user.cardSystems);
  return created.id as number;
}

/**
 * An e-mail template from the demo's approved sender (button "Bekijk" to UiT in Vlaanderen, sender
 * name UiTPAS Gent, unless `fields` say otherwise); resolves to its documentId.
 */
export async function createDemoTemplate(
  admin: { get(url: string): PromiseLike<{ body: unknown }>; post(url: string, body: object): PromiseLike<{ status: number; body: { documentId?: string } }> },
  fields: { name: string; subject: string; body: string } & Record<string, string>,
): Promise<string> {
  const senders = (await admin.get('/segmentation/senders')).body as { documentId: string; status: string }[];
  const template = await admin.post('/segmentation/templates', {
    buttonText: 'Bekijk',
    buttonUrl: 'https://www.uitinvlaanderen.be/',
    senderName: 'UiTPAS Gent',
    sender: senders.find((s) => s.status === 'approved')!.documentId,
    ...fields,
  });
  if (template.status !== 200) throw new Error(`template: ${JSON.stringify(template.body)}`);
  return template.body.documentId as string;
}
