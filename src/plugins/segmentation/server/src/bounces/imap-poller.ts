/**
 * The IMAP poller of the bounce mailbox (imapflow): every `pollSeconds` it reads the messages not
 * read before, hands each to the bounces service, and then moves (to `processedMailbox`) or
 * deletes only those it processed as ours — a bounce, complaint or auto-reply that named one of
 * our deliveries. Anything else stays in the mailbox for a person, marked as read so that it is
 * not read again. A message is stored before it is moved, and storing is idempotent (its
 * fingerprint), so a crash between the two reads it once more without counting it twice.
 */
import { ImapFlow } from 'imapflow';
import type { Core } from '@strapi/strapi';
import { pluginConfig } from '../config';
import { getService } from '../services';

export interface PollResult {
  read: number;
  ours: number;
}

export class BouncePoller {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<PollResult> | null = null;
  private stopped = false;

  constructor(private readonly strapi: Core.Strapi) {}

  /** One look into the mailbox (a poll already running is waited for, not doubled). */
  poll(): Promise<PollResult> {
    this.running ??= this.pollOnce().finally(() => (this.running = null));
    return this.running;
  }

  start(): void {
    const { pollSeconds } = pluginConfig(this.strapi).bounces.imap;
    const tick = () => {
      if (this.stopped) return;
      this.poll()
        .catch((error: Error) => this.strapi.log.warn(`[segmentation] bounce mailbox: ${error.message}`))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, pollSeconds * 1000);
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  private async pollOnce(): Promise<PollResult> {
    const config = pluginConfig(this.strapi).bounces.imap;
    const client = new ImapFlow({
      host: config.host,
      port: config.port,
      secure: config.secure,
      auth: { user: config.user, pass: config.password },
      logger: false,
      // A local Dovecot without TLS (tests, demo) offers no STARTTLS upgrade to insist on.
      doSTARTTLS: config.secure ? undefined : false,
    });
    await client.connect();
    const result: PollResult = { read: 0, ours: 0 };
    try {
      const lock = await client.getMailboxLock(config.mailbox);
      try {
        const uids = (await client.search({ seen: false }, { uid: true })) || [];
        const ours: number[] = [];
        const others: number[] = [];
        for (const uid of uids) {
          const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
          if (!message || !message.source) continue;
          result.read += 1;
          const outcome = await getService(this.strapi, 'bounces').ingest(message.source, 'imap');
          (outcome.deliveryId !== null ? ours : others).push(uid);
        }
        if (ours.length) {
          result.ours = ours.length;
          if (config.processedMailbox) {
            await client.mailboxCreate(config.processedMailbox).catch(() => undefined); // exists already
            await client.messageMove(ours.join(','), config.processedMailbox, { uid: true });
          } else await client.messageDelete(ours.join(','), { uid: true });
        }
        if (others.length) await client.messageFlagsAdd(others.join(','), ['\\Seen'], { uid: true });
      } finally {
        lock.release();
      }
    } finally {
      await client.logout().catch(() => undefined);
    }
    return result;
  }
}
