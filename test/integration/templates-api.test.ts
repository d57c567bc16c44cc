/**
 * Mail templates, sender addresses and test mails over the admin API, with real admin users and
 * RBAC, Strapi's upload plugin (sharp) and a real SMTP server receiving the mails.
 */
import crypto from 'crypto';
import sharp from 'sharp';
import { startApp, type TestApp } from '../helpers/strapi';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { adminClient, superAdminClient } from '../helpers/admin';
import { ENTITIES, ndjson } from './fixture';

let app: TestApp;
let smtp: TestSmtp;
let admin: string;
let editor: string;
const MONITOR = 'monitor@uitpas.test';

const as = (token: string) => ({
  get: (url: string) => app.http.get(url).set('Authorization', `Bearer ${token}`),
  post: (url: string, body: object = {}) => app.http.post(url).set('Authorization', `Bearer ${token}`).send(body),
  put: (url: string, body: object) => app.http.put(url).set('Authorization', `Bearer ${token}`).send(body),
});
const png = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 60 } } }).png().toBuffer();
const upload = (buffer: Buffer, name: string, type: string) => app.api().post('/api/upload').attach('files', buffer, { filename: name, contentType: type });
const pathOf = (url: string) => new URL(url).pathname + new URL(url).search;

beforeAll(async () => {
  smtp = await startSmtp();
  app = await startApp({
    env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), MAIL_MONITOR_ADDRESS: MONITOR, PUBLIC_URL: 'http://tool.test', MAIL_TEST_LIMIT: '5' },
  });
  for (const [entity, records] of ENTITIES) {
    await app.api().post(`/api/segmentation/import/${entity}`).set('Content-Type', 'application/x-ndjson').send(ndjson(records));
  }
  admin = (await superAdminClient(app)).token;
  editor = (await adminClient(app, { email: 'editor@test.local', actions: ['templates.read', 'templates.write', 'templates.test', 'personal.read'], cardSystems: ['cs-gent'] })).token;
});
afterAll(async () => {
  await app?.stop();
  await smtp?.close();
});

let senderId: string;
let imageId: number;

