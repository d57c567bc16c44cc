/** The sending benchmark's results as markdown (docs/performance.md, section "Sending"). */
import { machine } from './doc';
import { fmt, mb } from './util';

interface AtSink {
  count: number;
  distinct: number;
  bytes: number;
}

export interface SendResults {
  date: string;
  command: string;
  /** TCP_NODELAY on every SMTP connection (scripts/bench/nodelay.js). */
  nodelay: boolean;
  /** Settings other than the app's defaults. */
  tuned: Record<string, string>;
  recipients: number;
  loadBefore: number;
  postgres: string;
  settings: Record<'SEND_BATCH' | 'SEND_CONCURRENCY' | 'SMTP_MAX_CONNECTIONS', string>;
  importMs: number;
  snapshotMs: number;
  pipeline: { ms: number; rss: number; cpu: { worker: number; postgres: number; sink: number }; retried: number; sink: AtSink };
  baseline: { ms: number; rss: number; cpu: { sender: number; sink: number }; sink: AtSink; renderMs: number; bytes: number };
}

const GOAL = 0.8;
const check = (ok: boolean) => (ok ? 'yes' : '**no**');

/** "## Sending" for the app's defaults; "### Sending with TCP_NODELAY, SEND_CONCURRENCY=20" otherwise. */
function heading(r: SendResults): string {
  const what = [...(r.nodelay ? ['TCP_NODELAY'] : []), ...Object.entries(r.tuned).map(([k, v]) => `${k}=${v}`)];
  return what.length ? `### Sending with ${what.join(', ')}` : '## Sending';
}

export function renderSending(r: SendResults): string {
  const n = r.recipients;
  const pipeRate = n / (r.pipeline.ms / 1000);
  const baseRate = n / (r.baseline.ms / 1000);
  const ratio = pipeRate / baseRate;
  const perMail = (cpuSeconds: number) => fmt((cpuSeconds * 1000) / n, 2);
  const busy = (cpuSeconds: number, ms: number) => `${fmt((cpuSeconds * 100_000) / ms)} %`;
  const p = r.pipeline;
  const b = r.baseline;
  const cores = (p.cpu.worker + p.cpu.postgres + p.cpu.sink) / (p.ms / 1000);
  return [
    heading(r),
    '',
    `Latest run: ${r.date}. \`${r.command}\` (\`scripts/bench-send.ts\`, helpers \`scripts/bench/{app,send-*,smtp-sink,proc}\`).`,
    '',
    `- Machine: ${machine()}; PostgreSQL ${r.postgres} on the same machine (1-min load average before the run ${fmt(r.loadBefore, 2)}).`,
    `- Setup: a fresh database; ${fmt(n)} pass holders with e-mail and consent imported through \`POST /api/segmentation/import/pass-holders\` (${fmt(r.importMs / 1000, 1)} s); an approved sender, a house-style template personalised with first name, last name, UID and points (one button link, unsubscribe link, preheader), a segment of everyone, a campaign started through the campaigns service (the admin's send button; snapshot of ${fmt(n)} deliveries in ${fmt(r.snapshotMs / 1000, 1)} s, not in the time below).`,
    `- Pipeline: \`node scripts/worker.js\` (its own process, started before the send) claims, renders, tracks and sends through Strapi's email plugin (pooled nodemailer) and records each mail; timed from the end of the snapshot to the campaign's \`finished_at\`. Settings: SEND_BATCH=${r.settings.SEND_BATCH}, SEND_CONCURRENCY=${r.settings.SEND_CONCURRENCY}, SMTP_MAX_CONNECTIONS=${r.settings.SMTP_MAX_CONNECTIONS}; no rate limit.`,
    `- Baseline: the same ${fmt(n)} messages rendered again beforehand (same template, links, headers and Message-IDs; ${fmt(b.bytes / 2 ** 20)} MB of NDJSON, ${fmt(b.renderMs / 1000, 1)} s, not timed) and sent by a plain loop over a pooled nodemailer transport (${r.settings.SMTP_MAX_CONNECTIONS} connections, ${r.settings.SEND_CONCURRENCY} mails in flight) in its own process.`,
    '- Sink: `smtp-server` in its own process, accepting and discarding; it counts messages and distinct recipients (both must equal the recipients, or the bench exits with 1).',
    '',
    '| measure | pipeline (worker) | baseline (nodemailer loop) | pipeline / baseline | goal | met |',
    '| --- | ---: | ---: | ---: | ---: | :---: |',
    `| mails/s | ${fmt(pipeRate)} | ${fmt(baseRate)} | ${fmt(ratio, 2)} | ≥ ${GOAL} | ${check(ratio >= GOAL)} |`,
    `| time for ${fmt(n)} mails | ${fmt(p.ms / 1000, 1)} s | ${fmt(b.ms / 1000, 1)} s | | | |`,
    `| mails at the sink / distinct addresses | ${fmt(p.sink.count)} / ${fmt(p.sink.distinct)} | ${fmt(b.sink.count)} / ${fmt(b.sink.distinct)} | | ${fmt(n)} each | ${check(p.sink.count === n && p.sink.distinct === n && b.sink.count === n && b.sink.distinct === n)} |`,
    `| peak RSS of the sending process (VmHWM) | ${mb(p.rss)} MB | ${mb(b.rss)} MB | | | |`,
    `| CPU of the sending process per mail (share of one core) | ${perMail(p.cpu.worker)} ms (${busy(p.cpu.worker, p.ms)}) | ${perMail(b.cpu.sender)} ms (${busy(b.cpu.sender, b.ms)}) | | | |`,
    `| CPU of PostgreSQL per mail (this database's backends) | ${perMail(p.cpu.postgres)} ms (${busy(p.cpu.postgres, p.ms)}) | — | | | |`,
    `| CPU of the sink per mail | ${perMail(p.cpu.sink)} ms (${busy(p.cpu.sink, p.ms)}) | ${perMail(b.cpu.sink)} ms (${busy(b.cpu.sink, b.ms)}) | | | |`,
    '',
    `Deliveries claimed more than once: ${fmt(p.retried)}. While the pipeline ran, worker, PostgreSQL and sink together kept ${fmt(cores, 2)} of the ${machine().split(' ')[0]} cores busy.`,
  ].join('\n');
}
