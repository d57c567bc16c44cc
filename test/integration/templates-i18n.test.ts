/**
 * Templates in several languages (issue 21) over the admin API, with Strapi's i18n: a template is
 * one document with a localisation per language (nl, fr, en, de); the list shows one row with its
 * `locales`; `?locale=` reads, saves (making a new localisation) and deletes one; the shared fields
 * are the same in every language. Templates of before localisations keep their language at
 * start-up. A mailing gives each holder the localisation of their language (else the main one,
 * Dutch), records the version of the localisation each was rendered from, and a mailing forced into
 * one language gives everyone that one.
 */
import { startApp, type TestApp } from '../helpers/strapi';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { superAdminClient, waitForStatus, type AdminClient } from '../helpers/admin';
import { approvedSender, importFixture } from './fixture';
import { localesFromLanguage, ensureTemplateLocales } from '../../src/plugins/segmentation/server/src/templates/locales';
import { localisationFor, snapshotOf } from '../../src/plugins/segmentation/server/src/campaigns/snapshot';
import { templateVersion } from '../../src/plugins/segmentation/server/src/templates/service';

let app: TestApp;
let smtp: TestSmtp;
let admin: AdminClient;
let sender: string;

const HOLDERS = [
  { uid: 'l-nl', email: 'nl@mail.test', language: 'nl' },
  { uid: 'l-fr', email: 'fr@mail.test', language: 'fr' },
  { uid: 'l-de', email: 'de@mail.test', language: 'de' },
  { uid: 'l-none', email: 'none@mail.test' },
].map((h) => ({ firstName: `Naam-${h.uid}`, lastName: 'Taal', cardSystems: ['cs-gent'], consents: ['email'], ...h }));

const dutch = () => ({ name: 'Kampen', subject: 'Dag {{ firstName }}', body: 'Hallo, de kampen zijn er.', sender });
const french = () => ({ name: 'Camps', language: 'fr', subject: 'Bonjour {{ firstName }}', body: 'Bonjour, les camps sont là.', sender });

beforeAll(async () => {
  smtp = await startSmtp();
  app = await startApp({ env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port) } });
  await importFixture(app, HOLDERS);
  admin = await superAdminClient(app);
  sender = await approvedSender(app);
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await smtp?.close();
});

