/**
 * A fresh, migrated database for a test file, on the dialect the run is for:
 * SQLite by default, Postgres when TEST_DB=postgres (base URL from DATABASE_URL or the local default).
 * Each call creates its own database and `destroy()` drops it.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import knexFactory, { Knex } from 'knex';
import { up as audienceTables } from '../../database/migrations/2026.11.22T00.00.00.audience-tables';
import { up as actionRevisions } from '../../database/migrations/2026.12.06T00.00.00.action-revisions';

/** The audience tables as the migrations leave them. */
export const migrateAudience = async (knex: Knex): Promise<void> => {
  await audienceTables(knex);
  await actionRevisions(knex);
};

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export function testDialect(): 'sqlite' | 'postgres' {
  return process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
}

export function pgUrl(database: string, base = process.env.DATABASE_URL || DEFAULT_PG_URL): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

let counter = 0;
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter}`;
}

export async function createPgDatabase(name: string): Promise<void> {
  const admin = knexFactory({ client: 'pg', connection: pgUrl('postgres') });
  try {
    await admin.raw(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.destroy();
  }
}

export async function dropPgDatabase(name: string): Promise<void> {
  const admin = knexFactory({ client: 'pg', connection: pgUrl('postgres') });
  try {
    await admin.raw(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.destroy();
  }
}

export interface TestDb {
  knex: Knex;
  dialect: 'sqlite' | 'postgres';
  /** Environment that points the app's own scripts at this database. */
  env: Record<string, string>;
  destroy(): Promise<void>;
}

/** A fresh database with the audience tables (no Strapi). */
export async function createTestDb(): Promise<TestDb> {
  const dialect = testDialect();
  if (dialect === 'postgres') {
    const name = uniqueName('segtest');
    await createPgDatabase(name);
    const knex = knexFactory({ client: 'pg', connection: pgUrl(name), pool: { min: 0, max: 4 } });
    await migrateAudience(knex);
    return {
      knex,
      dialect,
      env: { DATABASE_URL: pgUrl(name) },
      async destroy() {
        await knex.destroy();
        await dropPgDatabase(name);
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segtest-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dir, 'test.db') },
    useNullAsDefault: true,
  });
  await migrateAudience(knex);
  return {
    knex,
    dialect,
    env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'test.db') },
    async destroy() {
      await knex.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
