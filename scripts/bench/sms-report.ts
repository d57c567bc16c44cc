/** The SMS benchmark's results as markdown (docs/performance.md, section "Sending SMS (issue 20)"). */
import { machine } from './doc';
import type { SmppSinkCount } from './sms-data';
import type { SelfTime } from './cpuprofile';
import { fmt, mb } from './util';

export interface SmsResults {
  date: string;
  command: string;
  /** Settings other than the app's defaults. */
  tuned: Record<string, string>;
  messages: number;
  loadBefore: number;
  postgres: string;
  settings: Record<'SEND_BATCH' | 'SEND_CONCURRENCY' | 'SMPP_WINDOW' | 'SMPP_SINK_LATENCY_MS', string>;
  importMs: number;
  snapshotMs: number;
  /** The first SMS's text, as sent. */
  sample: string;
  pipeline: { ms: number; rss: number; cpu: { worker: number; postgres: number; sink: number }; retried: number; sink: SmppSinkCount };
  baseline: { ms: number; rss: number; cpu: { sender: number; sink: number }; sink: SmppSinkCount; renderMs: number };
  profile: { file: string; totalMs: number; idleMs: number; rows: SelfTime[] } | null;
}

const GOAL = 0.8;
const check = (ok: boolean) => (ok ? 'yes' : '**no**');

const HOW_TO_RUN = [
  '```sh',
  'npm run bench:sms                          # 100,000 SMS: outbox + worker vs a plain SmppProvider loop',
  'npm run bench:sms -- --messages 2000       # a quick one',
  'npm run bench:sms -- --profile --messages 20000   # CPU profile of the worker, its heaviest functions',
  'SEND_CONCURRENCY=10 npm run bench:sms      # other settings (SEND_BATCH, SEND_CONCURRENCY, SMPP_WINDOW), own section',
  'SMPP_SINK_LATENCY_MS=20 npm run bench:sms  # a gateway answering each SMS after 20 ms, own section',
  '```',
].join('\n');

const DESIGN = [
  '**Design.** An SMS takes the same way as a mail: the start of the send snapshots one `seg_deliveries` row per number (`channel = sms`, E.164 `phone`) in the',
  "transaction that moves the mailing to `sending`; the worker's feeder claims SEND_BATCH rows a whole batch ahead of need and reads their holders in",
  'one query, and max(SEND_CONCURRENCY, SMPP_WINDOW) lanes each render one text (the Liquid template parsed once per send, plus the opt-out line) and',
  'hand it to the `sms` service, whose SmppProvider keeps one transceiver bind and at most SMPP_WINDOW submit_sm unanswered, so the window stays full.',
  'Outcomes (message id, parts) are written in group commits while the lanes go on, so at most one batch is ever sent-but-unrecorded; the parts of an',
  'SMS are written in the same transaction, and receipts that came first are applied then.',
].join('\n');

function heading(r: SmsResults): string {
  const what = Object.entries(r.tuned).map(([k, v]) => `${k}=${v}`);
  return what.length ? `### Sending SMS with ${what.join(', ')}` : '## Sending SMS (issue 20)';
}

