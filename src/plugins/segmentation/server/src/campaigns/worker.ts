/**
 * The sending worker (one per Strapi instance unless disabled): claims small batches of queued
 * deliveries, renders each mail with the template compiled once, sends it through the email plugin
 * (a pooled nodemailer transport), and records the outcome of each mail as soon as the SMTP server
 * answers. Temporary failures (4xx, connection trouble) are retried with exponential backoff;
 * permanent ones (5xx) are not. A worker that dies leaves its claimed rows `sending`: after the lease
 * they are queued again (see queries.ts for the one-mail window this leaves); a live worker renews
 * its lease while a batch is out.
 */
import os from 'os';
import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { publicUrlOf, secretOf } from '../common/secret';
import { sendMail } from '../templates/mailer';
import { recipientsByIds } from '../templates/queries';
import type { CompiledTemplate } from '../templates/render';
import { signToken } from '../tracking/tokens';
import { trackHtml } from '../tracking/links';
import { CAMPAIGNS, campaignStatus, cancelOrphans, claimBatch, finishIfDone, markFailed, markRetry, markSent, releaseClaim, renewClaims, requeueStale, sendingCampaigns, dueScheduled, type DeliveryRow } from './queries';
import type { Snapshot } from './service';

export interface WorkerOptions {
  batch: number;
  concurrency: number;
  leaseMs: number;
  idleMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  /** Mails per second over all campaigns (null: as fast as the SMTP server takes them). */
  rate: number | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const STATUS_TTL_MS = 500;
/** Scheduled starts and stale claims are looked at this often, not before every batch. */
const UPKEEP_MS = 1_000;

/** Spaces mails out to at most `rate` per second. */
class Pacer {
  private next = 0;
  constructor(readonly rate: number | null) {}
  async wait(): Promise<void> {
    if (!this.rate) return;
    const now = Date.now();
    const at = Math.max(now, this.next);
    this.next = at + 1000 / this.rate;
    if (at > now) await sleep(at - now);
  }
}

interface CampaignContext {
  compiled: CompiledTemplate;
  snapshot: Snapshot;
  pacer: Pacer;
}

/** SMTP answers 5xx for a permanent failure; 4xx, timeouts and refused connections are temporary. */
export function isPermanent(error: unknown): boolean {
  const code = Number((error as { responseCode?: number }).responseCode);
  return code >= 500 && code < 600;
}

export class CampaignWorker {
  readonly id = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private readonly global: Pacer;
  private readonly campaigns = new Map<number, Promise<CampaignContext>>();

  constructor(private readonly strapi: Core.Strapi, private readonly opts: WorkerOptions) {
    this.global = new Pacer(opts.rate);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  wake(): void {
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let worked = 0;
      try {
        worked = await this.tick();
      } catch (error) {
        this.strapi.log.error(`[segmentation] sending worker: ${(error as Error).message}`);
      }
      if (worked === 0 && this.running) await new Promise<void>((resolve) => {
        this.wakeUp = resolve;
        setTimeout(resolve, this.opts.idleMs);
      });
    }
  }

  private lastUpkeep = 0;

  /** One round: (at most once a second) start due scheduled campaigns and requeue stale claims; send one batch. */
  async tick(): Promise<number> {
    const knex = this.strapi.db.connection;
    const now = Date.now();
    if (now - this.lastUpkeep >= UPKEEP_MS) {
      this.lastUpkeep = now;
      for (const documentId of await dueScheduled(knex, now)) {
        await this.strapi.plugin('segmentation').service('campaigns').start(documentId, null).catch((error: Error) =>
          knex(CAMPAIGNS).where({ document_id: documentId, status: 'scheduled' }).update({ status: 'failed', last_error: error.message }),
        );
      }
      if ((await requeueStale(knex, now - this.opts.leaseMs)) > 0) await cancelOrphans(knex);
    }
    const batch = await claimBatch(knex, this.id, this.opts.batch, now);
    if (batch.length === 0) {
      for (const id of await sendingCampaigns(knex)) await finishIfDone(knex, id, now);
      return 0;
    }
    // Renew the lease while the batch is out, so a slow batch is not taken over by another worker.
    const heartbeat = setInterval(() => {
      renewClaims(knex, this.id, Date.now()).catch((error: Error) => this.strapi.log.warn(`[segmentation] renewing claims: ${error.message}`));
    }, Math.max(1_000, this.opts.leaseMs / 3));
    try {
      await this.send(batch);
    } finally {
      clearInterval(heartbeat);
    }
    for (const id of new Set(batch.map((d) => d.campaign_id))) await finishIfDone(knex, id, Date.now());
    return batch.length;
  }