describe('localisations over the API', () => {
  let id: string;

  test('the locales nl (default), fr, en and de exist at start-up; making them again changes nothing', async () => {
    const codes = async () =>
      ((await app.strapi.db.query('plugin::i18n.locale').findMany({ orderBy: { code: 'asc' } })) as { code: string }[]).map((l) => l.code);
    expect(await codes()).toEqual(expect.arrayContaining(['de', 'en', 'fr', 'nl']));
    const before = await codes();
    await ensureTemplateLocales(app.strapi);
    expect(await codes()).toEqual(before);
    expect(await app.strapi.plugin('i18n').service('locales').getDefaultLocale()).toBe('nl');
  });

  test('a template made in Dutch gets a French localisation; the list shows one template with both', async () => {
    const created = await admin.post('/segmentation/templates', dutch());
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ language: 'nl', locales: ['nl'] });
    id = created.body.documentId;

    const fr = await admin.put(`/segmentation/templates/${id}?locale=fr`, french());
    expect(fr.status).toBe(200);
    expect(fr.body).toMatchObject({ documentId: id, language: 'fr', subject: 'Bonjour {{ firstName }}', locales: ['nl', 'fr'] });

    const list = (await admin.get('/segmentation/templates')).body.results.filter((t: { documentId: string }) => t.documentId === id);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ name: 'Kampen', language: 'nl', locales: ['nl', 'fr'] });
    // Found by the text of any language, still one row.
    const found = (await admin.get('/segmentation/templates?q=Camps')).body.results;
    expect(found.map((t: { documentId: string }) => t.documentId)).toEqual([id]);

    const nl = await admin.get(`/segmentation/templates/${id}`);
    expect(nl.body).toMatchObject({ language: 'nl', subject: 'Dag {{ firstName }}', locales: ['nl', 'fr'], input: { language: 'nl' } });
    const read = await admin.get(`/segmentation/templates/${id}?locale=fr`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ language: 'fr', name: 'Camps', input: { language: 'fr', subject: 'Bonjour {{ firstName }}' } });
    expect((await admin.get(`/segmentation/templates/${id}?locale=de`)).status).toBe(404);
    expect((await admin.get(`/segmentation/templates/${id}?locale=xx`)).status).toBe(400);
  });

  test('the shared fields (reply-to, sender) are the same in every language; the texts are not', async () => {
    const saved = await admin.put(`/segmentation/templates/${id}?locale=nl`, { ...dutch(), replyTo: 'vragen@uitpas.test', subject: 'Dag!' });
    expect(saved.status).toBe(200);
    const fr = (await admin.get(`/segmentation/templates/${id}?locale=fr`)).body;
    expect(fr).toMatchObject({ replyTo: 'vragen@uitpas.test', subject: 'Bonjour {{ firstName }}', sender: { documentId: sender } });
  });

  test('one localisation is deleted; the last one deletes the template', async () => {
    const de = await admin.put(`/segmentation/templates/${id}?locale=de`, { ...dutch(), name: 'Lager', subject: 'Hallo' });
    expect(de.body.locales).toEqual(['nl', 'fr', 'de']);
    const removed = await admin.del(`/segmentation/templates/${id}?locale=de`);
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ documentId: id, locale: 'de', locales: ['nl', 'fr'] });
    expect((await admin.get(`/segmentation/templates/${id}?locale=de`)).status).toBe(404);
    expect((await admin.del(`/segmentation/templates/${id}?locale=de`)).status).toBe(404);

    const single = (await admin.post('/segmentation/templates', { ...dutch(), name: 'Eentalig' })).body.documentId as string;
    expect((await admin.del(`/segmentation/templates/${single}?locale=nl`)).status).toBe(200);
    expect((await admin.get(`/segmentation/templates/${single}`)).status).toBe(404);
  });

  test('a template in one language saved with another language moves to it (as before localisations); a copy keeps every language', async () => {
    const one = (await admin.post('/segmentation/templates', { ...dutch(), name: 'Verhuist' })).body.documentId as string;
    const moved = await admin.put(`/segmentation/templates/${one}`, { ...french(), name: 'Verhuist' });
    expect(moved.body).toMatchObject({ language: 'fr', locales: ['fr'] });
    expect((await admin.get(`/segmentation/templates/${one}`)).body).toMatchObject({ language: 'fr', locales: ['fr'] });

    const copy = await admin.post(`/segmentation/templates/${id}/duplicate`);
    expect(copy.status).toBe(200);
    expect(copy.body).toMatchObject({ name: 'Kampen (kopie)', locales: ['nl', 'fr'] });
    expect((await admin.get(`/segmentation/templates/${copy.body.documentId}?locale=fr`)).body.name).toBe('Camps (kopie)');
  });

  test('a preview takes a locale: the draft is shown in that language', async () => {
    const preview = await admin.post('/segmentation/templates/preview', { template: french(), locale: 'fr', uid: 'l-fr' });
    expect(preview.status).toBe(200);
    expect(preview.body.mail.subject).toBe('Bonjour Naam-l-fr');
    expect(preview.body.mail.html).toContain('lang="fr"');
  });
});

describe('templates of before localisations', () => {
  test('an entry without a locale gets its old language at start-up (and again nothing changes)', async () => {
    const docs = app.strapi.documents('plugin::segmentation.mail-template' as any);
    const made = (await docs.create({ data: { ...dutch(), name: 'Oud', language: 'fr' } as any })) as any;
    expect(made.locale).toBe('fr');
    // As the table was before localisations: no locale.
    await app.strapi.db.connection('seg_mail_templates').where({ document_id: made.documentId }).update({ locale: null });
    expect(await localesFromLanguage(app.strapi.db.connection)).toBe(1);
    expect(await localesFromLanguage(app.strapi.db.connection)).toBe(0);
    expect((await admin.get(`/segmentation/templates/${made.documentId}`)).body).toMatchObject({ name: 'Oud', language: 'fr', locales: ['fr'] });
  });
});

