/** A benchmark's mailing while the worker sends it: waiting for its end, and its deliveries afterwards. */
import type { Knex } from 'knex';
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
