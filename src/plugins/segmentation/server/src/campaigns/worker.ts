/**
 * The sending worker (one per Strapi instance unless disabled). A feeder claims small batches of
 * queued deliveries ahead of need (the next batch is claimed while the lanes still send the last,
 * so an SMTP connection never waits for a claim) and looks up their recipients; `concurrency`
 * lanes take one mail at a time, render it with the template compiled once and send it through the
 * email plugin (a pooled nodemailer transport). Outcomes are recorded in groups while the lanes go
 * on (outcomes.ts): at most one batch of mails is ever sent-but-unrecorded, the one unavoidable
 * window of a crash. Temporary failures (4xx, connection trouble) are retried with exponential
 * backoff; permanent ones (5xx) are not. A worker that dies leaves its claimed rows `sending`:
 * after the lease they are queued again; a live worker renews its lease while it holds rows.
 */
import os from 'os';
import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { publicUrlOf, secretOf } from '../common/secret';
import { sendMail } from '../templates/mailer';
import { recipientsByIds } from '../templates/queries';
import type { CompiledTemplate, Recipient } from '../templates/render';
import { signToken } from '../tracking/tokens';
import { trackHtml } from '../tracking/links';
import {
  CAMPAIGNS,
  campaignStatus,
  cancelOrphans,
  claimBatch,
  failScheduled,
  finishIfDone,
  recordOutcomes,
  releaseClaims,
  renewClaims,
  requeueStale,
  sendingCampaigns,
  dueScheduled,
  type DeliveryRow,
} from './queries';
import { allows, isActive, DELIVERY, STATUS } from '../../../shared/campaign-lifecycle';
import { OutcomeWriter, type Outcome } from './outcomes';
import { localisationFor, type Snapshot } from './snapshot';
import { getService } from '../services';
import { compileSms, type SmsRenderer } from './sms-text';
import { loadAttachments, type Attachment } from '../templates/attachments';
import { SmsError, isPermanentSmsError } from '../sms/provider';

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

/** Wakes whoever waits on it (or lets the wait run out after `ms`). */
class Signal {
  private waiters: (() => void)[] = [];
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.push(done);
    });
  }
  notify(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }
}

const STATUS_TTL_MS = 500;
/** Scheduled starts and stale claims are looked at this often, not before every batch. */
const UPKEEP_MS = 1_000;

/** Spaces mails out to at most `rate` per second: `slot()` reserves the next sending time. */
class Pacer {
  private next = 0;
  constructor(readonly rate: number | null) {}
  slot(): number {
    const now = Date.now();
    if (!this.rate) return now;
    const at = Math.max(now, this.next);
    this.next = at + 1000 / this.rate;
    return at;
  }
  /** Slots reserved for mails that were not sent (their campaign paused or stopped) are given up. */
  reset(): void {
    this.next = 0;
  }
}

interface CampaignContext {
  /** The e-mail template compiled (null: the mailing has no e-mail part); its main localisation. */
  compiled: CompiledTemplate | null;
  /** The SMS text per holder (null: no SMS part); its main localisation. */
  sms: SmsRenderer | null;
  /** Templates with more than one localisation (issue 21): each compiled, by locale. */
  compiledIn: Map<string, CompiledTemplate>;
  smsIn: Map<string, SmsRenderer>;
  /** The e-mail template's attachments, read once per send. */
  attachments: Attachment[];
  snapshot: Snapshot;
  pacer: Pacer;
}

/** SMTP answers 5xx for a permanent failure; 4xx, timeouts and refused connections are temporary. */
export function isPermanent(error: unknown): boolean {
  if (isPermanentSmsError(error)) return true;
  const code = Number((error as { responseCode?: number }).responseCode);
  return code >= 500 && code < 600;
}

/** A claimed delivery with what a lane needs to send it. */
interface Job {
  delivery: DeliveryRow;
  ctx: CampaignContext;
  person: Recipient | undefined;
}

