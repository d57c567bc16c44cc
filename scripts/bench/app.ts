/**
 * The real app for the sending and tracking benchmarks: a fresh PostgreSQL database (created here,
 * marked with `bench_owner`, dropped afterwards; a database of that name without the mark is never
 * touched), Strapi booted from dist/ like test/helpers/strapi.ts, listening on a free loopback port,
 * a full-access API token for the import route, and the campaign set-up staff would do in the admin:
 * an approved sender, a personalised template, a segment of every holder, a campaign.
 */
import fs from 'fs';
import path from 'path';
import crypto from 'crypto';
import { spawnSync } from 'child_process';
import knexFactory from 'knex';
import { compileStrapi, createStrapi, type Core } from '@strapi/strapi';
import { getService } from '../../src/plugins/segmentation/server/src/services';

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const BASE = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** The connection URL of database `db` on the benchmarks' PostgreSQL server. */
export const dbUrl = (db: string) => Object.assign(new URL(BASE), { pathname: `/${db}` }).toString();
const random = () => crypto.randomBytes(16).toString('base64');

async function onAdmin<T>(fn: (admin: ReturnType<typeof knexFactory>) => Promise<T>): Promise<T> {
  const admin = knexFactory({ client: 'pg', connection: dbUrl('postgres') });
  try {
    return await fn(admin);
  } finally {
    await admin.destroy();
  }
}

/** Drops `name` only when this benchmark made it (it has `bench_owner`). */
export async function dropOwn(name: string): Promise<void> {
  const exists = await onAdmin(async (a) => (await a.raw('SELECT 1 FROM pg_database WHERE datname = ?', [name])).rows.length > 0);
  if (!exists) return;
  const probe = knexFactory({ client: 'pg', connection: dbUrl(name) });
  const ours = await probe.schema.hasTable('bench_owner').finally(() => probe.destroy());
  if (!ours) throw new Error(`database ${name} exists but was not made by this benchmark: set BENCH_DATABASE_NAME to another name`);
  await onAdmin((a) => a.raw(`DROP DATABASE "${name}" WITH (FORCE)`));
}

export interface BenchApp {
  strapi: Core.Strapi;
  url: string;
  /** The environment the app runs with (for `node scripts/worker.js`). */
  env: Record<string, string>;
  api(method: string, route: string, body?: string, type?: string): Promise<any>;
  /** Sender, template, segment of every holder, campaign (draft): the campaign's documentId and id. */
  campaign(name: string): Promise<{ documentId: string; id: number }>;
  stop(): Promise<void>;
}

/** Boots the app on a fresh database; `env` adds settings (SMTP_PORT, SEND_BATCH, ...). */
export async function bootApp(database: string, env: Record<string, string> = {}): Promise<BenchApp> {
  if (!fs.existsSync(path.join(ROOT, 'src/plugins/segmentation/dist/server/src/index.js'))) {
    if (spawnSync('npm', ['run', 'build:plugin'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) throw new Error('npm run build:plugin failed');
  }
  if (!fs.existsSync(path.join(DIST, 'config', 'plugins.js'))) await compileStrapi({ appDir: ROOT });
  await dropOwn(database);
  await onAdmin((a) => a.raw(`CREATE DATABASE "${database}"`));
  const mark = knexFactory({ client: 'pg', connection: dbUrl(database) });
  try {
    await mark.schema.createTable('bench_owner', (t) => t.string('made_by'));
    await mark('bench_owner').insert({ made_by: 'scripts/bench' });
  } finally {
    await mark.destroy();
  }

  const appEnv: Record<string, string> = {
    NODE_ENV: 'production',
    APP_KEYS: `${random()},${random()}`,
    API_TOKEN_SALT: random(),
    ADMIN_JWT_SECRET: random(),
    TRANSFER_TOKEN_SALT: random(),
    JWT_SECRET: random(),
    ENCRYPTION_KEY: random(),
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_STARTUP_BANNER: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    DATABASE_URL: dbUrl(database),
    SEGMENTATION_WORKER: 'false',
    ...env,
  };
  Object.assign(process.env, appEnv);
  fs.mkdirSync(path.join(ROOT, 'public', 'uploads'), { recursive: true });
  let strapi: Core.Strapi | null = null;
  try {
    strapi = await createStrapi({ appDir: ROOT, distDir: DIST, autoReload: false, serveAdminPanel: false }).load();
    const s = strapi;
    await new Promise<void>((resolve) => s.server.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(s.server.httpServer.address() as { port: number }).port}`;
    const { accessKey } = await s.service('admin::api-token').create({ name: 'bench', type: 'full-access', lifespan: null, description: 'bench' });
    const api: BenchApp['api'] = async (method, route, body, type = 'application/json') => {
      const res = await fetch(`${url}${route}`, { method, body, headers: { Authorization: `Bearer ${accessKey}`, 'Content-Type': type } });
      const json = (await res.json().catch(() => null)) as any;
      if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const docs = (uid: string) => s.documents(uid as any) as any;
    return {
      strapi: s,
      url,
      env: appEnv,
      api,
      async campaign(name) {
        const templates = getService(s, 'templates');
        const sender = await s.db
          .query('plugin::segmentation.sender-address' as any)
          .create({ data: { email: 'nieuws@uitpas.test', displayName: 'UiTPAS', status: 'approved' } });
        const input = templates.parse({
          name,
          subject: 'Dag {{ firstName }}, je hebt {{ points }} punten',
          preheader: 'Nieuws voor {{ firstName }} {{ lastName }}',
          body: 'Hallo {{ firstName }} {{ lastName }},\n\nJe UiTPAS ({{ uid }}) staat op {{ points }} punten. Ontdek wat je ermee kunt doen.',
          buttonText: 'Bekijk je voordelen',
          buttonUrl: 'https://www.uitpas.be/voordelen',
          sender: (sender as { documentId: string }).documentId,
        });
        await templates.validate(input);
        const template = await docs('plugin::segmentation.mail-template').create({ data: input });
        const definition = { version: 1, groups: [{ filters: [{ type: 'points', op: '>=', value: 0 }] }] };
        const segment = await docs('plugin::segmentation.segment').create({ data: { name, definition } });
        const c = await docs('plugin::segmentation.campaign').create({
          data: { name, segment: segment.documentId, template: template.documentId, recentDays: 0, status: 'draft' },
        });
        return { documentId: c.documentId as string, id: Number(c.id) };
      },
      async stop() {
        await s.destroy();
        await dropOwn(database);
      },
    };
  } catch (error) {
    await strapi?.destroy().catch(() => undefined);
    await dropOwn(database).catch(() => undefined);
    throw error;
  }
}

/** `n` pass holders with e-mail and e-mail consent, as NDJSON for POST /api/segmentation/import/pass-holders. */
export function holdersNdjson(n: number): string {
  const first = ['An', 'Bart', 'Chloé', 'Dirk', 'Els', 'Fien', 'Gert', 'Hanne', 'Ilse', 'Jan'];
  const last = ['Peeters', 'Janssens', 'Maes', 'Claes', 'Wouters', 'De Smet', 'Willems', 'Goossens'];
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const uid = `b${String(i).padStart(7, '0')}`;
    lines.push(
      JSON.stringify({
        uid,
        firstName: first[i % first.length],
        lastName: last[i % last.length],
        email: `${uid}@bench.test`,
        consents: ['email'],
        points: i % 500,
        postcode: '9000',
        language: 'nl',
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}
