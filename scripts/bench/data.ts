/**
 * The benchmark's input: the generated records written once as NDJSON files (so that the import is
 * timed on its own, not together with the generator), and the COPY baseline over the same action
 * rows converted to the table's columns.
 */
import fs from 'fs';
import path from 'path';
import { pipeline } from 'stream/promises';
import type { Knex } from 'knex';
import { from as copyFrom } from 'pg-copy-streams';
import { GENERATOR_VERSION, generateEntity, toNdjsonStream, type GeneratorOptions } from '../../src/plugins/segmentation/server/src/demo/generator';
import { IMPORT_ENTITIES } from '../../src/plugins/segmentation/server/src/imports/service';
import { localDayOf } from '../../src/plugins/segmentation/server/src/common/dates';
import { log } from './util';

export class BenchData {
  constructor(
    readonly dir: string,
    readonly opts: Required<GeneratorOptions>,
  ) {}

  file(entity: string, ext = 'ndjson'): string {
    const { holders, actions, seed } = this.opts;
    return path.join(this.dir, `${entity}-${holders}-${actions}-${seed}-v${GENERATOR_VERSION}.${ext}`);
  }

  private async write(file: string, produce: () => NodeJS.ReadableStream | AsyncIterable<string>): Promise<void> {
    if (fs.existsSync(file)) return;
    fs.mkdirSync(this.dir, { recursive: true });
    log(`  writing ${file}...`);
    await pipeline(produce(), fs.createWriteStream(`${file}.part`));
    fs.renameSync(`${file}.part`, file);
  }

  async ensureNdjson(): Promise<void> {
    for (const entity of IMPORT_ENTITIES) {
      await this.write(this.file(entity), () => toNdjsonStream(generateEntity(entity, this.opts)));
    }
  }

  /**
   * The generated actions as COPY text rows of seg_actions (id, key, holder_id, type, at, day,
   * counter_id, event_id, advantage_id, points, seq), references resolved against the loaded tables,
   * exactly the values the import derives.
   */
  async ensureCopyRows(knex: Knex, timeZone: string): Promise<string> {
    const file = this.file('actions', 'copy.tsv');
    if (fs.existsSync(file)) return file;
    const ids = new Map<string, number>();
    for (const [table, column] of [
      ['seg_holders', 'uid'],
      ['seg_counters', 'key'],
      ['seg_events', 'key'],
      ['seg_advantages', 'key'],
    ]) {
      for (const r of await knex(table!).select({ id: 'id', k: column! })) ids.set(`${table}:${r.k}`, Number(r.id));
    }
    const n = (v: unknown) => (v == null ? '\\N' : String(v));
    const opts = this.opts;
    async function* rows(): AsyncIterable<string> {
      let id = 0;
      let chunk = '';
      for (const a of generateEntity('actions', opts) as Generator<Record<string, string | number | undefined>>) {
        const ms = Date.parse(String(a.at));
        const ref = (table: string, key: unknown) => (key == null ? null : ids.get(`${table}:${key}`));
        chunk += `${++id}\t${a.key}\t${ref('seg_holders', a.holder)}\t${a.type}\t${new Date(ms).toISOString()}\t${localDayOf(ms, timeZone)}\t`;
        chunk += `${n(ref('seg_counters', a.counter))}\t${n(ref('seg_events', a.event))}\t${n(ref('seg_advantages', a.advantage))}\t${n(a.points)}\t1\n`;
        if (chunk.length > 1 << 20) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    }
    await this.write(file, rows);
    return file;
  }
}

/**
 * COPY of the rows file into a scratch table shaped like seg_actions.
 * `indexes`: 'pk' = primary key only (the "unindexed-ish" baseline), 'all' = every index the
 * tool's seg_actions carries (primary key, unique key, the partial index of revised rows).
 */
export async function timeCopy(knex: Knex, file: string, indexes: 'pk' | 'all'): Promise<number> {
  await knex.raw('DROP TABLE IF EXISTS bench_copy_actions');
  await knex.raw(`CREATE TABLE bench_copy_actions (LIKE seg_actions INCLUDING DEFAULTS${indexes === 'all' ? ' INCLUDING INDEXES' : ''})`);
  if (indexes === 'pk') await knex.raw('ALTER TABLE bench_copy_actions ADD PRIMARY KEY (id)');
  await knex.raw('CHECKPOINT');
  const started = process.hrtime.bigint();
  const client = await knex.client.acquireConnection(); // one COPY statement: one transaction
  try {
    const sink = client.query(
      copyFrom('COPY bench_copy_actions (id, key, holder_id, type, at, day, counter_id, event_id, advantage_id, points, seq) FROM STDIN'),
    );
    await pipeline(fs.createReadStream(file, { highWaterMark: 1 << 20 }), sink);
  } finally {
    await knex.client.releaseConnection(client);
  }
  const secs = Number(process.hrtime.bigint() - started) / 1e9;
  await knex.raw('DROP TABLE bench_copy_actions');
  return secs;
}
