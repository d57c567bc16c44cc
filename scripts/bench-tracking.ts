/**
 * `npm run bench:tracking [-- --deliveries 20000 --connections 50 --duration 10 --runs 3 --no-clicks --profile]`
 *
 * The open pixel (and the click redirect) of the real app against a bare node:http server answering
 * the same bytes, on PostgreSQL (a fresh database BENCH_DATABASE_NAME, default seg_bench_tracking,
 * on the server of BENCH_DATABASE_URL, dropped after):
 * 1. starts the app in its own process (scripts/bench/tracking-app.ts): a sent campaign of
 *    `--deliveries` recipients and a signed open and click token per delivery;
 * 2. checks one real answer (200 + 43-byte GIF; a forged token 404; the click 302 to its URL) and
 *    starts the baseline (scripts/bench/pixel-server.js) in its own process with the app's headers;
 * 3. loads both with autocannon from this process: a warm-up (5,000 requests, then about 3 s), then
 *    `--runs` alternating runs of a
 *    fixed number of requests sized to last about `--duration` s, `--connections` connections,
 *    every request the next delivery's token;
 * 4. stops the app with SIGTERM (the recorder flushes on destroy) and checks that
 *    seg_tracking_events holds exactly one open per 200 and one click per 302 the app answered;
 * 5. prints the result and puts it in docs/performance.md (section "Tracking").
 * `--profile` writes a CPU profile of the app process to .tmp/bench-prof/tracking-app.cpuprofile
 * and prints its functions with the most self time.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { fork, type ChildProcess } from 'child_process';
import knexFactory from 'knex';
import autocannon from 'autocannon';
import { dbUrl, dropOwn } from './bench/app';
import { writeSection } from './bench/doc';
import { cpuSeconds, databaseCpu, exited, peakRss, rss } from './bench/proc';
import { renderTracking, type KindResult, type LoadRun, type Side, type TrackingResults } from './bench/tracking-report';
import { flag, fmt, log, p50 } from './bench/util';

const N = flag('deliveries', 20_000);
const CONNECTIONS = flag('connections', 50);
const DURATION = flag('duration', 10);
const RUNS = flag('runs', 3);
const CLICKS = !process.argv.includes('--no-clicks');
const PROFILE = process.argv.includes('--profile');
const PROF_DIR = path.resolve(__dirname, '..', '.tmp', 'bench-prof');
const WARMUP = Math.max(5_000, CONNECTIONS * 20);
const WARMUP_SECONDS = 3;
const DB = process.env.BENCH_DATABASE_NAME ?? 'seg_bench_tracking';
const USER_AGENT = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Thunderbird/128.5.0';
/** Headers of an answer that differ from one answer to the next, or belong to the connection. */
const VOLATILE = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

interface AppReady {
  url: string;
  pid: number;
  campaignId: number;
  opens: string[];
  clicks: string[];
  clickUrl: string;
}

