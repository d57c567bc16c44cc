/**
 * Issue 20 in the admin panel, in a real browser (see test/helpers/e2e.ts): an SMS template with its
 * live counter (over 160 characters: 2 parts; € counts double; an emoji makes it UCS-2 and is listed;
 * personalisation near a part boundary is warned about), saved as an SMS template; a mailing "E-mail,
 * anders brief" made in the form with its e-mail and letter templates; its audience generated with
 * the counts per channel; on the review list one holder moved from e-mail to letter by hand (and one
 * refused, the server's problem shown by UID) and the list filtered by channel; the confirmation's
 * numbers per channel; once sent, the letters' figures and the downloads of letters, labels and the
 * merge file. Screenshots: test/e2e/artifacts/chux-*.
 */
import type { Page } from 'playwright-core';
import type { TestApp } from '../helpers/strapi';
import { browserDescribe, login, screenshots, useBrowserApp } from '../helpers/e2e';
import { DEMO_ADMIN } from '../../src/plugins/segmentation/server/src/demo/seed';

const run = browserDescribe('the channels browser test');

/** A postcode no demo holder has: the segment is exactly these holders. */
const POSTCODE = '9994';
const ADDRESS = { street: 'Kouter 1', postcode: POSTCODE, city: 'Gent' };
const HOLDERS = [
  // e-mail (consent, address too): e-mail first
  { uid: 'e2e-ch-0', email: 'ch0@mail.test', consents: ['email'], ...ADDRESS },
  // the same: moved to a letter by hand
  { uid: 'e2e-ch-1', email: 'ch1@mail.test', consents: ['email'], ...ADDRESS },
  // no e-mail address, an address: a letter
  { uid: 'e2e-ch-2', ...ADDRESS },
  { uid: 'e2e-ch-3', ...ADDRESS },
  // e-mail but no address: e-mail (cannot be moved to a letter)
  { uid: 'e2e-ch-4', email: 'ch4@mail.test', consents: ['email'], postcode: POSTCODE },
  // neither: no channel
  { uid: 'e2e-ch-5', postcode: POSTCODE },
].map((h, i) => ({ firstName: `Kanaal${i}`, lastName: 'Golf', cardSystems: ['uitpas-gent'], ...h }));
const ndjson = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n');
const LONG =
  'Beste pashouder, deze zomer zijn er weer kampen en activiteiten met korting voor UiTPAS-houders in Gent. Schrijf je snel in via de website van de stad of kom langs aan de balie.';

