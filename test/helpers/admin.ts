/** An admin user of the test app, its JWT, calls to the admin API with it, and waiting on a campaign. */
import type { TestApp } from './strapi';

export interface AdminClient {
  token: string;
  get: (url: string) => ReturnType<TestApp['http']['get']>;
  post: (url: string, body?: object) => ReturnType<TestApp['http']['post']>;
}

/** Creates a super admin (once per app) and logs in. */
export async function superAdminClient(app: TestApp, email = 'admin@test.local'): Promise<AdminClient> {
  const password = 'Test-Passw0rd!';
  const superAdmin = await app.strapi.service('admin::role').getSuperAdmin();
  await app.strapi.service('admin::user').create({ email, firstname: 'A', lastname: 'D', password, isActive: true, roles: [superAdmin.id], registrationToken: null });
  const token = (await app.http.post('/admin/login').send({ email, password })).body.data.token as string;
  return {
    token,
    get: (url) => app.http.get(url).set('Authorization', `Bearer ${token}`),
    post: (url, body = {}) => app.http.post(url).set('Authorization', `Bearer ${token}`).send(body),
  };
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
