/**
 * A mailing's campaign (wave group) in the admin, in a real browser: the field offers the groups
 * already named on the partner's mailings; typing part of one in another case and picking it keeps
 * the existing spelling, and a new name is created from the field ("Nieuwe campagne …"). Each
 * choice is checked on what the server stored. Screenshots: test/e2e/artifacts/wave-*.
 */
import type { Page } from 'playwright-core';
import type { TestApp } from '../helpers/strapi';
import { superAdminClient, type AdminClient } from '../helpers/admin';
import { browserDescribe, login, screenshots, useBrowserApp } from '../helpers/e2e';

const run = browserDescribe('the wave group browser test');
const GENT = { version: 1, groups: [{ filters: [{ type: 'cardSystem', cardSystems: ['uitpas-gent'] }] }] };

run('the campaign of a mailing (wave group)', () => {
  let app: TestApp & { url: string };
  let page: Page;
  let admin: AdminClient;
  const e2e = useBrowserApp();
  const shot = screenshots('wave-', () => page);
  beforeAll(async () => {
    ({ app, page } = e2e);
    admin = await superAdminClient(app, 'beheer@golf.test');
  });

  const mailing = async (name: string, waveGroup?: string) => {
    const id = (await admin.post('/segmentation/campaigns', { name, segment: null, cardSystem: 'uitpas-gent' })).body.documentId as string;
    const set = await admin.put(`/segmentation/campaigns/${id}/audience`, { steps: [{ mode: 'add', definition: GENT }], ...(waveGroup ? { waveGroup } : {}) });
    expect(set.status).toBe(200);
    return id;
  };
  const stored = async (id: string) => (await admin.get(`/segmentation/campaigns/${id}/audience`)).body.waveGroup as string | null;

  test('picked from the partner’s groups, or created; a different case keeps the existing group', async () => {
    await mailing('E2E: pilot', 'Zomerfestival 2026');
    const id = await mailing('E2E: hoofdgolf');
    await login(page, app.url);
    await page.goto(`${app.url}/admin/plugins/mailings/audiences/${id}`);
    const field = page.getByRole('combobox', { name: 'Campagne (golf)' });
    await field.waitFor({ timeout: 60_000 });
    const save = async () => {
      const saved = page.waitForResponse((r) => r.url().endsWith(`/segmentation/campaigns/${id}/audience`) && r.request().method() === 'PUT', {
        timeout: 30_000,
      });
      await page.getByRole('button', { name: 'Bewaar' }).click();
      expect((await saved).status()).toBe(200);
    };

    /** Typed key by key into the field (which opens its list), replacing what it shows. */
    const type = async (text: string) => {
      await field.click();
      await field.press('ControlOrMeta+a');
      await field.pressSequentially(text);
    };
    await type('zomerfest');
    await page.getByRole('option', { name: 'Zomerfestival 2026', exact: true }).click();
    expect(await field.inputValue()).toBe('Zomerfestival 2026');
    await shot('picked');
    await save();
    expect(await stored(id)).toBe('Zomerfestival 2026');

    await type('Herfst 2026');
    await page.getByRole('option', { name: 'Nieuwe campagne “Herfst 2026”' }).click();
    await save();
    expect(await stored(id)).toBe('Herfst 2026');

    // Typed in another case and created: the existing group, not a new one.
    await type('ZOMERFESTIVAL 2026');
    await page.getByRole('option', { name: 'Nieuwe campagne “Zomerfestival 2026”' }).click();
    expect(await field.inputValue()).toBe('Zomerfestival 2026');
    await save();
    expect(await stored(id)).toBe('Zomerfestival 2026');
    await shot('resolved');
  }, 180_000);
});
