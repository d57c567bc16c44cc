/**
 * A mailing's audience over the admin API (issue 19), with the sending worker in-process and a real
 * SMTP server: steps set and checked, generated (each holder with the step that added it), the
 * review page with search, a segment edited afterwards (the audience stays, the review says by how
 * many holders the segment changed), manual removes and adds kept as steps and re-applied, the send
 * from the generated audience, send without review, a pilot wave left out of the next wave, mark
 * done and the contact history, another partner's mailing a 404, and generate racing a send.
 * On SQLite and (in the Postgres run) on Postgres.
 */
import type { TestApp } from '../helpers/strapi';
import type { TestSmtp } from '../helpers/smtp';
import { adminClient, waitForStatus, type AdminClient } from '../helpers/admin';
import { startMailingApp } from './mailing-setup';
import { getService } from '../../src/plugins/segmentation/server/src/services';

let app: TestApp;
let smtp: TestSmtp;
let admin: AdminClient;
let leuvenManager: AdminClient;
let template: string;
let kids: string; // segment: postcode 8888 (m01..m06)
let adults: string; // segment: postcode 8889 (m07, m08)

const holder = (n: number, postcode: string, cardSystems = ['cs-gent']) => ({
  uid: `m0${n}`,
  firstName: n === 3 ? 'Zelda' : `Kind${n}`,
  lastName: 'Audience',
  email: `m0${n}@mail.test`,
  postcode,
  consents: ['email'],
  cardSystems,
});
/** Holders a mail cannot go to, each for one reason (x1 can be mailed; x6 shares x1's address). */
const UNMAILABLE = [
  { uid: 'x1', email: 'x1@mail.test', consents: ['email'] },
  { uid: 'x2', email: 'x2@mail.test', consents: [] }, // no consent
  { uid: 'x3', consents: ['email'] }, // no address
  { uid: 'x4', email: 'x4@mail.test', consents: ['email'] }, // unsubscribed
  { uid: 'x5', email: 'x5@mail.test', consents: ['email'] }, // bounced
  { uid: 'x6', email: 'X1@mail.test', consents: ['email'] }, // the same address as x1
].map((h) => ({ firstName: 'Niet', lastName: 'Mailbaar', postcode: '8887', cardSystems: ['cs-gent'], ...h }));
const HOLDERS: object[] = [
  ...[1, 2, 3, 4, 5, 6].map((n) => holder(n, '8888')),
  holder(7, '8889'),
  holder(8, '8889'),
  holder(9, '8888', ['cs-leuven']),
  ...UNMAILABLE,
];
const byPostcode = (postcode: string) => ({ version: 1, groups: [{ filters: [{ type: 'postcode', postcodes: [postcode] }] }] });

beforeAll(async () => {
  ({ smtp, app, admin, leuvenManager, template } = await startMailingApp(HOLDERS, 'Golf'));
  const segment = async (name: string, postcode: string) =>
    (await admin.post('/segmentation/segments', { name, definition: byPostcode(postcode), cardSystem: 'cs-gent' })).body.documentId as string;
  kids = await segment('Kinderen', '8888');
  adults = await segment('Volwassenen', '8889');
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await smtp?.close();
});

const mailing = async (name: string) =>
  (await admin.post('/segmentation/campaigns', { name, segment: null, template, cardSystem: 'cs-gent' })).body.documentId as string;
const url = (id: string, rest = '') => `/segmentation/campaigns/${id}/audience${rest}`;
const members = async (id: string, query = '') => (await admin.get(url(id, `/members?pageSize=100${query}`))).body;
const uids = (page: { items: { uid: string }[] }) => page.items.map((i) => i.uid);
const mailed = async (id: string) =>
  (
    (await app.strapi.db
      .connection('seg_deliveries as d')
      .join('seg_campaigns as c', 'c.id', 'd.campaign_id')
      .where('c.document_id', id)
      .whereNot('d.status', 'holdout')
      .orderBy('d.uid')
      .select('d.uid')) as { uid: string }[]
  ).map((r) => r.uid);

