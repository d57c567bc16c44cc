/**
 * End to end, in a real browser, sign-in with UiTID (issue 23) against a real OpenID Connect
 * provider (oidc-provider, test/helpers/oidc.ts):
 * - the login page shows "Aanmelden met UiTID" and "Toegang aanvragen"; the link leads through the
 *   provider's own login page to the access request form, which is sent;
 * - the demo super admin approves it on Settings → UiTPAS → Toegangsaanvragen with a role and a card system;
 * - the person gets a mail saying so, clicks the button again and lands in the admin panel, signed in as themselves.
 * Screenshots of each step: test/e2e/artifacts/uitid-*.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { browserDescribe, login, screenshots, useBrowserApp, type BrowserAppOptions } from '../helpers/e2e';
import { startOidc, type TestOidc } from '../helpers/oidc';
import { freePort } from '../helpers/net';

const run = browserDescribe('the UiTID sign-in browser test');
const PERSON = { email: 'lotte.janssens@cultuur.test', given_name: 'Lotte', family_name: 'Janssens' };

run('sign-in with UiTID in the browser', () => {
  let oidc: TestOidc;
  let person: BrowserContext;
  let page: Page;
  /** The page the next screenshot is of: the person's, or the administrator's. */
  let shown: () => Page = () => page;
  const shot = screenshots('uitid-', () => shown());
  // Filled in before the app starts (useBrowserApp reads them in its beforeAll, which runs after this one).
  const options: BrowserAppOptions & { env: Record<string, string> } = { env: {}, smtp: true };
  beforeAll(async () => {
    options.port = await freePort();
    const url = `http://127.0.0.1:${options.port}`;
    oidc = await startOidc({ redirectUri: `${url}/api/segmentation/uitid/callback`, accounts: { lotte: PERSON } });
    Object.assign(options.env, oidc.env, { PUBLIC_URL: url });
  });
  const e2e = useBrowserApp(options);
  beforeAll(async () => {
    person = await e2e.browser.newContext({ viewport: { width: 1280, height: 900 } });
    // The login page in Dutch, as partner staff use it (Strapi keeps the choice of its language menu here).
    await person.addInitScript(() => window.localStorage.setItem('strapi-admin-language', 'nl'));
    page = await person.newPage();
  });
  afterAll(async () => {
    await person?.close();
    await oidc?.stop();
  });

  test('the access request link leads through the provider’s login page to the form', async () => {
    await page.goto(`${e2e.app.url}/admin/auth/login`);
    const button = page.getByTestId('uitid-login-button');
    await button.waitFor();
    await shot('login-page');
    expect(await button.textContent()).toBe('Aanmelden met UiTID');
    await page.getByTestId('uitid-request-access').click();
    // The provider's own login page.
    await page.waitForURL((u) => u.origin === oidc.issuer);
    await page.fill('input[name="login"]', 'lotte');
    await page.fill('input[name="password"]', 'whatever');
    await shot('provider-login');
    await page.click('button[type="submit"]');
    await page.getByRole('heading', { name: /Toegang aanvragen/ }).waitFor();
    await page.fill('#organisation', 'Cultuurcentrum Mechelen');
    await page.fill('#reason', 'Ik maak de mailings van ons cultuurcentrum.');
    await shot('request-form');
    await page.click('button[type="submit"]');
    await page.getByRole('heading', { name: /Aanvraag verstuurd/ }).waitFor();
    expect(await page.textContent('body')).toContain(PERSON.email);
  });

  test('an administrator approves it on Settings → UiTPAS → Toegangsaanvragen', async () => {
    const admin = e2e.page;
    shown = () => admin;
    await login(admin, e2e.app.url);
    await admin.goto(`${e2e.app.url}/admin/settings/uitpas/access-requests`);
    const card = admin.getByTestId(`access-request-${PERSON.email}`);
    await card.waitFor();
    expect(await card.textContent()).toContain('Cultuurcentrum Mechelen');
    await card.getByRole('combobox', { name: 'Rol' }).click();
    await admin.getByRole('option', { name: 'Partner manager' }).click();
    await card.getByRole('combobox', { name: 'Kaartsystemen' }).click();
    await admin.getByRole('option').first().click();
    await admin.keyboard.press('Escape');
    await shot('approve');
    await card.getByRole('button', { name: 'Goedkeuren' }).click();
    await card.getByText('Goedgekeurd').waitFor();
    await shot('approved');
    shown = () => page;
    const [mail] = await e2e.smtp.waitFor(1);
    expect([mail!.envelopeTo, mail!.mail.text]).toEqual([[PERSON.email], expect.stringContaining('Meld je aan met UiTID')]);
  });

  test('the button signs the person in: they land in the admin panel as themselves', async () => {
    await page.goto(`${e2e.app.url}/admin/auth/login`);
    await page.getByTestId('uitid-login-button').click();
    // The provider remembers the person (its session): straight back into the admin panel.
    await page.waitForURL((u) => u.origin === e2e.app.url && u.pathname.startsWith('/admin') && !u.pathname.includes('/auth/'), { timeout: 60_000 });
    await page.getByText(/Lotte/).first().waitFor({ timeout: 60_000 });
    await shot('signed-in');
    const me = await page.evaluate(async () => {
      const token = document.cookie.match(/(?:^|; )jwtToken=([^;]+)/)?.[1];
      const res = await fetch('/admin/users/me', { headers: { Authorization: `Bearer ${token}` } });
      return (await res.json()).data;
    });
    expect(me).toMatchObject({ email: PERSON.email, roles: [expect.objectContaining({ code: 'segmentation-partner-manager' })] });
  });
});
