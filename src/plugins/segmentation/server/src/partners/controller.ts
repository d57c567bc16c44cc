/**
 * Admin-panel API of partners (routes in ../routes.ts): the caller's own card systems, the
 * administrators' page linking users and API tokens to card systems, and the audit log.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { parseInput } from '../common/errors';
import { scopeOf } from '../common/scope';
import { getService } from '../services';
import { pluginConfig } from '../config';
import campaignSchema from '../campaigns/content-types/campaign.json';
import { AUDIT_ACTIONS } from './audit';

const access = (strapi: Core.Strapi) => getService(strapi, 'access');
const audit = (strapi: Core.Strapi) => getService(strapi, 'audit');

const linkBody = z.strictObject({ cardSystems: z.array(z.string().min(1).max(255)).max(500) });
const idParam = z.strictObject({ id: z.coerce.number().int().min(1) });
const auditQuery = z.strictObject({
  action: z.enum(AUDIT_ACTIONS).optional(),
  before: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
});

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The caller's scope and the card systems they may file new segments, templates and campaigns under. */
  async me(ctx: Context) {
    const scope = scopeOf(ctx);
    ctx.body = { allCardSystems: scope === null, cardSystems: await access(strapi).choices(scope) };
  },

  /** What the Help page shows: the programme's contact, the monitoring copy's address, the "recently mailed" window. */
  async help(ctx: Context) {
    const { contactAddress, monitorAddress } = pluginConfig(strapi);
    ctx.body = { contactAddress, monitorAddress, recentDays: campaignSchema.attributes.recentDays.default };
  },

  async overview(ctx: Context) {
    ctx.body = await access(strapi).overview();
  },

  async linkUser(ctx: Context) {
    await link(strapi, ctx, 'user');
  },

  async linkToken(ctx: Context) {
    await link(strapi, ctx, 'token');
  },

  async audit(ctx: Context) {
    const { action, before, pageSize = 50 } = parseInput(auditQuery, ctx.query, 'query');
    const results = await audit(strapi).list({ action, before }, pageSize);
    ctx.body = { results, next: results.length === pageSize ? results[results.length - 1]!.id : null };
  },
});

async function link(strapi: Core.Strapi, ctx: Context, type: 'user' | 'token') {
  const { id } = parseInput(idParam, ctx.params, 'path');
  const { cardSystems } = parseInput(linkBody, ctx.request.body, 'request');
  const linked = await access(strapi).link(type, id, cardSystems);
  await audit(strapi).record({ action: 'access.link', subject: { type, id }, details: { cardSystems: linked } });
  ctx.body = { id, type, cardSystems: linked };
}
