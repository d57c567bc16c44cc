/** HTTP handlers of a pass holder's routes (content API and admin). */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { scopeOf } from '../common/scope';
import { getService } from '../services';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async search(ctx: Context) {
    ctx.body = { results: await getService(strapi, 'holders').search(ctx.query.q, scopeOf(ctx)) };
  },

  async profile(ctx: Context) {
    ctx.body = await getService(strapi, 'holders').profile(ctx.params.uid, scopeOf(ctx));
  },

  async history(ctx: Context) {
    ctx.body = await getService(strapi, 'holders').history(ctx.params.uid, ctx.query, scopeOf(ctx));
  },
});
