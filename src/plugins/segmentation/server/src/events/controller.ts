/** HTTP handlers of the event-message routes (content API and admin); the rules are in service.ts. */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { scopeOf } from '../common/scope';
import { getService } from '../services';

const events = (strapi: Core.Strapi) => getService(strapi, 'eventMessages');
const userId = (ctx: Context): number | null => (ctx.state as { user?: { id?: number } }).user?.id ?? null;
const query = (ctx: Context) => ctx.query as Record<string, unknown>;

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async events(ctx: Context) {
    ctx.body = await events(strapi).events(query(ctx), scopeOf(ctx));
  },
  async event(ctx: Context) {
    ctx.body = await events(strapi).event(ctx.params.key, scopeOf(ctx));
  },
  async list(ctx: Context) {
    ctx.body = await events(strapi).list(ctx.params.key, scopeOf(ctx));
  },
  async findOne(ctx: Context) {
    ctx.body = await events(strapi).find(ctx.params.key, ctx.params.id, scopeOf(ctx));
  },
  async create(ctx: Context) {
    // An admin user owns what they create; an API token has no user.
    const owner = (ctx.state as { auth?: { strategy?: { name?: string } } }).auth?.strategy?.name === 'admin' ? userId(ctx) : null;
    ctx.body = await events(strapi).create(ctx.params.key, ctx.request.body, scopeOf(ctx), owner);
  },
  async update(ctx: Context) {
    ctx.body = await events(strapi).update(ctx.params.key, ctx.params.id, ctx.request.body, scopeOf(ctx));
  },
  async cancel(ctx: Context) {
    ctx.body = await events(strapi).cancel(ctx.params.key, ctx.params.id, scopeOf(ctx));
  },
  async history(ctx: Context) {
    ctx.body = await events(strapi).history(ctx.params.key, ctx.params.id, query(ctx), scopeOf(ctx));
  },
  async preview(ctx: Context) {
    ctx.body = await events(strapi).preview(ctx.params.key, ctx.request.body, scopeOf(ctx));
  },
  async test(ctx: Context) {
    const user = (ctx.state as { user?: { id?: number; email?: string } }).user;
    ctx.body = await events(strapi).test(ctx.params.key, ctx.request.body, scopeOf(ctx), { id: user?.id ?? null, email: user?.email ?? null });
  },
  async count(ctx: Context) {
    ctx.body = await events(strapi).count(ctx.params.key, ctx.request.body, scopeOf(ctx));
  },
});
