/**
 * Waits on the sending worker of an in-process app instead of the clock: until no mail of a
 * campaign is claimed any more, or until the worker has polled for due mail again.
 */
import type { TestApp } from './strapi';
import type { CampaignWorker } from '../../src/plugins/segmentation/server/src/campaigns/worker';
import { DELIVERY } from '../../src/plugins/segmentation/shared/campaign-lifecycle';

/** Resolves once `check` holds; fails with `what` after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`still waiting after ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Resolves once no mail of the campaign is claimed by a worker: each mail handed to the SMTP server
 * is recorded (its outcome is written after the server's 250), the others are put back or cancelled.
 * After a pause or cancel, the count at the SMTP server is then final unless something is claimed again.
 */
export const settled = (app: TestApp, campaignId: number, ms = 30_000) =>
  until(
    async () => !(await app.strapi.db.connection('seg_deliveries').where({ campaign_id: campaignId, status: DELIVERY.sending }).first('id')),
    ms,
    `mails of campaign ${campaignId} still claimed`,
  );

/**
 * Resolves once the app's worker has polled for due mail twice more: whatever was due then has been
 * claimed (the first poll may have begun earlier, the second began after this call). What a test
 * waits on to show that nothing more is sent.
 */
export async function workerPolled(app: TestApp, ms = 30_000): Promise<void> {
  const worker = app.strapi.plugin('segmentation').service('worker') as CampaignWorker;
  const target = worker.polls + 2;
  await until(() => worker.polls >= target, ms, 'two more polls of the sending worker');
}
