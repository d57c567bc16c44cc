/**
 * Sign-in with UiTID (issue 23) against a real OpenID Connect provider (oidc-provider in a child
 * process, test/helpers/oidc.ts), with password login switched off but for the break-glass account:
 * - first sign-in → access request form → request → approval (role, card system; mail) → the next
 *   sign-in is an admin session like Strapi's login (access token, refresh cookie) with them;
 * - refused: tampered state, wrong nonce, a replayed or expired code, an issuer mismatch, an address
 *   the issuer has not verified, a blocked or deleted user, a shared mailbox, an address another
 *   person uses; a refusal with its mail;
 * - a changed e-mail at the issuer keeps one user; password login refused but for break-glass.
 */
import request from 'supertest';
import { startApp, type TestApp } from '../helpers/strapi';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { startOidc, type Account, type TestOidc } from '../helpers/oidc';
import { clientFor, login, type AdminClient } from '../helpers/admin';
import { ENTITIES, ndjson } from './fixture';

const PUBLIC_URL = 'http://127.0.0.1:1337';
const ACCOUNTS: Record<string, Account> = {
  anna: { email: 'anna.peeters@gent.test', given_name: 'Anna', family_name: 'Peeters' },
  bert: { email: 'bert@leuven.test', given_name: 'Bert', family_name: 'Maes' },
  shared: { email: 'Info@gent.test', given_name: 'Info', family_name: 'Gent' },
  twin: { email: 'anna.peeters@gent.test', given_name: 'Other', family_name: 'Anna' },
  jan: { email: 'jan@gent.test', given_name: 'Jan', family_name: 'Wouters' },
  janTwin: { email: 'JAN@gent.test', given_name: 'Not', family_name: 'Jan' },
  unverified: { email: 'els@gent.test', given_name: 'Els', family_name: 'Claes', email_verified: false },
};

let app: TestApp;
let smtp: TestSmtp;
let oidc: TestOidc;
let superAdmin: AdminClient;

beforeAll(async () => {
  smtp = await startSmtp();
  oidc = await startOidc({ redirectUri: `${PUBLIC_URL}/api/segmentation/uitid/callback`, accounts: ACCOUNTS });
  app = await startApp({
    env: {
      ...oidc.env,
      PUBLIC_URL,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      UITID_PASSWORD_LOGIN: 'false',
      UITID_BREAK_GLASS: 'admin@test.local',
    },
  });
  for (const [entity, records] of ENTITIES) {
    await app.api().post(`/api/segmentation/import/${entity}`).set('Content-Type', 'application/x-ndjson').send(ndjson(records));
  }
  const role = await (app.strapi.service('admin::role') as any).findOne({ code: 'strapi-super-admin' });
  const user = await app.strapi.service('admin::user').create({
    email: 'admin@test.local',
    firstname: 'Admin',
    lastname: 'Test',
    password: 'Test1234!',
    isActive: true,
    roles: [role.id],
    registrationToken: null,
  });
  superAdmin = clientFor(app, await login(app, 'admin@test.local', 'Test1234!'), user.id);
}, 180_000);

afterAll(async () => {
  await app?.stop();
  await oidc?.stop();
  await smtp?.close();
  for (const name of ['UITID_ISSUER', 'UITID_CLIENT_ID', 'UITID_CLIENT_SECRET', 'UITID_PASSWORD_LOGIN', 'UITID_BREAK_GLASS']) delete process.env[name];
});

/** Starts a sign-in at the app (`request`: the "Toegang aanvragen" link): the provider's authorization URL. */
async function startSignIn(requestAccess = false): Promise<string> {
  const res = await app.http.get(`/api/segmentation/uitid/login${requestAccess ? '?request=1' : ''}`);
  expect(res.status).toBe(302);
  return res.headers.location as string;
}

/** The app's answer to the provider's redirect back. */
const callback = (url: URL) => app.http.get(`${url.pathname}${url.search}`);

async function signIn(login: string) {
  return callback(await oidc.signIn(await startSignIn(), login));
}

const cookiesOf = (res: request.Response): Record<string, string> =>
  Object.fromEntries(
    ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => {
      const [pair] = c.split(';');
      return [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
    }),
  );

/** Fills in and sends the access request form of a first sign-in. */
async function requestAccess(form: request.Response, organisation = 'Stad Gent') {
  expect(form.status).toBe(200);
  expect(form.text).toContain('Toegang aanvragen');
  const ticket = /name="ticket" value="([^"]+)"/.exec(form.text)![1]!;
  return app.http
    .post('/api/segmentation/uitid/request')
    .type('form')
    .send({ ticket, firstname: 'Anna', lastname: 'Peeters', organisation, reason: 'Ik verstuur de nieuwsbrief van UiTPAS Gent.' });
}

