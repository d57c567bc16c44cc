/**
 * `npm run bench:segments [-- --holders 1000000 --actions 10000000 --reps 7 --reload]`
 * (or `node -r esbuild-register scripts/bench-segments.ts ...`)
 *
 * On PostgreSQL (database `seg_bench_segments` (BENCH_DATABASE_NAME) on the server of BENCH_DATABASE_URL,
 * default postgres://postgres@127.0.0.1:5432):
 * 1. loads the deterministic demo data through the tool's own import (`importStream`), and times a
 *    COPY of the same action rows; reuses the loaded database when it holds the same sizes, seed
 *    and generator version (`bench_info`), unless `--reload`;
 * 2. loads the segment engine's index, checks that the tool's count equals the hand-written SQL's for
 *    every definition of scripts/bench/definitions.ts (MISMATCH, exit 1), and times both;
 * 3. exports every holder as CSV into a counting sink;
 * 4. prints the results as markdown and puts them in docs/performance.md.
 * Generated input files are cached in bench-data/ (BENCH_DATA_DIR).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { Writable } from 'stream';
import { pipeline } from 'stream/promises';
import knexFactory, { type Knex } from 'knex';
import { up as audienceTables } from '../database/migrations/2026.11.22T00.00.00.audience-tables';
import { up as actionRevisions } from '../database/migrations/2026.12.06T00.00.00.action-revisions';

import { IMPORT_ENTITIES, importStream } from '../src/plugins/segmentation/server/src/imports/service';
import { GENERATOR_VERSION } from '../src/plugins/segmentation/server/src/demo/generator';
import { SegmentEngine } from '../src/plugins/segmentation/server/src/segments/engine';
import { segmentDefinitionSchema, type SegmentDefinition } from '../src/plugins/segmentation/shared/definition';
import { AS_OF, BASELINE_INDEXES, CASES, SQL_SETTINGS } from './bench/definitions';
import { BenchData, timeCopy } from './bench/data';
import { render, writeDoc, type CaseResult, type Results } from './bench/report';
import { BENCH_DB, benchKnex, benchUrl, runBench } from './bench/db';
import { flag, fmt, log, mb, measure, p50, timeMs } from './bench/util';

/** The audience tables as the migrations leave them. */
const up = async (knex: Knex) => {
  await audienceTables(knex);
  await actionRevisions(knex);
};

const HOLDERS = flag('holders', 1_000_000);
const ACTIONS = flag('actions', 10_000_000);
const REPS = flag('reps', 7);
const SEED = 2026;
const RELOAD = process.argv.includes('--reload');
const TIME_ZONE = 'Europe/Brussels';
const DB = BENCH_DB;
const DATA_DIR = process.env.BENCH_DATA_DIR ?? path.resolve(__dirname, '..', 'bench-data');

const url = benchUrl;

type LoadStats = Pick<Results, 'imports' | 'copyPkSecs' | 'copyAllSecs' | 'loadedAt'>;

/**
 * The bench database, freshly created unless it already holds this data set. A database of that
 * name is only dropped when this script made it (it has `bench_info`): never someone else's.
 */
