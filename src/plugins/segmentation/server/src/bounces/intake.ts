/**
 * Starts and stops what takes bounces in, in a process that runs the sending worker: the SMTP
 * listener (when `bounces.smtp.port` is set), the IMAP poller (when `bounces.imap.host` is set),
 * and a daily purge of raw texts older than `keepRawDays`.
 */
import type { Core } from '@strapi/strapi';
import { pluginConfig } from '../config';
import { getService } from '../services';
import { BouncePoller } from './imap-poller';
import { startBounceListener, type BounceListener } from './smtp-listener';

interface Intake {
  listener: BounceListener | null;
  poller: BouncePoller | null;
  purge: NodeJS.Timeout;
}

const running = new WeakMap<Core.Strapi, Intake>();

export async function startBounceIntake(strapi: Core.Strapi): Promise<Intake> {
  const existing = running.get(strapi);
  if (existing) return existing;
  const config = pluginConfig(strapi).bounces;
  const listener = await startBounceListener(strapi);
  const poller = config.imap.host ? new BouncePoller(strapi) : null;
  poller?.start();
  const purge = () =>
    getService(strapi, 'bounces')
      .purge()
      .catch((error: Error) => strapi.log.warn(`[segmentation] purging bounce texts: ${error.message}`));
  void purge();
  const intake: Intake = { listener, poller, purge: setInterval(purge, 6 * 3_600_000).unref() };
  running.set(strapi, intake);
  return intake;
}

export async function stopBounceIntake(strapi: Core.Strapi): Promise<void> {
  const intake = running.get(strapi);
  if (!intake) return;
  running.delete(strapi);
  clearInterval(intake.purge);
  await intake.poller?.stop();
  await intake.listener?.close();
}

/** The running intake of this app (tests: the listener's port, a poll now). */
export const bounceIntakeOf = (strapi: Core.Strapi): Intake | undefined => running.get(strapi);
