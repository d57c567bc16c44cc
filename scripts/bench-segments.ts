/**
 * `npm run bench:segments [-- --holders N --actions N --reps N --reload]`
 *
 * Loads N holders and N actions (deterministic generator) into PostgreSQL through the tool's own
 * import, then, in this one process over the same rows:
 * - import rate vs COPY of the same action rows (ratio), with peak RSS;
 * - for each definition of scripts/bench/definitions.ts, the p50 of the tool's count (total and
 *   withEmail) vs the p50 of hand-written SQL with sensible indexes (ratio; counts must agree);
 * - export of all holders as CSV (rows/s, RSS growth).
 * Results go to stdout and docs/performance.md.
 */
import fs from 'fs';
import path from 'path';
import { Writable } from 'stream';
import { pipeline } from 'stream/promises';
import knexFactory, { type Knex } from 'knex';
import { from as copyFrom } from 'pg-copy-streams';
import { up } from '../database/migrations/2026.11.22T00.00.00.audience-tables';
import { IMPORT_ENTITIES, importStream } from '../src/plugins/segmentation/server/src/imports/service';
import { generateEntity, toNdjsonStream } from '../src/plugins/segmentation/server/src/demo/generator';
import { SegmentEngine } from '../src/plugins/segmentation/server/src/segments/engine';
import { localDayOf } from '../src/plugins/segmentation/server/src/segments/dates';
import { AS_OF, BASELINE_INDEXES, CASES } from './bench/definitions';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const HOLDERS = arg('holders', 1_000_000);
const ACTIONS = arg('actions', 10_000_000);
const REPS = arg('reps', 7);
const SEED = 2026;
const RELOAD = process.argv.includes('--reload');
const BASE = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = 'seg_bench';

const url = (db: string) => Object.assign(new URL(BASE), { pathname: `/${db}` }).toString();
const mb = (bytes: number) => Math.round(bytes / 1_048_576);
const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const geomean = (xs: number[]) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
const log = (s: string) => process.stderr.write(`${s}\n`);

/** Peak RSS while `fn` runs (sampled every 50 ms). */
async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ value: T; peak: number; before: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const value = await fn();
    return { value, peak: Math.max(peak, process.memoryUsage().rss), before };
  } finally {
    clearInterval(timer);
  }
}

async function prepareDatabase(): Promise<{ knex: Knex; loaded: boolean }> {
  const admin = knexFactory({ client: 'pg', connection: url('postgres') });
  const exists = (await admin.raw('SELECT 1 FROM pg_database WHERE datname = ?', [DB])).rows.length > 0;
  let reuse = false;
  if (exists && !RELOAD) {
    const probe = knexFactory({ client: 'pg', connection: url(DB) });
    try {
      const row = await probe('bench_info').first();
      reuse = row && Number(row.holders) === HOLDERS && Number(row.actions) === ACTIONS && Number(row.seed) === SEED && row.complete;
    } catch {
      reuse = false;
    }
    await probe.destroy();
  }
  if (!reuse) {
    if (exists) await admin.raw(`DROP DATABASE ${DB} WITH (FORCE)`);
    await admin.raw(`CREATE DATABASE ${DB}`);
  }
  await admin.destroy();
  const knex = knexFactory({ client: 'pg', connection: url(DB), pool: { min: 1, max: 4 } });
  if (!reuse) {
    await up(knex);
    await knex.schema.createTable('bench_info', (t) => {
      t.integer('holders');
      t.integer('actions');
      t.integer('seed');
      t.boolean('complete');
      t.jsonb('import');
    });
  }
  return { knex, loaded: reuse };
}

const DATA_DIR = path.resolve(__dirname, '..', 'bench-data');
const dataFile = (entity: string, ext = 'ndjson') => path.join(DATA_DIR, `${entity}-${HOLDERS}-${ACTIONS}-${SEED}.${ext}`);

/** The generated records as NDJSON files, so that timing measures the import, not the generator. */
async function generateFiles(): Promise<void> {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  for (const entity of IMPORT_ENTITIES) {
    if (fs.existsSync(dataFile(entity))) continue;
    log(`  generating ${path.basename(dataFile(entity))}...`);
    await pipeline(toNdjsonStream(generateEntity(entity, { holders: HOLDERS, actions: ACTIONS, seed: SEED })), fs.createWriteStream(`${dataFile(entity)}.part`));
    fs.renameSync(`${dataFile(entity)}.part`, dataFile(entity));
  }
}

