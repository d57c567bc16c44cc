/** Admin routes of bounces: the Bounces page, one message with its raw text, lifting a suppression. */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { scopeOf } from '../common/scope';
import { getService } from '../services';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Context) {
    ctx.body = await getService(strapi, 'bounces').list(ctx.query, scopeOf(ctx));
  },
  async find(ctx: Context) {
    ctx.body = await getService(strapi, 'bounces').find(ctx.params.id, scopeOf(ctx));
  },
  async lift(ctx: Context) {
    ctx.body = await getService(strapi, 'bounces').lift(ctx.request.body);
  },
});
