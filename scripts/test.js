#!/usr/bin/env node
/**
 * `npm test`: type-check everything (server, app, admin, tests), lint it (ESLint and Prettier),
 * compile the plugin, then run the jest suite twice — on the embedded
 * SQLite default and on PostgreSQL (each test file creates and drops its own database).
 * Where no Postgres answers, the Postgres part is skipped with a line saying so, unless
 * REQUIRE_POSTGRES=1 (set by .ci/run), which makes it a failure.
 *
 * The two runs go side by side (the SQLite run's output live, the Postgres run's printed when it
 * is done), each in one jest worker that is replaced once a test file has left it holding more than
 * WORKER_MEMORY: every file loads Strapi afresh, and one long-lived process slows down as its heap
 * grows (a file took 2.5x as long late in a single-process run as alone). TEST_SERIAL=1 runs them one
 * after the other. Extra arguments are passed to jest (e.g. `npm test -- test/unit`).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const { Client } = require('pg');

const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const WORKER_MEMORY = '700MB';
const jestArgs = process.argv.slice(2);
const jest = ['jest', '--maxWorkers=1', `--workerIdleMemoryLimit=${WORKER_MEMORY}`, ...jestArgs];

/** Runs a command; its output goes to the terminal, or to `logFile` when given. Resolves to its exit code. */
function run(cmd, args, env = {}, logFile = null) {
  return new Promise((resolve) => {
    const out = logFile ? fs.openSync(logFile, 'w') : 'inherit';
    const child = spawn(cmd, args, { stdio: ['ignore', out, out], env: { ...process.env, ...env } });
    child.on('close', (code) => {
      if (logFile) fs.closeSync(out);
      resolve(code === null ? 1 : code);
    });
  });
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
  // SKIP_CHECKS=1 (e.g. for `npm test -- test/unit/x.test.ts` while working) leaves out type-check and lint.
  const checks =
    process.env.SKIP_CHECKS === '1'
      ? []
      : [
          ['typecheck', 'Type-check'],
          ['lint', 'Lint (npm run format fixes what Prettier and ESLint can)'],
        ];
  for (const [script, what] of [...checks, ['build:plugin', 'Plugin compilation']]) {
    if (spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit' }).status !== 0) {
      console.error(`${what} failed.`);
      process.exit(1);
    }
  }
  // Compiled once here, so that the two runs do not both write dist/ (jest's globalSetup then finds it fresh).
  if (
    spawnSync(
      process.execPath,
      ['-e', "require('@strapi/strapi').compileStrapi({ appDir: process.cwd() }).then(() => process.exit(0), (e) => { console.error(e); process.exit(1); })"],
      { stdio: 'inherit' },
    ).status !== 0
  ) {
    console.error('Compiling the Strapi app failed.');
    process.exit(1);
  }
  const env = { SKIP_COMPILE: '1' };
  const serial = process.env.TEST_SERIAL === '1';

  const pgUrl = process.env.DATABASE_URL || DEFAULT_PG_URL;
  const reachable = await postgresReachable(pgUrl);
  let pgRun = Promise.resolve(0);
  let pgLog = null;
  const startPg = () => {
    pgLog = serial ? null : path.join(os.tmpdir(), `segmentation-test-pg-${process.pid}.log`);
    if (serial) console.log(`\n=== Test suite on PostgreSQL (${new URL(pgUrl).host}) ===`);
    return run('npx', jest, { ...env, TEST_DB: 'postgres', DATABASE_URL: pgUrl }, pgLog);
  };
  if (reachable === true && !serial) pgRun = startPg();

  console.log('\n=== Test suite on SQLite (embedded default) ===');
  if (!serial && reachable === true) console.log('(the PostgreSQL run goes on meanwhile; its output follows)');
  const sqlite = await run('npx', jest, { ...env, TEST_DB: 'sqlite' });

  let pg = 0;
  if (reachable === true) {
    if (serial) pgRun = startPg();
    pg = await pgRun;
    if (pgLog) {
      console.log(`\n=== Test suite on PostgreSQL (${new URL(pgUrl).host}) ===`);
      process.stdout.write(fs.readFileSync(pgLog));
      fs.rmSync(pgLog, { force: true });
    }
  } else if (process.env.REQUIRE_POSTGRES === '1') {
    console.error(`\nPostgreSQL is required (REQUIRE_POSTGRES=1) but not reachable at ${new URL(pgUrl).host}: ${reachable}`);
    pg = 1;
  } else {
    console.log(`\nSKIPPED: the PostgreSQL part of the suite — no PostgreSQL answers at ${new URL(pgUrl).host} (${reachable}). Set DATABASE_URL to run it.`);
  }
  process.exit(sqlite || pg);
})();
