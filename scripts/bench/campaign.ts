/** A benchmark's mailing while the worker sends it: waiting for its end, and its deliveries afterwards. */
import fs from 'fs';
import type { Knex } from 'knex';
import { recipientsByIds } from '../../src/plugins/segmentation/server/src/templates/queries';
import type { Snapshot } from '../../src/plugins/segmentation/server/src/campaigns/snapshot';
import type { Recipient } from '../../src/plugins/segmentation/server/src/templates/render';
import { fmt, log } from './util';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls the mailing until it is sent and resolves with its `finished_at` (ms); every 10 s logs how
 * many `what` the sink has so far. Throws when the mailing leaves `sending` otherwise.
 */
export async function waitUntilSent(knex: Knex, campaignId: number, t0: number, sink: { count(): Promise<{ count: number }> }, what: string): Promise<number> {
  for (let lastLog = t0; ; await sleep(250)) {
    const row = await knex('seg_campaigns').where({ id: campaignId }).first('status', 'finished_at');
    if (row.status === 'sent') return new Date(row.finished_at).getTime();
    if (row.status !== 'sending') throw new Error(`campaign became ${row.status}`);
    if (Date.now() - lastLog >= 10_000) {
      lastLog = Date.now();
      const { count } = await sink.count();
      log(`    ${fmt(count)} ${what} at the sink after ${fmt((lastLog - t0) / 1000)} s (${fmt(count / ((lastLog - t0) / 1000))}/s)`);
    }
  }
}

/** The mailing's deliveries by status, and how many were tried more than once. */
export async function deliveryCounts(knex: Knex, campaignId: number): Promise<{ statuses: Record<string, number>; retried: number }> {
  const rows = (await knex('seg_deliveries').where({ campaign_id: campaignId }).groupBy('status').select('status').count({ n: '*' })) as {
    status: string;
    n: number | string;
  }[];
  const retried = Number(
    ((await knex('seg_deliveries').where({ campaign_id: campaignId }).where('attempts', '>', 1).count({ n: '*' })) as { n: number | string }[])[0]!.n,
  );
  return { statuses: Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])), retried };
}

/** The snapshot a sent mailing was sent from. */
export async function snapshotOf(knex: Knex, campaignId: number): Promise<Snapshot> {
  const row = await knex('seg_campaigns').where({ id: campaignId }).first('snapshot');
  return (typeof row.snapshot === 'string' ? JSON.parse(row.snapshot) : row.snapshot) as Snapshot;
}

/**
 * The mailing's sent deliveries matching `where`, in id order, 1,000 at a time, each with its
 * holder as the templates personalise them (read within the snapshot's scope).
 */
export async function* sentDeliveries<T extends { id: number; holder_id: number }>(
  knex: Knex,
  campaignId: number,
  scope: Snapshot['scope'],
  where: Record<string, string>,
  columns: string[],
): AsyncGenerator<{ delivery: T; person: Recipient }[]> {
  for (let after = 0; ;) {
    const page = (await knex('seg_deliveries')
      .where({ campaign_id: campaignId, status: 'sent', ...where })
      .where('id', '>', after)
      .orderBy('id')
      .limit(1_000)
      .select('id', 'holder_id', ...columns)) as T[];
    if (page.length === 0) return;
    after = Number(page[page.length - 1]!.id);
    const people = await recipientsByIds(
      knex,
      page.map((d) => Number(d.holder_id)),
      scope,
    );
    yield page.map((delivery) => ({ delivery, person: people.get(Number(delivery.holder_id))! }));
  }
}

/** Writes each chunk of text to `file` (waiting when the stream is full); resolves to the bytes written. */
export async function writeChunks(file: string, chunks: AsyncIterable<string>): Promise<number> {
  const out = fs.createWriteStream(file);
  let bytes = 0;
  for await (const chunk of chunks) {
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return bytes;
}
