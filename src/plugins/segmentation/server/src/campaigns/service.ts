/**
 * Campaigns: create and edit (the campaign's partner; only while editable), the confirmation
 * before sending (recipients, exclusions and why, recently mailed), the start of a send
 * (idempotent: the status moves draft/scheduled -> sending once, and in the same transaction the
 * recipient list is snapshotted), pause, resume, cancel and progress. The statuses and their moves
 * are shared/campaign-lifecycle.ts.
 */
import type { Core, UID } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { conflictError, validationError } from '../common/errors';
import { audienceVersion } from '../audiences/mailing-queries';
import { chooseRecipients } from './recipients';
import { acceptedSince, cancelQueued, insertDeliveries, recentlyMailed, statusCounts, transition } from './queries';
import {
  allows,
  isEditable,
  statusOnSave,
  DELIVERY,
  DELIVERY_ACCEPTED,
  DELIVERY_OPEN,
  STATUS,
  TRANSITIONS,
  type CampaignAction,
} from '../../../shared/campaign-lifecycle';
import type { CampaignInput } from './input';
import { canSee, narrow, partnerFor, type Scope } from '../common/scope';
import type { Actor } from '../partners/audit';
import { schedulerOf } from './schedule';
import { splitByChannel } from './channels';
import { snapshotOf, type Snapshot } from './snapshot';
import { withMessageText } from '../events/message-text';
import { mailingChannelOf } from '../../../shared/channels';
import { phoneRegion } from '../audiences/mailing-channels';
import { getService } from '../services';
import { scopedDocuments, type Populate } from '../common/scoped-documents';

export const CAMPAIGN_UID = 'plugin::segmentation.campaign';
const DAY = 86_400_000;

const TEMPLATE_POPULATE = { populate: { image: true, sender: true, attachments: true } };
const POPULATE = {
  segment: true,
  template: TEMPLATE_POPULATE,
  letterTemplate: TEMPLATE_POPULATE,
  smsTemplate: TEMPLATE_POPULATE,
  owner: { fields: ['firstname', 'lastname'] },
} satisfies Populate;
/** What the list and the answers to create / update hold of the relations. */
const LIST_POPULATE = {
  segment: { fields: ['name'] },
  template: { fields: ['name', 'subject'] },
  letterTemplate: { fields: ['name', 'subject'] },
  smsTemplate: { fields: ['name'] },
  owner: { fields: ['firstname', 'lastname'] },
} satisfies Populate;

/**
 * The campaign's partner: its segment's card system when the segment has one (a campaign mails
 * that partner's holders), else the one asked for or the caller's own (`current`: the partner it
 * has, kept unless another is asked for). Segment and template must be ones the caller may see,
 * and of the same partner (or programme-wide).
 */
async function partnerOf(strapi: Core.Strapi, scope: Scope, data: CampaignInput, current: string | null = null): Promise<string | null> {
  const find = async (uid: UID.ContentType, documentId: string | null | undefined, field: 'segment' | 'template' | 'letterTemplate' | 'smsTemplate') => {
    if (!documentId) return null;
    // A template may have no entry in the default locale (any of its localisations has the partner).
    const doc = (
      uid === 'plugin::segmentation.mail-template'
        ? await strapi.db.query(uid).findOne({ where: { documentId }, select: ['cardSystem'] })
        : await strapi.documents(uid).findOne({ documentId, fields: ['cardSystem'] })
    ) as { cardSystem?: string | null } | null;
    if (!doc || !canSee(scope, doc.cardSystem ?? null))
      throw validationError(`Unknown ${field} '${documentId}'`, [{ path: [field], message: `No ${field} '${documentId}' that you may use` }]);
    return doc.cardSystem ?? null;
  };
  const segmentPartner = await find('plugin::segmentation.segment', data.segment, 'segment');
  const partner = segmentPartner ?? (data.cardSystem !== undefined || current === null ? partnerFor(scope, data.cardSystem ?? null) : current);
  for (const field of ['template', 'letterTemplate', 'smsTemplate'] as const) {
    const templatePartner = await find('plugin::segmentation.mail-template', data[field], field);
    if (templatePartner && partner && templatePartner !== partner) {
      throw validationError(`The template belongs to card system '${templatePartner}', the mailing to '${partner}'`, [
        { path: [field], message: 'Choose a template of the same card system' },
      ]);
    }
  }
  return partner;
}