/** Forks `file` and resolves with its first IPC message; rejects when it exits first. */
function start<T>(file: string, args: string[], execArgv: string[], timeoutMs: number): { child: ChildProcess; ready: Promise<T> } {
  const child = fork(file, args, {
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
  });
  const ready = new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${path.basename(file)} did not start within ${timeoutMs / 1000} s`)), timeoutMs);
    child.once('message', (m) => (clearTimeout(timer), resolve(m as T)));
    child.once('exit', (code, signal) => (clearTimeout(timer), reject(new Error(`${path.basename(file)} exited (${code ?? signal}) before it was ready`))));
  });
  return { child, ready };
}

const headersOf = (res: Response) => Object.fromEntries([...res.headers.entries()].filter(([k]) => !VOLATILE.has(k)));

/** One autocannon run of `amount` requests, each the next of `paths` (a cursor shared by the connections). */
async function load(
  url: string,
  paths: string[],
  cursor: { i: number },
  amount: number,
  expected: number,
  serverPid: number,
  postgres: ReturnType<typeof databaseCpu> | null,
): Promise<LoadRun> {
  const cpu0 = cpuSeconds(serverPid);
  await postgres?.start();
  const started = process.hrtime.bigint();
  let last = started;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: CONNECTIONS,
        amount,
        timeout: 10,
        headers: { 'user-agent': USER_AGENT, accept: 'image/avif,image/webp,image/png,image/*;q=0.8,*/*;q=0.5' },
        requests: [
          {
            setupRequest: (req) => ({ ...req, path: paths[cursor.i++ % paths.length] }),
          },
        ],
      },
      (error, res) => (error ? reject(error) : resolve(res)),
    );
    instance.on('response', () => {
      last = process.hrtime.bigint();
    });
  });
  const ms = Number(last - started) / 1e6;
  const answers = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  const ok = expected === 200 ? result['2xx'] : result['3xx'];
  return {
    ok,
    bad: answers - ok + result.errors,
    ms,
    rps: answers / (ms / 1000),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    cpu: cpuSeconds(serverPid) - cpu0,
    postgresCpu: postgres ? await postgres.stop() : 0,
  };
}

/** The functions of a V8 CPU profile with the most self time, and the share of the idle time. */
function printProfile(file: string, windows: [bigint, bigint][]): void {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    samples: number[];
    timeDeltas: number[];
    startTime: number;
  };
  // The profile's clock (µs) and process.hrtime are both CLOCK_MONOTONIC: keep the samples taken while the app was loaded.
  const inWindow = (us: number) => windows.some(([a, b]) => BigInt(Math.round(us * 1000)) >= a && BigInt(Math.round(us * 1000)) <= b);
  let at = prof.startTime;
  const byId = new Map(prof.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, number>();
  let total = 0;
  prof.samples.forEach((id, i) => {
    at += prof.timeDeltas[i] ?? 0;
    if (!inWindow(at)) return;
    const f = byId.get(id)!;
    const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/main\//, '')}:${f.lineNumber + 1}`;
    const dt = prof.timeDeltas[i] ?? 0;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  log(`  the app's CPU profile (${file}), self time while the app was loaded, top 25:`);
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) log(`    ${fmt((100 * us) / total, 1).padStart(5)} %  ${key}`);
}

const side = (runs: LoadRun[]): Side => ({ runs, rps: p50(runs.map((r) => r.rps)), p50: p50(runs.map((r) => r.p50)), p99: p50(runs.map((r) => r.p99)) });