export class CampaignWorker {
  readonly id = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly global: Pacer;
  private readonly campaigns = new Map<number, Promise<CampaignContext>>();
  private readonly outcomes: OutcomeWriter;
  /** Claimed, not yet taken by a lane. */
  private readonly queue: Job[] = [];
  /** Lanes sending a mail right now. */
  private busy = 0;
  private readonly feederWake = new Signal();
  private readonly laneWake = new Signal();
  private completedPolls = 0;
  /**
   * The next batch is claimed while fewer than this are waiting for a lane: a whole batch ahead, so
   * fast deliveries (an SMS takes well under a millisecond of a gateway's time) never wait for a claim.
   */
  private get refillBelow(): number {
    return Math.max(this.opts.concurrency, this.opts.batch);
  }

  constructor(
    private readonly strapi: Core.Strapi,
    private readonly opts: WorkerOptions,
  ) {
    this.global = new Pacer(opts.rate);
    this.outcomes = new OutcomeWriter(
      (group) => recordOutcomes(strapi.db.connection, group),
      Math.max(opts.batch, opts.concurrency),
      (error) => strapi.log.error(`[segmentation] recording sent mails (tried again): ${error.message}`),
    );
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops claiming; mails being sent are finished and recorded, claimed ones not yet started are put back. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  /**
   * How often the feeder has looked for due mail of the sending campaigns (a claim, whether it found
   * any). What shows that nothing more is due: two more polls with no mail claimed (the first may
   * have started before the moment of interest; the second did not).
   */
  get polls(): number {
    return this.completedPolls;
  }

  /** Something may be waiting (a campaign was started or resumed): look now, not after the idle wait. */
  wake(): void {
    this.feederWake.notify();
  }

  private async run(): Promise<void> {
    const lanes = Array.from({ length: this.opts.concurrency }, () => this.lane());
    // Renew the lease of what this worker holds, so a slow (rate-limited) mail is not taken over.
    const heartbeat = setInterval(
      () => {
        if (this.queue.length + this.busy + this.outcomes.unrecorded === 0) return;
        renewClaims(this.strapi.db.connection, this.id, Date.now()).catch((error: Error) =>
          this.strapi.log.warn(`[segmentation] renewing claims: ${error.message}`),
        );
      },
      Math.max(1_000, this.opts.leaseMs / 3),
    );
    try {
      await this.feed();
    } finally {
      const left = this.queue.splice(0).map((job) => job.delivery.id);
      await releaseClaims(this.strapi.db.connection, left, DELIVERY.queued).catch((error: Error) =>
        this.strapi.log.warn(`[segmentation] putting back claimed mails: ${error.message}`),
      );
      this.laneWake.notify();
      await Promise.all(lanes);
      await this.outcomes.stop();
      clearInterval(heartbeat);
    }
  }

  /** The feeder: keeps a batch claimed ahead of the lanes; when nothing is left, finishes campaigns and idles. */
  private async feed(): Promise<void> {
    while (this.running) {
      let waitMs = 0;
      try {
        await this.upkeep();
        if (this.queue.length >= this.refillBelow) waitMs = 1_000;
        else if ((await this.poll()) === 0) {
          if (this.queue.length + this.busy > 0) waitMs = 50;
          else {
            await this.outcomes.drain();
            for (const id of await sendingCampaigns(this.strapi.db.connection)) await finishIfDone(this.strapi.db.connection, id, Date.now());
            waitMs = this.opts.idleMs;
          }
        }
      } catch (error) {
        this.strapi.log.error(`[segmentation] sending worker: ${(error as Error).message}`);
        waitMs = this.opts.idleMs;
      }
      if (waitMs > 0 && this.running) await this.feederWake.wait(waitMs);
    }
  }

  private lastUpkeep = 0;

  /** At most once a second: start due scheduled campaigns, requeue the claims of dead workers. */
  private async upkeep(): Promise<void> {
    const knex = this.strapi.db.connection;
    const now = Date.now();
    if (now - this.lastUpkeep < UPKEEP_MS) return;
    this.lastUpkeep = now;
    for (const documentId of await dueScheduled(knex, now)) {
      await getService(this.strapi, 'campaigns')
        .startScheduled(documentId)
        .catch((error: Error) => failScheduled(knex, documentId, error.message));
    }
    if ((await requeueStale(knex, now - this.opts.leaseMs)) > 0) await cancelOrphans(knex);
    await getService(this.strapi, 'eventScheduler').tick(); // event messages due (events/scheduler.ts)
  }

  /** Campaigns take turns: each claim starts with the next sending campaign. */
  private turn = 0;

  /** One look for due mail (a claim), counted in `polls`. */
  private async poll(): Promise<number> {
    const claimed = await this.claim();
    this.completedPolls++;
    return claimed;
  }

  /** Claims one batch (of the first sending campaign in turn that has mail due) and queues it for the lanes, with each recipient's personal data; returns its size. */
  private async claim(): Promise<number> {
    const knex = this.strapi.db.connection;
    const campaigns = await sendingCampaigns(knex);
    for (let i = 0; i < campaigns.length; i++) {
      const campaignId = campaigns[(this.turn + i) % campaigns.length]!;
      const batch = await claimBatch(knex, this.id, campaignId, this.opts.batch, Date.now());
      if (batch.length === 0) continue;
      this.turn = (this.turn + i + 1) % campaigns.length;
      const ctx = await this.context(campaignId);
      const people = await recipientsByIds(
        knex,
        batch.map((d) => d.holder_id),
        ctx.snapshot.scope,
      );
      for (const delivery of batch) this.queue.push({ delivery, ctx, person: people.get(delivery.holder_id) });
      this.laneWake.notify();
      return batch.length;
    }
    return 0;
  }

  /** One lane: takes the next claimed mail and sends it, until the worker stops and the queue is empty. */
  private async lane(): Promise<void> {
    const base = publicUrlOf(this.strapi);
    const secret = secretOf(this.strapi);
    for (;;) {
      const job = this.queue.shift();
      if (!job) {
        if (!this.running) return;
        await this.laneWake.wait(1_000);
        continue;
      }
      this.busy++;
      if (this.queue.length < this.refillBelow) this.feederWake.notify();
      try {
        await this.deliver(job, base, secret);
      } catch (error) {
        this.strapi.log.error(`[segmentation] sending delivery ${job.delivery.id}: ${(error as Error).message}`);
      } finally {
        this.busy--;
      }
    }
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
        const compiled = snapshot.content ? await getService(this.strapi, 'templates').compile(snapshot.content) : null;
        const sms = snapshot.sms ? compileSms(snapshot.sms.content, snapshot.sms.optOut) : null;
        const attachments = await loadAttachments(this.strapi, snapshot.content?.attachments);
        const compiledIn = new Map<string, CompiledTemplate>();
        for (const [locale, part] of Object.entries(snapshot.locales ?? {}))
          compiledIn.set(locale, await getService(this.strapi, 'templates').compile(part.content));
        const smsIn = new Map<string, SmsRenderer>();
        for (const [locale, part] of Object.entries(snapshot.sms?.locales ?? {})) smsIn.set(locale, compileSms(part.content, snapshot.sms!.optOut));
        return { snapshot, compiled, sms, compiledIn, smsIn, attachments, pacer: new Pacer(row.rate ? Number(row.rate) : null) };
      })();
      entry.catch(() => this.campaigns.delete(campaignId));
      this.campaigns.set(campaignId, entry);
    }
    return entry;
  }

  /** Waits until `at` while the campaign is sending: null, or the status it changed to. */
  private async until(at: number, campaignId: number): Promise<string | null> {
    for (;;) {
      const status = await this.statusOf(campaignId);
      if (!isActive(status)) return status ?? STATUS.cancelled; // deleted: as good as cancelled
      const left = at - Date.now();
      if (left <= 0) return null;
      await sleep(Math.min(left, STATUS_TTL_MS));
    }
  }

  /**
   * One delivery: rendered (a template that does too much work fails it), then its turn under the
   * rates — a campaign paused or cancelled meanwhile puts it back or cancels it within
   * STATUS_TTL_MS — then sent and its outcome recorded.
   */
  private async send<T>(d: DeliveryRow, ctx: CampaignContext, render: () => T, turn: () => Promise<string | null>, transmit: (r: T) => Promise<Outcome>) {
    let rendered: T;
    try {
      rendered = render();
    } catch (error) {
      await this.outcomes.reserve();
      this.outcomes.add(this.failure(d, error));
      return;
    }
    const status = await turn();
    if (status) {
      ctx.pacer.reset();
      // The delivery of a campaign that can be resumed (paused) goes back to the queue; any other's is not sent.
      await releaseClaims(this.strapi.db.connection, [d.id], allows('resume', status) ? DELIVERY.queued : DELIVERY.cancelled);
      return;
    }
    await this.outcomes.reserve();
    try {
      this.outcomes.add(await transmit(rendered));
    } catch (error) {
      this.outcomes.add(this.failure(d, error));
    }
  }

  private async deliver({ delivery: d, ctx, person: found }: Job, base: string, secret: string): Promise<void> {
    const person = found ?? { uid: d.uid, firstName: null, lastName: null, email: d.email || null, points: 0, language: null, cardSystem: null };
    const forced = ctx.snapshot.language;
    if (d.channel === 'sms') {
      // The holder's localisation of the SMS (its main one when the template has one language).
      const smsLocale = localisationFor(ctx.snapshot.sms?.locales, person.language, forced);
      const smsVersion = (smsLocale && ctx.snapshot.sms?.locales?.[smsLocale]?.version) || ctx.snapshot.sms?.version;
      const smsRender = (smsLocale && ctx.smsIn.get(smsLocale)) || ctx.sms;
      // Paced by the campaign's rate and the SMS provider's own (sms/service.ts), not the mail rate.
      return this.send(
        d,
        ctx,
        () => {
          if (!smsRender || !d.phone) throw new SmsError('No SMS template or number for this delivery', true, 'NO_SMS');
          return smsRender(person);
        },
        () => this.until(ctx.pacer.slot(), d.campaign_id),
        async (text) => {
          const sms = ctx.snapshot.sms!;
          const sent = await getService(this.strapi, 'sms').send({ to: d.phone!, from: sms.from, text, reference: String(d.id) });
          return { kind: 'sent', id: d.id, messageId: sent.messageIds[0] ?? null, at: Date.now(), version: smsVersion!, partIds: sent.messageIds };
        },
      );
    }
    // The holder's localisation of the mail (its main one when the template has one language).
    const locale = localisationFor(ctx.snapshot.locales, person.language, forced);
    const part = (locale && ctx.snapshot.locales?.[locale]) || { version: ctx.snapshot.version!, from: ctx.snapshot.from };
    const compiled = (locale && ctx.compiledIn.get(locale)) || ctx.compiled;
    const unsubscribeUrl = `${base}/api/segmentation/unsubscribe/${signToken(secret, { k: 'unsub', c: String(d.campaign_id), d: d.id })}`;
    return this.send(
      d,
      ctx,
      () => {
        if (!compiled) throw Object.assign(new Error('The mailing has no e-mail template'), { responseCode: 550 });
        return compiled.render(person, { unsubscribeUrl });
      },
      async () => (await this.until(ctx.pacer.slot(), d.campaign_id)) ?? (await this.until(this.global.slot(), d.campaign_id)),
      async (mail) => {
        const info = await sendMail(this.strapi, {
          to: d.email,
          from: part.from ?? ctx.snapshot.from!,
          replyTo: ctx.snapshot.replyTo,
          subject: mail.subject,
          html: trackHtml(mail.html, { base, secret, deliveryId: d.id, campaignId: d.campaign_id, sentAt: Date.now(), unsubscribeUrl }),
          text: mail.text,
          unsubscribeUrl,
          headers: { 'X-UiTPAS-Campaign': String(d.campaign_id), ...getService(this.strapi, 'bounces').headersOf(d.id) },
          messageId: `<d${d.id}.c${d.campaign_id}@uitpas-segmentation>`,
          attachments: ctx.attachments,
          returnPath: getService(this.strapi, 'bounces').returnPathOf(d.id),
        });
        return { kind: 'sent', id: d.id, messageId: info.messageId ?? null, at: Date.now(), version: part.version };
      },
    );
  }

  /** A permanent failure (5xx, or too many attempts) or a retry later with exponential backoff. */
  private failure(d: DeliveryRow, error: unknown): Outcome {
    const message = String((error as Error).message ?? error).slice(0, 500);
    if (isPermanent(error)) return { kind: 'failed', id: d.id, error: message };
    if (d.attempts >= this.opts.maxAttempts) return { kind: 'failed', id: d.id, error: `gave up after ${d.attempts} attempts: ${message}` };
    return { kind: 'retry', id: d.id, error: message, nextAt: Date.now() + this.opts.retryBaseMs * 2 ** (d.attempts - 1) };
  }
}