describe('steps, generate and review', () => {
  let id: string;
  beforeAll(async () => {
    id = await mailing('Stappen');
  });

  test('bad steps are refused with their paths; a repeated segment is a 409', async () => {
    const bad = await admin.put(url(id), { steps: [{ mode: 'maybe', segment: kids }, { mode: 'add' }] });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.errors.map((e: { path: unknown[] }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        ['steps', 0, 'mode'],
        ['steps', 1],
      ]),
    );
    const twice = await admin.put(url(id), {
      steps: [
        { mode: 'add', segment: kids },
        { mode: 'remove', segment: kids },
      ],
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toContain(kids);
    expect((await admin.post(url(id, '/generate'))).status).toBe(400); // nothing set yet
  });

  test('generate fixes the holders, with what each step added and removed and who added whom', async () => {
    const set = await admin.put(url(id), {
      steps: [
        { mode: 'add', segment: kids },
        { mode: 'remove', uids: ['m02', 'm07'] },
        { mode: 'add', segment: adults },
      ],
    });
    expect(set.status).toBe(200);
    expect(set.body.generated).toBeNull();
    const gen = await admin.post(url(id, '/generate'));
    expect(gen.status).toBe(200);
    expect(gen.body.generated.total).toBe(7);
    expect(gen.body.steps.map((s: { added: number; removed: number }) => [s.added, s.removed])).toEqual([
      [6, 0],
      [0, 1],
      [2, 0],
    ]);
    const page = await members(id);
    expect(uids(page)).toEqual(['m01', 'm03', 'm04', 'm05', 'm06', 'm07', 'm08']);
    expect(page.items.find((i: { uid: string }) => i.uid === 'm07').addedBy).toBe(2);
    expect(page.items.find((i: { uid: string }) => i.uid === 'm01').addedBy).toBe(0);
    expect(uids(await members(id, '&q=m0'))).toHaveLength(7);
    expect(uids(await members(id, '&q=m08'))).toEqual(['m08']);
    expect(uids(await members(id, '&q=zeld'))).toEqual(['m03']); // by name, any case
    expect((await admin.get(url(id, '/members?pageSize=501'))).status).toBe(400);
  });

  test('editing a segment afterwards changes nothing generated; the review says by how many holders it changed', async () => {
    await admin.put(`/segmentation/segments/${adults}`, { name: 'Volwassenen', definition: byPostcode('9999') });
    const review = (await admin.get(url(id))).body;
    expect(review.generated.total).toBe(7);
    expect(review.generated.changedSegments).toEqual([{ step: 2, segment: adults, name: 'Volwassenen', before: 2, now: 0 }]);
    expect(uids(await members(id))).toContain('m08');
    await admin.put(`/segmentation/segments/${adults}`, { name: 'Volwassenen', definition: byPostcode('8889') });
  });

  test('manual removes and adds are steps at the end, applied at once and again on the next generation', async () => {
    const removed = await admin.post(url(id, '/manual'), { mode: 'remove', uids: ['m05'], reason: 'verhuisd' });
    expect(removed.status).toBe(200);
    expect(removed.body.generated.total).toBe(6);
    expect(removed.body.manual).toEqual([expect.objectContaining({ mode: 'remove', uid: 'm05', reason: 'verhuisd', index: 3, removed: 1 })]);
    await admin.post(url(id, '/manual'), { mode: 'add', uids: ['m02'] });
    expect(uids(await members(id))).toEqual(['m01', 'm02', 'm03', 'm04', 'm06', 'm07', 'm08']);
    // Take m02 out by hand too. Generated again, each manual step still changes something: the list
    // step takes m02 out, the manual add puts it back, the manual remove takes it out again.
    await admin.post(url(id, '/manual'), { mode: 'remove', uids: ['m02'] });
    const again = (await admin.post(url(id, '/generate'))).body;
    expect(again.generated.total).toBe(6);
    expect(again.manual.map((m: { noEffect: boolean }) => m.noEffect)).toEqual([false, false, false]);
    expect(uids(await members(id))).toEqual(['m01', 'm03', 'm04', 'm06', 'm07', 'm08']);
    // A holder added by hand who is in the audience anyway: a step that changes nothing, and says so.
    const noop = (await admin.post(url(id, '/manual'), { mode: 'add', uids: ['m01'] })).body;
    expect(noop.manual[3]).toEqual(expect.objectContaining({ uid: 'm01', added: 0, removed: 0, noEffect: true }));
    // The review list as a file: CSV with ; and a BOM, the step that added each holder in words.
    const csv = await app.http
      .get(`/segmentation/downloads/campaigns/${id}/audience?format=csv&lang=nl`)
      .set('Authorization', `Bearer ${admin.token}`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(csv.status).toBe(200);
    const text = (csv.body as Buffer).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trim().split(/\r?\n/);
    expect(lines[0]).toContain('Toegevoegd door');
    expect(lines.find((l) => l.startsWith('m07;'))).toMatch(/;stap 3$/);
    expect(lines.find((l) => l.startsWith('m01;'))).toMatch(/;stap 1$/);
    expect(lines).toHaveLength(1 + 6);
    const unknown = await admin.post(url(id, '/manual'), { mode: 'add', uids: ['m01', 'nobody'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.errors[0].path).toEqual(['uids', 1]);
    expect((await admin.post(url(id, '/manual'), { mode: 'add', uids: ['m09'] })).status).toBe(400); // Leuven's holder
  });

  test('the send goes to the generated audience; a sent mailing can be marked done and shows on the history', async () => {
    expect((await admin.post(`/segmentation/campaigns/${id}/done`)).status).toBe(409);
    // The send confirmation counts the generated audience, with today's exclusions.
    const confirmation = (await admin.get(`/segmentation/campaigns/${id}/confirmation`)).body;
    expect(confirmation).toEqual(expect.objectContaining({ selected: 6, recipients: 6, holdout: 0 }));
    const sent = await admin.post(`/segmentation/campaigns/${id}/send`);
    expect(sent.status).toBe(200);
    await waitForStatus(admin, id, 'sent');
    expect(await mailed(id)).toEqual(['m01', 'm03', 'm04', 'm06', 'm07', 'm08']);
    expect((await admin.post(url(id, '/manual'), { mode: 'add', uids: ['m05'] })).status).toBe(409);
    const done = await admin.post(`/segmentation/campaigns/${id}/done`);
    expect(done.status).toBe(200);
    expect(done.body.doneAt).toBeTruthy();
    const history = await app.api().get('/api/segmentation/holders/m01/history');
    expect(history.body.items[0]).toEqual(expect.objectContaining({ mailing: expect.objectContaining({ name: 'Stappen', done: true }) }));
    // The holder page of the admin: the card and the same history.
    expect((await admin.get('/segmentation/holders/m01')).body).toEqual(expect.objectContaining({ uid: 'm01', firstName: 'Kind1', email: 'm01@mail.test' }));
    expect((await admin.get('/segmentation/holders/m01/history')).body.items[0].mailing.done).toBe(true);
  });
});

describe('manual steps that no longer change anything', () => {
  test('after the steps changed and the audience was generated again, the review flags them', async () => {
    const id = await mailing('Zonder effect');
    await admin.put(url(id), { steps: [{ mode: 'add', uids: ['m07', 'm08'] }] });
    await admin.post(url(id, '/generate'));
    const removed = (await admin.post(url(id, '/manual'), { mode: 'remove', uids: ['m08'] })).body;
    expect(removed.manual).toEqual([expect.objectContaining({ uid: 'm08', removed: 1, noEffect: false })]);
    // m08 is no longer in the steps: taking it out by hand changes nothing any more.
    await admin.put(url(id), { steps: [{ mode: 'add', uids: ['m07'] }] });
    const again = (await admin.post(url(id, '/generate'))).body;
    expect(again.manual).toEqual([expect.objectContaining({ mode: 'remove', uid: 'm08', added: 0, removed: 0, noEffect: true })]);
    expect(uids(await members(id))).toEqual(['m07']);
  });
});

describe('exclusions on a generated audience', () => {
  test('the confirmation counts who cannot be mailed and why; the send leaves them out', async () => {
    const now = Date.now();
    await app.strapi.db.connection('seg_suppressions').insert([
      { email: 'x4@mail.test', reason: 'unsubscribed', campaign_id: null, at: now },
      { email: 'x5@mail.test', reason: 'hard_bounce', campaign_id: null, at: now },
    ]);
    const id = await mailing('Uitsluitingen');
    await admin.put(url(id), { steps: [{ mode: 'add', uids: UNMAILABLE.map((h) => h.uid) }] });
    expect((await admin.post(url(id, '/generate'))).body.generated.total).toBe(6);
    const confirmation = (await admin.get(`/segmentation/campaigns/${id}/confirmation`)).body;
    expect(confirmation).toEqual(
      expect.objectContaining({
        selected: 6,
        recipients: 1,
        holdout: 0,
        excluded: { noEmail: 1, noConsent: 1, unsubscribed: 1, bounced: 1, duplicate: 1 },
      }),
    );
    expect((await admin.post(`/segmentation/campaigns/${id}/send`)).status).toBe(200);
    await waitForStatus(admin, id, 'sent');
    expect(await mailed(id)).toEqual(['x1']);
  });
});

describe('finding holders and uploading a list in the admin', () => {
  test('a search by UID prefix or name finds holders within the scope', async () => {
    const found = (await admin.get('/segmentation/holders?q=zeld')).body.results;
    expect(found).toEqual([{ uid: 'm03', firstName: 'Zelda', lastName: 'Audience' }]);
    const leuven = (await leuvenManager.get('/segmentation/holders?q=m0')).body.results;
    expect(leuven.map((h: { uid: string }) => h.uid)).toEqual(['m09']);
    expect((await admin.get('/segmentation/holders?q=m')).status).toBe(400);
  });

  test('a list uploaded in the admin is a step of a mailing', async () => {
    const upload = await app.http
      .post('/segmentation/audiences/lists?name=lijst.csv')
      .set('Authorization', `Bearer ${admin.token}`)
      .set('Content-Type', 'text/csv')
      .send('pasnummer;linked\nm04;J\nm05;N\nonbekend;J\n');
    expect(upload.status).toBe(200);
    expect(upload.body).toEqual(expect.objectContaining({ kept: 1, notLinked: 1 }));
    const id = await mailing('Lijst');
    const set = await admin.put(url(id), { steps: [{ mode: 'add', list: upload.body.list }] });
    expect(set.body).toEqual(expect.objectContaining({ waveGroup: null }));
    await admin.post(url(id, '/generate'));
    expect(uids(await members(id))).toEqual(['m04']);
  });
});

describe('a pilot wave, then the rest', () => {
  test('the second wave leaves out the first wave’s recipients; send without review generates and sends', async () => {
    const pilot = await mailing('Pilot');
    await admin.put(url(pilot), { steps: [{ mode: 'add', uids: ['m01', 'm02'] }], waveGroup: 'Zomerfestival 2026' });
    const first = await admin.post(`/segmentation/campaigns/${pilot}/send-now`);
    expect(first.status).toBe(200);
    await waitForStatus(admin, pilot, 'sent');
    const rest = await mailing('Hoofdgolf');
    await admin.put(url(rest), { steps: [{ mode: 'add', segment: kids }], waveGroup: 'Zomerfestival 2026', leaveOutEarlier: true });
    const gen = (await admin.post(url(rest, '/generate'))).body;
    expect(gen.generated.leftOutEarlier).toBe(2);
    expect(uids(await members(rest))).toEqual(['m03', 'm04', 'm05', 'm06']);
    // Without the option, nobody is left out.
    const other = await mailing('Zonder');
    await admin.put(url(other), { steps: [{ mode: 'add', segment: kids }], waveGroup: 'Zomerfestival 2026' });
    expect((await admin.post(url(other, '/generate'))).body.generated.total).toBe(6);
  });

  test("a wave group is chosen from the partner's: a name differing only in case or spaces is the existing group", async () => {
    const id = await mailing('Derde golf');
    const set = await admin.put(url(id), { steps: [{ mode: 'add', segment: kids }], waveGroup: '  zomerfestival   2026 ', leaveOutEarlier: true });
    expect(set.status).toBe(200);
    expect(set.body.waveGroup).toBe('Zomerfestival 2026');
    expect(set.body.waveGroups).toEqual(['Zomerfestival 2026']);
    // So it is a wave of that campaign: the pilot's recipients are left out.
    expect((await admin.post(url(id, '/generate'))).body.generated.leftOutEarlier).toBe(2);
    const other = await admin.put(url(id), { steps: [{ mode: 'add', segment: kids }], waveGroup: 'Herfst 2026' });
    expect(other.body.waveGroups).toEqual(['Herfst 2026', 'Zomerfestival 2026']);
    // Another partner's mailings do not offer Gent's groups.
    const leuven = (await app.strapi.documents('plugin::segmentation.campaign').create({ data: { name: 'Leuvens', cardSystem: 'cs-leuven' } as never }))
      .documentId;
    const theirs = await leuvenManager.get(url(leuven));
    expect(theirs.status).toBe(200);
    expect(theirs.body.waveGroups).toEqual([]);
  });
});

describe('partner scope', () => {
  test("a step wider than the mailing's partner gives only the partner's holders", async () => {
    const id = await mailing('Breed');
    // An administrator's definition step names Leuven's m09 too; the mailing is Gent's.
    await admin.put(url(id), { steps: [{ mode: 'add', definition: byPostcode('8888') }] });
    const gen = (await admin.post(url(id, '/generate'))).body;
    expect(gen.generated.total).toBe(6);
    expect(uids(await members(id))).not.toContain('m09');
  });

  test("another partner's mailing is not found on every audience route", async () => {
    const id = await mailing('Van Gent');
    const calls = [
      leuvenManager.get(url(id)),
      leuvenManager.put(url(id), { steps: [{ mode: 'add', uids: ['m09'] }] }),
      leuvenManager.post(url(id, '/generate')),
      leuvenManager.get(url(id, '/members')),
      leuvenManager.post(url(id, '/manual'), { mode: 'add', uids: ['m09'] }),
      leuvenManager.post(`/segmentation/campaigns/${id}/send-now`),
      leuvenManager.post(`/segmentation/campaigns/${id}/done`),
      leuvenManager.get(`/segmentation/downloads/campaigns/${id}/audience`),
      leuvenManager.get('/segmentation/holders/m01'),
      leuvenManager.get('/segmentation/holders/m01/history'),
    ];
    for (const res of await Promise.all(calls)) expect(res.status).toBe(404);
    expect((await leuvenManager.get('/segmentation/holders/m09')).status).toBe(200);
  });

  test('names, addresses and history need the personal-data permission', async () => {
    const counter = await adminClient(app, { email: 'teller@test.local', actions: ['segments.read', 'campaigns.read'], cardSystems: ['cs-gent'] });
    expect((await counter.get('/segmentation/holders/m01')).status).toBe(403);
    expect((await counter.get('/segmentation/holders/m01/history')).status).toBe(403);
    const id = await mailing('Telling');
    await admin.put(url(id), { steps: [{ mode: 'add', segment: kids }] });
    await admin.post(url(id, '/generate'));
    expect((await counter.get(url(id))).status).toBe(200);
    expect((await counter.get(url(id, '/members'))).status).toBe(403);
  });
});

describe('generate racing a send', () => {
  test('generated again between the send reading the audience and starting: the send is a 409, the mailing stays a draft, nothing written', async () => {
    const id = await mailing('Race');
    await admin.put(url(id), { steps: [{ mode: 'add', segment: kids }] });
    await admin.post(url(id, '/generate'));
    // The send reads the audience (and its version), then builds the snapshot, then starts in a
    // transaction that checks the version: change the audience at the snapshot, once.
    const campaigns = getService(app.strapi, 'campaigns');
    const snapshot = campaigns.snapshot;
    let changedMeanwhile = 0;
    campaigns.snapshot = async (...args: Parameters<typeof snapshot>) => {
      campaigns.snapshot = snapshot;
      changedMeanwhile = (await admin.post(url(id, '/manual'), { mode: 'remove', uids: ['m06'] })).status;
      return snapshot(...args);
    };
    try {
      const send = await admin.post(`/segmentation/campaigns/${id}/send`);
      expect(changedMeanwhile).toBe(200);
      expect(send.status).toBe(409);
      expect(send.body.error.details.errors).toEqual([expect.objectContaining({ path: ['audience'] })]);
    } finally {
      campaigns.snapshot = snapshot;
    }
    expect((await admin.get(`/segmentation/campaigns/${id}`)).body.status).toBe('draft');
    const written = await app.strapi.db
      .connection('seg_deliveries as d')
      .join('seg_campaigns as c', 'c.id', 'd.campaign_id')
      .where('c.document_id', id)
      .count({ n: '*' });
    expect(Number(written[0]!.n)).toBe(0);
    // Sent again, it goes to exactly the audience stored now.
    const stored = uids(await members(id));
    expect(stored).toEqual(['m01', 'm02', 'm03', 'm04', 'm05']);
    expect((await admin.post(`/segmentation/campaigns/${id}/send`)).status).toBe(200);
    await waitForStatus(admin, id, 'sent');
    expect(await mailed(id)).toEqual(stored);
  });

  test('a send started first wins: generating or adjusting afterwards is a 409 and changes nothing', async () => {
    const id = await mailing('Eerst verstuurd');
    await admin.put(url(id), { steps: [{ mode: 'add', uids: ['m01', 'm02'] }] });
    await admin.post(url(id, '/generate'));
    expect((await admin.post(`/segmentation/campaigns/${id}/send`)).status).toBe(200);
    expect((await admin.post(url(id, '/generate'))).status).toBe(409);
    expect((await admin.post(url(id, '/manual'), { mode: 'add', uids: ['m03'] })).status).toBe(409);
    await waitForStatus(admin, id, 'sent');
    expect(await mailed(id)).toEqual(['m01', 'm02']);
    expect(uids(await members(id))).toEqual(['m01', 'm02']);
  });
});
