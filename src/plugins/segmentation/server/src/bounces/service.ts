/**
 * The intake of messages that come back (issue 22): `ingest` classifies a returned message
 * (classify.ts), finds the delivery it is about — by the signed per-delivery return path it was
 * sent to (verp.ts) or the DSN's envelope id; without a bounce domain, the returned mail's
 * Message-ID of our own form — keeps it (raw text for `keepRawDays`), and applies the policy (policy.ts), all in one
 * transaction: a message read twice counts once, and a failure halfway leaves nothing half done.
 */
import { createHash } from 'crypto';
import type { Core } from '@strapi/strapi';
import { pluginConfig } from '../config';
import { secretOf } from '../common/secret';
import { deliveryById, deliveryByMessageId, type TrackedDelivery } from '../tracking/queries';
import type { Knex } from 'knex';
import { classify, type Classification, type Report } from './classify';
import { applyBounce } from './policy';
import { insertBounce, purgeRaw, type BounceRow } from './queries';
import { deliveryOfToken, returnPathOf, tokenOfAddress, trackingHeaders, verpToken, type ReturnPath } from './verp';
import type { ProviderNotice } from './providers/types';
import { SnsVerifier } from './providers/ses';

export type BounceSource = 'smtp' | 'imap' | 'ses' | 'sendgrid' | 'postmark' | 'mailgun' | 'webhook';

export interface IngestResult {
  kind: Classification['kind'];
  /** The delivery it named, when it is one of ours. */
  deliveryId: number | null;
  /** false: the same message was taken in before. */
  recorded: boolean;
  effect: 'suppressed' | 'counted' | 'ignored';
}

const DAY = 86_400_000;

/** The row kept of a classified message or notice. */
function rowOf(
  c: Classification,
  delivery: TrackedDelivery | null,
  at: number,
  source: BounceSource,
  fingerprint: string,
  extra: Pick<BounceRow, 'subject' | 'sender' | 'raw'>,
): BounceRow {
  return {
    received_at: at,
    source,
    fingerprint: createHash('sha256').update(fingerprint).digest('hex'),
    kind: c.kind,
    severity: c.kind === 'bounce' ? c.severity : null,
    status: c.kind === 'bounce' || c.kind === 'delayed' || c.kind === 'delivered' ? c.status : null,
    diagnostic: c.kind === 'bounce' ? c.diagnostic : c.kind === 'autoreply' || c.kind === 'unknown' ? c.reason : null,
    recipient: (delivery?.email ?? ('recipient' in c ? c.recipient : null))?.toLowerCase() ?? null,
    delivery_id: delivery?.id ?? null,
    campaign_id: delivery?.campaign_id ?? null,
    ...extra,
  };
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => pluginConfig(strapi).bounces;
  let secret: string | null = null;
  const signingKey = () => (secret ??= secretOf(strapi));
  const returnPath = (): ReturnPath | null => (config().domain ? { prefix: config().prefix, domain: config().domain } : null);

  async function deliveryOf(knex: Knex, report: Report, envelopeTo: string[]): Promise<TrackedDelivery | null> {
    const path = returnPath();
    if (!path) {
      // Without a bounce domain there are no signed return paths: the returned mail's Message-ID
      // (of our own form) is all there is to go on.
      const messageId = report.original['message-id']?.[0];
      return messageId ? deliveryByMessageId(knex, messageId) : null;
    }
    // With one, only a signed token counts: a made-up report cannot suppress anyone.
    const tokens = [...envelopeTo, ...report.addresses].map((a) => tokenOfAddress(path, a));
    for (const token of [...tokens, report.envelopeId]) {
      const id = token ? deliveryOfToken(signingKey(), token) : null;
      if (id) return deliveryById(knex, id);
    }
    return null;
  }

  const sns = new SnsVerifier(
    undefined,
    config()
      .ses.topicArns.split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  );

  const service = {
    /** Verifies SES's SNS messages (its certificate fetcher is replaced in tests: no AWS here). */
    sns,

    /** The headers of a delivery's mail that carry its token to the provider and back. */
    headersOf(deliveryId: number): Record<string, string> {
      return trackingHeaders(verpToken(signingKey(), deliveryId), config().provider);
    },

    /**
     * Takes in what a provider's (authenticated) webhook reported: each notice is found by its
     * token, else by our Message-ID, kept once (its id) and applied, all in one transaction.
     */
    async recordNotices(source: BounceSource, notices: ProviderNotice[], raw: string): Promise<{ received: number; matched: number }> {
      const now = Date.now();
      let matched = 0;
      await strapi.db.connection.transaction(async (trx) => {
        for (const n of notices) {
          const id = n.token ? deliveryOfToken(signingKey(), n.token) : null;
          const delivery = id ? await deliveryById(trx, id) : n.messageId ? await deliveryByMessageId(trx, n.messageId) : null;
          const c = n.classification;
          const recorded = await insertBounce(trx, rowOf(c, delivery, now, source, n.id, { subject: null, sender: null, raw: raw.slice(0, 200_000) }));
          if (!delivery) continue;
          matched += 1;
          if (recorded) await applyBounce(trx, delivery, c, config(), now);
        }
      });
      return { received: notices.length, matched };
    },

    /** The envelope sender of a delivery's mail, or null when no bounce domain is set. */
    returnPathOf(deliveryId: number): string | null {
      const path = returnPath();
      return path ? returnPathOf(path, signingKey(), deliveryId) : null;
    },

    /** Takes in one returned message (raw RFC 5322 bytes) from the SMTP listener or the bounce mailbox. */
    async ingest(raw: Buffer, source: BounceSource, envelopeTo: string[] = []): Promise<IngestResult> {
      const report = await classify(raw);
      const c = report.classification;
      const knex = strapi.db.connection;
      const now = Date.now();
      return knex.transaction(async (trx) => {
        const delivery = await deliveryOf(trx, report, envelopeTo);
        const fingerprint = createHash('sha256').update(raw).digest('hex');
        const recorded = await insertBounce(
          trx,
          rowOf(c, delivery, now, source, fingerprint, { subject: report.subject, sender: report.from, raw: raw.toString('utf8') }),
        );
        const effect = recorded && delivery ? await applyBounce(trx, delivery, c, config(), now) : 'ignored';
        return { kind: c.kind, deliveryId: delivery?.id ?? null, recorded, effect };
      });
    },

    /** Empties the raw text of messages older than `keepRawDays`. */
    async purge(now = Date.now()): Promise<number> {
      return purgeRaw(strapi.db.connection, now - config().keepRawDays * DAY);
    },
  };
  return service;
};
