/**
 * Admin-panel API of the segment builder (routes in ../routes.ts, each behind an RBAC action):
 * segment CRUD, live counts, preview, export, reference look-ups.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { parseInput } from '../common/errors';
import { scopeOf, scopeWithin } from '../common/scope';
import { ACTIONS } from '../permissions';
import { savedQuery } from './requests';
import { segmentInput, segmentListQuery } from './records';
import { disclosePage, guardPreviewPage } from './preview-limits';
import { getService } from '../services';

const segments = (strapi: Core.Strapi) => getService(strapi, 'segments');

const parse = <T>(schema: z.ZodType<T>, input: unknown): T => parseInput(schema, input, 'request');

/**
 * The scope of a live count or preview in the builder: the caller's, narrowed to the card system
 * the segment is filed under when the body names one (`cardSystem`, not part of the definition).
 */
function builderScope(ctx: Context) {
  const body = (ctx.request.body ?? {}) as Record<string, unknown>;
  const cardSystem = typeof body.cardSystem === 'string' ? body.cardSystem : null;
  if (body && typeof body === 'object' && 'cardSystem' in body) {
    const { cardSystem: _omit, ...rest } = body;
    ctx.request.body = rest;
  }
  return scopeWithin(scopeOf(ctx), cardSystem);
}

/** Whether the caller may see pass holders' personal data (a Viewer sees counts only). */
const seesPersonalData = (ctx: Context) => Boolean((ctx.state as { userAbility?: { can(action: string): boolean } }).userAbility?.can(ACTIONS.personal));

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Context) {
    ctx.body = await segments(strapi).list(scopeOf(ctx), parse(segmentListQuery, ctx.query));
  },

  async findOne(ctx: Context) {
    ctx.body = await segments(strapi).findOne(ctx.params.documentId, scopeOf(ctx));
  },

  async create(ctx: Context) {
    ctx.body = await segments(strapi).create(parse(segmentInput, ctx.request.body), scopeOf(ctx), ctx.state.user?.id);
  },

  async update(ctx: Context) {
    ctx.body = await segments(strapi).update(ctx.params.documentId, parse(segmentInput, ctx.request.body), scopeOf(ctx));
  },

  async duplicate(ctx: Context) {
    ctx.body = await segments(strapi).duplicate(ctx.params.documentId, scopeOf(ctx), ctx.state.user?.id);
  },

  async remove(ctx: Context) {
    ctx.body = await segments(strapi).remove(ctx.params.documentId, scopeOf(ctx));
  },

  /** Live counts while editing: total, with e-mail/phone, and what each group contributes. */
  async count(ctx: Context) {
    const scope = builderScope(ctx);
    const req = await segments(strapi).parseBody(ctx.request.body);
    const started = Date.now();
    const counts = await segments(strapi).engine().count(req.definition, { asOf: req.asOf, scope });
    ctx.body = { ...counts, evaluatedAt: new Date().toISOString(), tookMs: Date.now() - started };
  },

  /** Preview of a saved segment (records its last counts when evaluated for today); people only with `personal.read`. */
  async savedPreview(ctx: Context) {
    const personal = seesPersonalData(ctx);
    const { page = 1, pageSize = 50 } = parse(savedQuery, ctx.query);
    if (personal) guardPreviewPage(strapi, ctx, page, pageSize);
    const result = await segments(strapi).savedPreview(ctx.params.documentId, ctx.query, scopeOf(ctx));
    const shown = personal ? await disclosePage(strapi, result, { type: 'segment', id: ctx.params.documentId }) : { ...result, items: [] };
    ctx.body = { ...shown, personalData: personal, evaluatedAt: new Date().toISOString() };
  },

  async preview(ctx: Context) {
    const scope = builderScope(ctx);
    const req = await segments(strapi).parseBody(ctx.request.body);
    guardPreviewPage(strapi, ctx, req.page, req.pageSize);
    const result = await segments(strapi).preview(req, scope);
    ctx.body = { ...(await disclosePage(strapi, result, { type: 'definition', id: '-', label: 'unsaved definition' })), evaluatedAt: new Date().toISOString() };
  },
});