describe('sender addresses', () => {
  test('requested, verified by the signed link mailed to the address itself, approved by a sender manager only', async () => {
    const requested = await as(editor).post('/segmentation/senders', { email: 'gent@uitpas.test', displayName: 'UiTPAS Gent', cardSystem: 'cs-gent' });
    expect(requested.status).toBe(200);
    expect(requested.body.status).toBe('requested');
    senderId = requested.body.documentId;
    const [verification] = await smtp.waitFor(1);
    expect(verification!.envelopeTo).toEqual(['gent@uitpas.test']);
    const link = /http:\/\/tool\.test\/api\/segmentation\/senders\/verify\?token=\S+/.exec(verification!.mail.text ?? '')![0];

    // Not verified yet: cannot be approved, nor used by a template.
    expect((await as(admin).post(`/segmentation/senders/${senderId}/approve`)).status).toBe(400);
    // A forged or altered token verifies nothing.
    expect((await app.http.get(`${pathOf(link)}x`)).status).toBe(404);
    expect((await app.http.get('/api/segmentation/senders/verify?token=e30.AAAA')).status).toBe(404);
    const verified = await app.http.get(pathOf(link));
    expect(verified.status).toBe(200);
    expect(verified.text).toContain('gent@uitpas.test');

    expect((await as(editor).post(`/segmentation/senders/${senderId}/approve`)).status).toBe(403);
    const approved = await as(admin).post(`/segmentation/senders/${senderId}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    smtp.received.length = 0;
  });

  test('the status cannot be changed around verification and approval (e.g. in the Content Manager)', async () => {
    const docs = app.strapi.documents('plugin::segmentation.sender-address' as any);
    const created = (await docs.create({ data: { email: 'sneaky@uitpas.test', status: 'approved' } as any })) as any;
    expect(created.status).toBe('requested');
    await expect(docs.update({ documentId: created.documentId, data: { status: 'approved' } as any })).rejects.toThrow(/verification and approval/);
    // Changing an approved address's e-mail makes it requested again.
    const changed = (await docs.update({ documentId: senderId, data: { email: 'other@uitpas.test' } as any })) as any;
    expect(changed.status).toBe('requested');
    await app.strapi.db.query('plugin::segmentation.sender-address' as any).update({ where: { documentId: senderId }, data: { email: 'gent@uitpas.test', status: 'approved' } });
  });
});

describe('header image upload', () => {
  test('a landscape PNG gets a 680 px wide format from Strapi (sharp)', async () => {
    const res = await upload(await png(1360, 600), 'header.png', 'image/png');
    expect(res.status).toBe(201);
    expect(res.body[0].formats.mail).toMatchObject({ width: 680 });
    imageId = res.body[0].id;
  });

  test('wrong types and oversized files are refused and nothing is stored', async () => {
    const before = await app.strapi.db.query('plugin::upload.file').count();
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } }).gif().toBuffer();
    expect((await upload(gif, 'anim.gif', 'image/gif')).status).toBe(400);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect((await upload(svg, 'x.svg', 'image/svg+xml')).status).toBe(400);
    const noise = await sharp(crypto.randomBytes(1500 * 1300 * 3), { raw: { width: 1500, height: 1300, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
    expect(noise.length).toBeGreaterThan(5 * 1024 * 1024);
    const huge = await upload(noise, 'huge.png', 'image/png');
    expect(huge.status).toBe(413);
    expect(await app.strapi.db.query('plugin::upload.file').count()).toBe(before);
  });
});

const template = (extra: Record<string, unknown> = {}) => ({
  name: 'Zomerkampen',
  language: 'nl',
  subject: 'Hallo {{ firstName | default: "UiTPAS-houder" }}',
  preheader: 'Je hebt {{ points }} punten',
  format: 'house',
  houseStyle: 'uitpas-gent',
  image: imageId,
  imageAlt: 'Kinderen op kamp',
  body: 'Beste {{ firstName }},\n\nSchrijf je in.',
  buttonText: 'Inschrijven',
  buttonUrl: 'https://uitpas.be/kamp?uid={{ uid }}',
  senderName: 'UiTPAS Gent',
  sender: senderId,
  replyTo: 'vragen@uitpas.test',
  ...extra,
});

describe('templates', () => {
  test('saved with an approved sender; the API refuses anything else, naming the field', async () => {
    const created = await as(editor).post('/segmentation/templates', template());
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: 'Zomerkampen', sender: { documentId: senderId }, image: { id: imageId } });

    const other = await as(editor).post('/segmentation/senders', { email: 'leuven@uitpas.test' });
    const unapproved = await as(editor).post('/segmentation/templates', template({ sender: other.body.documentId }));
    expect(unapproved.status).toBe(400);
    expect(unapproved.body.error.details.errors).toEqual([expect.objectContaining({ path: ['sender'] })]);

    const unknownVar = await as(editor).post('/segmentation/templates', template({ subject: 'Hoi {{ fristName }}' }));
    expect(unknownVar.status).toBe(400);
    expect(unknownVar.body.error.details.errors[0]).toMatchObject({ path: ['subject'], message: expect.stringContaining("'fristName'") });

    const script = await as(editor).post('/segmentation/templates', template({ format: 'html', html: '<p>Hi</p><script>alert(1)</script><a href="{{ unsubscribeUrl }}">x</a>' }));
    expect(script.status).toBe(400);
    expect(script.body.error.details.errors[0].path).toEqual(['html']);

    const badReply = await as(editor).post('/segmentation/templates', template({ replyTo: 'not-an-address' }));
    expect(badReply.status).toBe(400);
    expect(badReply.body.error.details.errors[0].path).toEqual(['replyTo']);
    expect(await app.strapi.db.query('plugin::segmentation.mail-template' as any).count()).toBe(1);

    const list = await as(editor).get('/segmentation/templates');
    expect(list.body.results.map((t: { name: string }) => t.name)).toEqual(['Zomerkampen']);
    expect(list.body.results[0].owner).toMatchObject({ firstname: 'T' });
  });

  test('the Content Manager path applies the same rules', async () => {
    const docs = app.strapi.documents('plugin::segmentation.mail-template' as any);
    await expect(docs.create({ data: { ...template({ subject: '{{ nope }}' }), sender: undefined } as any })).rejects.toThrow(/nope/);
  });

  test('preview personalised for a UID, or a random holder (with an e-mail address) of a segment', async () => {
    const byUid = await as(editor).post('/segmentation/templates/preview', { template: template(), uid: 'h01' });
    expect(byUid.status).toBe(200);
    expect(byUid.body.recipient).toMatchObject({ uid: 'h01', firstName: 'An', chosen: 'uid' });
    expect(byUid.body.mail.subject).toBe('Hallo An');
    expect(byUid.body.mail.html).toContain('https://uitpas.be/kamp?uid=h01');
    expect(byUid.body.mail.html).toMatch(/<img[^>]+src="http:\/\/tool\.test\/uploads\/[^"]+"/);
    expect(byUid.body.warnings).toEqual([]);

    const segment = await as(admin).post('/segmentation/segments', { name: 'Gent', cardSystem: 'cs-gent', definition: { version: 1, groups: [{ filters: [{ type: 'cardSystem', cardSystems: ['cs-gent'] }] }] } });
    for (let i = 0; i < 5; i++) {
      const random = await as(editor).post('/segmentation/templates/preview', { template: template(), segment: segment.body.documentId });
      expect(random.body.recipient.chosen).toBe('random');
      expect(['h01', 'h04']).toContain(random.body.recipient.uid); // the Gent holders with an e-mail address
    }
    const warned = await as(editor).post('/segmentation/templates/preview', { template: template({ preheader: null, imageAlt: '', buttonUrl: 'http://uitpas.be' }), uid: 'h01' });
    expect(warned.body.warnings.map((w: { code: string }) => w.code).sort()).toEqual(['button-not-https', 'image-alt-missing', 'preheader-missing']);
    expect((await as(editor).post('/segmentation/templates/preview', { template: template(), uid: 'nobody' })).body.error.details.errors[0].path).toEqual(['uid']);
  });
});

describe('test mails', () => {
  test('to each address and the monitoring copy: [TEST] subject, approved sender, reply-to, text and HTML, List-Unsubscribe', async () => {
    smtp.received.length = 0;
    const res = await as(editor).post('/segmentation/templates/test', { template: template(), recipients: 'a@test.be, b@test.be', uid: 'h04' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sent: ['a@test.be', 'b@test.be'], monitor: MONITOR });
    const mails = await smtp.waitFor(3);
    expect(mails.map((m) => m.envelopeTo[0]).sort()).toEqual(['a@test.be', 'b@test.be', MONITOR]);
    for (const { mail } of mails) {
      expect(mail.subject).toBe('[TEST] Hallo Dirk');
      expect(mail.from?.value[0]).toEqual({ name: 'UiTPAS Gent', address: 'gent@uitpas.test' });
      expect(mail.replyTo?.value[0]?.address).toBe('vragen@uitpas.test');
      expect(mail.text).toContain('Beste Dirk');
      expect(mail.text).not.toMatch(/<[a-z]/i);
      expect(mail.html).toContain('Beste Dirk');
      const header = (name: string) => mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '');
      const unsubscribe = String(header('list-unsubscribe'));
      expect(unsubscribe).toMatch(/^<http:\/\/tool\.test\/api\/segmentation\/unsubscribe\/[\w-]+\.[\w-]+>$/);
      expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    }
    const first = mails[0]!.mail.headerLines.find((h) => h.key === 'list-unsubscribe')!.line;
    const link = pathOf(/<([^>]+)>/.exec(first)![1]!);
    expect((await app.http.get(link)).text).toContain('testmail');
    expect((await app.http.post(link)).status).toBe(200);
    expect((await app.http.get(`${link.slice(0, -2)}xx`)).status).toBe(404);
  });

  test('invalid addresses are listed and nothing is sent; a sender that is not approved is refused', async () => {
    smtp.received.length = 0;
    const res = await as(editor).post('/segmentation/templates/test', { template: template(), recipients: 'ok@test.be, nope, x@', uid: 'h04' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: { path: unknown[] }) => e.path)).toEqual([['recipients', 1], ['recipients', 2]]);
    const other = await as(editor).post('/segmentation/senders', { email: 'brugge@uitpas.test' });
    const unapproved = await as(editor).post('/segmentation/templates/test', { template: template({ sender: other.body.documentId }), recipients: 'ok@test.be' });
    expect(unapproved.status).toBe(400);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received.filter((m) => m.envelopeTo[0] === 'ok@test.be')).toHaveLength(0);
  });

  test('throttled per user', async () => {
    // The limit is 5 per 10 minutes; 2 were sent above.
    const third = await as(editor).post('/segmentation/templates/test', { template: template(), recipients: 'c@test.be d@test.be e@test.be', uid: 'h04' });
    expect(third.status).toBe(200);
    const refused = await as(editor).post('/segmentation/templates/test', { template: template(), recipients: 'f@test.be', uid: 'h04' });
    expect(refused.status).toBe(429);
    expect((await as(admin).post('/segmentation/templates/test', { template: template(), recipients: 'f@test.be', uid: 'h04' })).status).toBe(200);
  });
});
