/**
 * The body's records with their line numbers (counted from 1; in CSV the header is line 1), read
 * chunk by chunk: each step yields what one chunk held, so the caller's pace is the reading pace
 * (backpressure) and memory stays bounded whatever the body size. NDJSON: ndjson.ts, CSV: csv.ts;
 * bodies must be UTF-8 (utf8.ts).
 */
export type Item = { line: number; value: unknown } | { line: number; error: string };

/** A longer NDJSON line is rejected (and skipped), a longer CSV record ends the reading, rather than being buffered. */
export const MAX_LINE_CHARS = 4 * 1024 * 1024;
