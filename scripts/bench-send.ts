/**
 * `npm run bench:send [-- --recipients 100000 --nodelay --profile]`
 *
 * The sending pipeline against a plain nodemailer loop, on PostgreSQL (a fresh database
 * BENCH_DATABASE_NAME, default seg_bench_send, on the server of BENCH_DATABASE_URL, dropped after):
 * 1. boots the app (no worker in it), imports `--recipients` pass holders with e-mail and consent
 *    through POST /api/segmentation/import/pass-holders, creates an approved sender, a personalised
 *    template, a segment of everyone and a campaign;
 * 2. starts `node scripts/worker.js` (the production sending worker), starts the send through the
 *    campaigns service (the admin's "send" button) and times it until the campaign is `sent`; the
 *    SMTP sink (scripts/bench/smtp-sink.js, its own process) must have received every recipient once;
 * 3. renders the same messages again into a temporary NDJSON file and sends them with a plain pooled
 *    nodemailer transport (same maxConnections and concurrency) in its own process to the same sink;
 * 4. prints the result and puts it in docs/performance.md (section "Sending").
 * SEND_BATCH, SEND_CONCURRENCY and SMTP_MAX_CONNECTIONS are passed on to the app and worker.
 * `--nodelay` gives every SMTP connection of worker and baseline TCP_NODELAY (scripts/bench/nodelay.js)
 * and writes the section "Sending with TCP_NODELAY"; settings other than the app's defaults write a
 * section of their own ("Sending with SEND_CONCURRENCY=20", ...), so the defaults' result stays. `--profile` writes a CPU profile of the worker
 * to .tmp/bench-prof/ and prints the wall time of its queries by statement (scripts/bench/timing.js).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { spawnSync } from 'child_process';
import { bootApp, holdersNdjson } from './bench/app';
import { renderMessages } from './bench/send-messages';
import { renderSending, type SendResults } from './bench/send-report';
import { publish } from './bench/doc';
import { runBench } from './bench/db';
import { deliveryCounts, waitUntilSent } from './bench/campaign';
import { cpuSeconds, databaseCpu, exited, killWorker, peakRss, startSink, startWorker } from './bench/proc';
import { flag, fmt, log, measure } from './bench/util';
import { getService } from '../src/plugins/segmentation/server/src/services';

const ROOT = path.resolve(__dirname, '..');
const N = flag('recipients', 100_000);
const PROFILE = process.argv.includes('--profile');
const NODELAY = process.argv.includes('--nodelay');
const PRELOAD = NODELAY ? ['-r', path.join(__dirname, 'bench', 'nodelay.js')] : [];
const DB = process.env.BENCH_DATABASE_NAME ?? 'seg_bench_send';
/** The app's defaults (config/plugins.ts); set in the environment, they are the bench's too. */
const DEFAULTS = { SEND_BATCH: '20', SEND_CONCURRENCY: '5', SMTP_MAX_CONNECTIONS: '5' };
const SETTINGS = {
  SEND_BATCH: process.env.SEND_BATCH ?? DEFAULTS.SEND_BATCH,
  SEND_CONCURRENCY: process.env.SEND_CONCURRENCY ?? DEFAULTS.SEND_CONCURRENCY,
  SMTP_MAX_CONNECTIONS: process.env.SMTP_MAX_CONNECTIONS ?? DEFAULTS.SMTP_MAX_CONNECTIONS,
};
/** Settings other than the app's defaults, e.g. { SEND_CONCURRENCY: '20' }: the result goes to its own section. */
const TUNED = Object.fromEntries(Object.entries(SETTINGS).filter(([k, v]) => v !== DEFAULTS[k as keyof typeof DEFAULTS]));
const PROF_DIR = path.join(ROOT, '.tmp', 'bench-prof');
const TIMING = path.join(PROF_DIR, `timing-${process.pid}.json`);

/** The production worker with this run's preload and, with --profile, its profile. */
const launchWorker = (env: Record<string, string>) =>
  startWorker(env, { preload: PRELOAD, profile: PROFILE ? { dir: PROF_DIR, name: `worker-${process.pid}.cpuprofile`, timing: TIMING } : undefined });

