/**
 * The app side of `npm run bench:tracking`, in its own process (child_process.fork with
 * esbuild-register): boots the real app on a fresh PostgreSQL database (app.ts bootApp), imports
 * `n` pass holders, starts a campaign of everyone through the campaigns service, marks its
 * deliveries sent an hour ago and the campaign sent (the worker's own `finishIfDone`), and signs an
 * open-pixel and a click token for every delivery exactly as a sent mail carries them
 * (tracking/links.ts openUrl / clickUrl, the app's own secret).
 * Tells the parent over IPC: { ready, url, campaignId, opens: [paths], clicks: [paths], clickUrl, pid }.
 * Stopped with SIGTERM, which Strapi answers by destroying the app (the plugin's destroy flushes the
 * tracking recorder) and exiting; the parent then counts the events and drops the database.
 * Usage: fork('tracking-app.ts', [DATABASE, N], { execArgv: ['-r', 'esbuild-register'] })
 */
import { bootApp, holdersNdjson } from './app';
import { secretOf } from '../../src/plugins/segmentation/server/src/common/secret';
import { clickUrl, openUrl } from '../../src/plugins/segmentation/server/src/tracking/links';
import { finishIfDone } from '../../src/plugins/segmentation/server/src/campaigns/queries';
import { getService } from '../../src/plugins/segmentation/server/src/services';

const CLICK_TARGET = 'https://www.uitpas.be/voordelen';

async function main(): Promise<void> {
  const [database, n] = [process.argv[2]!, Number(process.argv[3])];
  const app = await bootApp(database, { SEGMENTATION_WARM_INDEX: 'false' });
  const { strapi } = app;
  const knex = strapi.db.connection;
  const imported = await app.api('POST', '/api/segmentation/import/pass-holders', holdersNdjson(n), 'application/x-ndjson');
  if (imported.inserted !== n) throw new Error(`import: ${JSON.stringify(imported).slice(0, 300)}`);
  const campaign = await app.campaign('Tracking benchmark');
  await getService(strapi, 'campaigns').start(campaign.documentId, null);
  const sentAt = Date.now() - 3_600_000;
  await knex('seg_deliveries')
    .where({ campaign_id: campaign.id, status: 'queued' })
    .update({ status: 'sent', sent_at: sentAt, message_id: knex.raw(`'<d' || id || '.c' || campaign_id || '@uitpas-segmentation>'`) });
  if (!(await finishIfDone(knex, campaign.id, Date.now()))) throw new Error('the campaign did not become sent');
  const ids = (await knex('seg_deliveries').where({ campaign_id: campaign.id, status: 'sent' }).orderBy('id').pluck('id')).map(Number);
  if (ids.length !== n) throw new Error(`${ids.length} sent deliveries, expected ${n}`);
  const t = { base: '', secret: secretOf(strapi), campaignId: campaign.id, sentAt, unsubscribeUrl: '' };
  process.send!({
    ready: true,
    url: app.url,
    pid: process.pid,
    campaignId: campaign.id,
    opens: ids.map((deliveryId) => openUrl({ ...t, deliveryId })),
    clicks: ids.map((deliveryId) => clickUrl({ ...t, deliveryId }, CLICK_TARGET)),
    clickUrl: CLICK_TARGET,
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
