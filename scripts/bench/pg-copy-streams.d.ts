/** pg-copy-streams ships no types; the bench needs only `from`. */
declare module 'pg-copy-streams' {
  import type { Writable } from 'stream';
  export function from(sql: string): Writable & { rowCount?: number };
}