async function loadData(knex: Knex) {
  const out: Record<string, unknown> = {};
  for (const entity of IMPORT_ENTITIES) {
    const started = Date.now();
    const { value, peak, before } = await withPeakRss(() =>
      importStream(knex, entity, fs.createReadStream(dataFile(entity), { highWaterMark: 1 << 20 }), 'ndjson', {
        onProgress: (p) => process.stderr.write(`\r  ${entity}: ${p.lines.toLocaleString('en')} lines`),
      }),
    );
    const secs = (Date.now() - started) / 1000;
    log(`\r  ${entity}: ${value.inserted} inserted, ${value.rejected.length} rejected in ${secs.toFixed(1)} s (${Math.round(value.received / secs)}/s), peak RSS ${mb(peak)} MB`);
    if (value.rejected.length) log(`    first rejects: ${JSON.stringify(value.rejected.slice(0, 3))}`);
    out[entity] = { secs, perSecond: value.received / secs, peakRss: peak, rssBefore: before };
  }
  return out;
}

/** COPY of the same action rows (same columns, derived day, resolved ids) from a TSV file. */
async function copyBaseline(knex: Knex): Promise<number> {
  const tsv = dataFile('actions', 'tsv');
  if (!fs.existsSync(tsv)) {
    log('  writing the COPY input (same rows, ids resolved)...');
    const ids = new Map<string, number>();
    for (const table of ['seg_holders', 'seg_counters', 'seg_events', 'seg_advantages']) {
      const rows = await knex(table).select('id', { k: table === 'seg_holders' ? 'uid' : 'key' });
      for (const r of rows) ids.set(`${table}:${r.k}`, Number(r.id));
    }
    const n = (v: unknown) => (v == null ? '\\N' : String(v));
    let id = 0;
    async function* lines() {
      let chunk = '';
      for (const a of generateEntity('actions', { holders: HOLDERS, actions: ACTIONS, seed: SEED }) as Generator<Record<string, any>>) {
        const ms = Date.parse(a.at);
        const ev = a.event ? ids.get(`seg_events:${a.event}`) : null;
        const adv = a.advantage ? ids.get(`seg_advantages:${a.advantage}`) : null;
        chunk += `${++id}\t${a.key}\t${ids.get(`seg_holders:${a.holder}`)}\t${a.type}\t${new Date(ms).toISOString()}\t${localDayOf(ms, 'Europe/Brussels')}\t${n(ids.get(`seg_counters:${a.counter}`))}\t${n(ev)}\t${n(adv)}\t${n(a.points)}\t1\n`;
        if (chunk.length > 1 << 20) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    }
    await pipeline(lines, fs.createWriteStream(`${tsv}.part`));
    fs.renameSync(`${tsv}.part`, tsv);
  }
  // The same table shape and indexes the import writes into (primary key, unique key, the tool's indexes).
  await knex.raw('DROP TABLE IF EXISTS bench_copy_actions');
  await knex.raw('CREATE TABLE bench_copy_actions (LIKE seg_actions INCLUDING DEFAULTS INCLUDING INDEXES)');
  const client = await knex.client.acquireConnection();
  const started = Date.now();
  try {
    const sink = client.query(copyFrom('COPY bench_copy_actions (id, key, holder_id, type, at, day, counter_id, event_id, advantage_id, points, seq) FROM STDIN'));
    await pipeline(fs.createReadStream(tsv, { highWaterMark: 1 << 20 }), sink);
  } finally {
    knex.client.releaseConnection(client);
  }
  const secs = (Date.now() - started) / 1000;
  await knex.raw('DROP TABLE bench_copy_actions');
  return secs;
}

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

async function main() {
  log(`Benchmark: ${HOLDERS.toLocaleString('en')} holders, ${ACTIONS.toLocaleString('en')} actions, ${REPS} reps, database ${DB}`);
  const { knex, loaded } = await prepareDatabase();
  let importStats: Record<string, any>;
  let copySecs: number;
  if (loaded) {
    const info = await knex('bench_info').first();
    importStats = info.import.stats;
    copySecs = info.import.copySecs;
    log('  reusing the loaded database (--reload to load again)');
  } else {
    await generateFiles();
    importStats = await loadData(knex);
    log('  COPY baseline of the same action rows...');
    copySecs = await copyBaseline(knex);
    log(`  COPY: ${copySecs.toFixed(1)} s`);
    await knex('bench_info').insert({ holders: HOLDERS, actions: ACTIONS, seed: SEED, complete: true, import: JSON.stringify({ stats: importStats, copySecs }) });
  }
  log('  baseline indexes + VACUUM ANALYZE...');
  for (const sql of BASELINE_INDEXES) await knex.raw(sql);
  await knex.raw('VACUUM ANALYZE');
  await knex.raw("SET work_mem = '256MB'");

  const engine = new SegmentEngine(knex, { timeZone: 'Europe/Brussels' });
  const load = await withPeakRss(() => timeIt(() => engine.ensureFresh()));
  log(`  index load: ${(load.value / 1000).toFixed(1)} s, RSS ${mb(load.before)} -> ${mb(load.peak)} MB`);

  const rows: { name: string; total: number; tool: number; sql: number }[] = [];
  for (const c of CASES) {
    const tool = await engine.count(c.definition, { asOf: AS_OF });
    const sql = (await knex.raw(c.sql)).rows[0];
    if (tool.total !== Number(sql.total) || tool.withEmail !== Number(sql.with_email)) {
      log(`MISMATCH ${c.name}: tool ${tool.total}/${tool.withEmail}, SQL ${sql.total}/${sql.with_email}`);
      process.exitCode = 1;
    }
    const toolTimes: number[] = [];
    const sqlTimes: number[] = [];
    for (let i = 0; i < REPS; i++) {
      toolTimes.push(await timeIt(() => engine.count(c.definition, { asOf: AS_OF })));
      sqlTimes.push(await timeIt(() => knex.raw(c.sql)));
    }
    rows.push({ name: c.name, total: tool.total, tool: p50(toolTimes), sql: p50(sqlTimes) });
    log(`  ${c.name}: ${tool.total} holders, tool ${p50(toolTimes).toFixed(1)} ms, SQL ${p50(sqlTimes).toFixed(1)} ms`);
  }

  const all = { version: 1 as const, groups: [{ filters: [{ type: 'points' as const, op: '>=' as const, value: -2_147_483_648 }] }] };
  let exported = 0;
  const exportRun = await withPeakRss(() =>
    timeIt(async () => {
      const csv = await engine.exportCsv(all, { asOf: AS_OF });
      await pipeline(csv, new Writable({ write(chunk: Buffer, _e, cb) { for (const b of chunk) if (b === 10) exported++; cb(); } }));
    }),
  );
  log(`  export: ${exported - 1} rows in ${(exportRun.value / 1000).toFixed(1)} s, RSS ${mb(exportRun.before)} -> ${mb(exportRun.peak)} MB`);

  const actionsImport = importStats.actions;
  const report = renderReport({
    rows,
    importRate: actionsImport.perSecond,
    importSecs: actionsImport.secs,
    importPeak: Math.max(...Object.values(importStats).map((s: any) => s.peakRss)),
    copySecs,
    load,
    exportRun,
    exported: exported - 1,
  });
  process.stdout.write(`${report}\n`);
  writeReport(report);
  await knex.destroy();
}

function renderReport(r: {
  rows: { name: string; total: number; tool: number; sql: number }[];
  importRate: number;
  importSecs: number;
  importPeak: number;
  copySecs: number;
  load: { value: number; peak: number; before: number };
  exportRun: { value: number; peak: number; before: number };
  exported: number;
}): string {
  const lines = [
    `## Latest run (${new Date().toISOString().slice(0, 10)}, ${HOLDERS.toLocaleString('en')} holders, ${ACTIONS.toLocaleString('en')} actions, p50 of ${REPS})`,
    '',
    '| definition | holders | tool p50 (ms) | hand SQL p50 (ms) | tool / SQL |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...r.rows.map((x) => `| ${x.name} | ${x.total.toLocaleString('en')} | ${x.tool.toFixed(1)} | ${x.sql.toFixed(1)} | ${(x.tool / x.sql).toFixed(3)} |`),
    `| **geometric mean** | | **${geomean(r.rows.map((x) => x.tool)).toFixed(1)}** | **${geomean(r.rows.map((x) => x.sql)).toFixed(1)}** | **${geomean(r.rows.map((x) => x.tool / x.sql)).toFixed(3)}** |`,
    '',
    `- Import of ${ACTIONS.toLocaleString('en')} actions through the tool: ${r.importSecs.toFixed(1)} s = **${Math.round(r.importRate).toLocaleString('en')} actions/s**; COPY of the same rows: ${r.copySecs.toFixed(1)} s; **ratio ${(r.importSecs / r.copySecs).toFixed(2)}×**; peak RSS during import ${mb(r.importPeak)} MB.`,
    `- Audience index load (full, from Postgres): ${(r.load.value / 1000).toFixed(1)} s; RSS ${mb(r.load.before)} → ${mb(r.load.peak)} MB.`,
    `- Export of all ${r.exported.toLocaleString('en')} holders as CSV: ${(r.exportRun.value / 1000).toFixed(1)} s (${Math.round(r.exported / (r.exportRun.value / 1000)).toLocaleString('en')} rows/s); RSS ${mb(r.exportRun.before)} → ${mb(r.exportRun.peak)} MB (growth ${mb(r.exportRun.peak - r.exportRun.before)} MB).`,
  ];
  return lines.join('\n');
}

function writeReport(report: string): void {
  const file = path.resolve(__dirname, '..', 'docs', 'performance.md');
  const marker = '<!-- bench:segments -->';
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : `# Performance\n\n${marker}\n${marker}\n`;
  const [head, , tail] = current.split(marker);
  fs.writeFileSync(file, `${head}${marker}\n${report}\n${marker}${tail ?? '\n'}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
