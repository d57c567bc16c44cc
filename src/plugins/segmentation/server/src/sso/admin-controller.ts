/** The administrators' routes of access requests (routes.ts; Settings → UiTPAS → Toegangsaanvragen). */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { parseInput } from '../common/errors';
import { getService } from '../services';
import { approveBody, listQuery, refuseBody } from '../../../shared/access-requests';

const idParam = z.strictObject({ id: z.coerce.number().int().min(1) });
const decider = (ctx: Context) => (ctx.state.user as { email?: string } | undefined)?.email ?? 'unknown';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const sso = () => getService(strapi, 'sso');
  return {
    /** The requests (newest first), and the roles and card systems an approval chooses from. */
    async list(ctx: Context) {
      const { status } = parseInput(listQuery, ctx.query, 'query');
      const [results, roles, cardSystems] = await Promise.all([
        sso().list(status),
        strapi.db.query('admin::role').findMany({ select: ['id', 'name', 'code'], orderBy: { name: 'asc' } }),
        getService(strapi, 'access').choices(null),
      ]);
      ctx.body = { results, roles, cardSystems };
    },

    async approve(ctx: Context) {
      const { id } = parseInput(idParam, ctx.params, 'path');
      ctx.body = await sso().approve(id, parseInput(approveBody, ctx.request.body, 'request'), decider(ctx));
    },

    async refuse(ctx: Context) {
      const { id } = parseInput(idParam, ctx.params, 'path');
      const { reason } = parseInput(refuseBody, ctx.request.body, 'request');
      ctx.body = await sso().refuse(id, reason, decider(ctx));
    },
  };
};
