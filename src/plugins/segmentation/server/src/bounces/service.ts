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
import { getService } from '../services';
import { secretOf } from '../common/secret';
import { deliveryById, deliveryByMessageId, type TrackedDelivery } from '../tracking/queries';
import type { Knex } from 'knex';
import { classify, type Classification, type Report } from './classify';
import { applyBounce } from './policy';
import { bounceWithRaw, insertBounce, liftSuppressions, listBounces, purgeRaw, suppressionReasons, type BounceRow } from './queries';
import { suppressedAddresses } from '../channels/queries';
import { bounceQuerySchema, liftSchema, LIFTABLE_REASONS, type BounceItem } from '../../../shared/bounces';
import { parseInput, validationError } from '../common/errors';
import type { Scope } from '../common/scope';
import { errors } from '@strapi/utils';
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

function itemOf(r: Record<string, unknown>, suppressed: Set<string>): BounceItem {
  const recipient = (r.recipient as string | null) ?? null;
  return {
    id: Number(r.id),
    receivedAt: new Date(Number(r.received_at)).toISOString(),
    source: String(r.source),
    kind: String(r.kind),
    severity: (r.severity as string | null) ?? null,
    status: (r.status as string | null) ?? null,
    diagnostic: (r.diagnostic as string | null) ?? null,
    recipient,
    campaign: r.campaign_document_id ? { documentId: String(r.campaign_document_id), name: String(r.campaign_name ?? '') } : null,
    subject: (r.subject as string | null) ?? null,
    suppressed: recipient !== null && suppressed.has(recipient),
  };
}

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

    /** The Bounces page: what came back for the caller's mailings, newest first. */
    async list(query: unknown, scope: Scope): Promise<{ items: BounceItem[]; total: number; page: number; pageSize: number }> {
      const q = parseInput(bounceQuerySchema, query, 'query');
      const knex = strapi.db.connection;
      let campaignId: number | undefined;
      if (q.campaign) {
        const row = await knex('seg_campaigns').where({ document_id: q.campaign }).first('id');
        campaignId = row ? Number(row.id) : -1;
      }
      const { total, rows } = await listBounces(knex, { scope, campaignId, kind: q.kind, severity: q.severity, source: q.source, q: q.q }, q.page, q.pageSize);
      const suppressed = await suppressedAddresses(knex, rows.map((r) => String(r.recipient ?? '')).filter(Boolean));
      return { items: rows.map((r) => itemOf(r, suppressed)), total, page: q.page, pageSize: q.pageSize };
    },

    /** One message that came back, with its raw text while it is kept; another partner's: 404. */
    async find(id: unknown, scope: Scope): Promise<BounceItem & { raw: string | null; sender: string | null }> {
      const n = Number(id);
      const row = Number.isSafeInteger(n) && n > 0 ? await bounceWithRaw(strapi.db.connection, n, scope) : undefined;
      if (!row) throw new errors.NotFoundError('No such bounce message');
      const suppressed = await suppressedAddresses(strapi.db.connection, row.recipient ? [String(row.recipient)] : []);
      return { ...itemOf(row, suppressed), raw: (row.raw as string | null) ?? null, sender: (row.sender as string | null) ?? null };
    },

    /**
     * Lets an address be mailed again (an administrator, with a reason; in the audit log). Only
     * bounce and complaint suppressions are lifted: an unsubscribe or an SMS STOP is the holder's.
     */
    async lift(body: unknown): Promise<{ email: string; lifted: string[]; kept: string[] }> {
      const input = parseInput(liftSchema, body);
      const knex = strapi.db.connection;
      const lifted = await knex.transaction((trx) => liftSuppressions(trx, input.email, LIFTABLE_REASONS));
      const kept = await suppressionReasons(knex, input.email);
      if (lifted.length === 0) {
        const why = kept.length ? `Only the holder can undo ${kept.join(' and ')}` : 'This address is not suppressed';
        throw validationError(why, [{ path: ['email'], message: why }]);
      }
      const [local, domain] = input.email.split('@');
      await getService(strapi, 'audit').record({
        action: 'suppression.lift',
        // Not the address itself in the append-only log: enough to recognise it, not to read it.
        subject: {
          type: 'address',
          id: createHash('sha256').update(input.email).digest('hex').slice(0, 16),
          label: `${(local ?? '').slice(0, 1)}…@${domain ?? ''}`,
        },
        details: { reasons: lifted, why: input.reason },
      });
      return { email: input.email, lifted, kept };
    },

    /** Empties the raw text of messages older than `keepRawDays`. */
    async purge(now = Date.now()): Promise<number> {
      return purgeRaw(strapi.db.connection, now - config().keepRawDays * DAY);
    },
  };
  return service;
};
