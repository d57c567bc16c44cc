/** Keeps one benchmark's section of docs/performance.md between its markers (like report.ts's writeDoc). */
import fs from 'fs';
import os from 'os';
import path from 'path';

/** Replaces the section between `<!-- bench:NAME -->` markers, or appends it; other sections stay. */
export function writeSection(name: string, markdown: string): string {
  const marker = `<!-- bench:${name} -->`;
  const file = path.resolve(__dirname, '..', '..', 'docs', 'performance.md');
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Performance\n';
  const parts = current.split(marker);
  const section = `${marker}\n${markdown.trim()}\n${marker}`;
  const next = parts.length >= 3 ? `${parts[0]}${section}${parts.slice(2).join(marker)}` : `${current.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(file, next);
  return file;
}

/** "2 cores (AMD EPYC ...), 24 GB RAM; Node v20...; 1-min load average when the report was written 1.23". */
export function machine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GB RAM; Node ${process.version}; 1-min load average when the report was written ${os.loadavg()[0]!.toFixed(2)}`;
}

/**
 * Prints the report and, when the run found no mismatch, puts it in its section of
 * docs/performance.md; answers the process's exit code (1 after a mismatch, the doc unchanged).
 */
export function publish(markdown: string, problems: number, section: string, log: (s: string) => void): number {
  process.stdout.write(`${markdown}\n`);
  if (problems > 0) {
    log(`${problems} MISMATCH(ES): docs/performance.md left as it was`);
    return 1;
  }
  log(`  written to ${writeSection(section, markdown)}`);
  return 0;
}
