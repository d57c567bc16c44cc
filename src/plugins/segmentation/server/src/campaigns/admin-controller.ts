/**
 * Admin-panel API of campaigns (routes in ../routes.ts, each behind an RBAC action): CRUD of
 * drafts, the confirmation before sending, send / pause / resume / cancel, progress.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { parseInput } from '../common/errors';
import { scopeOf } from '../common/scope';
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
});

const parse = <T>(schema: z.ZodType<T>, input: unknown): T => parseInput(schema, input, 'campaign');

const LIST_POPULATE = { segment: { fields: ['name'] }, template: { fields: ['name', 'subject'] }, owner: { fields: ['firstname', 'lastname'] } } as const;

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Context) {
    const filters = typeof ctx.query.segment === 'string' ? { segment: { documentId: ctx.query.segment } } : {};
    ctx.body = { results: await documents(strapi).findMany({ filters, sort: { updatedAt: 'desc' }, limit: 200, populate: LIST_POPULATE } as any) };
  },

  async findOne(ctx: Context) {
    ctx.body = await campaigns(strapi).load(ctx.params.documentId);
  },

  async create(ctx: Context) {
    const data = parse(campaignInput, ctx.request.body);
    ctx.body = await documents(strapi).create({ data: { ...data, status: data.scheduledAt ? 'scheduled' : 'draft', owner: ctx.state.user?.id } as any, populate: LIST_POPULATE } as any);
  },

  async update(ctx: Context) {
    const data = parse(campaignInput, ctx.request.body);
    const c = await campaigns(strapi).load(ctx.params.documentId);
    if (!['draft', 'scheduled'].includes(c.status)) throw new errors.ApplicationError(`A ${c.status} campaign cannot be edited`);
    ctx.body = await documents(strapi).update({ documentId: c.documentId, data: { ...data, status: data.scheduledAt ? 'scheduled' : 'draft' } as any, populate: LIST_POPULATE } as any);
  },

  async confirmation(ctx: Context) {
    ctx.body = await campaigns(strapi).confirmation(ctx.params.documentId, scopeOf(ctx));
  },

  async send(ctx: Context) {
    ctx.body = await campaigns(strapi).start(ctx.params.documentId, scopeOf(ctx));
  },
  async pause(ctx: Context) {
    ctx.body = await campaigns(strapi).pause(ctx.params.documentId);
  },
  async resume(ctx: Context) {
    ctx.body = await campaigns(strapi).resume(ctx.params.documentId);
  },
  async cancel(ctx: Context) {
    ctx.body = await campaigns(strapi).cancel(ctx.params.documentId);
  },
  async progress(ctx: Context) {
    ctx.body = await campaigns(strapi).progress(ctx.params.documentId);
  },
});
