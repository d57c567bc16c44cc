#!/usr/bin/env node
/**
 * `npm test`: compile and type-check the plugin, then run the jest suite twice — on the embedded
 * SQLite default and on PostgreSQL (each test file creates and drops its own database).
 * Where no Postgres answers, the Postgres part is skipped with a line saying so, unless
 * REQUIRE_POSTGRES=1 (set by .ci/run), which makes it a failure.
 * Extra arguments are passed to jest (e.g. `npm test -- test/unit`).
 */
const { spawnSync } = require('child_process');
const { Client } = require('pg');

const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const jestArgs = process.argv.slice(2);

function run(cmd, args, env = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === null ? 1 : result.status;
}

async function postgresReachable(url) {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    return error.message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

(async () => {
  if (run('npx', ['tsc', '-p', 'src/plugins/segmentation/tsconfig.server.json']) !== 0) {
    console.error('Plugin compilation/type-check failed.');
    process.exit(1);
  }
  const jest = ['jest', '--runInBand', ...jestArgs];

  console.log('\n=== Test suite on SQLite (embedded default) ===');
  const sqlite = run('npx', jest, { TEST_DB: 'sqlite' });

  const pgUrl = process.env.DATABASE_URL || DEFAULT_PG_URL;
  const reachable = await postgresReachable(pgUrl);
  let pg = 0;
  if (reachable === true) {
    console.log(`\n=== Test suite on PostgreSQL (${new URL(pgUrl).host}) ===`);
    pg = run('npx', jest, { TEST_DB: 'postgres', DATABASE_URL: pgUrl });
  } else if (process.env.REQUIRE_POSTGRES === '1') {
    console.error(`\nPostgreSQL is required (REQUIRE_POSTGRES=1) but not reachable at ${new URL(pgUrl).host}: ${reachable}`);
    pg = 1;
  } else {
    console.log(`\nSKIPPED: the PostgreSQL part of the suite — no PostgreSQL answers at ${new URL(pgUrl).host} (${reachable}). Set DATABASE_URL to run it.`);
  }
  process.exit(sqlite || pg);
})();
