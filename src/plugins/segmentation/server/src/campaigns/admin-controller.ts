/**
 * Admin-panel API of campaigns (routes in ../routes.ts, each behind an RBAC action): CRUD of
 * drafts, the confirmation before sending, send / pause / resume / cancel, progress. The rules
 * (partner, scope, what may still be edited) are the campaigns service's.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { parseInput } from '../common/errors';
import { scopeOf } from '../common/scope';
import { campaignInput, recentChoice } from './input';
import { getService } from '../services';
import { subjectSample } from './subject';

const campaigns = (strapi: Core.Strapi) => getService(strapi, 'campaigns');
const input = (ctx: Context) => parseInput(campaignInput, ctx.request.body, 'campaign');

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Context) {
    const segment = typeof ctx.query.segment === 'string' ? ctx.query.segment : undefined;
    ctx.body = { results: await campaigns(strapi).list(scopeOf(ctx), segment) };
  },

  /** `?template=<documentId>` and/or `?campaign=<documentId>` (its template): the subject as a sample holder reads it. */
  async subject(ctx: Context) {
    const q = (k: string) => (typeof ctx.query[k] === 'string' ? (ctx.query[k] as string) : undefined);
    ctx.body = await subjectSample(strapi, { template: q('template'), campaign: q('campaign') }, scopeOf(ctx));
  },

  async findOne(ctx: Context) {
    ctx.body = await campaigns(strapi).load(ctx.params.documentId, scopeOf(ctx));
  },

  async create(ctx: Context) {
    ctx.body = await campaigns(strapi).create(input(ctx), scopeOf(ctx), ctx.state.user?.id);
  },

  async update(ctx: Context) {
    ctx.body = await campaigns(strapi).update(ctx.params.documentId, input(ctx), scopeOf(ctx));
  },

  async confirmation(ctx: Context) {
    ctx.body = await campaigns(strapi).confirmation(ctx.params.documentId, scopeOf(ctx));
  },

  async leaveOutRecent(ctx: Context) {
    const exclude = parseInput(recentChoice, ctx.request.body, 'campaign').exclude;
    ctx.body = await campaigns(strapi).leaveOutRecent(ctx.params.documentId, exclude, scopeOf(ctx));
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