  private readonly statuses = new Map<number, { status: string | null; at: number }>();

  /** The campaign's status, read at most every STATUS_TTL_MS (a pause takes effect within that). */
  private async statusOf(campaignId: number): Promise<string | null> {
    const cached = this.statuses.get(campaignId);
    if (cached && Date.now() - cached.at < STATUS_TTL_MS) return cached.status;
    const status = await campaignStatus(this.strapi.db.connection, campaignId);
    this.statuses.set(campaignId, { status, at: Date.now() });
    return status;
  }

  private context(campaignId: number): Promise<CampaignContext> {
    let entry = this.campaigns.get(campaignId);
    if (!entry) {
      entry = (async () => {
        const row = await this.strapi.db.connection(CAMPAIGNS).where({ id: campaignId }).first('snapshot', 'rate');
        const snapshot = (typeof row.snapshot === 'string' ? JSON.parse(row.snapshot) : row.snapshot) as Snapshot;
        const compiled = await this.strapi.plugin('segmentation').service('templates').compile(snapshot.content);
        return { snapshot, compiled, pacer: new Pacer(row.rate ? Number(row.rate) : null) };
      })();
      entry.catch(() => this.campaigns.delete(campaignId));
      this.campaigns.set(campaignId, entry);
    }
    return entry;
  }

  private async send(batch: DeliveryRow[]): Promise<void> {
    const knex = this.strapi.db.connection;
    const byCampaign = new Map<number, DeliveryRow[]>();
    for (const d of batch) byCampaign.set(d.campaign_id, [...(byCampaign.get(d.campaign_id) ?? []), d]);
    const base = publicUrlOf(this.strapi);
    const secret = secretOf(this.strapi);
    for (const [campaignId, deliveries] of byCampaign) {
      const ctx = await this.context(campaignId);
      const people = await recipientsByIds(knex, deliveries.map((d) => d.holder_id), ctx.snapshot.scope);
      const queue = [...deliveries];
      const lane = async () => {
        for (let d = queue.shift(); d; d = queue.shift()) await this.deliver(d, ctx, people, base, secret);
      };
      await Promise.all(Array.from({ length: Math.min(this.opts.concurrency, deliveries.length) }, lane));
    }
  }

  private async deliver(d: DeliveryRow, ctx: CampaignContext, people: Map<number, any>, base: string, secret: string): Promise<void> {
    const knex = this.strapi.db.connection;
    const person = people.get(d.holder_id) ?? { uid: d.uid, firstName: null, lastName: null, email: d.email, points: 0, language: null, cardSystem: null };
    const unsubscribeUrl = `${base}/api/segmentation/unsubscribe/${signToken(secret, { k: 'unsub', c: String(d.campaign_id), d: d.id })}`;
    try {
      const mail = ctx.compiled.render(person, { unsubscribeUrl });
      await ctx.pacer.wait();
      await this.global.wait();
      // Paused or cancelled meanwhile: the rest of the claimed batch is not sent (put back, or cancelled).
      const status = await this.statusOf(d.campaign_id);
      if (status !== 'sending') {
        await releaseClaim(knex, d.id, status === 'paused' ? 'queued' : 'cancelled');
        return;
      }
      const info = await sendMail(this.strapi, {
        to: d.email,
        from: ctx.snapshot.from,
        replyTo: ctx.snapshot.replyTo,
        subject: mail.subject,
        html: trackHtml(mail.html, { base, secret, deliveryId: d.id, campaignId: d.campaign_id, sentAt: Date.now(), unsubscribeUrl }),
        text: mail.text,
        unsubscribeUrl,
        headers: { 'X-UiTPAS-Campaign': String(d.campaign_id) },
        messageId: `<d${d.id}.c${d.campaign_id}@uitpas-segmentation>`,
      });
      await markSent(knex, d.id, info.messageId, Date.now(), ctx.snapshot.version);
    } catch (error) {
      const message = String((error as Error).message ?? error).slice(0, 500);
      if (isPermanent(error)) await markFailed(knex, d.id, 'failed', message);
      else if (d.attempts >= this.opts.maxAttempts) await markFailed(knex, d.id, 'failed', `gave up after ${d.attempts} attempts: ${message}`);
      else await markRetry(knex, d.id, message, Date.now() + this.opts.retryBaseMs * 2 ** (d.attempts - 1));
    }
  }
}