describe('first sign-in, access request, approval', () => {
  let requestId: number;
  let userId: number;

  test('the login page learns that UiTID is on and password login off', async () => {
    expect((await app.http.get('/api/segmentation/uitid/status')).body).toEqual({ enabled: true, passwordLogin: false });
  });

  test('a first sign-in leads to the form; the request is stored, single use, and audited', async () => {
    const form = await callback(await oidc.signIn(await startSignIn(true), 'anna'));
    const sent = await requestAccess(form);
    expect([sent.status, sent.text]).toEqual([200, expect.stringContaining('anna.peeters@gent.test')]);
    // The same form again: its ticket was used.
    const again = await app.http
      .post('/api/segmentation/uitid/request')
      .type('form')
      .send({ ticket: /name="ticket" value="([^"]+)"/.exec(form.text)![1], firstname: 'A', lastname: 'P', organisation: 'X', reason: 'Y' });
    expect(again.status).toBe(400);
    // Signing in again while it is pending says so, and makes no second request.
    const pending = await signIn('anna');
    expect(pending.text).toContain('Je aanvraag wordt nog bekeken');
    const list = await superAdmin.get('/segmentation/access-requests?status=pending');
    expect(list.body.results).toEqual([
      expect.objectContaining({ email: 'anna.peeters@gent.test', organisation: 'Stad Gent', firstname: 'Anna', status: 'pending' }),
    ]);
    expect(list.body.roles.map((r: { code: string }) => r.code)).toContain('segmentation-partner-manager');
    expect(list.body.cardSystems.map((c: { key: string }) => c.key)).toEqual(['cs-gent', 'cs-leuven']);
    requestId = list.body.results[0].id;
    const audit = (await superAdmin.get('/segmentation/audit?action=access.request')).body.results;
    expect(audit[0]).toMatchObject({ subject: { type: 'access-request', label: 'anna.peeters@gent.test' } });
  });

  test('an administrator approves with a role and a card system; the person gets a mail; audited', async () => {
    const roles = (await superAdmin.get('/segmentation/access-requests')).body.roles as { id: number; code: string }[];
    const manager = roles.find((r) => r.code === 'segmentation-partner-manager')!;
    const mails = smtp.received.length;
    const bad = await superAdmin.post(`/segmentation/access-requests/${requestId}/approve`, { roleId: manager.id, cardSystems: ['cs-nowhere'] });
    expect(bad.status).toBe(400);
    const approved = await superAdmin.post(`/segmentation/access-requests/${requestId}/approve`, { roleId: manager.id, cardSystems: ['cs-gent'] });
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: 'admin@test.local' });
    userId = approved.body.userId;
    expect((await superAdmin.post(`/segmentation/access-requests/${requestId}/refuse`, { reason: 'te laat' })).status).toBe(400);
    const [mail] = (await smtp.waitFor(mails + 1)).slice(mails);
    expect(mail!.envelopeTo).toEqual(['anna.peeters@gent.test']);
    expect(mail!.mail.text).toContain('goedgekeurd');
    const audit = (await superAdmin.get('/segmentation/audit?action=access.approve')).body.results;
    expect(audit[0]).toMatchObject({ actor: { label: 'admin@test.local' }, details: { userId, role: 'Partner manager', cardSystems: ['cs-gent'] } });
  });

  test('the next sign-in is an admin session like Strapi’s login, with the role and the card system', async () => {
    const res = await signIn('anna');
    expect([res.status, res.headers.location]).toEqual([302, '/admin']);
    const cookies = cookiesOf(res);
    // Koa signs cookies (.sig) with the app keys, as with Strapi's own login.
    expect(
      Object.keys(cookies)
        .filter((k) => !k.endsWith('.sig'))
        .sort(),
    ).toEqual(['jwtToken', 'strapi_admin_refresh']);
    expect(([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('strapi_admin_refresh'))).toMatch(/path=\/admin;.*httponly/i);
    const me = await app.http.get('/admin/users/me').set('Authorization', `Bearer ${cookies.jwtToken}`);
    expect(me.body.data).toMatchObject({
      id: userId,
      email: 'anna.peeters@gent.test',
      roles: [expect.objectContaining({ code: 'segmentation-partner-manager' })],
    });
    const mine = await app.http.get('/segmentation/me').set('Authorization', `Bearer ${cookies.jwtToken}`);
    expect(mine.body.cardSystems.map((c: { key: string }) => c.key)).toEqual(['cs-gent']);
    // The refresh cookie renews the access token the way the admin panel does.
    const renewed = await app.http.post('/admin/access-token').set('Cookie', `strapi_admin_refresh=${cookies.strapi_admin_refresh}`).send({});
    expect([renewed.status, typeof renewed.body.data?.token]).toEqual([200, 'string']);
  });

  test('a changed e-mail at the issuer updates the same user instead of making a second one', async () => {
    await oidc.setAccounts({ ...ACCOUNTS, anna: { ...ACCOUNTS.anna!, email: 'anna@gent.test' } });
    try {
      const res = await signIn('anna');
      expect(res.status).toBe(302);
      const me = await app.http.get('/admin/users/me').set('Authorization', `Bearer ${cookiesOf(res).jwtToken}`);
      expect(me.body.data).toMatchObject({ id: userId, email: 'anna@gent.test' });
      const annas = await app.strapi.db.query('admin::user').findMany({ where: { lastname: 'Peeters' } });
      expect(annas.map((u: { id: number }) => u.id)).toEqual([userId]);
    } finally {
      await oidc.setAccounts(ACCOUNTS);
      expect((await signIn('anna')).status).toBe(302);
    }
  });

  test('a blocked user and a deleted user are refused with a page that says so', async () => {
    await app.strapi.db.query('admin::user').update({ where: { id: userId }, data: { isActive: false } });
    const blocked = await signIn('anna');
    expect([blocked.status, blocked.type]).toEqual([403, 'text/html']);
    expect(blocked.text).toContain('Je account is geblokkeerd');
    expect(blocked.text).toContain('Your account is blocked');
    expect(cookiesOf(blocked)).toEqual({});
    await app.strapi.db.query('admin::user').delete({ where: { id: userId } });
    const deleted = await signIn('anna');
    expect([deleted.status, deleted.text]).toEqual([403, expect.stringContaining('Your account no longer exists')]);
  });
});