describe('a mailing to holders of several languages', () => {
  let template: string;
  let campaign: string;

  beforeAll(async () => {
    template = (await admin.post('/segmentation/templates', { ...dutch(), name: 'Meertalig' })).body.documentId;
    expect((await admin.put(`/segmentation/templates/${template}?locale=fr`, { ...french(), senderName: 'UiTPAS Gand' })).status).toBe(200);
    const created = await admin.post('/segmentation/campaigns', { name: 'Talen', segment: null, template, cardSystem: 'cs-gent' });
    expect(created.status).toBe(200);
    campaign = created.body.documentId;
    const url = `/segmentation/campaigns/${campaign}/audience`;
    expect((await admin.put(url, { steps: [{ mode: 'add', uids: HOLDERS.map((h) => h.uid) }] })).status).toBe(200);
    expect((await admin.post(`${url}/generate`)).status).toBe(200);
  });

  test('French holders get French, Dutch, German and unknown ones Dutch (the main language); each delivery records its version', async () => {
    smtp.received.length = 0;
    expect((await admin.post(`/segmentation/campaigns/${campaign}/send`)).status).toBe(200);
    await waitForStatus(admin, campaign, 'sent');
    const subjectTo = (address: string) => smtp.received.find((m) => m.envelopeTo.includes(address))?.mail.subject;
    expect(subjectTo('fr@mail.test')).toBe('Bonjour Naam-l-fr');
    expect(subjectTo('nl@mail.test')).toBe('Dag Naam-l-nl');
    expect(subjectTo('de@mail.test')).toBe('Dag Naam-l-de');
    expect(subjectTo('none@mail.test')).toBe('Dag Naam-l-none');
    expect(smtp.received.find((m) => m.envelopeTo.includes('fr@mail.test'))?.mail.from?.text).toContain('UiTPAS Gand');

    const row = (await app.strapi.db.connection('seg_campaigns').where({ document_id: campaign }).first('snapshot')) as { snapshot: unknown };
    const snapshot = typeof row.snapshot === 'string' ? JSON.parse(row.snapshot) : row.snapshot;
    expect(Object.keys(snapshot.locales).sort()).toEqual(['fr', 'nl']); // jsonb (PostgreSQL) orders keys its own way
    expect(snapshot.version).toBe(snapshot.locales.nl.version);
    const versions = (await app.strapi.db
      .connection('seg_deliveries as d')
      .join('seg_campaigns as c', 'c.id', 'd.campaign_id')
      .where('c.document_id', campaign)
      .select('d.uid', 'd.template_version')) as { uid: string; template_version: string }[];
    const versionOf = Object.fromEntries(versions.map((v) => [v.uid, v.template_version]));
    expect(versionOf['l-fr']).toBe(snapshot.locales.fr.version);
    expect(versionOf['l-nl']).toBe(snapshot.locales.nl.version);
    expect(versionOf['l-de']).toBe(snapshot.locales.nl.version);
    expect(snapshot.locales.fr.version).not.toBe(snapshot.locales.nl.version);
  });

  test('a mailing forced into one language gives everyone that one (where the template has it)', async () => {
    const populated = (await app.strapi
      .documents('plugin::segmentation.campaign' as any)
      .findOne({ documentId: campaign, populate: { template: { populate: { image: true, sender: true, attachments: true } } } })) as Record<string, unknown>;
    const forced = await snapshotOf(app.strapi, { ...populated, language: 'fr' }, null);
    expect(forced.language).toBe('fr');
    for (const language of ['nl', 'fr', 'de', null]) expect(localisationFor(forced.locales, language, forced.language)).toBe('fr');
    const german = await snapshotOf(app.strapi, { ...populated, language: 'de' }, null);
    // No German: everyone gets the main language, the only one the snapshot keeps (its `content`).
    expect(german.locales).toBeUndefined();
    expect(localisationFor(german.locales, 'fr', german.language)).toBeUndefined();
    expect(german.content?.language).toBe('nl');
    const holder = await snapshotOf(app.strapi, { ...populated, language: 'holder' }, null);
    expect(holder.language).toBeUndefined();
    expect(localisationFor(holder.locales, 'fr', holder.language)).toBe('fr');
    // Each localisation's version is the hash of its own content.
    expect(holder.locales!.fr!.version).toBe(templateVersion(holder.locales!.fr!.content));
    expect(holder.locales!.nl!.version).toBe(holder.version);
  });
});