async function main(): Promise<number> {
  log(
    `Tracking benchmark: ${fmt(N)} deliveries, database ${DB}, ${CONNECTIONS} connections, runs of about ${DURATION} s, ${RUNS} runs${CLICKS ? ', opens and clicks' : ', opens'}`,
  );
  const loadBefore = os.loadavg()[0]!;
  let problems = 0;
  const check = (ok: boolean, what: string) => ok || (log(`MISMATCH ${what}`), problems++);
  const profile = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROF_DIR}`, '--cpu-prof-name=tracking-app.cpuprofile'] : [];
  const appProc = start<AppReady>(path.join(__dirname, 'bench', 'tracking-app.ts'), [DB, String(N)], [...profile, '-r', 'esbuild-register'], 600_000);
  let baseProc: ReturnType<typeof start<{ port: number; pid: number }>> | null = null;
  try {
    const t0 = Date.now();
    const app = await appProc.ready;
    const appRssReady = rss(app.pid);
    log(
      `  app ready in ${fmt((Date.now() - t0) / 1000, 1)} s at ${app.url}: campaign ${app.campaignId}, ${fmt(app.opens.length)} signed open and click tokens`,
    );
    const answered = { open: 0, click: 0 };

    // One real answer of each, and a forged token.
    const pixel = await fetch(`${app.url}${app.opens[0]}`, { headers: { 'user-agent': USER_AGENT } });
    const gif = Buffer.from(await pixel.arrayBuffer());
    if (pixel.status === 200) answered.open++;
    check(
      pixel.status === 200 && gif.length <= 43 && gif.subarray(0, 6).toString() === 'GIF89a' && pixel.headers.get('content-type') === 'image/gif',
      `pixel: ${pixel.status} ${pixel.headers.get('content-type')} ${gif.length} bytes`,
    );
    const forged = app.opens[1]!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const bad = await fetch(`${app.url}${forged}`, { headers: { 'user-agent': USER_AGENT } });
    await bad.arrayBuffer();
    check(bad.status === 404, `forged token: ${bad.status}, expected 404`);
    const click = await fetch(`${app.url}${app.clicks[0]}`, { headers: { 'user-agent': USER_AGENT }, redirect: 'manual' });
    await click.arrayBuffer();
    if (click.status === 302) answered.click++;
    check(click.status === 302 && click.headers.get('location') === app.clickUrl, `click: ${click.status} to ${click.headers.get('location')}`);
    const headers = { open: headersOf(pixel), click: headersOf(click) };
    log(`  the app's pixel: ${JSON.stringify(headers.open)}; redirect: ${JSON.stringify(headers.click)}`);

    baseProc = start<{ port: number; pid: number }>(
      path.join(__dirname, 'bench', 'pixel-server.js'),
      [JSON.stringify({ pixel: gif.toString('base64'), ...headers })],
      [],
      30_000,
    );
    const base = await baseProc.ready;
    const baseUrl = `http://127.0.0.1:${base.port}`;
    const basePixel = await fetch(`${baseUrl}${app.opens[0]}`);
    check(Buffer.from(await basePixel.arrayBuffer()).equals(gif) && basePixel.status === 200, "baseline pixel differs from the app's");

    // PostgreSQL's CPU: the backends of the app's database only (the recorder's inserts).
    const pgKnex = knexFactory({ client: 'pg', connection: dbUrl(DB), pool: { min: 0, max: 1 } });
    const postgresBackends = databaseCpu(async () =>
      (await pgKnex.raw('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')).rows.map(
        (r: { pid: number }) => r.pid,
      ),
    );
    const kinds: KindResult[] = [];
    const appWindows: [bigint, bigint][] = [];
    for (const kind of CLICKS ? (['open', 'click'] as const) : (['open'] as const)) {
      const paths = kind === 'open' ? app.opens : app.clicks;
      const expected = kind === 'open' ? 200 : 302;
      const cursors = { app: { i: 1 }, base: { i: 1 } };
      const runApp = async (amount: number) => {
        const from = process.hrtime.bigint();
        const r = await load(app.url, paths, cursors.app, amount, expected, app.pid, postgresBackends);
        appWindows.push([from, process.hrtime.bigint()]);
        answered[kind] += r.ok;
        check(r.bad === 0, `${kind}: the app gave ${r.bad} other answers or errors`);
        return r;
      };
      const runBase = async (amount: number) => {
        const r = await load(baseUrl, paths, cursors.base, amount, expected, base.pid, null);
        check(r.bad === 0, `${kind}: the baseline gave ${r.bad} other answers or errors`);
        return r;
      };
      // Warm-up: a fixed number of requests, then about 3 s sized from it; each run is sized from the
      // median rate so far (the first warm-up, with JIT and connection set-up, is slow).
      const size = (rps: number, seconds: number) => Math.max(CONNECTIONS * 10, Math.round(rps * seconds));
      const warmBase = await runBase(size((await runBase(WARMUP)).rps, WARMUP_SECONDS));
      const warmApp = await runApp(size((await runApp(WARMUP)).rps, WARMUP_SECONDS));
      log(`  ${kind}: after the warm-up ${fmt(warmBase.rps)}/s bare, ${fmt(warmApp.rps)}/s app`);
      const runs = { app: [] as LoadRun[], base: [] as LoadRun[] };
      const amount = (which: 'app' | 'base') => size(p50([...runs[which], which === 'app' ? warmApp : warmBase].map((r) => r.rps)), DURATION);
      for (let i = 0; i < RUNS; i++) {
        const order = i % 2 === 0 ? (['base', 'app'] as const) : (['app', 'base'] as const);
        for (const which of order) {
          const r = which === 'app' ? await runApp(amount('app')) : await runBase(amount('base'));
          runs[which].push(r);
          log(
            `    run ${i + 1} ${which === 'app' ? 'app ' : 'bare'}: ${fmt(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms (${fmt(r.ok)} in ${fmt(r.ms / 1000, 1)} s; server CPU ${fmt(r.cpu, 1)} s${which === 'app' ? `, postgres ${fmt(r.postgresCpu, 1)} s` : ''}; RSS ${fmt(rss(which === 'app' ? app.pid : base.pid) / 2 ** 20)} MB)`,
          );
        }
      }
      const k: KindResult = { kind, app: side(runs.app), baseline: side(runs.base) };
      log(
        `  ${kind}: app ${fmt(k.app.rps)}/s p99 ${k.app.p99} ms; bare ${fmt(k.baseline.rps)}/s p99 ${k.baseline.p99} ms; ratio ${fmt(k.app.rps / k.baseline.rps, 2)}`,
      );
      kinds.push(k);
    }

    await pgKnex.destroy();
    const appRss = peakRss(app.pid);
    const baselineRss = peakRss(base.pid);
    const stopStarted = Date.now();
    appProc.child.kill('SIGTERM');
    await exited(appProc.child);
    const stopMs = Date.now() - stopStarted;
    check(appProc.child.exitCode === 0, `the app exited with ${appProc.child.exitCode ?? appProc.child.signalCode} on SIGTERM`);
    if (PROFILE) printProfile(path.join(PROF_DIR, 'tracking-app.cpuprofile'), appWindows);

    const knex = knexFactory({ client: 'pg', connection: dbUrl(DB) });
    let recorded: TrackingResults['recorded'];
    let postgres: string;
    try {
      const rows = await knex('seg_tracking_events')
        .where({ campaign_id: app.campaignId })
        .groupBy('type')
        .select('type')
        .count({ n: '*' })
        .countDistinct({ d: 'delivery_id' })
        .sum({ m: knex.raw('CASE WHEN machine THEN 1 ELSE 0 END') });
      const by = Object.fromEntries(rows.map((r: any) => [r.type, { n: Number(r.n), d: Number(r.d), m: Number(r.m) }]));
      recorded = (['open', 'click'] as const).map((kind) => ({
        kind,
        answered: answered[kind],
        stored: by[kind]?.n ?? 0,
        deliveries: by[kind]?.d ?? 0,
        machine: by[kind]?.m ?? 0,
      }));
      const other = rows.filter((r: any) => !recorded.some((e) => e.kind === r.type));
      check(other.length === 0, `unexpected events ${JSON.stringify(other)}`);
      postgres = String((await knex.raw('SHOW server_version')).rows[0].server_version).split(' ')[0]!;
    } finally {
      await knex.destroy();
    }
    for (const e of recorded) {
      check(e.stored === e.answered, `${e.kind}: the app answered ${e.answered}, seg_tracking_events holds ${e.stored}`);
      check(e.machine === 0, `${e.kind}: ${e.machine} counted as a machine's`);
      log(`  recorded ${e.kind}s: ${fmt(e.stored)} rows for ${fmt(e.answered)} answers (${fmt(e.deliveries)} deliveries)`);
    }

    const results: TrackingResults = {
      date: new Date().toISOString().slice(0, 10),
      command: `npm run bench:tracking${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
      loadBefore,
      postgres,
      deliveries: N,
      connections: CONNECTIONS,
      duration: DURATION,
      runs: RUNS,
      warmup: WARMUP,
      userAgent: USER_AGENT,
      headers,
      pixelBytes: gif.length,
      kinds,
      recorded,
      appRss,
      appRssReady,
      baselineRss,
      stopMs,
    };
    const markdown = renderTracking(results);
    process.stdout.write(`${markdown}\n`);
    if (problems > 0) {
      log(`${problems} MISMATCH(ES): docs/performance.md left as it was`);
      return 1;
    }
    log(`  written to ${writeSection('tracking', markdown)}`);
    return 0;
  } finally {
    for (const p of [appProc, baseProc]) {
      if (p && p.child.exitCode === null && p.child.signalCode === null) {
        p.child.kill('SIGKILL');
        await exited(p.child);
      }
    }
    await dropOwn(DB).catch((error) => log(`could not drop ${DB}: ${(error as Error).message}`));
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