export function renderSmsSection(r: SmsResults): string {
  const n = r.messages;
  const pipeRate = n / (r.pipeline.ms / 1000);
  const baseRate = n / (r.baseline.ms / 1000);
  const ratio = pipeRate / baseRate;
  const perSms = (cpuSeconds: number) => fmt((cpuSeconds * 1000) / n, 3);
  const busy = (cpuSeconds: number, ms: number) => `${fmt((cpuSeconds * 100_000) / ms)} %`;
  const p = r.pipeline;
  const b = r.baseline;
  const cores = (p.cpu.worker + p.cpu.postgres + p.cpu.sink) / (p.ms / 1000);
  const defaults = Object.keys(r.tuned).length === 0;
  return [
    heading(r),
    '',
    ...(defaults ? [HOW_TO_RUN, ''] : []),
    `Latest run: ${r.date}. \`${r.command}\` (\`scripts/bench-sms.ts\`, helpers \`scripts/bench/{app,sms-*,smpp-sink,proc}\`).`,
    '',
    `- Machine: ${machine()}; PostgreSQL ${r.postgres} on the same machine (1-min load average before the run ${fmt(r.loadBefore, 2)}).`,
    `- Setup: a fresh database; ${fmt(n)} pass holders with a Belgian mobile number (\`0470 00 00 00\` + i) and the SMS consent imported through \`POST /api/segmentation/import/pass-holders\` (${fmt(r.importMs / 1000, 1)} s); an SMS template personalised with first name, UID and points, a segment of everyone, a mailing of channel \`sms\` started through the campaigns service (snapshot of ${fmt(n)} deliveries in ${fmt(r.snapshotMs / 1000, 1)} s, not in the time below). Every SMS is one GSM-7 part, e.g. \`${r.sample.replace(/\n/g, '⏎')}\`.`,
    `- Pipeline: \`node scripts/worker.js\` (its own process, started and bound before the send) claims, renders and sends through the \`sms\` service (SmppProvider) and records each SMS; timed from the end of the snapshot to the mailing's \`finished_at\`. Settings: SEND_BATCH=${r.settings.SEND_BATCH}, SEND_CONCURRENCY=${r.settings.SEND_CONCURRENCY}, SMPP_WINDOW=${r.settings.SMPP_WINDOW}; no rate limit; the sink answers each SMS ${Number(r.settings.SMPP_SINK_LATENCY_MS) > 0 ? `${r.settings.SMPP_SINK_LATENCY_MS} ms after it came (as a gateway does)` : 'at once'}.`,
    `- Baseline: the same ${fmt(n)} texts rendered again beforehand (the worker's \`compileSms\` of the send's snapshot; ${fmt(b.renderMs / 1000, 1)} s, not timed) and sent by a plain loop over the server's \`SmppProvider\` (window ${r.settings.SMPP_WINDOW}, ${2 * Number(r.settings.SMPP_WINDOW)} sends waiting on it so the window stays full) in its own process, bound before the clock starts.`,
    "- Sink: the `smpp` package's server in its own process, answering every submit_sm at once (no receipts); it counts SMS per number and keeps an order-independent digest of (number, text): every number of the send exactly once, the same numbers as the deliveries, and the same digest for pipeline and baseline, or the bench exits with 1.",
    '',
    '| measure | pipeline (worker) | baseline (SmppProvider loop) | pipeline / baseline | goal | met |',
    '| --- | ---: | ---: | ---: | ---: | :---: |',
    `| SMS/s | ${fmt(pipeRate)} | ${fmt(baseRate)} | ${fmt(ratio, 2)} | ≥ ${GOAL} | ${check(ratio >= GOAL)} |`,
    `| time for ${fmt(n)} SMS | ${fmt(p.ms / 1000, 1)} s | ${fmt(b.ms / 1000, 1)} s | | | |`,
    `| SMS at the sink / distinct numbers / numbers with more than one | ${fmt(p.sink.count)} / ${fmt(p.sink.distinct)} / ${fmt(p.sink.repeated)} | ${fmt(b.sink.count)} / ${fmt(b.sink.distinct)} / ${fmt(b.sink.repeated)} | | ${fmt(n)} / ${fmt(n)} / 0 | ${check(p.sink.count === n && p.sink.distinct === n && p.sink.repeated === 0 && b.sink.count === n && b.sink.distinct === n && b.sink.repeated === 0)} |`,
    `| same texts to the same numbers (sink digest) | \`${p.sink.digest.slice(0, 12)}\` | \`${b.sink.digest.slice(0, 12)}\` | | equal | ${check(p.sink.digest === b.sink.digest)} |`,
    `| peak RSS of the sending process (VmHWM) | ${mb(p.rss)} MB | ${mb(b.rss)} MB | | | |`,
    `| CPU of the sending process per SMS (share of one core) | ${perSms(p.cpu.worker)} ms (${busy(p.cpu.worker, p.ms)}) | ${perSms(b.cpu.sender)} ms (${busy(b.cpu.sender, b.ms)}) | | | |`,
    `| CPU seconds of the sending process | ${fmt(p.cpu.worker, 1)} | ${fmt(b.cpu.sender, 1)} | | | |`,
    `| CPU of PostgreSQL per SMS (this database's backends) | ${perSms(p.cpu.postgres)} ms (${busy(p.cpu.postgres, p.ms)}) | — | | | |`,
    `| CPU of the sink per SMS | ${perSms(p.cpu.sink)} ms (${busy(p.cpu.sink, p.ms)}) | ${perSms(b.cpu.sink)} ms (${busy(b.cpu.sink, b.ms)}) | | | |`,
    '',
    `Deliveries claimed more than once: ${fmt(p.retried)}. While the pipeline ran, worker, PostgreSQL and sink together kept ${fmt(cores, 2)} of the ${machine().split(' ')[0]} cores busy.`,
    ...(r.profile
      ? [
          '',
          `Worker CPU profile (\`${r.profile.file}\`, ${fmt(r.profile.totalMs / 1000, 1)} s of which ${fmt(r.profile.idleMs / 1000, 1)} s idle), heaviest functions by self time:`,
          '',
          '| self ms | share | function |',
          '| ---: | ---: | --- |',
          ...r.profile.rows.map((row) => `| ${fmt(row.ms)} | ${fmt(row.share * 100, 1)} % | \`${row.what}\` |`),
        ]
      : []),
    ...(defaults ? ['', DESIGN] : []),
  ].join('\n');
}
