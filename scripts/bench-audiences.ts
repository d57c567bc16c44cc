/**
 * `npm run bench:audiences [-- --reps 7]`
 *
 * A mailing's audience on the segment benchmark's database (load it first with `npm run
 * bench:segments`; same BENCH_DATABASE_URL / BENCH_DATABASE_NAME), in one process, on the same data:
 * 1. generating an audience of five steps (three saved segments, a list of 100,000 holders, an
 *    earlier mailing's recipients) — composition, the stored form and its one-row write included —
 *    against the three segments' evaluations alone (the baseline), alternating;
 * 2. review pages (50 rows) of a generated audience of about 500,000: the first page, a page deep
 *    in the list, a UID prefix search and a name search;
 * 3. an upload of a CSV list of 500,000 pass numbers through the tool's streaming reader.
 * Prints markdown and puts it in docs/performance.md (between `<!-- bench:audiences -->` markers).
 */
import os from 'os';
import { Readable } from 'stream';
import type { Knex } from 'knex';
import { up as campaignTables } from '../database/migrations/2026.11.23T00.00.00.campaign-tables';
import { up as listTables } from '../database/migrations/2026.12.07T00.00.00.audience-lists';
import { up as mailingTables } from '../database/migrations/2026.12.07T01.00.00.mailing-audiences';
import { up as mailingChannels } from '../database/migrations/2026.12.07T02.00.00.mailing-channels';
import { SegmentEngine } from '../src/plugins/segmentation/server/src/segments/engine';
import { compose, fixAudience } from '../src/plugins/segmentation/server/src/audiences/compose';
import { stepSetsOf } from '../src/plugins/segmentation/server/src/audiences/step-sets';
import { saveGeneration, saveSteps } from '../src/plugins/segmentation/server/src/audiences/mailing-queries';
import type { ResolvedStep } from '../src/plugins/segmentation/server/src/audiences/sources';
import { planChannels } from '../src/plugins/segmentation/server/src/channels/assign';
import { reviewPage } from '../src/plugins/segmentation/server/src/audiences/mailing-review';
import { uploadList } from '../src/plugins/segmentation/server/src/audiences/lists';
import { segmentDefinitionSchema, type SegmentDefinition } from '../src/plugins/segmentation/shared/definition';
import { AS_OF, CASES } from './bench/definitions';
import { writeDoc } from './bench/report';
import { BENCH_DB, benchKnex, runBench } from './bench/db';
import { flag, fmt, log, mb, measure, p50, timeMs } from './bench/util';

const REPS = flag('reps', 7);
const DB = BENCH_DB;
const MARKER = '<!-- bench:audiences -->';
const SEGMENTS = [0, 1, 6].map((i) => CASES[i]!); // card system Gent, CHECKIN last year, three OR groups
const LIST = 100_000;
const EARLIER = 200_000;
const UPLOAD = 500_000;
const EARLIER_CAMPAIGN = 1;

/**
 * The sending tables as the migration makes them, with an earlier mailing to every fifth holder
 * (the first EARLIER of them) and every 50th holder's address unsubscribed. (A database from an
 * older version of this bench has its own two-table stand-in: replaced.)
 */
async function sendingTables(knex: Knex) {
  if (await knex.schema.hasTable('seg_suppressions')) return;
  // The later migrations alter these tables: made again after them, in order.
  for (const table of ['seg_sms_parts', 'seg_mailing_audiences', 'seg_audience_lists', 'seg_tracking_events', 'seg_deliveries'])
    await knex.schema.dropTableIfExists(table);
  await campaignTables(knex);
  await knex.raw(
    `INSERT INTO seg_deliveries (campaign_id, holder_id, uid, email, status)
     SELECT ?, id, uid, coalesce(email, ''), 'sent' FROM (SELECT id, uid, email, row_number() OVER (ORDER BY id) AS n FROM seg_holders) h
     WHERE (n - 1) % 5 = 0 ORDER BY id LIMIT ?`,
    [EARLIER_CAMPAIGN, EARLIER],
  );
  await knex.raw(
    `INSERT INTO seg_suppressions (email, reason, at) SELECT DISTINCT lower(trim(email)), 'unsubscribed', 0 FROM seg_holders WHERE email IS NOT NULL AND id % 50 = 0`,
  );
}

