/**
 * Boots the real Strapi app in-process on a fresh database of the run's dialect (SQLite file or
 * a new Postgres database), with a real full-access API token, and tears it all down afterwards.
 */
import fs from 'fs';
import path from 'path';
import crypto from 'crypto';
import request from 'supertest';
import { createStrapi, type Core } from '@strapi/strapi';
import { createPgDatabase, dropPgDatabase, pgUrl, testDialect, uniqueName } from './db';

const APP_DIR = path.resolve(__dirname, '..', '..');
const DIST_DIR = path.join(APP_DIR, 'dist');

export interface TestApp {
  strapi: Core.Strapi;
  token: string;
  api: () => ReturnType<typeof request.agent>;
  http: ReturnType<typeof request>;
  stop(): Promise<void>;
}

function secret(): string {
  return crypto.randomBytes(16).toString('base64');
}

export interface StartOptions {
  /** Serve the built admin panel (dist/build) and listen on a port, for the browser test. */
  admin?: boolean;
  /** Extra environment (e.g. SEGMENTATION_DEMO=true). */
  env?: Record<string, string>;
  /** With `admin`: the port to listen on (default: any free one). */
  port?: number;
}

interface PoolState {
  numUsed(): number;
  numPendingAcquires(): number;
}

/**
 * Waits until no query runs and none waits for a connection, seen twice 20 ms apart (at most 5 s).
 * Strapi emits document events after a commit without awaiting them (their findOne runs later); a
 * query that asks for a connection while the pool is being destroyed waits out the acquire timeout
 * and fails the test file long after it ended.
 */
async function poolIdle(strapi: Core.Strapi): Promise<void> {
  const pool = (strapi.db.connection.client as { pool?: PoolState }).pool;
  if (!pool) return;
  const idle = () => pool.numUsed() === 0 && pool.numPendingAcquires() === 0;
  const until = Date.now() + 5_000;
  let calm = 0;
  while (calm < 2 && Date.now() < until) {
    calm = idle() ? calm + 1 : 0;
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function startApp(opts: StartOptions = {}): Promise<TestApp & { url: string }> {
  if (!fs.existsSync(path.join(DIST_DIR, 'config', 'database.js'))) {
    throw new Error('dist/ is missing: the jest globalSetup compiles the app (compileStrapi)');
  }
  const name = uniqueName('segapp');
  const dialect = testDialect();
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    APP_KEYS: `${secret()},${secret()}`,
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
    STRAPI_TELEMETRY_DISABLED: 'true',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  };
  let sqliteFile: string | null = null;
  if (dialect === 'postgres') {
    await createPgDatabase(name);
    env.DATABASE_URL = pgUrl(name);
  } else {
    delete process.env.DATABASE_URL;
    sqliteFile = path.join('.tmp', `${name}.db`);
    env.DATABASE_FILENAME = sqliteFile;
    env.DATABASE_CLIENT = 'sqlite';
  }
  Object.assign(process.env, env, opts.env ?? {});
  fs.mkdirSync(path.join(APP_DIR, 'public', 'uploads'), { recursive: true });

  const dropDatabase = async () => {
    if (dialect === 'postgres') await dropPgDatabase(name);
    if (sqliteFile) for (const f of [sqliteFile, `${sqliteFile}-wal`, `${sqliteFile}-shm`]) fs.rmSync(path.join(APP_DIR, f), { force: true });
  };
  // A start that fails (e.g. a bad plugin setting) leaves no database behind.
  const strapi = await createStrapi({ appDir: APP_DIR, distDir: DIST_DIR, autoReload: false, serveAdminPanel: Boolean(opts.admin) })
    .load()
    .catch(async (error: unknown) => {
      await dropDatabase();
      throw error;
    });
  let url = '';
  if (opts.admin) {
    await new Promise<void>((resolve) => strapi.server.listen(opts.port ?? 0, '127.0.0.1', () => resolve()));
    const address = strapi.server.httpServer.address() as { port: number };
    url = `http://127.0.0.1:${address.port}`;
  } else {
    await strapi.server.mount();
  }
  const { accessKey } = await strapi.service('admin::api-token').create({
    name: `test-${name}`,
    type: 'full-access',
    lifespan: null,
    description: 'jest',
  });
  const http = request(strapi.server.httpServer);
  return {
    url,
    strapi,
    token: accessKey,
    http,
    api: () => request.agent(strapi.server.httpServer).set('Authorization', `Bearer ${accessKey}`),
    async stop() {
      await poolIdle(strapi);
      await strapi.destroy();
      await dropDatabase();
    },
  };
}
