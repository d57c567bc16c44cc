/**
 * Admin-panel API of the segment builder (routes in ../routes.ts, each behind an RBAC action):
 * segment CRUD, live counts, preview, export, reference look-ups.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { SEGMENT_UID } from './service';
import { parseInput } from '../common/errors';
import { assertDefinitionInScope, findVisible, narrow, partnerFor, scopeOf, scopeWithin, visibleFilter } from '../common/scope';
import { ACTIONS } from '../permissions';
import { savedQuery } from './requests';
import { disclosePage, guardPreviewPage } from './preview-limits';

const segments = (strapi: Core.Strapi) => strapi.plugin('segmentation').service('segments');
const documents = (strapi: Core.Strapi) => strapi.documents(SEGMENT_UID as any);

const listQuery = z.strictObject({
  q: z.string().max(200).optional(),
  sort: z.enum(['name', 'lastTotal', 'lastEvaluatedAt', 'updatedAt']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).optional(),
});

const segmentInput = z.strictObject({
  name: z.string().trim().min(1, 'A name is required').max(255),
  description: z.string().max(5000).nullable().optional(),
  definition: z.unknown(),
  cardSystem: z.string().min(1).max(255).nullable().optional(),
});

const parse = <T>(schema: z.ZodType<T>, input: unknown): T => parseInput(schema, input, 'request');

const POPULATE = { owner: { fields: ['firstname', 'lastname'] } } as const;

/** Adds each segment's most recent mailing (name, status), for the list's "linked mailing" column. */
async function withLatestMailing(strapi: Core.Strapi, segments: { documentId: string }[]) {
  if (segments.length === 0) return segments;
  const campaigns = (await strapi.documents('plugin::segmentation.campaign' as any).findMany({
    filters: { segment: { documentId: { $in: segments.map((s) => s.documentId) } } },
    fields: ['name', 'status', 'updatedAt'],
    populate: { segment: { fields: ['documentId'] } },
    sort: { updatedAt: 'desc' },
  } as any)) as unknown as { documentId: string; name: string; status: string; segment?: { documentId: string } }[];
  const latest = new Map<string, { documentId: string; name: string; status: string }>();
  for (const c of campaigns) if (c.segment && !latest.has(c.segment.documentId)) latest.set(c.segment.documentId, { documentId: c.documentId, name: c.name, status: c.status });
  return segments.map((s) => ({ ...s, mailing: latest.get(s.documentId) ?? null }));
}

/** A segment the caller may see; another partner's is "not found". */
const visible = (strapi: Core.Strapi, ctx: Context, populate?: object) => findVisible(strapi, SEGMENT_UID, ctx, 'Segment', populate);

/** Validates a definition for saving under a partner: it may only name that partner's card systems. */
async function checkedDefinition(strapi: Core.Strapi, ctx: Context, definition: unknown, cardSystem: string | null) {
  const valid = await segments(strapi).validate(definition);
  assertDefinitionInScope(valid, narrow(scopeOf(ctx), cardSystem));
  return valid;
}

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
const seesPersonalData = (ctx: Context) => Boolean((ctx.state as any).userAbility?.can(ACTIONS.personal));

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Context) {
    const { q, sort = 'updatedAt', order = sort === 'name' ? 'asc' : 'desc', page = 1, pageSize = 25 } = parse(listQuery, ctx.query);
    const search = q ? { $or: [{ name: { $containsi: q } }, { description: { $containsi: q } }] } : {};
    const filters = { ...search, ...visibleFilter(scopeOf(ctx)) };
    const [results, total] = await Promise.all([
      documents(strapi).findMany({ filters, sort: { [sort]: order }, limit: pageSize, start: (page - 1) * pageSize, populate: POPULATE } as any),
      documents(strapi).count({ filters } as any),
    ]);
    ctx.body = { results: await withLatestMailing(strapi, results as any[]), pagination: { page, pageSize, total, pageCount: Math.ceil(total / pageSize) } };
  },

  async findOne(ctx: Context) {
    ctx.body = await visible(strapi, ctx, POPULATE);
  },

  async create(ctx: Context) {
    const data = parse(segmentInput, ctx.request.body);
    const cardSystem = partnerFor(scopeOf(ctx), data.cardSystem);
    const definition = await checkedDefinition(strapi, ctx, data.definition, cardSystem);
    ctx.body = await documents(strapi).create({ data: { ...data, definition, cardSystem, owner: ctx.state.user?.id } as any, populate: POPULATE } as any);
  },

  async update(ctx: Context) {
    const data = parse(segmentInput, ctx.request.body);
    const existing = await visible(strapi, ctx);
    const cardSystem = data.cardSystem === undefined ? (existing.cardSystem ?? null) : partnerFor(scopeOf(ctx), data.cardSystem);
    const definition = await checkedDefinition(strapi, ctx, data.definition, cardSystem);
    ctx.body = await documents(strapi).update({ documentId: ctx.params.documentId, data: { ...data, definition, cardSystem } as any, populate: POPULATE } as any);
  },

  async duplicate(ctx: Context) {
    const existing = await visible(strapi, ctx);
    const name = `${existing.name} (kopie)`.slice(0, 255);
    ctx.body = await documents(strapi).create({
      data: { name, description: existing.description, definition: existing.definition, cardSystem: existing.cardSystem ?? null, owner: ctx.state.user?.id } as any,
    });
  },

  async remove(ctx: Context) {
    await visible(strapi, ctx);
    await documents(strapi).delete({ documentId: ctx.params.documentId });
    ctx.body = { documentId: ctx.params.documentId };
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