run('channels in the admin panel (issue 20)', () => {
  let app: TestApp & { url: string };
  let page: Page;
  let jwt: string;
  const shot = screenshots('chux-', () => page);
  const admin = {
    get: (url: string) => app.http.get(url).set('Authorization', `Bearer ${jwt}`),
    post: (url: string, body: object) => app.http.post(url).set('Authorization', `Bearer ${jwt}`).send(body),
  };
  const valueOf = async (testId: string, root: Page | ReturnType<Page['locator']> = page) =>
    (await root.getByTestId(testId).first().getAttribute('data-value')) ?? '';
  const until = async (check: () => Promise<boolean>, what: string, ms = 60_000) => {
    const end = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  const row = (uid: string) => page.locator(`[data-testid="member-row"][data-uid="${uid}"]`);

  const e2e = useBrowserApp({ smtp: true, viewport: { width: 1600, height: 1000 } });
  beforeAll(() => {
    ({ app, page } = e2e);
  });

  test('SMS counter, an e-mail + letter mailing generated and reviewed by channel, sent, its post downloads', async () => {
    expect(LONG.length).toBeGreaterThan(160);
    const imported = await app.api().post('/api/segmentation/import/pass-holders').set('Content-Type', 'application/x-ndjson').send(ndjson(HOLDERS));
    expect(imported.body.rejected).toEqual([]);
    jwt = (await app.http.post('/admin/login').send({ email: DEMO_ADMIN.email, password: DEMO_ADMIN.password })).body.data.token;
    const segment = await admin.post('/segmentation/segments', {
      name: 'E2E: kanalen 9994',
      cardSystem: 'uitpas-gent',
      definition: { version: 1, groups: [{ filters: [{ type: 'postcode', postcodes: [POSTCODE] }] }] },
    });
    expect(segment.status).toBe(200);
    const sender = (await admin.get('/segmentation/senders?status=approved')).body.find((s: { cardSystem: string }) => s.cardSystem === 'uitpas-gent');
    const mail = await admin.post('/segmentation/templates', {
      name: 'E2E: kanalen mail',
      subject: 'Dag {{ voornaam }}',
      body: 'Hallo {{ voornaam }}',
      sender: sender.documentId,
      cardSystem: 'uitpas-gent',
    });
    expect(mail.status).toBe(200);
    const letter = await admin.post('/segmentation/templates', {
      channel: 'letter',
      name: 'E2E: kanalen brief',
      subject: 'Zomerkampen',
      body: 'Beste {{ voornaam }},\n\nDeze zomer zijn er kampen.',
      senderBlock: 'UiTPAS Gent\nKouter 1\n9000 Gent',
      place: 'Gent',
      signature: 'Het UiTPAS-team',
      cardSystem: 'uitpas-gent',
    });
    expect(letter.status).toBe(200);
    await login(page, app.url);

    // An SMS template: the counter follows the text as it is typed.
    await page.goto(`${app.url}/admin/plugins/mailings/templates/new`);
    await page.getByRole('radio', { name: 'Sms' }).click({ timeout: 60_000 });
    await page.getByRole('textbox', { name: /^Naam/ }).fill('E2E: kanalen sms');
    const text = page.getByRole('textbox', { name: /^Tekst van de sms/ });
    const counter = page.getByTestId('sms-counter');
    await text.fill('Prijs: 5 €');
    await page.locator('[data-testid="sms-counter"][data-characters="11"]').waitFor({ timeout: 10_000 });
    await expect(page.getByTestId('sms-doubled').textContent()).resolves.toContain('€');
    await text.fill(LONG);
    await page.locator('[data-testid="sms-counter"][data-parts="2"]').waitFor({ timeout: 10_000 });
    expect(await counter.getAttribute('data-encoding')).toBe('GSM-7');
    await expect(page.getByTestId('sms-parts').textContent()).resolves.toContain('2');
    expect(await page.getByTestId('sms-ucs2').count()).toBe(0);
    await text.fill(`${LONG} 😀`);
    await page.getByTestId('sms-ucs2').waitFor({ timeout: 10_000 });
    expect(await counter.getAttribute('data-encoding')).toBe('UCS-2');
    await expect(page.getByTestId('sms-ucs2-char').first().textContent()).resolves.toContain('😀');
    expect(Number(await counter.getAttribute('data-parts'))).toBe(Math.ceil((LONG.length + 3) / 67));
    await shot('sms-ucs2');
    // Personalisation with little room before the boundary: a warning.
    await text.fill(`${'x'.repeat(148)} {{ voornaam }}`);
    await page.getByTestId('sms-may-grow').waitFor({ timeout: 10_000 });
    await text.fill(`Dag {{ voornaam }}, ${LONG.slice(0, 120)}`);
    await page.getByTestId('sms-may-grow').waitFor({ state: 'detached', timeout: 10_000 });
    await page.getByTestId('sms-opt-out').waitFor();
    await page.getByRole('button', { name: 'Bewaar', exact: true }).click();
    await page.waitForURL(/\/templates\/[a-z0-9]{10,}$/, { timeout: 30_000 });
    const templates = (await admin.get('/segmentation/templates?pageSize=100')).body.results as { name: string; channel?: string }[];
    expect(templates.find((x) => x.name === 'E2E: kanalen sms')?.channel).toBe('sms');
    expect(templates.find((x) => x.name === 'E2E: kanalen brief')?.channel).toBe('letter');

    // A mailing "E-mail, anders brief": the letter template picker appears, each picker lists its channel's templates.
    await page.goto(`${app.url}/admin/plugins/mailings/campaigns/new`);
    await page.getByRole('textbox', { name: /^Naam/ }).fill('E2E: kanalen', { timeout: 60_000 });
    expect(await page.getByRole('combobox', { name: /^Brieftemplate/ }).count()).toBe(0);
    await page.getByRole('combobox', { name: /^Kanaal/ }).click();
    await page.getByRole('option', { name: 'E-mail, anders brief', exact: true }).click();
    await page.getByRole('combobox', { name: /^Brieftemplate/ }).click();
    expect(await page.getByRole('option', { name: 'E2E: kanalen mail' }).count()).toBe(0);
    await page.getByRole('option', { name: 'E2E: kanalen brief' }).click();
    await page.getByRole('combobox', { name: /^E-mailtemplate/ }).click();
    expect(await page.getByRole('option', { name: 'E2E: kanalen brief' }).count()).toBe(0);
    await page.getByRole('option', { name: 'E2E: kanalen mail' }).click();
    await shot('mailing-form');
    await page.getByRole('button', { name: 'Bewaar', exact: true }).click();
    await page.waitForURL(/\/campaigns\/[a-z0-9]{10,}$/, { timeout: 30_000 });
    const id = page.url().split('/').pop()!;
    const saved = (await admin.get(`/segmentation/campaigns/${id}`)).body;
    expect(saved.channel).toBe('email+post');
    expect(saved.template?.documentId).toBe(mail.body.documentId);
    expect(saved.letterTemplate?.documentId).toBe(letter.body.documentId);

    // Its audience: the segment, generated; the counts per channel as the API has them.
    await page.getByRole('link', { name: 'Ontvangers samenstellen' }).click();
    await page.getByTestId('not-generated').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Stap toevoegen' }).click();
    await page.getByRole('combobox', { name: 'Stap 1: segment' }).click();
    await page.getByRole('option', { name: 'E2E: kanalen 9994', exact: true }).click();
    await page.getByRole('button', { name: 'Genereer ontvangers' }).click();
    await page.getByTestId('channel-counts').waitFor({ timeout: 30_000 });
    const audience = async () => (await admin.get(`/segmentation/campaigns/${id}/audience`)).body.generated;
    const generated = await audience();
    expect(generated.channel).toBe('email+post');
    expect([generated.channels.email, generated.channels.post, generated.channels.none]).toEqual([3, 2, 1]);
    expect(await valueOf('channel-count-email')).toBe('3');
    expect(await valueOf('channel-count-post')).toBe('2');
    expect(await valueOf('channel-count-none')).toBe('1');
    for (const [reason, n] of Object.entries(generated.channels.unreachable as Record<string, number>)) {
      expect(await valueOf(`channel-reason-${reason}`)).toBe(String(n));
    }
    await row('e2e-ch-5').waitFor({ timeout: 30_000 });
    expect(await valueOf('member-channel', row('e2e-ch-0'))).toBe('email');
    expect(await valueOf('member-channel', row('e2e-ch-2'))).toBe('post');
    expect(await valueOf('member-channel', row('e2e-ch-5'))).toBe('none');
    await expect(row('e2e-ch-5').getByTestId('member-channel').textContent()).resolves.toMatch(/^Geen: /);
    await shot('review');

    // Moving a holder without an address to a letter is refused, the problem named by UID; nothing changes.
    await page.getByRole('checkbox', { name: 'Selecteer e2e-ch-4' }).click();
    await page.getByRole('button', { name: 'Wijzig kanaal (1)' }).click();
    const dialog = page.getByTestId('move-dialog');
    await dialog.getByRole('radio', { name: 'Brief' }).click();
    await page.getByRole('button', { name: 'Wijzig kanaal', exact: true }).click();
    await expect(page.getByTestId('move-problem').first().textContent({ timeout: 30_000 })).resolves.toContain('e2e-ch-4');
    await shot('move-refused');
    await page.getByRole('button', { name: 'Annuleren' }).click();
    await page.getByRole('checkbox', { name: 'Selecteer e2e-ch-4' }).click();

    // One with an address moved from e-mail to a letter by hand.
    await page.getByRole('checkbox', { name: 'Selecteer e2e-ch-1' }).click();
    await page.getByRole('button', { name: 'Wijzig kanaal (1)' }).click();
    await page.getByTestId('move-dialog').getByRole('radio', { name: 'Brief' }).click();
    await page.getByRole('button', { name: 'Wijzig kanaal', exact: true }).click();
    await page.locator('[data-testid="channel-changed-by-hand"][data-value="1"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="channel-count-post"][data-value="3"]').waitFor({ timeout: 30_000 });
    await row('e2e-ch-1').locator('[data-testid="member-channel"][data-value="post"]').waitFor({ timeout: 30_000 });
    const moved = await audience();
    expect([moved.channels.email, moved.channels.post, moved.channels.changedByHand]).toEqual([2, 3, 1]);

    // The list filtered by channel.
    await page.getByRole('combobox', { name: 'Toon kanaal' }).click();
    await page.getByRole('option', { name: 'Brief', exact: true }).click();
    await page.locator('[data-testid="members-total"][data-value="3"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('member-row').count()).toBe(3);
    await shot('filtered');

    // The confirmation: per channel, and the number to type is everyone reached (2 mails + 3 letters).
    await page.goto(`${app.url}/admin/plugins/mailings/campaigns/${id}`);
    await page.getByRole('button', { name: 'Mailing versturen' }).click({ timeout: 30_000 });
    await page.getByTestId('confirm-channels').waitFor({ timeout: 30_000 });
    expect(await valueOf('confirm-channel-email')).toBe('2');
    expect(await valueOf('confirm-channel-post')).toBe('3');
    expect(await valueOf('confirm-channel-none')).toBe('1');
    await shot('confirm');
    await page.getByRole('textbox', { name: /Typ het aantal ontvangers/ }).fill('5');
    await page.getByRole('button', { name: 'Verstuur naar 5' }).click();
    await until(async () => (await admin.get(`/segmentation/campaigns/${id}`)).body.status === 'sent', 'the mailing to be sent');

    // The statistics: the letters, and the post downloads.
    await page.goto(`${app.url}/admin/plugins/mailings/campaigns/${id}/stats`);
    await page.getByTestId('post-downloads').waitFor({ timeout: 30_000 });
    expect(await valueOf('stats-post-letters')).toBe('3');
    const [letters] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Brieven (PDF)' }).click()]);
    expect(letters.suggestedFilename()).toMatch(/\.pdf$/);
    await page.getByRole('combobox', { name: 'Etikettenvel' }).click();
    await page.getByRole('option', { name: '3 × 7 etiketten van 70 × 42,3 mm' }).click();
    await page.getByRole('textbox', { name: /^Eerste etiket \(1–21\)/ }).fill('5');
    const labelsRequest = page.waitForRequest((r) => r.url().includes('/labels?'));
    const [labels] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Etiketten (PDF)' }).click()]);
    expect(labels.suggestedFilename()).toMatch(/\.pdf$/);
    const asked = new URL((await labelsRequest).url());
    expect([asked.searchParams.get('sheet'), asked.searchParams.get('start')]).toEqual(['3x7-70x42.3', '5']);
    const [merge] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^Samenvoegbestand \((Excel|CSV)\)$/ }).click()]);
    expect(merge.suggestedFilename()).toMatch(/\.(xlsx|csv)$/);
    await shot('stats');
  }, 300_000);
});