describe('refusals', () => {
  test('a refused request gets a mail with the reason, and is audited', async () => {
    const sent = await requestAccess(await signIn('bert'), 'Bib Leuven');
    expect(sent.status).toBe(200);
    const { id } = (await superAdmin.get('/segmentation/access-requests?status=pending')).body.results.find(
      (r: { email: string }) => r.email === 'bert@leuven.test',
    );
    const mails = smtp.received.length;
    expect((await superAdmin.post(`/segmentation/access-requests/${id}/refuse`, {})).status).toBe(400);
    const refused = await superAdmin.post(`/segmentation/access-requests/${id}/refuse`, { reason: 'Gebruik het account van je diensthoofd niet.' });
    expect(refused.body).toMatchObject({ status: 'refused', refusal: 'Gebruik het account van je diensthoofd niet.' });
    const [mail] = (await smtp.waitFor(mails + 1)).slice(mails);
    expect([mail!.envelopeTo, mail!.mail.text]).toEqual([['bert@leuven.test'], expect.stringContaining('Gebruik het account van je diensthoofd niet.')]);
    const audit = (await superAdmin.get('/segmentation/audit?action=access.refuse')).body.results;
    expect(audit[0]).toMatchObject({ subject: { label: 'bert@leuven.test' }, details: { reason: 'Gebruik het account van je diensthoofd niet.' } });
  });

  test('a shared mailbox is refused with the pattern it matches', async () => {
    const res = await signIn('shared');
    expect([res.status, res.text]).toEqual([403, expect.stringContaining('(info@)')]);
    expect(res.text).toContain('Shared addresses');
  });

  test('an address another identity uses is refused', async () => {
    // anna's identity (its user deleted above) still holds anna.peeters@gent.test.
    const twin = await signIn('twin');
    expect([twin.status, twin.text]).toEqual([409, expect.stringContaining('already belongs to another person')]);
  });

  test('a password account made before UiTID becomes the person’s only through an approved request; then it is taken', async () => {
    const jan = (await app.strapi
      .service('admin::user')
      .create({ email: 'jan@gent.test', firstname: 'Jan', lastname: 'W', password: 'Jan12345!', isActive: true, roles: [], registrationToken: null })) as {
      id: number;
    };
    // The same e-mail alone signs nobody in: the person asks for access.
    const form = await signIn('jan');
    expect(form.headers['set-cookie']).toBeUndefined();
    expect((await requestAccess(form, 'Stad Gent')).status).toBe(200);
    const pending = (await superAdmin.get('/segmentation/access-requests?status=pending')).body;
    const request = pending.results.find((r: { email: string }) => r.email === 'jan@gent.test');
    const viewer = (pending.roles as { id: number; code: string }[]).find((r) => r.code === 'segmentation-viewer')!;
    const approved = await superAdmin.post(`/segmentation/access-requests/${request.id}/approve`, { roleId: viewer.id, cardSystems: ['cs-gent'] });
    expect(approved.body).toMatchObject({ status: 'approved', userId: jan.id });
    const res = await signIn('jan');
    expect([res.status, res.headers.location]).toEqual([302, '/admin']);
    const me = await app.http.get('/admin/users/me').set('Authorization', `Bearer ${cookiesOf(res).jwtToken}`);
    expect(me.body.data).toMatchObject({ id: jan.id, email: 'jan@gent.test', roles: [expect.objectContaining({ code: 'segmentation-viewer' })] });
    // Another identity with that address is refused now.
    const taken = await signIn('janTwin');
    expect([taken.status, taken.text]).toEqual([409, expect.stringContaining('already belongs to another person')]);
  });

  test('an address the issuer has not verified is refused', async () => {
    const res = await signIn('unverified');
    expect([res.status, res.text]).toEqual([403, expect.stringContaining('has not verified your e-mail address')]);
  });

  test('a tampered state is refused', async () => {
    const url = await oidc.signIn(await startSignIn(), 'bert');
    url.searchParams.set('state', `${url.searchParams.get('state')}x`);
    const res = await callback(url);
    expect([res.status, res.text]).toEqual([400, expect.stringContaining('invalid, expired or already used')]);
  });

  test('a wrong nonce is refused', async () => {
    const url = await oidc.signIn(await startSignIn(), 'bert');
    await app.strapi.db
      .connection('seg_sso_flows')
      .where({ id: url.searchParams.get('state') })
      .update({ nonce: 'not-the-nonce-sent' });
    const res = await callback(url);
    expect([res.status, res.text]).toEqual([400, expect.stringContaining('could not be verified')]);
  });

  test('an issuer mismatch is refused', async () => {
    const url = await oidc.signIn(await startSignIn(), 'bert');
    expect(url.searchParams.get('iss')).toBe(oidc.issuer);
    url.searchParams.set('iss', 'http://127.0.0.1:1/evil');
    const res = await callback(url);
    expect([res.status, res.text]).toEqual([400, expect.stringContaining('could not be verified')]);
  });

  test('a replayed code is refused: by the single-use state, and by the issuer when the state is put back', async () => {
    const url = await oidc.signIn(await startSignIn(), 'bert');
    const flow = await app.strapi.db
      .connection('seg_sso_flows')
      .where({ id: url.searchParams.get('state') })
      .first();
    expect((await callback(url)).status).toBe(200); // bert's access request form (his request was refused)
    const replay = await callback(url);
    expect([replay.status, replay.text]).toEqual([400, expect.stringContaining('invalid, expired or already used')]);
    await app.strapi.db.connection('seg_sso_flows').insert(flow);
    const reused = await callback(url);
    expect([reused.status, reused.text]).toEqual([400, expect.stringContaining('could not be verified')]);
  });

  test('an expired code is refused', async () => {
    await oidc.setCodeTtl(1);
    try {
      const url = await oidc.signIn(await startSignIn(), 'bert');
      const issued = Date.now();
      // The provider's codes live one second (whole seconds): wait until that has passed for sure.
      await new Promise<void>((resolve) => {
        const check = () => (Date.now() - issued > 2_100 ? resolve() : setTimeout(check, 100));
        check();
      });
      const res = await callback(url);
      expect([res.status, res.text]).toEqual([400, expect.stringContaining('could not be verified')]);
    } finally {
      await oidc.setCodeTtl(60);
    }
  });
});

describe('password login switched off', () => {
  test('refused with Strapi’s error shape, but for the break-glass super admin', async () => {
    const role = await (app.strapi.service('admin::role') as any).findOne({ code: 'segmentation-administrator' });
    await app.strapi.service('admin::user').create({
      email: 'beheer@test.local',
      firstname: 'B',
      lastname: 'Beheer',
      password: 'Test1234!',
      isActive: true,
      roles: [role.id],
      registrationToken: null,
    });
    const refused = await app.http.post('/admin/login').send({ email: 'beheer@test.local', password: 'Test1234!' });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({
      data: null,
      error: expect.objectContaining({ status: 403, name: 'PolicyError', message: expect.stringContaining('UiTID') }),
    });
    const breakGlass = await app.http.post('/admin/login').send({ email: 'ADMIN@test.local', password: 'Test1234!' });
    expect([breakGlass.status, typeof breakGlass.body.data?.token]).toEqual([200, 'string']);
  });
});
