/**
 * Admin-panel API of campaigns (routes in ../routes.ts, each behind an RBAC action): CRUD of
 * drafts, the confirmation before sending, send / pause / resume / cancel, progress.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { parseInput, validationError } from '../common/errors';
import { canSee, partnerFor, scopeOf, visibleFilter, type Scope } from '../common/scope';
import { CAMPAIGN_UID } from './service';

const campaigns = (strapi: Core.Strapi) => strapi.plugin('segmentation').service('campaigns');
const documents = (strapi: Core.Strapi) => strapi.documents(CAMPAIGN_UID as any);

export const campaignInput = z.strictObject({
  name: z.string().trim().min(1, 'A name is required').max(255),
  segment: z.string().min(1).max(64).nullable().optional(),
  template: z.string().min(1).max(64).nullable().optional(),
  scheduledAt: z.iso.datetime({ offset: true }).nullable().optional(),
  holdoutPercent: z.number().int().min(0).max(50).optional(),
  rate: z.number().int().min(1).max(10_000).nullable().optional(),
  recentDays: z.number().int().min(0).max(365).optional(),
  cardSystem: z.string().min(1).max(255).nullable().optional(),
});

const parse = <T>(schema: z.ZodType<T>, input: unknown): T => parseInput(schema, input, 'campaign');

const LIST_POPULATE = { segment: { fields: ['name'] }, template: { fields: ['name', 'subject'] }, owner: { fields: ['firstname', 'lastname'] } } as const;

/**
 * The campaign's partner: its segment's card system when the segment has one (a campaign mails
 * that partner's holders), else the one asked for or the caller's own. Segment and template must
 * be ones the caller may see, and of the same partner (or programme-wide).
 */
async function partnerOf(strapi: Core.Strapi, scope: Scope, data: z.infer<typeof campaignInput>, current: string | null = null): Promise<string | null> {
  const find = async (uid: string, documentId: string | null | undefined, field: 'segment' | 'template') => {
    if (!documentId) return null;
    const doc = (await strapi.documents(uid as any).findOne({ documentId, fields: ['cardSystem'] } as any)) as { cardSystem?: string | null } | null;
    if (!doc || !canSee(scope, doc.cardSystem ?? null)) throw validationError(`Unknown ${field} '${documentId}'`, [{ path: [field], message: `No ${field} '${documentId}' that you may use` }]);
    return doc.cardSystem ?? null;
  };
  const segmentPartner = await find('plugin::segmentation.segment', data.segment, 'segment');
  const templatePartner = await find('plugin::segmentation.mail-template', data.template, 'template');
  const partner = segmentPartner ?? (data.cardSystem !== undefined || current === null ? partnerFor(scope, data.cardSystem ?? null) : current);
  if (templatePartner && partner && templatePartner !== partner) {
    throw validationError(`The template belongs to card system '${templatePartner}', the mailing to '${partner}'`, [{ path: ['template'], message: 'Choose a template of the same card system' }]);
  }
  return partner;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Context) {
    const bySegment = typeof ctx.query.segment === 'string' ? { segment: { documentId: ctx.query.segment } } : {};
    const filters = { ...bySegment, ...visibleFilter(scopeOf(ctx)) };
    ctx.body = { results: await documents(strapi).findMany({ filters, sort: { updatedAt: 'desc' }, limit: 200, populate: LIST_POPULATE } as any) };
  },

  async findOne(ctx: Context) {
    ctx.body = await campaigns(strapi).load(ctx.params.documentId, scopeOf(ctx));
  },

  async create(ctx: Context) {
    const data = parse(campaignInput, ctx.request.body);
    const cardSystem = await partnerOf(strapi, scopeOf(ctx), data);
    ctx.body = await documents(strapi).create({ data: { ...data, cardSystem, status: data.scheduledAt ? 'scheduled' : 'draft', owner: ctx.state.user?.id } as any, populate: LIST_POPULATE } as any);
  },

  async update(ctx: Context) {
    const data = parse(campaignInput, ctx.request.body);
    const c = await campaigns(strapi).load(ctx.params.documentId, scopeOf(ctx));
    if (!['draft', 'scheduled'].includes(c.status)) throw new errors.ApplicationError(`A ${c.status} campaign cannot be edited`);
    const cardSystem = await partnerOf(strapi, scopeOf(ctx), data, c.cardSystem ?? null);
    ctx.body = await documents(strapi).update({ documentId: c.documentId, data: { ...data, cardSystem, status: data.scheduledAt ? 'scheduled' : 'draft' } as any, populate: LIST_POPULATE } as any);
  },

  async confirmation(ctx: Context) {
    ctx.body = await campaigns(strapi).confirmation(ctx.params.documentId, scopeOf(ctx));
  },

  async send(ctx: Context) {
    ctx.body = await campaigns(strapi).start(ctx.params.documentId, scopeOf(ctx));
  },
  async pause(ctx: Context) {
    ctx.body = await campaigns(strapi).pause(ctx.params.documentId, scopeOf(ctx));
  },
  async resume(ctx: Context) {
    ctx.body = await campaigns(strapi).resume(ctx.params.documentId, scopeOf(ctx));
  },
  async cancel(ctx: Context) {
    ctx.body = await campaigns(strapi).cancel(ctx.params.documentId, scopeOf(ctx));
  },
  async progress(ctx: Context) {
    ctx.body = await campaigns(strapi).progress(ctx.params.documentId, scopeOf(ctx));
  },
});
