/**
 * Who works for which card systems, and so the scope of each request (common/scope.ts).
 * - Admin users: super admins and the Administrator role see every card system; anyone else sees
 *   the card systems an administrator linked them to (none until then).
 * - API tokens: unrestricted unless an administrator binds them to card systems.
 * - Any other caller (e.g. a users-permissions login) sees no one.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import type { Scope } from '../common/scope';
import * as q from './queries';
import type { AdminUserRow, ApiTokenRow } from '../../../shared/access';

export const SUPER_ADMIN_CODE = 'strapi-super-admin';
export const ADMINISTRATOR_CODE = 'segmentation-administrator';

type Roles = { roles?: { code?: string }[] } | undefined;

export const isAdministrator = (user: Roles): boolean => (user?.roles ?? []).some((r) => r.code === SUPER_ADMIN_CODE || r.code === ADMINISTRATOR_CODE);

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const service = {
    /** The scope of a request, from its authentication (admin JWT or API token). */
    async scopeOf(ctx: Pick<Context, 'state'>): Promise<Scope> {
      const auth = ctx.state.auth as { strategy?: { name?: string }; credentials?: { id?: number } } | undefined;
      const strategy = auth?.strategy?.name;
      if (strategy === 'admin') {
        const user = ctx.state.user as (Roles & { id: number }) | undefined;
        if (!user) return [];
        return isAdministrator(user) ? null : q.cardSystemsOf(knex(), 'user', user.id);
      }
      if (strategy === 'content-api-token' && auth?.credentials?.id !== undefined) {
        const bound = await q.cardSystemsOf(knex(), 'token', auth.credentials.id);
        return bound.length ? bound : null;
      }
      return [];
    },

    /** Links a user or token to card systems (replacing earlier links); every key must exist. */
    async link(type: q.Subject, id: number, keys: string[]): Promise<string[]> {
      const wanted = [...new Set(keys)].sort();
      const known = new Set((await q.knownCardSystems(knex())).map((c) => c.key));
      const unknown = wanted.map((k, i) => ({ k, i })).filter(({ k }) => !known.has(k));
      if (unknown.length) {
        throw new errors.ValidationError(`Unknown card system ${unknown.map((u) => `'${u.k}'`).join(', ')}`, {
          errors: unknown.map((u) => ({ path: ['cardSystems', keys.indexOf(u.k)], message: `Unknown card system '${u.k}'`, name: 'ValidationError' })),
        });
      }
      const table = type === 'user' ? 'admin::user' : 'admin::api-token';
      if (!(await strapi.db.query(table).findOne({ where: { id }, select: ['id'] })))
        throw new errors.NotFoundError(`${type === 'user' ? 'User' : 'API token'} ${id} not found`);
      await q.setCardSystems(knex(), type, id, wanted);
      return wanted;
    },

    /** Users (with roles) and API tokens with their card systems, and the card systems to choose from. */
    async overview() {
      const [users, tokens, userLinks, tokenLinks, cardSystems] = await Promise.all([
        strapi.db.query('admin::user').findMany({
          select: ['id', 'firstname', 'lastname', 'email', 'isActive'],
          populate: { roles: { select: ['id', 'name', 'code'] } },
          orderBy: { email: 'asc' },
        }),
        strapi.db.query('admin::api-token').findMany({ select: ['id', 'name', 'type', 'description'], orderBy: { name: 'asc' } }),
        q.allCardSystems(knex(), 'user'),
        q.allCardSystems(knex(), 'token'),
        q.knownCardSystems(knex()),
      ]);
      return {
        cardSystems,
        users: (users as AdminUserRow[]).map((u) => ({ ...u, administrator: isAdministrator(u), cardSystems: userLinks.get(u.id) ?? [] })),
        tokens: (tokens as ApiTokenRow[]).map((t) => ({ ...t, cardSystems: tokenLinks.get(t.id) ?? [] })),
      };
    },

    /** The card systems a caller may choose from (all for full scope), with names. */
    async choices(scope: Scope) {
      const all = await q.knownCardSystems(knex());
      return scope === null ? all : all.filter((c) => scope.includes(c.key));
    },
  };
  return service;
};
