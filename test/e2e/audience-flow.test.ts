/**
 * End to end, in a real browser against the real app with its built admin panel, the demo data, the
 * in-process sending worker and a test SMTP server (issue 19): a mailing without a segment is made
 * over the admin API; in the browser its audience page is opened from the mailing page, three steps are
 * set (a saved segment added, typed UIDs removed — first refused for an unknown UID, shown at its step —
 * and an uploaded list removed, its bad lines listed), saved and generated; the per-step counts and the
 * total must equal the API's; a holder is found by UID and by name and removed by hand with a reason
 * (the total drops by one), another added back by name; the mailing is sent without review, marked done once sent; the removed
 * holder's page does not list the mailing, a recipient's page lists it as "gereed"; the holder search
 * page finds a holder; the segment edited afterwards shows as changed; a Viewer is told why the send
 * and save buttons are disabled, and why a holder's page stays empty (no personal-data permission).
 * Screenshots: test/e2e/artifacts/aud-*.
 */
import type { Page } from 'playwright-core';
import type { TestApp } from '../helpers/strapi';
import { browserDescribe, login, screenshots, useBrowserApp } from '../helpers/e2e';
import { DEMO_ADMIN } from '../../src/plugins/segmentation/server/src/demo/seed';

const run = browserDescribe('the audience browser test');

/** A postcode no demo holder has: the segment is exactly these holders. */
const POSTCODE = '9996';
const holder = (i: number) => ({
  uid: `e2e-aud-${i}`,
  firstName: i === 3 ? 'Zoekbaar' : `Ontvanger${i}`,
  lastName: 'Golf',
  email: `aud${i}@mail.test`,
  postcode: POSTCODE,
  consents: ['email'],
  cardSystems: ['uitpas-gent'],
});
const HOLDERS = Array.from({ length: 8 }, (_, i) => holder(i));
const REMOVED_BY_STEP = ['e2e-aud-1', 'e2e-aud-2'];
const REMOVED_BY_LIST = 'e2e-aud-7';
const ndjson = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n');

