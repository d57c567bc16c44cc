/**
 * `npm run import -- <entity> <file>`: the import of POST /api/segmentation/import/:entity from the
 * command line, straight into the app's database; the Strapi server need not run, but its tables
 * must exist (start the app once). The format follows the extension: .csv, or .ndjson/.jsonl.
 * Connection as in config/database.ts: Postgres when DATABASE_URL or DATABASE_CLIENT=postgres
 * (DATABASE_HOST/PORT/NAME/USERNAME/PASSWORD/SSL/SCHEMA), else the SQLite file DATABASE_FILENAME
 * (default .tmp/data.db, relative to the project root); .env is read like the app does.
 * Progress goes to stderr, the result (the HTTP response body) to stdout as JSON.
 */
import fs from 'fs';
import path from 'path';
import dotenv from 'dotenv';
import knexFactory, { type Knex } from 'knex';
import { IMPORT_ENTITIES, importStream, isImportEntity, type ImportProgress } from '../src/plugins/segmentation/server/src/imports/service';

const ROOT = path.resolve(__dirname, '..');

function connect(): { knex: Knex; where: string } {
  dotenv.config({ path: path.join(ROOT, '.env') });
  const env = (name: string, fallback = '') => process.env[name] || fallback;
  if (env('DATABASE_URL') || env('DATABASE_CLIENT') === 'postgres') {
    const connection: Knex.PgConnectionConfig = env('DATABASE_URL')
      ? { connectionString: env('DATABASE_URL') }
      : {
          host: env('DATABASE_HOST', '127.0.0.1'),
          port: Number(env('DATABASE_PORT', '5432')),
          database: env('DATABASE_NAME', 'uitpas'),
          user: env('DATABASE_USERNAME', 'postgres'),
          password: env('DATABASE_PASSWORD'),
        };
    if (env('DATABASE_SSL') === 'true') connection.ssl = { rejectUnauthorized: env('DATABASE_SSL_REJECT_UNAUTHORIZED', 'true') !== 'false' };
    const knex = knexFactory({ client: 'pg', connection, searchPath: [env('DATABASE_SCHEMA', 'public')], pool: { min: 0, max: 3 } });
    return { knex, where: `PostgreSQL database ${env('DATABASE_URL') ? new URL(env('DATABASE_URL')).pathname.slice(1) : env('DATABASE_NAME', 'uitpas')}` };
  }
  if (env('DATABASE_CLIENT', 'sqlite') !== 'sqlite') throw new Error(`Unsupported DATABASE_CLIENT '${env('DATABASE_CLIENT')}': use postgres or sqlite`);
  const filename = path.resolve(ROOT, env('DATABASE_FILENAME', '.tmp/data.db'));
  if (!fs.existsSync(filename)) throw new Error(`No SQLite database at ${filename}: start the app once (npm run develop) so that it creates its tables.`);
  return { knex: knexFactory({ client: 'better-sqlite3', connection: { filename }, useNullAsDefault: true }), where: `SQLite file ${filename}` };
}

function formatOf(file: string): 'csv' | 'ndjson' | null {
  if (/\.csv$/i.test(file)) return 'csv';
  return /\.(ndjson|jsonl)$/i.test(file) ? 'ndjson' : null;
}

function reporter(entity: string, started: number) {
  const tty = Boolean(process.stderr.isTTY);
  let last = 0;
  return (p: ImportProgress, final = false) => {
    const now = Date.now();
    if (!final && !tty && now - last < 2000) return; // a line every 2 s in a log, in place on a terminal
    last = now;
    const secs = Math.max((now - started) / 1000, 0.001);
    const text = `${entity}: ${p.lines.toLocaleString('en')} lines, ${Math.round(p.lines / secs).toLocaleString('en')} lines/s, ${p.inserted.toLocaleString('en')} inserted, ${p.updated.toLocaleString('en')} updated, ${p.rejected.toLocaleString('en')} rejected, ${secs.toFixed(1)} s`;
    process.stderr.write(tty ? `\r${text}\x1b[K${final ? '\n' : ''}` : `${text}\n`);
  };
}

async function main(): Promise<number> {
  const [entity, file, ...rest] = process.argv.slice(2);
  if (!entity || !file || rest.length || !isImportEntity(entity)) {
    console.error(`Usage: npm run import -- <entity> <file.csv|file.ndjson|file.jsonl>\n  entity: ${IMPORT_ENTITIES.join(', ')}`);
    return 2;
  }
  const format = formatOf(file);
  if (!format) {
    console.error(`Cannot tell the format of '${file}': name it .csv, .ndjson or .jsonl`);
    return 2;
  }
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    console.error(`No such file: ${file}`);
    return 2;
  }
  const { knex, where } = connect();
  try {
    if (!(await knex.schema.hasTable('seg_meta'))) {
      console.error(
        `The audience tables (seg_meta, seg_holders, ...) do not exist in the ${where}: start the app once (npm run develop) so that its migrations create them.`,
      );
      return 1;
    }
    const started = Date.now();
    const report = reporter(entity, started);
    let last: ImportProgress = { lines: 0, inserted: 0, updated: 0, rejected: 0 };
    const result = await importStream(knex, entity, fs.createReadStream(file), format, {
      timeZone: process.env.SEGMENTATION_TIME_ZONE || undefined,
      onProgress: (p) => report((last = p)),
    });
    report(last, true);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } finally {
    await knex.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
