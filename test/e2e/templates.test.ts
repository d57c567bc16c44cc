/**
 * End to end, in a real browser (playwright-core driving Debian's Chromium) against the real app with
 * its built admin panel, the demo data and a real SMTP server: log in, look at the approved sender,
 * write a template with a header image uploaded through the Media Library dialog, save, preview it
 * for a random holder and send a test mail to two addresses; delete a copy (the dialog names it); its
 * languages, switching with unsaved changes asking first. Screenshots: test/e2e/artifacts/tpl-*.
 *
 * Without Chromium the test is skipped with a line saying so; REQUIRE_CHROMIUM=1 (CI) makes that a failure
 * (test/helpers/e2e.ts).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import type { TestApp } from '../helpers/strapi';
import type { TestSmtp } from '../helpers/smtp';
import { browserDescribe, login, screenshots, useBrowserApp } from '../helpers/e2e';

const MONITOR = 'monitor@uitpas.test';
const DEMO_SENDER = 'nieuws@uitpas-gent.local';
const run = browserDescribe('the template browser test');
/** The list's edit button (its label). */
const EDIT = 'Bewerk';

run('mail templates in the browser', () => {
  let app: TestApp & { url: string };
  let smtp: TestSmtp;
  let page: Page;
  const e2e = useBrowserApp({ smtp: true, env: { MAIL_MONITOR_ADDRESS: MONITOR }, viewport: { width: 1600, height: 1000 } });
  beforeAll(() => {
    ({ app, smtp, page } = e2e);
  });
  const shot = screenshots('tpl-', () => page);
  /** A text field by its label (required fields add an asterisk to the accessible name). */
  const field = (label: string) => page.getByRole('textbox', { name: new RegExp(`^${label}\\s*\\*?$`) });
  /** The hint or error text the field's input is described by. */
  const describedBy = async (label: string) => {
    const ids = ((await field(label).getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
    return (await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()))).join(' ');
  };
  const select = async (label: string, option: string) => {
    await page.getByRole('combobox', { name: new RegExp(`^${label}\\s*\\*?$`) }).click();
    await page.getByRole('option', { name: option }).click();
  };

  test('senders, new template with an uploaded header image, preview for a random holder, test mail', async () => {
    await login(page, app.url);

    // Mailings → Templates → Afzenders: the demo's approved sender.
    await page.goto(`${app.url}/admin/plugins/mailings/templates`);
    await page.getByText('Zomerkampen 2026').waitFor({ timeout: 60_000 });
    await shot('list');
    await page.getByRole('button', { name: 'Afzenders', exact: true }).click();
    const senderRow = page.getByTestId(`sender-${DEMO_SENDER}`);
    await senderRow.waitFor({ timeout: 30_000 });
    expect(await senderRow.getByTestId('sender-status').textContent()).toBe('Goedgekeurd');
    await shot('senders');

    // A new template.
    await page.getByRole('button', { name: 'Templates', exact: true }).click();
    await page.getByRole('button', { name: 'Nieuwe template' }).click();
    await page.waitForURL(/\/templates\/new$/);
    await field('Naam').fill('E2E: najaarsnieuws');
    await field('Onderwerp').fill('{{ firstName }}, je UiTPAS-najaar');
    await field('Preheader').fill('Nieuwe voordelen en je punten');
    await field('Tekst').fill('Dag {{ firstName }},\n\nJe hebt {{ points }} punten.\n\nTot binnenkort!');
    await field('Knoptekst').fill('Bekijk de voordelen');
    await field('Knoplink').fill('https://www.uitinvlaanderen.be/?uitpas={{ uid }}');
    await field('Afzendernaam').fill('UiTPAS Gent');
    await select('Afzender', `UiTPAS Gent <${DEMO_SENDER}>`);
    await field('Antwoordadres').fill('info@uitpas.test');

    // The header image: uploaded and picked in the Media Library dialog.
    const image = path.join(os.tmpdir(), `tpl-header-${process.pid}.png`);
    await sharp({ create: { width: 1200, height: 600, channels: 3, background: { r: 11, g: 61, b: 107 } } })
      .png()
      .toFile(image);
    await page.getByRole('button', { name: 'Kies een afbeelding' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await shot('media-library');
    await dialog
      .getByRole('button', { name: /Nieuwe bestanden toevoegen|Add new assets/ })
      .first()
      .click();
    await page.locator('input[type="file"]').setInputFiles(image);
    await shot('media-upload');
    await page.getByRole('button', { name: /uploaden naar de bibliotheek|upload .* to the library/i }).click();
    const card = page.getByRole('dialog').getByText(path.basename(image, '.png'));
    await card.first().waitFor({ timeout: 30_000 });
    await page.getByRole('dialog').getByRole('checkbox').first().check();
    await shot('media-picked');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^(Einde|Finish)$/ })
      .click();
    await page.getByTestId('image-name').waitFor();
    await field('Alternatieve tekst van de afbeelding').fill('Najaar in Gent');

    // A problem the server finds shows at its field, and nothing is saved.
    await field('Onderwerp').fill('{{ voornam }}, je UiTPAS-najaar');
    await page.getByRole('button', { name: 'Bewaar', exact: true }).click();
    await page.waitForFunction(() => /“voornam” is geen personalisatie/.test(document.body.innerText), undefined, { timeout: 30_000 });
    expect(await describedBy('Onderwerp')).toMatch(/“voornam” is geen personalisatie die je kunt gebruiken/);
    expect(await describedBy('Onderwerp')).not.toMatch(/Unknown|subject/);
    expect(page.url()).toMatch(/\/templates\/new$/);
    await shot('field-error');
    await field('Onderwerp').fill('{{ firstName }}, je UiTPAS-najaar');

    await page.getByRole('button', { name: 'Bewaar', exact: true }).click();
    await page.waitForURL(/\/plugins\/mailings\/templates\/[a-z0-9]{10,}$/, { timeout: 30_000 });
    await shot('saved');

    // Preview for a random holder: the label names them, the mail greets them.
    await page.getByRole('button', { name: 'Willekeurige pashouder' }).click();
    await page.locator('[data-testid="preview-panel"][data-state="done"][data-nonce="1"]').waitFor({ timeout: 30_000 });
    const recipient = page.getByTestId('preview-recipient');
    const uid = /\(([^()]+)\)\s*$/.exec((await recipient.textContent()) ?? '')![1]!;
    const holder = await app.strapi.db.connection('seg_holders').where({ uid }).first('first_name');
    expect(holder?.first_name).toBeTruthy();
    await expect(recipient.textContent()).resolves.toContain(holder.first_name);
    await page.waitForFunction(
      (name) => (document.querySelector('[data-testid="mail-preview"]')?.getAttribute('srcdoc') ?? '').includes(name),
      holder.first_name,
      { timeout: 30_000 },
    );
    const frame = page.frameLocator('[data-testid="mail-preview"]');
    await expect(frame.locator('body').textContent()).resolves.toContain(`Dag ${holder.first_name}`);
    expect(await page.getByTestId('preview-subject').textContent()).toBe(`${holder.first_name}, je UiTPAS-najaar`);
    await shot('preview');
    await page.getByRole('button', { name: 'Mobiel' }).click();
    await shot('preview-mobile');

    // A test mail to two addresses, personalised for the same holder, with a copy to the monitoring address.
    await page.getByRole('button', { name: 'Testmail versturen' }).click();
    await page.getByRole('textbox', { name: /^Adressen/ }).fill('een@example.test, twee@example.test');
    await page.getByRole('button', { name: 'Verstuur', exact: true }).click();
    await page.getByTestId('test-result').waitFor({ timeout: 30_000 });
    await shot('test-sent');
    expect(await page.getByRole('button', { name: 'Verstuur', exact: true }).isEnabled()).toBe(true);
    const received = await smtp.waitFor(3, 30_000);
    const tests = received.filter((r) => r.mail.headers.get('x-uitpas-test') === 'true');
    expect(tests.flatMap((r) => r.envelopeTo).sort()).toEqual(['een@example.test', MONITOR, 'twee@example.test'].sort());
    for (const { mail } of tests) {
      expect(mail.subject).toBe(`[TEST] ${holder.first_name}, je UiTPAS-najaar`);
      expect(mail.from?.value[0]?.address).toBe(DEMO_SENDER);
    }
    const html = String(tests[0]!.mail.html);
    const src = /<img[^>]+src="([^"]*\/uploads\/[^"]+)"/.exec(html)?.[1];
    expect(src).toMatch(/\/uploads\/mail_[^/]+\.png$/);
    const file = await fetch(`${app.url}${new URL(src!).pathname}`);
    expect(file.status).toBe(200);
    expect((await sharp(Buffer.from(await file.arrayBuffer())).metadata()).width).toBe(680);
    fs.rmSync(image, { force: true });

    // The list: duplicate, then delete the copy (after confirming).
    await page.goto(`${app.url}/admin/plugins/mailings/templates`);
    const row = (name: string) => page.getByRole('row').filter({ has: page.getByText(name, { exact: true }) });
    await row('E2E: najaarsnieuws').getByRole('button', { name: 'Dupliceer' }).click();
    await row('E2E: najaarsnieuws (kopie)').waitFor({ timeout: 30_000 });
    await shot('list-duplicated');
    await row('E2E: najaarsnieuws (kopie)').getByRole('button', { name: 'Verwijder' }).click();
    // The design system's Dialog, naming the template.
    await expect(page.getByRole('alertdialog').textContent()).resolves.toContain('Template "E2E: najaarsnieuws (kopie)" verwijderen?');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Verwijder' }).click();
    await row('E2E: najaarsnieuws (kopie)').waitFor({ state: 'detached', timeout: 30_000 });
    expect(await row('E2E: najaarsnieuws').count()).toBe(1);
  }, 300_000);

  test('languages (issue 21): add a French translation as a copy, switch between the languages (asking first with unsaved changes), delete one', async () => {
    await page.goto(`${app.url}/admin/plugins/mailings/templates`);
    const row = (name: string) => page.getByRole('row').filter({ has: page.getByText(name, { exact: true }) });
    await row('E2E: najaarsnieuws').waitFor({ timeout: 30_000 });
    await row('E2E: najaarsnieuws').getByRole('button', { name: EDIT }).click();
    const switcher = page.getByTestId('language-switcher');
    await switcher.waitFor({ timeout: 30_000 });
    expect(await switcher.getByRole('button').allTextContents()).toEqual(['Nederlands']);

    // A French translation starts as a copy of the Dutch one; saved with its own subject.
    await page.getByTestId('language-add').getByRole('combobox').click();
    await page.getByRole('option', { name: 'Français' }).click();
    await page.getByTestId('language-fr').waitFor();
    expect(await field('Onderwerp').inputValue()).toBe('{{ firstName }}, je UiTPAS-najaar');
    await field('Naam').fill('E2E: nouvelles d’automne');
    await field('Onderwerp').fill('{{ firstName }}, ton automne UiTPAS');
    await shot('language-added');
    await page.getByRole('button', { name: 'Bewaar', exact: true }).click();
    await page.getByTestId('language-delete').waitFor({ timeout: 30_000 });
    await shot('language-saved');

    // Back to Dutch: the Dutch texts; to French: the French ones.
    await page.getByTestId('language-nl').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="language-nl"]')?.getAttribute('aria-pressed') === 'true', undefined, {
      timeout: 30_000,
    });
    await expect(field('Onderwerp').inputValue()).resolves.toBe('{{ firstName }}, je UiTPAS-najaar');
    await page.getByTestId('language-fr').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="language-fr"]')?.getAttribute('aria-pressed') === 'true', undefined, {
      timeout: 30_000,
    });
    await expect(field('Onderwerp').inputValue()).resolves.toBe('{{ firstName }}, ton automne UiTPAS');
    // Another language with unsaved changes asks first, in the design system's dialog (not the browser's).
    await field('Onderwerp').fill('{{ firstName }}, pas encore sauvé');
    await page.getByTestId('language-nl').click();
    const ask = page.getByRole('alertdialog').or(page.getByRole('dialog'));
    await ask.getByText('Je hebt deze template gewijzigd zonder te bewaren').waitFor({ timeout: 10_000 });
    await shot('language-unsaved');
    await ask.getByRole('button', { name: 'Blijf' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(await page.getByTestId('language-fr').getAttribute('aria-pressed')).toBe('true');
    await expect(field('Onderwerp').inputValue()).resolves.toBe('{{ firstName }}, pas encore sauvé');
    await page.getByTestId('language-nl').click();
    await ask.getByRole('button', { name: 'Weggaan zonder bewaren' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="language-nl"]')?.getAttribute('aria-pressed') === 'true', undefined, {
      timeout: 30_000,
    });
    await expect(field('Onderwerp').inputValue()).resolves.toBe('{{ firstName }}, je UiTPAS-najaar');
    // The list: one row, both languages.
    await page.goto(`${app.url}/admin/plugins/mailings/templates`);
    await row('E2E: najaarsnieuws').waitFor({ timeout: 30_000 });
    expect(await row('E2E: najaarsnieuws').getByTestId('template-languages').textContent()).toBe('Nederlands, Frans');
    expect(await row('E2E: nouvelles d’automne').count()).toBe(0);

    // Deleting the French translation leaves the Dutch template.
    await row('E2E: najaarsnieuws').getByRole('button', { name: EDIT }).click();
    await page.getByTestId('language-fr').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="language-fr"]')?.getAttribute('aria-pressed') === 'true', undefined, {
      timeout: 30_000,
    });
    await page.getByTestId('language-delete').click();
    await page.getByTestId('language-delete-confirm').click();
    await page.getByTestId('language-fr').waitFor({ state: 'detached', timeout: 30_000 });
    await expect(field('Onderwerp').inputValue()).resolves.toBe('{{ firstName }}, je UiTPAS-najaar');
    await shot('language-deleted');
  }, 180_000);
});