/**
 * Makes `action`'s move on campaign `c` (as loaded before): true when this call moved it, false when
 * it already was where the action leads (a repeated click); refused in any other status.
 */
async function act(db: Knex, c: { id: number; status: string }, action: CampaignAction, extra: Record<string, unknown> = {}): Promise<boolean> {
  if (await transition(db, c.id, action, extra)) return true;
  if (c.status === TRANSITIONS[action].to) return false;
  throw new errors.ApplicationError(`A ${c.status} campaign cannot be ${TRANSITIONS[action].done}`);
}

/**
 * A campaign as the document service gives it, with its populated relations. Strapi types a
 * document's fields from generated content-type types, which this project does not generate.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above: no generated content-type types
type Campaign = any;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const documents = () => strapi.documents(CAMPAIGN_UID);
  const records = scopedDocuments(strapi, { uid: CAMPAIGN_UID, what: 'Campaign', populate: LIST_POPULATE });

  const service = {
    /** The campaigns the caller may see (those of one segment, when given), most recently changed first. */
    async list(scope: Scope, segment?: string) {
      return (await records.list(scope, { pageSize: 200, filters: segment !== undefined ? { segment: { documentId: segment } } : {} })).results;
    },

    /** A new campaign of `owner`: a draft, or scheduled when it has a time (schedule.ts checks the right to). */
    async create(data: CampaignInput, scope: Scope, owner: number | undefined): Promise<Campaign> {
      const cardSystem = await partnerOf(strapi, scope, data);
      return documents().create({ data: { ...data, cardSystem, status: statusOnSave(data.scheduledAt), owner } as Campaign, populate: LIST_POPULATE });
    },

    /** Changes a campaign the caller may see, while it may still be edited (nothing sent yet). */
    async update(documentId: string, data: CampaignInput, scope: Scope): Promise<Campaign> {
      const c = await service.load(documentId, scope);
      if (!isEditable(c.status)) throw new errors.ApplicationError(`A ${c.status} campaign cannot be edited`);
      const cardSystem = await partnerOf(strapi, scope, data, c.cardSystem ?? null);
      return documents().update({
        documentId: c.documentId,
        data: { ...data, cardSystem, status: statusOnSave(data.scheduledAt) } as Campaign,
        populate: LIST_POPULATE,
      });
    },

    /** A campaign the caller may see (another partner's is "not found"); no scope: internal callers. */
    async load(documentId: string, scope?: Scope): Promise<Campaign> {
      if (scope !== undefined) return records.find(documentId, scope, POPULATE);
      const campaign = await documents().findOne({ documentId, populate: POPULATE });
      if (!campaign) throw new errors.NotFoundError('Campaign not found');
      return campaign;
    },

    /**
     * Recipients after exclusions, with the reasons, for the campaign's segment: evaluated in the
     * caller's scope narrowed to the campaign's (and segment's) partner, which the send then keeps.
     */
    async audience(campaign: Campaign, scope: Scope) {
      const segments = getService(strapi, 'segments');
      // A generated audience of steps (audiences/mailing.ts), else the segment's holders now.
      const mailing = mailingChannelOf(campaign.channel);
      const fixed = await getService(strapi, 'mailingAudiences').forSend(campaign.id, mailing);
      let ids: number[];
      let codes: Uint8Array | null = null;
      if (fixed) {
        scope = narrow(scope, campaign.cardSystem);
        const inScope = await segments.engine().scopeSet(scope);
        const kept = fixed.ids.map((h, i) => i).filter((i) => inScope[fixed.ids[i]!]);
        ids = kept.map((i) => fixed.ids[i]!);
        codes = Uint8Array.from(kept, (i) => fixed.channels[i]!);
      } else {
        if (!campaign.segment) throw validationError('Choose a segment first', [{ path: ['segment'], message: 'A campaign needs a segment' }]);
        const saved = await segments.parseSaved(campaign.segment.documentId, {}, narrow(scope, campaign.cardSystem));
        scope = saved.scope as Scope;
        ids = await segments.engine().members(saved.definition, { scope });
      }
      const split = await splitByChannel(knex(), ids, codes, mailing, phoneRegion(strapi));
      const days = campaign.recentDays ?? 21;
      const recentIds = await recentlyMailed(knex(), split.email, Date.now() - days * DAY, campaign.id);
      const leaveOut = campaign.excludeRecentlyMailed === true;
      const recipients = await chooseRecipients(
        knex(),
        campaign.id,
        split.email,
        campaign.holdoutPercent ?? 0,
        leaveOut ? recentIds : undefined,
        campaign.consentRule === 'message' ? 'message' : 'channel',
      );
      recipients.selected = ids.length;
      // Left out: how many were; else how many of the recipients are (the confirmation's warning).
      const recent = leaveOut ? (recipients.excluded.recentlyMailed ?? 0) : recipients.send.filter((r) => recentIds.has(r.holder_id)).length;
      return { recipients, recent, days, scope, version: fixed?.version ?? null, split };
    },

    async confirmation(documentId: string, scope: Scope) {
      const campaign = await service.load(documentId, scope);
      const { recipients, recent, days, split } = await service.audience(campaign, scope);
      return {
        channel: mailingChannelOf(campaign.channel),
        channels: { ...split.counts, email: recipients.send.length, sms: split.sms.length, post: split.post.length, smsDuplicates: split.smsDuplicates },
        selected: recipients.selected,
        recipients: recipients.send.length,
        holdout: recipients.holdout.length,
        excluded: recipients.excluded,
        recentlyMailed: { days, holders: recent },
      };
    },

    /**
     * The confirmation's "leave them out" (or take them back): stored on the campaign, which the
     * send then applies; only while the campaign may still be edited. Answers the new confirmation.
     */
    async leaveOutRecent(documentId: string, exclude: boolean, scope: Scope) {
      const c = await service.load(documentId, scope);
      if (!isEditable(c.status)) throw new errors.ApplicationError(`A ${c.status} campaign cannot be edited`);
      await strapi.db.query(CAMPAIGN_UID).update({ where: { id: c.id }, data: { excludeRecentlyMailed: exclude } });
      return service.confirmation(documentId, scope);
    },

    /** What the send uses of each channel's template; refuses an invalid template or an unapproved sender. */
    snapshot: async (campaign: Campaign, scope: Scope): Promise<Snapshot> => withMessageText(await snapshotOf(strapi, campaign, scope), campaign.messageValues),

    /**
     * Starts the send. Idempotent: double clicks, two admins, two instances or a lifecycle firing
     * twice start one send — the status moves to `sending` once (compare-and-set), and the
     * recipients are written in the same transaction, so a crash leaves all or nothing.
     * `actor`: who the audit log names when not the caller (a scheduled start: who scheduled it).
     */
    async start(documentId: string, scope: Scope, actor?: Actor): Promise<Campaign> {
      const campaign = await service.load(documentId, scope);
      if (!allows('start', campaign.status)) return campaign;
      const audience = await service.audience(campaign, scope);
      const { recipients } = audience;
      const snapshot = await service.snapshot(campaign, audience.scope);
      const { split } = audience;
      if (recipients.send.length + split.sms.length + split.post.length === 0)
        throw validationError('Nobody to send to after exclusions', [{ path: ['segment'], message: 'No recipients after exclusions' }]);
      const started = await knex().transaction(async (trx) => {
        const won = await transition(trx, campaign.id, 'start', {
          started_at: new Date(),
          total: recipients.send.length + split.sms.length + split.post.length,
          holdout: recipients.holdout.length,
          excluded: JSON.stringify(recipients.excluded),
          snapshot: JSON.stringify(snapshot),
          last_error: null,
        });
        if (!won) return false; // someone else started it meanwhile
        // The audience was generated again between reading it and starting: start from the new one.
        if (audience.version !== null && (await audienceVersion(trx, campaign.id)) !== audience.version)
          throw conflictError('The audience was generated again meanwhile; review it and send again', [
            { path: ['audience'], message: 'The audience changed while the send started' },
          ]);
        const row = (r: { holder_id: number; uid: string; email: string }, status: typeof DELIVERY.queued | typeof DELIVERY.holdout) => ({
          campaign_id: campaign.id,
          ...r,
          status,
        });
        await insertDeliveries(trx, [...recipients.send.map((r) => row(r, DELIVERY.queued)), ...recipients.holdout.map((r) => row(r, DELIVERY.holdout))]);
        // SMS go through the same outbox; a letter is produced with the mailing's letters from the start.
        await insertDeliveries(
          trx,
          split.sms.map((r) => ({ campaign_id: campaign.id, ...r, email: '', channel: 'sms', status: DELIVERY.queued })),
        );
        const now = Date.now();
        await insertDeliveries(
          trx,
          split.post.map((r) => ({ campaign_id: campaign.id, ...r, email: '', channel: 'post', status: DELIVERY.sent, sent_at: now })),
        );
        return true;
      });
      if (started) {
        await getService(strapi, 'audit').record(
          {
            action: 'campaign.send',
            subject: { type: 'campaign', id: documentId, label: campaign.name },
            rows: recipients.send.length,
            details: { segment: campaign.segment?.documentId ?? null, holdout: recipients.holdout.length, cardSystems: audience.scope },
          },
          actor,
        );
      }
      getService(strapi, 'worker')?.wake?.();
      return service.load(documentId);
    },

    /**
     * A due scheduled campaign, started by the worker in the name of who scheduled it; refused
     * (an error: the worker marks it failed) when that person may no longer send. A campaign
     * scheduled without a person (an internal save) starts as the system.
     */
    async startScheduled(documentId: string): Promise<Campaign> {
      const row = (await strapi.db.query(CAMPAIGN_UID).findOne({ where: { documentId }, populate: { scheduledBy: { select: ['id'] } } })) as {
        scheduledBy?: { id: number } | null;
      } | null;
      if (!row?.scheduledBy) return service.start(documentId, null);
      const scheduler = await schedulerOf(strapi, row.scheduledBy.id);
      if (!scheduler.maySend) throw new errors.ForbiddenError(`Not sent: ${scheduler.actor.label}, who scheduled it, may no longer send campaigns`);
      return service.start(documentId, null, scheduler.actor);
    },

    async pause(documentId: string, scope?: Scope) {
      const c = await service.load(documentId, scope);
      await act(knex(), c, 'pause');
      return service.load(documentId);
    },

    async resume(documentId: string, scope?: Scope) {
      const c = await service.load(documentId, scope);
      await act(knex(), c, 'resume', { last_error: null });
      getService(strapi, 'worker')?.wake?.();
      return service.load(documentId);
    },

    async cancel(documentId: string, scope?: Scope) {
      const c = await service.load(documentId, scope);
      const cancelled = await knex().transaction(
        async (trx) => (await act(trx, c, 'cancel', { finished_at: new Date() })) && (await cancelQueued(trx, c.id), true),
      );
      // A draft never was going anywhere: cancelling it is not worth an audit entry.
      if (cancelled && c.status !== STATUS.draft)
        await getService(strapi, 'audit').record({ action: 'campaign.cancel', subject: { type: 'campaign', id: documentId, label: c.name } });
      return service.load(documentId);
    },

    /** Sent / total, rate over the last minute, ETA, errors. */
    async progress(documentId: string, scope?: Scope) {
      const c = await service.load(documentId, scope);
      const counts = await statusCounts(knex(), c.id);
      // Rate over the last minute of sending (or since the start, in the first minute).
      const window = Math.min(60_000, Math.max(1_000, Date.now() - (c.startedAt ? new Date(c.startedAt).getTime() : Date.now())));
      const since = Date.now() - window;
      const recent = await acceptedSince(knex(), c.id, since);
      const count = (statuses: readonly string[]) => statuses.reduce((n, s) => n + (counts[s] ?? 0), 0);
      const left = count(DELIVERY_OPEN);
      const rate = recent / (window / 1000);
      const done = count([...DELIVERY_ACCEPTED, DELIVERY.failed]);
      return {
        status: c.status,
        total: c.total ?? 0,
        // Accepted by the SMTP server, as in the statistics: a later bounce is still a sent mail.
        sent: count(DELIVERY_ACCEPTED),
        bounced: counts.bounced ?? 0,
        failed: counts.failed ?? 0,
        cancelled: counts.cancelled ?? 0,
        queued: left,
        done,
        ratePerSecond: Math.round(rate * 10) / 10,
        etaSeconds: rate > 0 && left > 0 ? Math.ceil(left / rate) : null,
        lastError: c.lastError ?? null,
      };
    },
  };
  return service;
};