async function openDatabase(): Promise<{ knex: Knex; stored: LoadStats | null }> {
  const admin = knexFactory({ client: 'pg', connection: url('postgres') });
  let stored: LoadStats | null = null;
  try {
    const exists = (await admin.raw('SELECT 1 FROM pg_database WHERE datname = ?', [DB])).rows.length > 0;
    if (exists) {
      const probe = knexFactory({ client: 'pg', connection: url(DB) });
      try {
        if (!(await probe.schema.hasTable('bench_info'))) {
          throw new Error(`database ${DB} exists but was not made by this benchmark: set BENCH_DATABASE_NAME to another name`);
        }
        const row = await probe('bench_info').first();
        const same =
          row?.stats && [row.holders, row.actions, row.seed, row.generator].map(Number).join() === [HOLDERS, ACTIONS, SEED, GENERATOR_VERSION].join();
        if (same && !RELOAD) stored = row.stats as LoadStats;
      } finally {
        await probe.destroy();
      }
    }
    if (!stored) {
      if (exists) await admin.raw(`DROP DATABASE "${DB}" WITH (FORCE)`);
      await admin.raw(`CREATE DATABASE "${DB}"`);
    }
  } finally {
    await admin.destroy();
  }
  const knex = benchKnex(DB);
  if (!stored) {
    await knex.schema.createTable('bench_info', (t) => {
      for (const c of ['holders', 'actions', 'seed', 'generator']) t.integer(c).notNullable();
      t.jsonb('stats').nullable(); // set when the load is complete
    });
    await knex('bench_info').insert({ holders: HOLDERS, actions: ACTIONS, seed: SEED, generator: GENERATOR_VERSION });
    await up(knex);
  }
  return { knex, stored };
}

