/**
 * Issue 18 in the template editor, in a real browser (see test/helpers/e2e.ts): personalisation
 * through the *Invoegen* menu with Dutch names and a fallback, problems in Dutch named by the field's
 * label (an unknown UID in the preview too), the random holder limited to a segment, leaving with
 * unsaved changes asks first, a second template with the same name is warned about, *Bewaar en
 * bekijk* / *Bewaar en sluit*, *Mailing versturen*, the *Eigenaar* column and the subject as it
 * reads, and a Viewer's read-only editor with the reason of every disabled action. Screenshots: test/e2e/artifacts/tplux-*.
 */
import type { Page } from 'playwright-core';
import { DEMO_ADMIN } from '../../src/plugins/segmentation/server/src/demo/seed';
import type { TestApp } from '../helpers/strapi';
import { browserDescribe, login, screenshots, useBrowserApp } from '../helpers/e2e';

const run = browserDescribe('the template UX browser test');

run('template editor UX (issue 18)', () => {
  let app: TestApp & { url: string };
  let page: Page;
  const e2e = useBrowserApp({ viewport: { width: 1600, height: 1000 } });
  beforeAll(() => {
    ({ app, page } = e2e);
  });
  const shot = screenshots('tplux-', () => page);
  const field = (label: string) => page.getByRole('textbox', { name: new RegExp(`^${label}\\s*\\*?$`) });
  const describedBy = async (label: string) => {
    const ids = ((await field(label).getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
    return (await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()))).join(' ');
  };
  /** Opens the field's Invoegen menu, types the fallback (if any) and picks a variable by its Dutch label. */
  const insert = async (label: string, variable: string, fallback = '') => {
    await page.getByRole('button', { name: `Invoegen in ${label}` }).click();
    const menu = page.getByTestId('insert-menu');
    await menu.waitFor();
    if (fallback) await menu.getByRole('textbox', { name: /^Als leeg/ }).fill(fallback);
    await menu.getByRole('menuitem', { name: new RegExp(`^${variable}`) }).click();
    await menu.waitFor({ state: 'detached' });
  };
  /** Focuses the wrapper of a disabled action (as a keyboard user would) and waits for its tooltip to give `reason`. */
  const hasReason = async (reasonHolder: ReturnType<Page['locator']>, reason: string, on: Page = page) => {
    await reasonHolder.focus();
    await on.getByRole('tooltip').filter({ hasText: reason }).first().waitFor({ timeout: 10_000 });
    await reasonHolder.blur();
    await on.getByRole('tooltip').filter({ hasText: reason }).first().waitFor({ state: 'detached', timeout: 10_000 });
  };

  test('Invoegen, Dutch problems, segment-limited random holder, unsaved changes, same name, save and view / close, Mailing versturen', async () => {
    await login(page, app.url);

    // The list: an Eigenaar column, the subject as the sample holder reads it.
    await page.goto(`${app.url}/admin/plugins/mailings/templates`);
    const demoRow = page.getByRole('row').filter({ has: page.getByText('Zomerkampen 2026', { exact: true }) });
    await demoRow.waitFor({ timeout: 60_000 });
    await expect(page.locator('thead').getByText('Eigenaar', { exact: true }).count()).resolves.toBe(1);
    await expect(demoRow.getByTestId('template-owner').textContent()).resolves.toBe(`${DEMO_ADMIN.firstname} ${DEMO_ADMIN.lastname}`);
    await expect(demoRow.getByTestId('template-subject').textContent()).resolves.not.toMatch(/\{\{|\{%/);
    await shot('list');

    await page.getByRole('button', { name: 'Nieuwe template' }).click();
    await page.waitForURL(/\/templates\/new$/);
    const testMail = page.getByRole('button', { name: 'Testmail versturen' });
    expect(await testMail.isDisabled()).toBe(true);
    await hasReason(page.locator('[data-reason]').filter({ has: testMail }), 'Vul eerst een onderwerp en een tekst in.');
    await field('Naam').fill('Zomerkampen 2026');

    // Invoegen at the cursor with a fallback, and without one at the end of an untouched field.
    await field('Onderwerp').fill(', je UiTPAS-najaar');
    await field('Onderwerp').press('Home');
    await insert('Onderwerp', 'Voornaam', 'Hallo');
    await expect(field('Onderwerp').inputValue()).resolves.toBe('{{ voornaam | default: "Hallo" }}, je UiTPAS-najaar');
    await field('Tekst').fill('Je hebt ');
    await insert('Tekst', 'Punten');
    await field('Tekst').press('End');
    await field('Tekst').pressSequentially(' punten.');
    await expect(field('Tekst').inputValue()).resolves.toBe('Je hebt {{ punten }} punten.');
    await insert('Preheader', 'Naam');
    await expect(field('Preheader').inputValue()).resolves.toBe('{{ naam }}');
    await field('Knoptekst').fill('Bekijk');
    await field('Knoplink').fill('https://www.uitpas.be/?p=');
    await insert('Knoplink', 'UID van de pashouder');
    await expect(field('Knoplink').inputValue()).resolves.toBe('https://www.uitpas.be/?p={{ uid }}');
    await shot('inserted');

    // The preview renders the Dutch names; a problem shows in Dutch by the field's label, no path, no English.
    const subject = page.getByTestId('preview-subject');
    await page.waitForFunction(() => /, je UiTPAS-najaar$/.test(document.querySelector('[data-testid="preview-subject"]')?.textContent ?? ''), undefined, {
      timeout: 30_000,
    });
    expect(await subject.textContent()).not.toContain('{{');
    await field('Preheader').fill('{{ voornam }}');
    await page.waitForFunction(() => /“voornam” is geen personalisatie/.test(document.body.innerText), undefined, { timeout: 30_000 });
    expect(await describedBy('Preheader')).toMatch(/^.*“voornam” is geen personalisatie die je kunt gebruiken/);
    const alert = (await page.getByTestId('preview-panel').innerText()).replace(/\s+/g, ' ');
    expect(alert).toContain('Preheader: “voornam” is geen personalisatie');
    expect(alert).not.toMatch(/Unknown variable|Invalid template|preheader: “/);
    await shot('dutch-problem');
    await field('Preheader').fill('Nieuw dit najaar');
    await page.getByTestId('preview-panel').getByText('Nieuw dit najaar').waitFor({ timeout: 30_000 });

    // The random holder limited to a segment: the request names it, the holder is one of its members.
    // (Since issue 20 the first click on this list after typing can be taken by the page — noted in the issue —
    // so the list is opened until its options show.)
    const segmentList = page.getByRole('combobox', { name: /^Willekeurig uit/ });
    for (let i = 0; i < 3 && !(await page.getByRole('option', { name: 'UiTPAS Gent', exact: true }).isVisible()); i++) {
      await segmentList.click();
      await page
        .getByRole('listbox')
        .waitFor({ timeout: 2_000 })
        .catch(() => undefined);
    }
    await page.getByRole('option', { name: 'UiTPAS Gent', exact: true }).click();
    const asked = page.waitForRequest((r) => r.url().includes('/segmentation/templates/preview') && Boolean(JSON.parse(r.postData() ?? '{}').segment));
    await page.getByRole('button', { name: 'Willekeurige pashouder' }).click();
    const segmentId = JSON.parse((await asked).postData()!).segment as string;
    const segmentRow = await app.strapi.db.connection('seg_segments').where({ document_id: segmentId }).first('name');
    expect(segmentRow?.name).toBe('UiTPAS Gent');
    await page.locator('[data-testid="preview-panel"][data-state="done"][data-nonce="1"]').waitFor({ timeout: 30_000 });
    const uid = /\(([^()]+)\)\s*$/.exec((await page.getByTestId('preview-recipient').textContent()) ?? '')![1]!;
    const gent = await app.strapi.db
      .connection('seg_holders as h')
      .join('seg_holder_card_systems as l', 'l.holder_id', 'h.id')
      .join('seg_card_systems as cs', 'cs.id', 'l.card_system_id')
      .where({ 'h.uid': uid, 'cs.key': 'uitpas-gent' })
      .first('h.id');
    expect(gent).toBeTruthy();
    await shot('segment-holder');

    // An unknown UID typed in the preview: said in Dutch at the field, naming the UID, not the server's English.
    const uidField = page.getByRole('textbox', { name: /^UID pashouder/ });
    await uidField.fill('niemand-e2e-ux');
    await page.getByText('Er is geen pashouder met UID niemand-e2e-ux die je mag zien.').first().waitFor({ timeout: 30_000 });
    expect(await page.getByText(/No pass holder with UID/).count()).toBe(0);
    await shot('unknown-uid');
    await uidField.fill('');
    await page.locator('[data-testid="preview-panel"][data-state="done"]').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('preview-recipient').textContent()).resolves.toContain(`(${uid})`);

    // Leaving with unsaved changes asks first: the Terug button, the plugin's own menu, closing the tab.
    await page.getByRole('link', { name: /^(Terug|Back)$/ }).click();
    const leave = page.getByRole('alertdialog').or(page.getByRole('dialog'));
    await leave.getByText('Je hebt deze template gewijzigd zonder te bewaren').waitFor({ timeout: 10_000 });
    await shot('unsaved-dialog');
    await leave.getByRole('button', { name: 'Blijf' }).click();
    await leave.waitFor({ state: 'detached' });
    expect(page.url()).toMatch(/\/templates\/new$/);
    await page
      .getByRole('link', { name: /^Segmentatie/ })
      .first()
      .click();
    await page.getByText('Je hebt deze template gewijzigd zonder te bewaren').waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Blijf' }).click();
    expect(page.url()).toMatch(/\/templates\/new$/);
    const asksOnClose = await page.evaluate(() => {
      const e = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(e);
      return e.defaultPrevented;
    });
    expect(asksOnClose).toBe(true);

    // Mailing versturen needs a saved template, and says so.
    const mailing = page.getByRole('button', { name: 'Mailing versturen' });
    expect(await mailing.isDisabled()).toBe(true);
    await hasReason(page.locator('[data-reason]').filter({ has: mailing }), 'Bewaar de template eerst');

    // A second template named "Zomerkampen 2026": warned, renamed, then saved and viewed.
    await page.getByRole('button', { name: 'Bewaar en bekijk' }).click();
    await page.getByTestId('same-name').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('same-name').textContent()).toContain('“Zomerkampen 2026”');
    await shot('same-name');
    await page.getByRole('button', { name: 'Naam aanpassen' }).click();
    expect(page.url()).toMatch(/\/templates\/new$/);
    await field('Naam').fill('E2E: najaar in het Nederlands');
    await page.getByRole('button', { name: 'Bewaar en bekijk' }).click();
    await page.waitForURL(/\/plugins\/mailings\/templates\/[a-z0-9]{10,}$/, { timeout: 30_000 });
    const documentId = /templates\/([a-z0-9]+)$/.exec(page.url())![1]!;
    await page.getByTestId('mail-view').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => /, je UiTPAS-najaar$/.test(document.querySelector('[data-testid="mail-view-subject"]')?.textContent ?? ''), undefined, {
      timeout: 30_000,
    });
    await shot('saved-and-viewed');
    await page.keyboard.press('Escape');
    await page.getByTestId('mail-view').waitFor({ state: 'detached' });
    const stored = await app.strapi.db.query('plugin::segmentation.mail-template' as any).findOne({ where: { documentId } });
    expect(stored.subject).toBe('{{ voornaam | default: "Hallo" }}, je UiTPAS-najaar');

    // Saved: Mailing versturen leads to a new mailing with this template; an edit disables it again.
    await field('Knoptekst').fill('Bekijk het aanbod');
    expect(await mailing.isDisabled()).toBe(true);
    await hasReason(page.locator('[data-reason]').filter({ has: mailing }), 'Bewaar eerst je wijzigingen');
    await page.getByRole('button', { name: 'Bewaar en sluit' }).click();
    await page.waitForURL(/\/plugins\/mailings\/templates$/, { timeout: 30_000 });
    expect(await page.getByText('Je hebt deze template gewijzigd zonder te bewaren').count()).toBe(0);
    const row = page.getByRole('row').filter({ has: page.getByText('E2E: najaar in het Nederlands', { exact: true }) });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.getByTestId('template-subject').textContent()).toBe('An, je UiTPAS-najaar');
    await row.getByRole('button', { name: 'Bewerk' }).click();
    await page.waitForURL(new RegExp(`/templates/${documentId}$`));
    await page.getByRole('button', { name: 'Mailing versturen' }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/plugins/mailings/campaigns/new') && u.searchParams.get('template') === documentId, {
      timeout: 30_000,
    });
    await shot('mailing-from-template');
  }, 300_000);

  test('a Viewer sees a read-only editor that says why, and every disabled action gives its reason', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const viewer = await context.newPage();
    try {
      await login(viewer, app.url, { email: 'kijker@uitpas-gent.local', password: DEMO_ADMIN.password });
      await viewer.goto(`${app.url}/admin/plugins/mailings/templates`);
      await viewer.getByText('Zomerkampen 2026', { exact: true }).waitFor({ timeout: 60_000 });
      await viewer
        .getByRole('row')
        .filter({ has: viewer.getByText('Zomerkampen 2026', { exact: true }) })
        .getByRole('button', { name: 'Bekijk' })
        .click();
      await viewer.getByTestId('read-only').waitFor({ timeout: 30_000 });
      expect(await viewer.getByTestId('read-only').textContent()).toContain('je rol heeft het recht om templates te bewerken niet');
      expect(await viewer.getByRole('textbox', { name: /^Onderwerp/ }).isDisabled()).toBe(true);
      // No personalised preview for a Viewer, but the subject as the sample holder reads it.
      const sample = (await viewer.getByTestId('sample-subject').textContent()) ?? '';
      expect(sample).toMatch(/^Onderwerp voor een voorbeeldpashouder \(An\): /);
      expect(sample).not.toMatch(/\{\{|\{%/);
      expect(await viewer.getByRole('button', { name: /^Invoegen in/ }).count()).toBe(0);
      for (const name of ['Bewaar', 'Bewaar en sluit']) {
        const button = viewer.getByRole('button', { name, exact: true });
        expect(await button.isDisabled()).toBe(true);
        await hasReason(viewer.locator('[data-reason]').filter({ has: button }), 'Je rol mag geen templates bewerken.', viewer);
      }
      await viewer.screenshot({ path: `${__dirname}/artifacts/tplux-viewer.png`, fullPage: true });
      // Nothing to lose: leaving asks nothing.
      await viewer.getByRole('link', { name: /^(Terug|Back)$/ }).click();
      await viewer.waitForURL(/\/plugins\/mailings\/templates$/, { timeout: 30_000 });
    } finally {
      await context.close();
    }
  }, 180_000);
});
