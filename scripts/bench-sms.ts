/**
 * `npm run bench:sms [-- --messages 100000 --profile]`
 *
 * Sending SMS through the outbox and worker (issue 20) against a plain loop over the same SMPP
 * client, on PostgreSQL (a fresh database BENCH_DATABASE_NAME, default seg_bench_sms, on the server
 * of BENCH_DATABASE_URL, dropped after):
 * 1. starts the SMPP sink (scripts/bench/smpp-sink.js, its own process) and boots the app (no worker
 *    in it) with SMS_PROVIDER=smpp pointing at it; imports `--messages` pass holders with a mobile
 *    number and the SMS consent through POST /api/segmentation/import/pass-holders; creates an SMS
 *    template, a segment of everyone and a mailing of channel `sms`;
 * 2. starts `node scripts/worker.js` (the production sending worker, same environment), starts the
 *    send through the campaigns service and times it until the mailing is `sent`; the sink must have
 *    received exactly one SMS for every number of the send (and no other);
 * 3. renders the same SMS again (the worker's compileSms of the send's snapshot) into a temporary
 *    NDJSON file and sends them with the server's SmppProvider (same SMPP_WINDOW) in its own
 *    process to the same sink, as fast as the window allows; the sink's digest of (number, text)
 *    must equal the pipeline's;
 * 4. prints the result and puts it in docs/performance.md (section "Sending SMS (issue 20)").
 * SEND_BATCH, SEND_CONCURRENCY and SMPP_WINDOW are passed on to the app and worker (the window to
 * the baseline too); settings other than the app's defaults write a section of their own.
 * `--profile` writes a CPU profile of the worker to .tmp/bench-prof/, prints its heaviest functions
 * and, when scripts/bench/timing.js wrote them, the wall time of its queries by statement (in the
 * 2026-12-07 runs it did not: the SMS worker left no timing file; not looked into).
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { spawnSync } from 'child_process';
import { bootApp } from './bench/app';
import { holdersSmsNdjson, renderSms, smsCampaign, startSmppSink } from './bench/sms-data';
import { renderSmsSection, type SmsResults } from './bench/sms-report';
import { topSelf } from './bench/cpuprofile';
import { publish } from './bench/doc';
import { runBench } from './bench/db';
import { deliveryCounts, waitUntilSent } from './bench/campaign';
import { cpuSeconds, databaseCpu, exited, killWorker, peakRss, startWorker } from './bench/proc';
import { flag, fmt, log, measure } from './bench/util';
import { getService } from '../src/plugins/segmentation/server/src/services';

const ROOT = path.resolve(__dirname, '..');
const N = flag('messages', 100_000);
const PROFILE = process.argv.includes('--profile');
const DB = process.env.BENCH_DATABASE_NAME ?? 'seg_bench_sms';
/** The app's defaults (config/plugins.ts, server/src/config.ts); set in the environment, they are the bench's too. */
const DEFAULTS = { SEND_BATCH: '20', SEND_CONCURRENCY: '5', SMPP_WINDOW: '10', SMPP_SINK_LATENCY_MS: '0' };
const SETTINGS = {
  SEND_BATCH: process.env.SEND_BATCH ?? DEFAULTS.SEND_BATCH,
  SEND_CONCURRENCY: process.env.SEND_CONCURRENCY ?? DEFAULTS.SEND_CONCURRENCY,
  SMPP_WINDOW: process.env.SMPP_WINDOW ?? DEFAULTS.SMPP_WINDOW,
  /** How long the sink takes to answer each SMS (a real gateway: milliseconds); 0 answers at once. */
  SMPP_SINK_LATENCY_MS: process.env.SMPP_SINK_LATENCY_MS ?? DEFAULTS.SMPP_SINK_LATENCY_MS,
};
const TUNED = Object.fromEntries(Object.entries(SETTINGS).filter(([k, v]) => v !== DEFAULTS[k as keyof typeof DEFAULTS]));
const PROF_DIR = path.join(ROOT, '.tmp', 'bench-prof');
const TIMING = path.join(PROF_DIR, `timing-sms-${process.pid}.json`);

/** The production worker with this run's preload and, with --profile, its profile. */
const launchWorker = (env: Record<string, string>) =>
  startWorker(env, { preload: [], profile: PROFILE ? { dir: PROF_DIR, name: `worker-sms-${process.pid}.cpuprofile`, timing: TIMING } : undefined });

