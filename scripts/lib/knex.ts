/**
 * A knex connection from the same environment as the app (config/database.ts): Postgres when
 * DATABASE_URL or DATABASE_CLIENT=postgres is set, else the SQLite file (.tmp/data.db).
 */
import path from 'path';
import dotenv from 'dotenv';
import knexFactory, { type Knex } from 'knex';

export function knexFromEnv(root = path.resolve(__dirname, '..', '..')): { knex: Knex; describe: string } {
  dotenv.config({ path: path.join(root, '.env') });
  const env = process.env;
  if (env.DATABASE_URL || env.DATABASE_CLIENT === 'postgres') {
    const connection = env.DATABASE_URL
      ? env.DATABASE_URL
      : {
          host: env.DATABASE_HOST ?? '127.0.0.1',
          port: Number(env.DATABASE_PORT ?? 5432),
          database: env.DATABASE_NAME ?? 'uitpas',
          user: env.DATABASE_USERNAME ?? 'postgres',
          password: env.DATABASE_PASSWORD ?? '',
        };
    const knex = knexFactory({ client: 'pg', connection, pool: { min: 0, max: 4 } });
    return { knex, describe: 'PostgreSQL' };
  }
  const filename = path.resolve(root, env.DATABASE_FILENAME ?? '.tmp/data.db');
  return { knex: knexFactory({ client: 'better-sqlite3', connection: { filename }, useNullAsDefault: true }), describe: `SQLite ${filename}` };
}
