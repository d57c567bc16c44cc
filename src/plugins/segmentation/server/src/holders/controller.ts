/** HTTP handlers of a pass holder's routes (content API and admin). */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { scopeOf } from '../common/scope';
import { getService } from '../services';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async history(ctx: Context) {
    ctx.body = await getService(strapi, 'holders').history(ctx.params.uid, ctx.query, scopeOf(ctx));
  },
});