run('a mailing’s audience in the browser', () => {
  let app: TestApp & { url: string };
  let page: Page;
  let jwt: string;
  const shot = screenshots('aud-', () => page);
  const admin = {
    get: (url: string) => app.http.get(url).set('Authorization', `Bearer ${jwt}`),
    post: (url: string, body: object) => app.http.post(url).set('Authorization', `Bearer ${jwt}`).send(body),
  };
  const valueOf = async (testId: string) => Number(await page.getByTestId(testId).getAttribute('data-value'));
  /** Waits until `check` holds (polling the API), at most `ms`. */
  const until = async (check: () => Promise<boolean>, what: string, ms = 60_000) => {
    const end = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  const e2e = useBrowserApp({ smtp: true });
  beforeAll(() => {
    ({ app, page } = e2e);
  });

  test('steps → generate → review → remove one by hand → send → mark done → the holders’ histories', async () => {
    const imported = await app.api().post('/api/segmentation/import/pass-holders').set('Content-Type', 'application/x-ndjson').send(ndjson(HOLDERS));
    expect(imported.body.rejected).toEqual([]);
    jwt = (await app.http.post('/admin/login').send({ email: DEMO_ADMIN.email, password: DEMO_ADMIN.password })).body.data.token;
    const segment = await admin.post('/segmentation/segments', {
      name: 'E2E: postcode 9996',
      cardSystem: 'uitpas-gent',
      definition: { version: 1, groups: [{ filters: [{ type: 'postcode', postcodes: [POSTCODE] }] }] },
    });
    expect(segment.status).toBe(200);
    const sender = (await admin.get('/segmentation/senders?status=approved')).body.find((s: { cardSystem: string }) => s.cardSystem === 'uitpas-gent');
    const template = await admin.post('/segmentation/templates', {
      name: 'E2E: golf',
      subject: 'Dag {{ firstName }}',
      body: 'Hallo {{ firstName }}',
      sender: sender.documentId,
      cardSystem: 'uitpas-gent',
    });
    expect(template.status).toBe(200);
    const created = await admin.post('/segmentation/campaigns', {
      name: 'E2E: ontvangers',
      segment: null,
      template: template.body.documentId,
      cardSystem: 'uitpas-gent',
    });
    expect(created.status).toBe(200);
    const id = created.body.documentId as string;
    const audience = async () => (await admin.get(`/segmentation/campaigns/${id}/audience`)).body;

    // From the mailing page to its audience page.
    await login(page, app.url);
    await page.goto(`${app.url}/admin/plugins/mailings/campaigns/${id}`);
    await page.getByRole('link', { name: 'Ontvangers samenstellen' }).click();
    await page.waitForURL(new RegExp(`/plugins/mailings/audiences/${id}$`), { timeout: 30_000 });
    await page.getByTestId('not-generated').waitFor({ timeout: 30_000 });

    // Two steps: the segment added, two typed UIDs removed; saved.
    await page.getByRole('button', { name: 'Stap toevoegen' }).click();
    await page.getByRole('combobox', { name: 'Stap 1: segment' }).click();
    await page.getByRole('option', { name: 'E2E: postcode 9996', exact: true }).click();
    await page.getByRole('button', { name: 'Stap om te verwijderen' }).click();
    const typed = page.getByRole('textbox', { name: 'Stap 2: UiTPAS-nummers' });
    // First with a UID that does not exist: the refusal is shown at its step, in words, naming it.
    await typed.fill([...REMOVED_BY_STEP, 'niemand-e2e'].join('\n'));
    await page.getByRole('button', { name: 'Bewaar', exact: true }).click();
    await expect(page.getByTestId('step-problem-1').textContent({ timeout: 30_000 })).resolves.toBe(
      'Onbekend UiTPAS-nummer (of buiten jouw kaartsystemen): niemand-e2e',
    );
    expect(await page.getByTestId('step-problem-0').count()).toBe(0);
    await typed.fill(REMOVED_BY_STEP.join('\n'));
    await page.getByTestId('step-problem-1').waitFor({ state: 'detached', timeout: 10_000 }); // edited: its problem goes
    // A third step: an uploaded list (removed), with its kept count and its bad lines by number.
    await page.getByRole('button', { name: 'Stap om te verwijderen' }).click();
    await page.getByRole('combobox', { name: 'Stap 3: bron' }).click();
    await page.getByRole('option', { name: 'Opgeladen lijst', exact: true }).click();
    await page.getByLabel('Stap 3: bestand (CSV of XLSX)').setInputFiles({
      name: 'lijst.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`pasnummer;linked\n${REMOVED_BY_LIST};J\nonbekend-e2e;J\n${REMOVED_BY_LIST};J\n`),
    });
    await page.locator('[data-testid="list-kept"][data-value="1"]').waitFor({ timeout: 30_000 });
    const listProblems = await page.getByTestId('list-problems').textContent();
    expect(listProblems).toContain('Regel 3: onbekend UiTPAS-nummer onbekend-e2e');
    expect(listProblems).toContain(`Regel 4: ${REMOVED_BY_LIST} staat er al eerder in`);
    await shot('steps');
    await page.getByRole('button', { name: 'Bewaar', exact: true }).click();
    await until(async () => (await audience()).steps.length === 3, 'the steps to be saved');
    expect((await audience()).steps).toEqual([
      expect.objectContaining({ mode: 'add', segment: segment.body.documentId }),
      expect.objectContaining({ mode: 'remove', uids: REMOVED_BY_STEP }),
      expect.objectContaining({ mode: 'remove', list: expect.any(String) }),
    ]);

    // Generate: the counts per step and the total, as the API has them.
    await page.getByRole('button', { name: 'Genereer ontvangers' }).click();
    await page.getByTestId('audience-total').waitFor({ timeout: 30_000 });
    const generated = await audience();
    expect(generated.generated.total).toBe(HOLDERS.length - REMOVED_BY_STEP.length - 1);
    expect(await valueOf('audience-total')).toBe(generated.generated.total);
    expect(await valueOf('audience-email')).toBe(generated.generated.withEmail);
    for (const s of generated.steps as { index: number; added: number; removed: number }[]) {
      const row = page.getByTestId(`review-step-${s.index}`);
      expect(Number(await row.getAttribute('data-added'))).toBe(s.added);
      expect(Number(await row.getAttribute('data-removed'))).toBe(s.removed);
      expect(Number(await page.getByTestId(`step-counts-${s.index}`).getAttribute('data-added'))).toBe(s.added);
    }
    expect(generated.steps.map((s: { added: number; removed: number }) => [s.added, s.removed])).toEqual([
      [HOLDERS.length, 0],
      [0, REMOVED_BY_STEP.length],
      [0, 1],
    ]);
    await page.locator(`[data-testid="members-total"][data-value="${generated.generated.total}"]`).waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('added-by').first().textContent()).resolves.toBe('Stap 1: segment E2E: postcode 9996');
    await shot('generated');

    // Search by UID, then by name; remove the holder found by hand, with a reason.
    const search = page.getByRole('searchbox', { name: 'Zoek op UiTPAS-nummer of naam' });
    await search.fill('e2e-aud-3');
    await page.locator('[data-testid="members-total"][data-value="1"]').waitFor({ timeout: 30_000 });
    await search.fill('zoekb');
    await page.locator('[data-testid="member-row"][data-uid="e2e-aud-3"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('member-row').count()).toBe(1);
    await page.getByRole('button', { name: 'Verwijder e2e-aud-3' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByRole('textbox').fill('wil geen mail');
    await shot('remove');
    await dialog.getByRole('button', { name: 'Verwijder', exact: true }).click();
    await page.locator(`[data-testid="audience-total"][data-value="${generated.generated.total - 1}"]`).waitFor({ timeout: 30_000 });
    const adjusted = await audience();
    expect(adjusted.generated.total).toBe(generated.generated.total - 1);
    expect(adjusted.manual).toEqual([expect.objectContaining({ mode: 'remove', uid: 'e2e-aud-3', reason: 'wil geen mail', removed: 1 })]);
    await expect(page.locator('[data-testid="review-manual"][data-uid="e2e-aud-3"]').textContent()).resolves.toContain('reden: wil geen mail');
    await search.fill('');
    await page.locator(`[data-testid="members-total"][data-value="${adjusted.generated.total}"]`).waitFor({ timeout: 30_000 });

    // One added back by hand, found by name.
    await page.getByRole('textbox', { name: 'Pashouder toevoegen: UiTPAS-nummer of naam' }).fill('Ontvanger1');
    await page.getByRole('button', { name: 'Voeg e2e-aud-1 toe' }).click({ timeout: 30_000 });
    await page.locator(`[data-testid="audience-total"][data-value="${adjusted.generated.total + 1}"]`).waitFor({ timeout: 30_000 });
    expect((await audience()).manual).toEqual([
      expect.objectContaining({ mode: 'remove', uid: 'e2e-aud-3' }),
      expect.objectContaining({ mode: 'add', uid: 'e2e-aud-1', added: 1 }),
    ]);
    await page.locator('[data-testid="member-row"][data-uid="e2e-aud-1"]').getByText('Handmatig toegevoegd').waitFor({ timeout: 30_000 });

    // A Viewer sees the same page with every disabled action saying why (the role, not a silent grey button).
    const looker = await e2e.browser.newPage();
    await login(looker, app.url, { email: 'kijker@uitpas-gent.local', password: DEMO_ADMIN.password });
    await looker.goto(`${app.url}/admin/plugins/mailings/audiences/${id}`);
    const why = (name: string) => looker.locator('[data-testid="disabled-reason"]').filter({ has: looker.getByRole('button', { name, exact: true }) });
    await why('Verstuur zonder controle').waitFor({ timeout: 30_000 });
    await expect(why('Verstuur zonder controle').getAttribute('data-reason')).resolves.toBe(
      'Je rol mag geen mailings versturen. Vraag het aan een collega die dat mag.',
    );
    await expect(why('Bewaar').getAttribute('data-reason')).resolves.toBe('Je rol mag geen mailings wijzigen.');
    await why('Verstuur zonder controle').focus();
    await looker.getByRole('tooltip').filter({ hasText: 'Je rol mag geen mailings versturen' }).first().waitFor({ timeout: 10_000 });
    await looker.close();

    // Send without review (behind a confirmation); once sent, mark done.
    await page.getByRole('button', { name: 'Verstuur zonder controle' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Verstuur nu' }).click();
    await until(async () => (await admin.get(`/segmentation/campaigns/${id}`)).body.status === 'sent', 'the mailing to be sent');
    await page.getByRole('button', { name: 'Meld gereed' }).click({ timeout: 30_000 });
    await page.getByTestId('done-at').waitFor({ timeout: 30_000 });
    expect((await admin.get(`/segmentation/campaigns/${id}`)).body.doneAt).toBeTruthy();
    await shot('done');

    // The segment edited afterwards: the review says by how many holders it changed.
    const edited = await app.http
      .put(`/segmentation/segments/${segment.body.documentId}`)
      .set('Authorization', `Bearer ${jwt}`)
      .send({ name: 'E2E: postcode 9996', definition: { version: 1, groups: [{ filters: [{ type: 'postcode', postcodes: ['9995'] }] }] } });
    expect(edited.status).toBe(200);
    await page.reload();
    await expect(page.getByTestId('changed-segment').textContent({ timeout: 30_000 })).resolves.toContain(
      `Segment E2E: postcode 9996 is gewijzigd sinds het genereren: ${HOLDERS.length} → 0 pashouders`,
    );

    // The holder removed by hand: the mailing is not on their history.
    await page.locator('[data-testid="review-manual"][data-uid="e2e-aud-3"]').getByRole('link', { name: 'e2e-aud-3' }).click();
    await page.waitForURL(/\/plugins\/segmentation\/holders\/e2e-aud-3$/, { timeout: 30_000 });
    await expect(page.getByTestId('holder-name').textContent()).resolves.toBe('Zoekbaar Golf');
    await expect(page.getByTestId('holder-email').textContent()).resolves.toBe('aud3@mail.test');
    await page.getByTestId('history-empty').waitFor({ timeout: 30_000 });
    await shot('removed-holder');

    // A recipient, found on the holder search page: the mailing, "gereed".
    await page.goto(`${app.url}/admin/plugins/segmentation/holders`);
    await page.getByRole('searchbox', { name: 'UiTPAS-nummer of naam' }).fill('e2e-aud-0');
    await page.getByRole('link', { name: 'e2e-aud-0' }).click();
    await page.waitForURL(/\/plugins\/segmentation\/holders\/e2e-aud-0$/, { timeout: 30_000 });
    const row = page.getByTestId('history-row').filter({ hasText: 'E2E: ontvangers' });
    await row.waitFor({ timeout: 30_000 });
    await expect(row.textContent()).resolves.toContain('gereed');
    await expect(row.textContent()).resolves.toContain('verstuurd');
    await shot('recipient');

    // A Viewer (no personal-data permission) is told why the holder page stays empty.
    const viewer = await e2e.browser.newPage();
    await login(viewer, app.url, { email: 'kijker@uitpas-gent.local', password: DEMO_ADMIN.password });
    await viewer.goto(`${app.url}/admin/plugins/segmentation/holders/e2e-aud-0`);
    await expect(viewer.getByTestId('holder-refused').textContent({ timeout: 30_000 })).resolves.toContain('Je mag geen persoonsgegevens van pashouders zien');
    await viewer.close();
  }, 300_000);
});
