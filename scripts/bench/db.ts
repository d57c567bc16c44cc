/** The benchmarks' PostgreSQL: where (BENCH_DATABASE_URL / BENCH_DATABASE_NAME), and a client with the bench's session settings. */
import knexFactory, { type Knex } from 'knex';
import { SQL_SETTINGS } from './definitions';

export const BENCH_DB = process.env.BENCH_DATABASE_NAME ?? 'seg_bench_segments';
const BASE = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The connection URL of database `db` on the bench's server. */
export const benchUrl = (db: string) => Object.assign(new URL(BASE), { pathname: `/${db}` }).toString();

/** A pool on `db` whose every connection has SQL_SETTINGS (work_mem, jit), as the timed SQL assumes. */
export function benchKnex(db: string = BENCH_DB): Knex {
  return knexFactory({
    client: 'pg',
    connection: benchUrl(db),
    pool: {
      min: 1,
      max: 4,
      afterCreate: (conn: { query: (sql: string, cb: (err: Error | null) => void) => void }, done: (err: Error | null, conn: unknown) => void) =>
        conn.query(SQL_SETTINGS.join('; '), (err) => done(err, conn)),
    },
  });
}

/** Runs a benchmark's main and exits with its code (1 on an error). */
export function runBench(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
