/** The tracking benchmark's results as markdown (docs/performance.md, section "Tracking"). */
import { machine } from './doc';
import { fmt, mb } from './util';

/** One autocannon run against one server. */
export interface LoadRun {
  /** Responses with the expected status (200 for the pixel, 302 for the redirect). */
  ok: number;
  /** Every other answer, connection errors and time-outs. */
  bad: number;
  /** From the start of the run to its last response. */
  ms: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  /** CPU seconds of the server process (and, for the app, of its database's PostgreSQL backends) during the run. */
  cpu: number;
  postgresCpu: number;
}

export interface Side {
  runs: LoadRun[];
  /** Medians over the runs. */
  rps: number;
  p50: number;
  p99: number;
}

export interface KindResult {
  kind: 'open' | 'click';
  app: Side;
  baseline: Side;
}

export interface TrackingResults {
  date: string;
  command: string;
  loadBefore: number;
  postgres: string;
  deliveries: number;
  connections: number;
  duration: number;
  runs: number;
  warmup: number;
  userAgent: string;
  headers: { open: Record<string, string>; click: Record<string, string> };
  /** Size of the app's pixel (a transparent 1×1 GIF89a). */
  pixelBytes: number;
  kinds: KindResult[];
  /** Events the app answered (every run, warm-up and check included) and what the database holds after the app stopped. */
  recorded: { kind: 'open' | 'click'; answered: number; stored: number; deliveries: number; machine: number }[];
  appRss: number;
  /** RSS of the app once it was ready (booted, data imported, tokens signed), before any load. */
  appRssReady: number;
  baselineRss: number;
  stopMs: number;
}

export const GOAL_RATIO = 0.5;
export const GOAL_P99 = 20;
const check = (ok: boolean) => (ok ? 'yes' : '**no**');
/** autocannon's latencies have 1 ms resolution: 0 means under a millisecond. */
const ms = (x: number) => (x === 0 ? '< 1' : fmt(x, 0));

export function renderTracking(r: TrackingResults): string {
  const headerList = (h: Record<string, string>) =>
    Object.entries(h)
      .map(([k, v]) => `\`${k}: ${v}\``)
      .join(', ');
  const lines = [
    '## Tracking',
    '',
    `Latest run: ${r.date}. \`${r.command}\` (\`scripts/bench-tracking.ts\`, helpers \`scripts/bench/{app,tracking-app,pixel-server,tracking-report}\`).`,
    '',
    `- Machine: ${machine()}; PostgreSQL ${r.postgres} on the same machine (1-min load average before the run ${fmt(r.loadBefore, 2)}).`,
    `- App: the real app (\`createStrapi\` from dist/, production, PostgreSQL, no sending worker) in its own process, on a fresh database with ${fmt(r.deliveries)} pass holders imported and a campaign of everyone started through the campaigns service; its deliveries marked sent an hour before (so no open counts as a machine's) and the campaign finished. Every delivery has its own open and click token, signed with the app's secret exactly as a mail carries them (\`tracking/links.ts\`). The pixel \`GET /api/segmentation/t/o/:token\` and the redirect \`GET /api/segmentation/t/c/:token\` are answered on the HTTP server itself, before koa and Strapi's stack (\`tracking/hits.ts\` \`attach\`; through the front koa middleware instead, the same hit gave 0.37 of the bare server): HMAC check, machine-open check, an event into the recorder's buffer (written to \`seg_tracking_events\` in one insert every 250 ms).`,
    `- Baseline: a bare \`node:http\` server (\`scripts/bench/pixel-server.js\`) in its own process, answering the same paths with the same ${r.pixelBytes}-byte GIF, or the same redirect, and the app's own headers (copied from a real answer: pixel ${headerList(r.headers.open)}; redirect ${headerList(r.headers.click)}); it checks no token and records nothing.`,
    `- Load: autocannon 9 (programmatic) in the bench process, ${r.connections} keep-alive connections, each request the next of the ${fmt(r.deliveries)} deliveries' tokens (the same paths for both servers), \`User-Agent\` of a desktop mail client. Each server gets a warm-up (${fmt(r.warmup)} requests, then about 3 s), then ${r.runs} runs alternating baseline and app; each run is a fixed number of requests sized from the rates before it to last about ${r.duration} s, so every request the app answered is counted (a run cut off by time leaves answered-but-uncounted requests in flight). Requests/s = responses / (last response − start); latencies from autocannon's histogram (1 ms resolution); medians over the runs.`,
    '',
    '| measure | app | bare node:http | app / bare | goal | met |',
    '| --- | ---: | ---: | ---: | ---: | :---: |',
  ];
  for (const k of r.kinds) {
    const what = k.kind === 'open' ? 'open pixel' : 'click redirect';
    const ratio = k.app.rps / k.baseline.rps;
    const main = k.kind === 'open';
    lines.push(
      `| ${what}: requests/s | ${fmt(k.app.rps)} | ${fmt(k.baseline.rps)} | ${fmt(ratio, 2)} | ${main ? `≥ ${GOAL_RATIO}` : ''} | ${main ? check(ratio >= GOAL_RATIO) : ''} |`,
    );
    lines.push(
      `| ${what}: p99 latency | ${ms(k.app.p99)} ms | ${ms(k.baseline.p99)} ms | | ${main ? `≤ ${GOAL_P99} ms` : ''} | ${main ? check(k.app.p99 <= GOAL_P99) : ''} |`,
    );
    lines.push(`| ${what}: p50 latency | ${ms(k.app.p50)} ms | ${ms(k.baseline.p50)} ms | | | |`);
    const cpu = (s: Side, pg: boolean) => {
      const reqs = s.runs.reduce((a, x) => a + x.ok + x.bad, 0);
      const sec = s.runs.reduce((a, x) => a + (pg ? x.postgresCpu : x.cpu), 0);
      return `${fmt((sec * 1e6) / reqs)} µs`;
    };
    lines.push(`| ${what}: server CPU per request | ${cpu(k.app, false)} (+ PostgreSQL ${cpu(k.app, true)}) | ${cpu(k.baseline, false)} | | | |`);
  }
  lines.push(`| peak RSS of the server process (VmHWM) | ${mb(r.appRss)} MB (${mb(r.appRssReady)} MB before the load) | ${mb(r.baselineRss)} MB | | | |`);
  lines.push('');
  lines.push('Every run (requests/s, p99):');
  lines.push('');
  for (const k of r.kinds) {
    const runs = (s: Side) => s.runs.map((x) => `${fmt(x.rps)} (${ms(x.p99)} ms)`).join(', ');
    lines.push(`- ${k.kind === 'open' ? 'open pixel' : 'click redirect'}: app ${runs(k.app)}; bare ${runs(k.baseline)}.`);
  }
  lines.push('');
  lines.push(
    `Recorded: after the runs the app was stopped with SIGTERM (Strapi's own signal handler destroys the app, and the plugin's destroy flushes the recorder; ${fmt(r.stopMs / 1000, 1)} s), then the bench counted \`seg_tracking_events\` of the campaign. The counts must equal the answers, or the bench exits with 1.`,
  );
  lines.push('');
  lines.push("| event | answered by the app (200 / 302) | rows in seg_tracking_events | distinct deliveries | counted as a machine's | equal |");
  lines.push('| --- | ---: | ---: | ---: | ---: | :---: |');
  for (const e of r.recorded)
    lines.push(`| ${e.kind} | ${fmt(e.answered)} | ${fmt(e.stored)} | ${fmt(e.deliveries)} | ${fmt(e.machine)} | ${check(e.answered === e.stored)} |`);
  return lines.join('\n');
}