async function main(): Promise<number> {
  log(
    `SMS sending benchmark: ${fmt(N)} messages, database ${DB}, batch ${SETTINGS.SEND_BATCH}, concurrency ${SETTINGS.SEND_CONCURRENCY}, SMPP window ${SETTINGS.SMPP_WINDOW}, gateway latency ${SETTINGS.SMPP_SINK_LATENCY_MS} ms`,
  );
  const loadBefore = os.loadavg()[0]!;
  const sink = await startSmppSink();
  const smsEnv = {
    SMS_PROVIDER: 'smpp',
    SMPP_HOST: '127.0.0.1',
    SMPP_PORT: String(sink.port),
    SMPP_SYSTEM_ID: 'bench',
    SMPP_PASSWORD: 'bench',
    SMS_FROM: 'UiTPAS',
    ...SETTINGS,
  };
  const app = await bootApp(DB, smsEnv).catch(async (error) => {
    await sink.stop();
    throw error;
  });
  const file = path.join(os.tmpdir(), `seg-bench-sms-${process.pid}.ndjson`);
  let worker: ReturnType<typeof launchWorker> | null = null;
  let problems = 0;
  const check = (ok: boolean, what: string) => ok || (log(`MISMATCH ${what}`), problems++);
  try {
    const knex = app.strapi.db.connection;
    const imported = await measure(() => app.api('POST', '/api/segmentation/import/pass-holders', holdersSmsNdjson(N), 'application/x-ndjson'));
    check(imported.value.inserted === N, `import: ${JSON.stringify(imported.value).slice(0, 300)}`);
    log(`  import: ${fmt(N)} holders in ${fmt(imported.ms / 1000, 1)} s`);
    const campaign = await smsCampaign(app.strapi, 'Benchmark SMS');

    worker = launchWorker(app.env);
    await worker.started;
    const pid = worker.child.pid!;
    const postgresCpu = databaseCpu(async () =>
      (await knex.raw('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')).rows.map((r: { pid: number }) => r.pid),
    );
    await postgresCpu.start();
    await sink.reset(); // whatever a bind or an earlier run left
    const cpu0 = { worker: cpuSeconds(pid), sink: cpuSeconds(sink.pid) };
    const start = await measure(() => getService(app.strapi, 'campaigns').start(campaign.documentId, null));
    const t0 = Date.now();
    const queued = Number((await knex('seg_deliveries').where({ campaign_id: campaign.id, channel: 'sms' }).count({ n: '*' }))[0]!.n);
    check(queued === N, `send: ${queued} SMS deliveries, expected ${N}`);
    log(`  send started: ${fmt(queued)} SMS deliveries snapshotted in ${fmt(start.ms / 1000, 1)} s`);
    const finishedAt = await waitUntilSent(knex, campaign.id, t0, sink, 'SMS');
    const cpu = { worker: cpuSeconds(pid) - cpu0.worker, postgres: await postgresCpu.stop(), sink: cpuSeconds(sink.pid) - cpu0.sink };
    const workerRss = peakRss(pid);
    worker.child.kill('SIGTERM');
    await exited(worker.child);
    const pipelineMs = finishedAt - t0;
    const atSink = await sink.count();
    const { statuses, retried } = await deliveryCounts(knex, campaign.id);
    check(
      atSink.count === N && atSink.distinct === N && atSink.repeated === 0,
      `pipeline: the sink got ${atSink.count} SMS for ${atSink.distinct} numbers (${atSink.repeated} more than once), expected ${N}`,
    );
    check(statuses.sent === N, `pipeline: deliveries ${JSON.stringify(statuses)}`);
    log(
      `  pipeline: ${fmt(N)} SMS in ${fmt(pipelineMs / 1000, 1)} s = ${fmt(N / (pipelineMs / 1000))}/s; worker peak RSS ${fmt(workerRss / 2 ** 20)} MB; CPU s worker ${fmt(cpu.worker, 1)}, postgres ${fmt(cpu.postgres, 1)}, sink ${fmt(cpu.sink, 1)}`,
    );
    let profile: SmsResults['profile'] = null;
    if (PROFILE) {
      const prof = path.join(PROF_DIR, `worker-sms-${process.pid}.cpuprofile`);
      if (fs.existsSync(prof)) {
        profile = { file: path.relative(ROOT, prof), ...topSelf(prof, 15) };
        log(`  worker CPU profile ${profile.file} (${fmt(profile.totalMs / 1000, 1)} s, idle ${fmt(profile.idleMs / 1000, 1)} s), self time:`);
        for (const r of profile.rows) log(`    ${fmt(r.ms)} ms ${fmt(r.share * 100, 1)} % ${r.what}`);
      }
      if (fs.existsSync(TIMING)) {
        const timing = Object.entries(JSON.parse(fs.readFileSync(TIMING, 'utf8')) as Record<string, { n: number; ms: number }>).sort(
          (a, b) => b[1].ms - a[1].ms,
        );
        log(`  worker's queries (wall ms, all lanes):`);
        for (const [sql, t] of timing.slice(0, 10)) log(`    ${fmt(t.ms)} ms in ${fmt(t.n)} × ${sql}`);
      }
    }

    const rendered = await measure(() => renderSms(app.strapi, campaign.id, file));
    const atSinkNumbers = await sink.numbers();
    const expected = rendered.value.phones.map((p) => p.replace(/^\+/, '')).sort();
    check(
      atSinkNumbers.length === expected.length && atSinkNumbers.every((n, i) => n === expected[i]),
      `pipeline: the numbers at the sink are not the deliveries' numbers`,
    );
    const sample = fs.readFileSync(file, 'utf8').split('\n', 1)[0]!;
    log(
      `  baseline input: ${fmt(rendered.value.messages)} SMS (${fmt(rendered.value.bytes / 2 ** 20, 1)} MB) rendered in ${fmt(rendered.ms / 1000, 1)} s; e.g. ${sample}`,
    );
    await sink.reset();
    const sinkCpu0 = cpuSeconds(sink.pid);
    const baselineRun = spawnSync(
      process.execPath,
      ['-r', 'esbuild-register', path.join(__dirname, 'bench', 'sms-baseline.ts'), file, String(sink.port), SETTINGS.SMPP_WINDOW],
      { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 },
    );
    if (baselineRun.status !== 0) throw new Error(`baseline failed (${baselineRun.status})`);
    const baseline = JSON.parse(baselineRun.stdout.trim().split('\n').pop()!) as { sent: number; failed: number; ms: number; cpu: number; peakRss: number };
    const baselineSink = await sink.count();
    const baselineSinkCpu = cpuSeconds(sink.pid) - sinkCpu0;
    check(
      baseline.sent === N && baselineSink.count === N && baselineSink.distinct === N && baselineSink.repeated === 0,
      `baseline: sent ${baseline.sent}, the sink got ${baselineSink.count} for ${baselineSink.distinct} numbers`,
    );
    check(baselineSink.digest === atSink.digest, `baseline and pipeline sent different texts (digest ${baselineSink.digest} vs ${atSink.digest})`);
    log(
      `  baseline: ${fmt(N)} SMS in ${fmt(baseline.ms / 1000, 1)} s = ${fmt(N / (baseline.ms / 1000))}/s; peak RSS ${fmt(baseline.peakRss / 2 ** 20)} MB; CPU s sender ${fmt(baseline.cpu, 1)}, sink ${fmt(baselineSinkCpu, 1)}`,
    );

    const results: SmsResults = {
      date: new Date().toISOString().slice(0, 10),
      command: `${Object.entries(TUNED)
        .map(([k, v]) => `${k}=${v} `)
        .join('')}npm run bench:sms -- --messages ${N}${PROFILE ? ' --profile' : ''}`,
      tuned: TUNED,
      messages: N,
      loadBefore,
      postgres: String((await knex.raw('SHOW server_version')).rows[0].server_version).split(' ')[0]!,
      settings: SETTINGS,
      importMs: imported.ms,
      snapshotMs: start.ms,
      sample: (JSON.parse(sample) as { text: string }).text,
      pipeline: { ms: pipelineMs, rss: workerRss, cpu, retried, sink: atSink },
      baseline: { ms: baseline.ms, rss: baseline.peakRss, cpu: { sender: baseline.cpu, sink: baselineSinkCpu }, sink: baselineSink, renderMs: rendered.ms },
      profile,
    };
    const markdown = renderSmsSection(results);
    const section = Number(SETTINGS.SMPP_SINK_LATENCY_MS) > 0 ? 'sms-latency' : Object.keys(TUNED).length ? 'sms-tuned' : 'sms';
    return publish(markdown, problems, section, log);
  } finally {
    await killWorker(worker);
    fs.rmSync(file, { force: true });
    await app.stop();
    await sink.stop();
  }
}

runBench(main);
