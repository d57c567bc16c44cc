/** HTTP handlers of a mailing's audience (admin routes under /segmentation/campaigns/:documentId/audience). */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { manualChangeSchema } from '../../../shared/audience';
import { channelChangeSchema } from '../../../shared/channels';
import { parseInput } from '../common/errors';
import { scopeOf } from '../common/scope';
import { getService } from '../services';
import { parseReviewQuery } from './mailing-review';

const mailing = (strapi: Core.Strapi) => getService(strapi, 'mailingAudiences');

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async get(ctx: Context) {
    ctx.body = await mailing(strapi).load(ctx.params.documentId, scopeOf(ctx));
  },

  async setSteps(ctx: Context) {
    ctx.body = await mailing(strapi).setSteps(ctx.params.documentId, ctx.request.body, scopeOf(ctx));
  },

  async generate(ctx: Context) {
    ctx.body = await mailing(strapi).generate(ctx.params.documentId, scopeOf(ctx));
  },

  async members(ctx: Context) {
    ctx.body = await mailing(strapi).members(ctx.params.documentId, parseReviewQuery(ctx.query), scopeOf(ctx));
  },

  async adjust(ctx: Context) {
    const change = parseInput(manualChangeSchema, ctx.request.body);
    ctx.body = await mailing(strapi).adjust(ctx.params.documentId, change, scopeOf(ctx), ctx.state.user?.id ?? null);
  },

  async changeChannel(ctx: Context) {
    const change = parseInput(channelChangeSchema, ctx.request.body);
    ctx.body = await mailing(strapi).changeChannel(ctx.params.documentId, change, scopeOf(ctx), ctx.state.user?.id ?? null);
  },

  /** "Send without review": generate the audience and start the send in one go. */
  async sendNow(ctx: Context) {
    await mailing(strapi).generate(ctx.params.documentId, scopeOf(ctx));
    ctx.body = await getService(strapi, 'campaigns').start(ctx.params.documentId, scopeOf(ctx));
  },

  async markDone(ctx: Context) {
    ctx.body = await mailing(strapi).markDone(ctx.params.documentId, scopeOf(ctx));
  },
});
