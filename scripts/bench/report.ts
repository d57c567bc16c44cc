/** The benchmark's results as markdown, printed and kept in docs/performance.md. */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { fmt, geomean, mb } from './util';

export interface CaseResult {
  name: string;
  total: number;
  withEmail: number;
  tool: number;
  sql: number;
}

export interface Results {
  date: string;
  command: string;
  holders: number;
  actions: number;
  seed: number;
  generator: number;
  reps: number;
  postgres: string;
  /** 1-minute load average before the timed counts (other work on the 2 cores skews timings). */
  loadBefore: number;
  cases: CaseResult[];
  imports: Record<string, { secs: number; received: number; rssPeak: number }>;
  /** When the data were loaded (the import and COPY rows are from that load). */
  loadedAt?: string;
  copyPkSecs: number;
  copyAllSecs: number;
  load: { ms: number; rssBefore: number; rssPeak: number; rssAfter: number };
  exported: { rows: number; ms: number; rssBefore: number; rssPeak: number };
  indexes: string[];
  settings: string[];
}

const TARGETS = { p50: 300, ratio: 0.5, importRate: 100_000, importVsCopy: 2, importRss: 512, exportRss: 256 };
const check = (ok: boolean) => (ok ? 'yes' : '**no**');

export function render(r: Results): string {
  const geoTool = geomean(r.cases.map((c) => c.tool));
  const geoSql = geomean(r.cases.map((c) => c.sql));
  const geoRatio = geomean(r.cases.map((c) => c.tool / c.sql));
  const act = r.imports.actions!;
  const rate = act.received / act.secs;
  const holders = r.imports['pass-holders']!;
  const importRss = Math.max(...Object.values(r.imports).map((s) => s.rssPeak));
  const exportGrowth = r.exported.rssPeak - r.exported.rssBefore;
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  return [
    `## Latest run: ${r.date}`,
    '',
    `- Machine: ${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GB RAM; ${r.postgres} on the same machine; Node ${process.version}; 1-min load average before the timed counts ${fmt(r.loadBefore, 2)}.`,
    `- Data: ${fmt(r.holders)} pass holders, ${fmt(r.actions)} actions (demo generator v${r.generator}, seed ${r.seed}); evaluation date 2026-11-01, Europe/Brussels.`,
    `- Command: \`${r.command}\`; p50 of ${r.reps} runs each, tool and SQL alternating, after one warm-up each.`,
    '',
    '### Segment counts: the tool vs hand-written SQL',
    '',
    '| # | definition | holders | with e-mail | tool p50 (ms) | SQL p50 (ms) | tool / SQL |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: |',
    ...r.cases.map(
      (c, i) => `| ${i + 1} | ${c.name} | ${fmt(c.total)} | ${fmt(c.withEmail)} | ${fmt(c.tool, 1)} | ${fmt(c.sql, 1)} | ${fmt(c.tool / c.sql, 3)} |`,
    ),
    `| | **geometric mean** | | | **${fmt(geoTool, 1)}** | **${fmt(geoSql, 1)}** | **${fmt(geoRatio, 3)}** |`,
    '',
    "Every count (total and with e-mail) of the tool equals the hand-written SQL's; the bench exits with 1 otherwise.",
    '',
    '### Import, index load and export',
    '',
    `Import and COPY were measured when the data were loaded (${r.loadedAt ?? 'time not recorded'}), with the import code of that moment; \`--reload\` measures them again.`,
    '',
    '| measure | result | target | met |',
    '| --- | ---: | ---: | :---: |',
    `| geometric mean of the tool's p50 | ${fmt(geoTool, 1)} ms | ≤ ${TARGETS.p50} ms | ${check(geoTool <= TARGETS.p50)} |`,
    `| geometric mean of tool / SQL | ${fmt(geoRatio, 3)}× | ≤ ${TARGETS.ratio}× | ${check(geoRatio <= TARGETS.ratio)} |`,
    `| import of ${fmt(act.received)} actions (NDJSON file → \`importStream\`) | ${fmt(act.secs, 1)} s = ${fmt(rate)} actions/s | ≥ ${fmt(TARGETS.importRate)}/s | ${check(rate >= TARGETS.importRate)} |`,
    `| COPY of the same rows into a table with only a primary key | ${fmt(r.copyPkSecs, 1)} s; import / COPY = ${fmt(act.secs / r.copyPkSecs, 2)}× | ≤ ${TARGETS.importVsCopy}× | ${check(act.secs / r.copyPkSecs <= TARGETS.importVsCopy)} |`,
    `| COPY of the same rows into a table with seg_actions' indexes (for information) | ${fmt(r.copyAllSecs, 1)} s; import / COPY = ${fmt(act.secs / r.copyAllSecs, 2)}× | | |`,
    `| peak RSS of the bench process during the imports | ${mb(importRss)} MB | ≤ ${TARGETS.importRss} MB | ${check(mb(importRss) <= TARGETS.importRss)} |`,
    `| import of ${fmt(holders.received)} pass holders (for information) | ${fmt(holders.secs, 1)} s = ${fmt(holders.received / holders.secs)} holders/s | | |`,
    `| audience index load (\`ensureFresh\`, from empty) | ${fmt(r.load.ms / 1000, 1)} s; RSS ${mb(r.load.rssBefore)} → ${mb(r.load.rssAfter)} MB after GC (peak ${mb(r.load.rssPeak)} MB) | | |`,
    `| export of ${fmt(r.exported.rows)} holders (\`exportCsv\` → counting sink) | ${fmt(r.exported.ms / 1000, 1)} s = ${fmt(r.exported.rows / (r.exported.ms / 1000))} rows/s | | |`,
    `| RSS growth during the export (process peak ${mb(r.exported.rssPeak)} MB, including the resident audience index) | ${mb(exportGrowth)} MB | ≤ ${TARGETS.exportRss} MB | ${check(mb(exportGrowth) <= TARGETS.exportRss)} |`,
    '',
    "### The hand-written SQL's setup",
    '',
    "The SQL runs on the same tables. Before timing, the bench adds these indexes (besides the tables' own) and runs `VACUUM ANALYZE`:",
    '',
    ...r.indexes.map((s) => `- \`${s}\``),
    '',
    `Session settings on every connection: ${r.settings.map((s) => `\`${s}\``).join(', ')}. The SQL of each definition is in \`scripts/bench/definitions.ts\`.`,
  ].join('\n');
}

const MARKER = '<!-- bench:segments -->';

/** Replaces the section between the markers (appends it when there is none). */
export function writeDoc(markdown: string, marker = MARKER): string {
  const file = path.resolve(__dirname, '..', '..', 'docs', 'performance.md');
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Performance\n';
  const parts = current.split(marker);
  const section = `${marker}\n${markdown}\n${marker}`;
  const next = parts.length >= 3 ? `${parts[0]}${section}${parts.slice(2).join(marker)}` : `${current.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(file, next);
  return file;
}
