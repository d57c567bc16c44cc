/** Admin users of the test app (any role, linked to card systems), their JWT and calls to the admin API; waiting on a campaign. */
import type { TestApp } from './strapi';
import { getService } from '../../src/plugins/segmentation/server/src/services';

export interface AdminClient {
  token: string;
  userId: number;
  get: (url: string) => ReturnType<TestApp['http']['get']>;
  post: (url: string, body?: object) => ReturnType<TestApp['http']['post']>;
  put: (url: string, body?: object) => ReturnType<TestApp['http']['put']>;
  del: (url: string) => ReturnType<TestApp['http']['delete']>;
}

const PASSWORD = 'Test-Passw0rd!';

export async function login(app: TestApp, email: string, password = PASSWORD): Promise<string> {
  const res = await app.http.post('/admin/login').send({ email, password });
  if (res.status !== 200) throw new Error(`login of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.token as string;
}

export function clientFor(app: TestApp, token: string, userId = 0): AdminClient {
  const auth = <T extends { set(k: string, v: string): T }>(req: T) => req.set('Authorization', `Bearer ${token}`);
  return {
    token,
    userId,
    get: (url) => auth(app.http.get(url)),
    post: (url, body = {}) => auth(app.http.post(url)).send(body),
    put: (url, body = {}) => auth(app.http.put(url)).send(body),
    del: (url) => auth(app.http.delete(url)),
  };
}

export interface UserSpec {
  email: string;
  /** A role by code (e.g. 'segmentation-partner-manager', 'strapi-super-admin'), or a new role holding these plugin actions (without the `plugin::segmentation.` prefix). */
  role?: string;
  actions?: string[];
  /** Card systems the user works for (seg_access), by key. */
  cardSystems?: string[];
}

let roleCount = 0;

/** Creates an admin user with a role (and card systems) and logs in. */
export async function adminClient(app: TestApp, spec: UserSpec): Promise<AdminClient> {
  const roles = app.strapi.service('admin::role') as any;
  let roleId: number;
  if (spec.actions) {
    const role = await roles.create({ name: `Test role ${++roleCount} ${spec.email}`, description: 'test' });
    await roles.assignPermissions(
      role.id,
      spec.actions.map((a) => ({ action: a.includes('::') ? a : `plugin::segmentation.${a}`, subject: null, properties: {}, conditions: [] })),
    );
    roleId = role.id;
  } else {
    const role = await roles.findOne({ code: spec.role ?? 'strapi-super-admin' });
    if (!role) throw new Error(`no role ${spec.role}`);
    roleId = role.id;
  }
  const user = await app.strapi.service('admin::user').create({
    email: spec.email,
    firstname: 'T',
    lastname: spec.email.split('@')[0],
    password: PASSWORD,
    isActive: true,
    roles: [roleId],
    registrationToken: null,
  });
  if (spec.cardSystems) await getService(app.strapi, 'access').link('user', user.id, spec.cardSystems);
  return clientFor(app, await login(app, spec.email), user.id);
}

/** Creates a super admin and logs in. */
export function superAdminClient(app: TestApp, email = 'admin@test.local'): Promise<AdminClient> {
  return adminClient(app, { email, role: 'strapi-super-admin' });
}

/** Polls a campaign's progress until it has `status`; fails with the last progress after `ms`. */
export async function waitForStatus(admin: AdminClient, documentId: string, status: string, ms = 30_000): Promise<any> {
  const until = Date.now() + ms;
  for (;;) {
    const progress = (await admin.get(`/segmentation/campaigns/${documentId}/progress`)).body;
    if (progress.status === status) return progress;
    if (Date.now() > until) throw new Error(`campaign still ${progress.status}: ${JSON.stringify(progress)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Reads until `ok` holds of what `read` answers (every 25 ms); fails naming `what` after `ms`. */
export async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > until) throw new Error(`still waiting after ${ms} ms: ${what} (last: ${JSON.stringify(value)})`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The body of a download as bytes (supertest would otherwise try to read it as text or JSON). */
export async function downloadBytes(client: AdminClient, url: string) {
  const res = await client
    .get(url)
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
  return { status: res.status, type: String(res.headers['content-type']), disposition: String(res.headers['content-disposition']), body: res.body as Buffer };
}