async function main(): Promise<number> {
  log(
    `Sending benchmark${NODELAY ? ' (TCP_NODELAY)' : ''}: ${fmt(N)} recipients, database ${DB}, batch ${SETTINGS.SEND_BATCH}, concurrency ${SETTINGS.SEND_CONCURRENCY}, ${SETTINGS.SMTP_MAX_CONNECTIONS} SMTP connections`,
  );
  const loadBefore = os.loadavg()[0]!;
  const sink = await startSink();
  const app = await bootApp(DB, { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(sink.port), ...SETTINGS }).catch(async (error) => {
    await sink.stop();
    throw error;
  });
  const file = path.join(os.tmpdir(), `seg-bench-send-${process.pid}.ndjson`);
  let worker: ReturnType<typeof launchWorker> | null = null;
  let problems = 0;
  const check = (ok: boolean, what: string) => ok || (log(`MISMATCH ${what}`), problems++);
  try {
    const knex = app.strapi.db.connection;
    const imported = await measure(() => app.api('POST', '/api/segmentation/import/pass-holders', holdersNdjson(N), 'application/x-ndjson'));
    check(imported.value.inserted === N, `import: ${JSON.stringify(imported.value).slice(0, 300)}`);
    log(`  import: ${fmt(N)} holders in ${fmt(imported.ms / 1000, 1)} s`);
    const campaign = await app.campaign('Benchmark');

    worker = launchWorker(app.env);
    await worker.started;
    const pid = worker.child.pid!;
    // PostgreSQL: only the backends of this database (other work on the server is not counted).
    const postgresCpu = databaseCpu(async () =>
      (await knex.raw('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')).rows.map((r: { pid: number }) => r.pid),
    );
    await postgresCpu.start();
    const cpu0 = { worker: cpuSeconds(pid), sink: cpuSeconds(sink.pid) };
    const start = await measure(() => getService(app.strapi, 'campaigns').start(campaign.documentId, null));
    const t0 = Date.now();
    log(`  send started: ${fmt(N)} deliveries snapshotted in ${fmt(start.ms / 1000, 1)} s`);
    const finishedAt = await waitUntilSent(knex, campaign.id, t0, sink, 'mails');
    const cpu = { worker: cpuSeconds(pid) - cpu0.worker, postgres: await postgresCpu.stop(), sink: cpuSeconds(sink.pid) - cpu0.sink };
    const workerRss = peakRss(pid);
    worker.child.kill('SIGTERM');
    await exited(worker.child);
    const pipelineMs = finishedAt - t0;
    if (PROFILE && fs.existsSync(TIMING)) {
      const timing = Object.entries(JSON.parse(fs.readFileSync(TIMING, 'utf8')) as Record<string, { n: number; ms: number }>).sort((a, b) => b[1].ms - a[1].ms);
      log(`  worker's queries and sends (wall ms, all lanes), CPU profile in ${PROF_DIR}:`);
      for (const [sql, t] of timing.slice(0, 10)) log(`    ${fmt(t.ms)} ms in ${fmt(t.n)} × ${sql}`);
    }
    const atSink = await sink.count();
    const { statuses, retried } = await deliveryCounts(knex, campaign.id);
    check(atSink.count === N && atSink.distinct === N, `pipeline: the sink got ${atSink.count} mails for ${atSink.distinct} addresses, expected ${N}`);
    check(statuses.sent === N, `pipeline: deliveries ${JSON.stringify(statuses)}`);
    log(
      `  pipeline: ${fmt(N)} mails in ${fmt(pipelineMs / 1000, 1)} s = ${fmt(N / (pipelineMs / 1000))}/s; worker peak RSS ${fmt(workerRss / 2 ** 20)} MB; CPU s worker ${fmt(cpu.worker, 1)}, postgres ${fmt(cpu.postgres, 1)}, sink ${fmt(cpu.sink, 1)}`,
    );

    const rendered = await measure(() => renderMessages(app.strapi, campaign.id, file));
    log(`  baseline input: ${fmt(rendered.value.messages)} messages (${fmt(rendered.value.bytes / 2 ** 20)} MB) rendered in ${fmt(rendered.ms / 1000, 1)} s`);
    await sink.reset();
    const sinkCpu0 = cpuSeconds(sink.pid);
    const baselineRun = spawnSync(
      process.execPath,
      [
        ...PRELOAD,
        '-r',
        'esbuild-register',
        path.join(__dirname, 'bench', 'send-baseline.ts'),
        file,
        String(sink.port),
        SETTINGS.SMTP_MAX_CONNECTIONS,
        SETTINGS.SEND_CONCURRENCY,
      ],
      { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 },
    );
    if (baselineRun.status !== 0) throw new Error(`baseline failed (${baselineRun.status})`);
    const baseline = JSON.parse(baselineRun.stdout.trim().split('\n').pop()!) as { sent: number; failed: number; ms: number; cpu: number; peakRss: number };
    const baselineSink = await sink.count();
    const baselineSinkCpu = cpuSeconds(sink.pid) - sinkCpu0;
    check(
      baseline.sent === N && baselineSink.count === N && baselineSink.distinct === N,
      `baseline: sent ${baseline.sent}, the sink got ${baselineSink.count} for ${baselineSink.distinct} addresses`,
    );
    log(
      `  baseline: ${fmt(N)} mails in ${fmt(baseline.ms / 1000, 1)} s = ${fmt(N / (baseline.ms / 1000))}/s; peak RSS ${fmt(baseline.peakRss / 2 ** 20)} MB; CPU s sender ${fmt(baseline.cpu, 1)}, sink ${fmt(baselineSinkCpu, 1)}`,
    );

    const results: SendResults = {
      date: new Date().toISOString().slice(0, 10),
      command: `${Object.entries(TUNED)
        .map(([k, v]) => `${k}=${v} `)
        .join('')}npm run bench:send -- --recipients ${N}${NODELAY ? ' --nodelay' : ''}`,
      nodelay: NODELAY,
      tuned: TUNED,
      recipients: N,
      loadBefore,
      postgres: String((await knex.raw('SHOW server_version')).rows[0].server_version).split(' ')[0]!,
      settings: SETTINGS,
      importMs: imported.ms,
      snapshotMs: start.ms,
      pipeline: { ms: pipelineMs, rss: workerRss, cpu, retried, sink: atSink },
      baseline: {
        ms: baseline.ms,
        rss: baseline.peakRss,
        cpu: { sender: baseline.cpu, sink: baselineSinkCpu },
        sink: baselineSink,
        renderMs: rendered.ms,
        bytes: rendered.value.bytes,
      },
    };
    const markdown = renderSending(results);
    return publish(markdown, problems, `send${NODELAY ? '-nodelay' : ''}${Object.keys(TUNED).length ? '-tuned' : ''}`, log);
  } finally {
    await killWorker(worker);
    fs.rmSync(file, { force: true });
    await app.stop();
    await sink.stop();
  }
}

runBench(main);