async function load(knex: Knex, data: BenchData): Promise<LoadStats> {
  await data.ensureNdjson();
  const loadedAt = `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const imports: LoadStats['imports'] = {};
  for (const entity of IMPORT_ENTITIES) {
    // As before the COPY it is compared with: nothing left to write from the load before.
    await knex.raw('CHECKPOINT');
    const started = Date.now();
    let reported = 0;
    const run = await measure(() =>
      importStream(knex, entity, fs.createReadStream(data.file(entity), { highWaterMark: 1 << 20 }), 'ndjson', {
        timeZone: TIME_ZONE,
        onProgress: (p) => {
          const line = `  ${entity}: ${fmt(p.lines)} lines, ${fmt(p.lines / ((Date.now() - started) / 1000))}/s`;
          if (process.stderr.isTTY) process.stderr.write(`\r${line}\x1b[K`);
          else if (p.lines >= reported + 1_000_000) {
            log(line);
            reported = p.lines;
          }
        },
      }),
    );
    const r = run.value;
    const secs = run.ms / 1000;
    log(
      `${process.stderr.isTTY ? '\r' : ''}  ${entity}: ${fmt(r.inserted)} inserted, ${r.rejected.length} rejected in ${fmt(secs, 1)} s (${fmt(r.received / secs)}/s), peak RSS ${mb(run.rssPeak)} MB`,
    );
    if (r.rejected.length > 0) throw new Error(`generated ${entity} rejected: ${JSON.stringify(r.rejected.slice(0, 3))}`);
    imports[entity] = { secs, received: r.received, rssPeak: run.rssPeak };
  }
  const rows = await data.ensureCopyRows(knex, TIME_ZONE);
  const copyPkSecs = await timeCopy(knex, rows, 'pk');
  log(`  COPY of the same action rows, primary key only: ${fmt(copyPkSecs, 1)} s`);
  const copyAllSecs = await timeCopy(knex, rows, 'all');
  log(`  COPY of the same action rows, seg_actions' indexes: ${fmt(copyAllSecs, 1)} s`);
  const stats = { imports, copyPkSecs, copyAllSecs, loadedAt };
  await knex('bench_info').update({ stats: JSON.stringify(stats) });
  return stats;
}

async function main(): Promise<number> {
  log(`Segment benchmark: ${fmt(HOLDERS)} holders, ${fmt(ACTIONS)} actions, ${REPS} reps, database ${DB}`);
  const { knex, stored } = await openDatabase();
  try {
    let stats = stored;
    if (stats) log('  reusing the loaded database (--reload loads it again)');
    else stats = await load(knex, new BenchData(DATA_DIR, { holders: HOLDERS, actions: ACTIONS, seed: SEED }));

    log('  indexes for the hand-written SQL, VACUUM ANALYZE...');
    for (const sql of BASELINE_INDEXES) await knex.raw(sql);
    await knex.raw('VACUUM ANALYZE');

    const engine = new SegmentEngine(knex, { timeZone: TIME_ZONE });
    const loadRun = await measure(() => engine.ensureFresh());
    const rssAfter = (await measure(async () => undefined)).rssBefore;
    log(`  index load: ${fmt(loadRun.ms / 1000, 1)} s, RSS ${mb(loadRun.rssBefore)} → ${mb(rssAfter)} MB (peak ${mb(loadRun.rssPeak)} MB)`);

    const loadBefore = os.loadavg()[0]!;
    let mismatches = 0;
    const cases: CaseResult[] = [];
    for (const c of CASES) {
      const definition = segmentDefinitionSchema.parse(c.definition) as SegmentDefinition;
      const unknown = await engine.unknownReferences(definition);
      if (unknown.length > 0) throw new Error(`${c.name}: ${JSON.stringify(unknown)}`);
      const tool = await engine.count(definition, { asOf: AS_OF }); // also the warm-up
      const sql = (await knex.raw(c.sql)).rows[0] as { total: string; with_email: string };
      if (tool.total !== Number(sql.total) || tool.withEmail !== Number(sql.with_email)) {
        log(`MISMATCH ${c.name}: tool ${tool.total} / ${tool.withEmail} with e-mail, SQL ${sql.total} / ${sql.with_email}`);
        mismatches++;
      }
      const toolMs: number[] = [];
      const sqlMs: number[] = [];
      for (let i = 0; i < REPS; i++) {
        toolMs.push(await timeMs(() => engine.count(definition, { asOf: AS_OF })));
        sqlMs.push(await timeMs(() => knex.raw(c.sql)));
      }
      cases.push({ name: c.name, total: tool.total, withEmail: tool.withEmail, tool: p50(toolMs), sql: p50(sqlMs) });
      log(`  ${c.name}: ${fmt(tool.total)} holders; tool ${fmt(p50(toolMs), 1)} ms, SQL ${fmt(p50(sqlMs), 1)} ms`);
    }

    const everyone: SegmentDefinition = { version: 1, groups: [{ filters: [{ type: 'points', op: '>=', value: -2_147_483_648 }] }] };
    let newlines = 0;
    const exportRun = await measure(async () => {
      const csv = await engine.exportCsv(everyone, { asOf: AS_OF });
      const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
          for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) newlines++;
          done();
        },
      });
      await pipeline(csv, sink);
    });
    const exported = { rows: newlines - 1, ms: exportRun.ms, rssBefore: exportRun.rssBefore, rssPeak: exportRun.rssPeak };
    log(`  export: ${fmt(exported.rows)} rows in ${fmt(exported.ms / 1000, 1)} s, RSS ${mb(exported.rssBefore)} → peak ${mb(exported.rssPeak)} MB`);
    if (exported.rows !== HOLDERS) {
      log(`MISMATCH export: ${exported.rows} rows, ${HOLDERS} holders`);
      mismatches++;
    }

    const postgres = String((await knex.raw('SHOW server_version')).rows[0].server_version).split(' ')[0];
    const markdown = render({
      date: new Date().toISOString().slice(0, 10),
      command: `npm run bench:segments -- --holders ${HOLDERS} --actions ${ACTIONS} --reps ${REPS}`,
      holders: HOLDERS,
      actions: ACTIONS,
      seed: SEED,
      generator: GENERATOR_VERSION,
      reps: REPS,
      postgres: `PostgreSQL ${postgres}`,
      loadBefore,
      cases,
      ...stats,
      load: { ms: loadRun.ms, rssBefore: loadRun.rssBefore, rssPeak: loadRun.rssPeak, rssAfter },
      exported,
      indexes: BASELINE_INDEXES,
      settings: SQL_SETTINGS,
    });
    process.stdout.write(`${markdown}\n`);
    if (mismatches > 0) {
      log(`${mismatches} MISMATCH(ES): docs/performance.md left as it was`);
      return 1;
    }
    log(`  written to ${writeDoc(markdown)}`);
    return 0;
  } finally {
    await knex.destroy();
  }
}

runBench(main);
