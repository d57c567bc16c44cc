/**
 * The tool's clock for event messages: `Date.now()`, moved by the file named in
 * SEGMENTATION_CLOCK_FILE when set (tests and demos only). The file holds an ISO 8601 time (the
 * clock then reads that time plus the real time elapsed since the file was written) or a whole
 * number of milliseconds to add. Other processes (worker processes, the browser test) read the same
 * file, so one write moves time for all. The file is read again only when its mtime changes.
 */
import fs from 'fs';

let cached: { file: string; mtimeMs: number; offset: number } | null = null;

function offsetOf(text: string, writtenAt: number): number {
  const value = text.trim();
  if (value === '') return 0;
  if (/^-?\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? 0 : Math.round(at - writtenAt);
}

/** The clock's offset from real time in ms (0 without a clock file, or when it cannot be read). */
export function clockOffset(): number {
  const file = process.env.SEGMENTATION_CLOCK_FILE;
  if (!file) return 0;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return 0;
  }
  if (cached && cached.file === file && cached.mtimeMs === stat.mtimeMs) return cached.offset;
  let offset: number;
  try {
    offset = offsetOf(fs.readFileSync(file, 'utf8'), stat.mtimeMs);
  } catch {
    offset = 0;
  }
  cached = { file, mtimeMs: stat.mtimeMs, offset };
  return offset;
}

/** Now, in ms since the epoch, on the tool's clock. */
export function now(): number {
  return Date.now() + clockOffset();
}