/** The tables a mailing's audience reads and writes, as the migrations make them. */
async function audienceTables(knex: Knex) {
  await sendingTables(knex);
  if (!(await knex.schema.hasTable('seg_audience_lists'))) await listTables(knex);
  if (!(await knex.schema.hasTable('seg_mailing_audiences'))) await mailingTables(knex);
  if (!(await knex.schema.hasColumn('seg_mailing_audiences', 'channels'))) await mailingChannels(knex);
}

async function main(): Promise<number> {
  const knex = benchKnex(DB);
  try {
    if (!(await knex.schema.hasTable('bench_info'))) throw new Error(`no benchmark data in ${DB}: run npm run bench:segments first`);
    const info = await knex('bench_info').first('holders', 'actions');
    log(`Audience benchmark on ${fmt(Number(info.holders))} holders, ${fmt(Number(info.actions))} actions, ${REPS} reps, database ${DB}`);
    const engine = new SegmentEngine(knex, { timeZone: 'Europe/Brussels' });
    await engine.ensureFresh();
    const holderIds = ((await knex('seg_holders').orderBy('id').select('id')) as { id: number }[]).map((r) => Number(r.id));
    await audienceTables(knex);
    const earlierCount = Number(((await knex('seg_deliveries').count({ n: '*' })) as { n: string }[])[0]!.n);
    const definitions = SEGMENTS.map((c) => segmentDefinitionSchema.parse(c.definition) as SegmentDefinition);
    const list = Int32Array.from(holderIds.filter((_, i) => i % 7 === 3).slice(0, LIST));

    const segments = async () => {
      for (const d of definitions) await engine.evaluate(d, { asOf: AS_OF });
    };
    // The five steps as the service resolves them, composed and stored by the service's own functions.
    const steps: ResolvedStep[] = [
      ...definitions.map((definition, i) => ({ mode: i === 1 ? ('remove' as const) : ('add' as const), definition, kind: 'definition' as const, scope: null })),
      { mode: 'add', list: 'bench', kind: 'ids', ids: list },
      { mode: 'add', campaign: 'bench', kind: 'campaign', campaignId: EARLIER_CAMPAIGN, outcome: 'sent' },
    ];
    await saveSteps(knex, EARLIER_CAMPAIGN + 1, { steps, waveGroup: null, leaveOutEarlier: false });
    // Each run's time choosing the holders' channels (an e-mail mailing: address, consent, suppressions, preference).
    const channelMs: number[] = [];
    const generate = async () => {
      const { inScope, sets } = await stepSetsOf(engine, knex, steps, AS_OF, null);
      const built = compose(inScope.length, sets);
      const fixed = fixAudience(built);
      const planned = await measure(() => planChannels(knex, fixed.members, 'email', 'BE'));
      channelMs.push(planned.ms);
      const generation = { total: fixed.members.length, steps: built.steps, manual: [], leftOutEarlier: 0, marks: [], channel: 'email' as const };
      await saveGeneration(knex, EARLIER_CAMPAIGN + 1, { generation, members: fixed.members, addedBy: fixed.addedBy, channels: planned.value.channels });
      return fixed.members.length;
    };
    const size = await generate(); // warm-up
    await segments();
    const loadBefore = os.loadavg()[0]!;
    const baseMs: number[] = [];
    const genMs: number[] = [];
    for (let i = 0; i < REPS; i++) {
      baseMs.push(await timeMs(segments));
      genMs.push(await timeMs(generate));
    }
    const ratio = p50(genMs) / p50(baseMs);
    channelMs.splice(0, 1); // the warm-up's
    // Each run's generate less its own channel choice.
    const stepsRatio = p50(genMs.map((ms, i) => ms - channelMs[i]!)) / p50(baseMs);
    log(
      `  generate (5 steps, ${fmt(size)} holders): ${fmt(p50(genMs), 1)} ms, of which choosing channels ${fmt(p50(channelMs), 1)} ms; three segments ${fmt(p50(baseMs), 1)} ms; ratio ${fmt(ratio, 2)} (${fmt(stepsRatio, 2)} without the channel choice)`,
    );

    // A generated audience of about 500,000: CHECKIN last year, plus the list.
    const big = fixAudience(
      compose(engine.size(), [
        { mode: 'add', set: (await engine.evaluate(definitions[1]!, { asOf: AS_OF })).set },
        { mode: 'remove', set: (await engine.evaluate(definitions[0]!, { asOf: AS_OF })).set },
        { mode: 'add', set: (await engine.evaluate(definitions[2]!, { asOf: AS_OF })).set },
      ]),
    );
    const stored = { members: big.members, addedBy: big.addedBy, channels: (await planChannels(knex, big.members, 'email', 'BE')).channels };
    const someUid = (await engine.page(new Uint8Array(engine.size()).fill(1), 1000, 1))[0]!.uid;
    const pages = [
      { name: 'first page', query: {} },
      { name: 'page 2,000 (row 100,000)', query: { page: 2000 } },
      { name: `UID prefix "${someUid.slice(0, 5)}"`, query: { q: someUid.slice(0, 5) } },
      { name: 'name search "jan"', query: { q: 'jan' } },
    ];
    const review = [];
    for (const p of pages) {
      await reviewPage(engine, stored, { pageSize: 50, ...p.query });
      const ms: number[] = [];
      let matches = 0;
      for (let i = 0; i < REPS; i++) ms.push(await timeMs(async () => (matches = (await reviewPage(engine, stored, { pageSize: 50, ...p.query })).total)));
      review.push({ name: p.name, matches, p50: p50(ms) });
      log(`  review ${p.name}: ${fmt(matches)} matches, p50 ${fmt(p50(ms), 1)} ms`);
    }

    const uids = (await knex('seg_holders').orderBy('id').limit(UPLOAD).select('uid')) as { uid: string }[];
    const csv = () =>
      Readable.from(
        (function* () {
          yield 'UiTPAS-nummer;linked\n';
          for (let i = 0; i < uids.length; i += 1000)
            yield uids
              .slice(i, i + 1000)
              .map((u) => `${u.uid};J\n`)
              .join('');
        })(),
      );
    const upload = await measure(() => uploadList(knex, engine, { body: csv(), format: 'csv', name: 'bench.csv', scope: null }));
    log(
      `  upload of ${fmt(uids.length)} pass numbers: ${fmt(upload.ms / 1000, 2)} s, kept ${fmt(upload.value.kept)}, RSS ${mb(upload.rssBefore)} → peak ${mb(upload.rssPeak)} MB`,
    );

    const yes = (ok: boolean) => (ok ? 'yes' : 'no');
    const markdown = [
      `## Audiences: latest run ${new Date().toISOString().slice(0, 10)}`,
      '',
      `- Data: the segment benchmark's database (${fmt(Number(info.holders))} holders, ${fmt(Number(info.actions))} actions); 1-min load average before the timed runs ${fmt(loadBefore, 2)}.`,
      `- Command: \`npm run bench:audiences -- --reps ${REPS}\`; p50 of ${REPS} runs, generate and baseline alternating after a warm-up.`,
      `- Steps: add "${SEGMENTS[0]!.name}", remove "${SEGMENTS[1]!.name}", add "${SEGMENTS[2]!.name}", add a list of ${fmt(list.length)} holders, add an earlier mailing's ${fmt(earlierCount)} recipients (outcome sent).`,
      '',
      '| measure | result | target | met |',
      '| --- | ---: | ---: | :---: |',
      `| generate five steps (${fmt(size)} holders; composition, each holder's channel and the stored row included) | ${fmt(p50(genMs), 1)} ms | | |`,
      `| of which choosing each holder's channel (e-mail mailing) | ${fmt(p50(channelMs), 1)} ms | | |`,
      `| the three segments' evaluations alone (baseline) | ${fmt(p50(baseMs), 1)} ms | | |`,
      `| generate / baseline, without the channel choice (the steps, as issue 19 defines generating) | ${fmt(stepsRatio, 2)}× | ≤ 1.5× | ${yes(stepsRatio <= 1.5)} |`,
      `| generate / baseline, with the channel choice | ${fmt(ratio, 2)}× | | |`,
      ...review.map(
        (r) =>
          `| review page of 50 of ${fmt(big.members.length)}: ${r.name} (${fmt(r.matches)} matches) | ${fmt(r.p50, 1)} ms | ≤ 100 ms | ${yes(r.p50 <= 100)} |`,
      ),
      `| upload of a CSV of ${fmt(uids.length)} pass numbers (streamed; ${fmt(upload.value.kept)} kept) | ${fmt(upload.ms / 1000, 2)} s | ≤ 10 s | ${yes(upload.ms <= 10_000)} |`,
      `| RSS growth during the upload | ${mb(upload.rssPeak - upload.rssBefore)} MB | | |`,
    ].join('\n');
    process.stdout.write(`${markdown}\n`);
    log(`  written to ${writeDoc(markdown, MARKER)}`);
    return 0;
  } finally {
    await knex.destroy();
  }
}

runBench(main);
