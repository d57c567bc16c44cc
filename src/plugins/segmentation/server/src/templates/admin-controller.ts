/**
 * Admin-panel API of mail templates and sender addresses (routes in ../routes.ts, each behind an
 * RBAC action): template CRUD, the personalised preview, test mails, house styles, senders.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { personaliseSchema, senderRequestSchema, splitAddresses, testMailSchema } from '../../../shared/template';
import { parseInput } from '../common/errors';
import { findVisible, partnerFor, scopeOf, scopeWithin, visibleFilter, type Scope } from '../common/scope';
import { HOUSE_STYLES } from './house-styles';
import { TEMPLATE_UID } from './service';
import { SENDER_UID, senderVisible } from './senders';

const templates = (strapi: Core.Strapi) => strapi.plugin('segmentation').service('templates');
const senders = (strapi: Core.Strapi) => strapi.plugin('segmentation').service('senders');
const documents = (strapi: Core.Strapi) => strapi.documents(TEMPLATE_UID as any);

const parse = <T>(schema: z.ZodType<T>, input: unknown): T => parseInput(schema, input, 'request');

const listQuery = z.strictObject({
  q: z.string().max(200).optional(),
  sort: z.enum(['name', 'subject', 'updatedAt']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).optional(),
});
const withTemplate = z.object({ template: z.unknown() });
const POPULATE = { owner: { fields: ['firstname', 'lastname'] }, image: true, sender: true } as const;

/** A stored template as the editor's input (relations as ids / documentIds). */
const asInput = (doc: any) => ({
  ...Object.fromEntries(Object.entries(doc).filter(([k]) => !['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'locale', 'owner', 'cardSystem'].includes(k))),
  image: doc.image?.id ?? null,
  sender: doc.sender?.documentId ?? null,
});

/** A template the caller may see; another partner's is "not found". */
const visible = (strapi: Core.Strapi, ctx: Context, populate?: object) => findVisible(strapi, TEMPLATE_UID, ctx, 'Template', populate);

const partnerInput = z.object({ cardSystem: z.string().min(1).max(255).nullable().optional() });

/** Personalise within the template's card system (`cardSystem` in the body), inside the caller's scope. */
const personaliseScope = (ctx: Context, cardSystem: string | null | undefined): Scope => scopeWithin(scopeOf(ctx), cardSystem);

/** The template fields and, apart, the card system it is filed under (not part of the mail). */
function split(strapi: Core.Strapi, body: unknown) {
  const { cardSystem, ...rest } = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  return { data: templates(strapi).parse(rest), cardSystem: parse(partnerInput, { cardSystem }).cardSystem };
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Context) {
    const { q, sort = 'updatedAt', order = sort === 'updatedAt' ? 'desc' : 'asc', page = 1, pageSize = 25 } = parse(listQuery, ctx.query);
    const search = q ? { $or: [{ name: { $containsi: q } }, { subject: { $containsi: q } }] } : {};
    const filters = { ...search, ...visibleFilter(scopeOf(ctx)) };
    const [results, total] = await Promise.all([
      documents(strapi).findMany({ filters, sort: { [sort]: order }, limit: pageSize, start: (page - 1) * pageSize, populate: POPULATE } as any),
      documents(strapi).count({ filters } as any),
    ]);
    ctx.body = { results, pagination: { page, pageSize, total, pageCount: Math.ceil(total / pageSize) } };
  },

  async findOne(ctx: Context) {
    const doc = await visible(strapi, ctx, POPULATE);
    ctx.body = { ...doc, input: asInput(doc) };
  },

  async create(ctx: Context) {
    const { data, cardSystem: requested } = split(strapi, ctx.request.body);
    const cardSystem = partnerFor(scopeOf(ctx), requested);
    await senders(strapi).assertUsable(data.sender, cardSystem, scopeOf(ctx));
    ctx.body = await documents(strapi).create({ data: { ...data, cardSystem, owner: ctx.state.user?.id } as any, populate: POPULATE } as any);
  },

  async update(ctx: Context) {
    const { data, cardSystem: requested } = split(strapi, ctx.request.body);
    const existing = await visible(strapi, ctx);
    const cardSystem = requested === undefined ? (existing.cardSystem ?? null) : partnerFor(scopeOf(ctx), requested);
    await senders(strapi).assertUsable(data.sender, cardSystem, scopeOf(ctx));
    ctx.body = await documents(strapi).update({ documentId: ctx.params.documentId, data: { ...data, cardSystem } as any, populate: POPULATE } as any);
  },

  async duplicate(ctx: Context) {
    const doc = await visible(strapi, ctx, POPULATE);
    const input = asInput(doc);
    // The copy stays with the original's partner (and so may keep its sender).
    ctx.body = await documents(strapi).create({ data: { ...input, name: `${doc.name} (kopie)`.slice(0, 255), cardSystem: doc.cardSystem ?? null, owner: ctx.state.user?.id } as any });
  },

  async remove(ctx: Context) {
    await visible(strapi, ctx);
    await documents(strapi).delete({ documentId: ctx.params.documentId });
    ctx.body = { documentId: ctx.params.documentId };
  },

  /** The mail as it will arrive, for a chosen or random holder, with warnings (unsaved drafts too). */
  async preview(ctx: Context) {
    const body = parse(withTemplate.extend(personaliseSchema.shape).extend(partnerInput.shape).strict(), ctx.request.body);
    const template = templates(strapi).parse(body.template);
    ctx.body = await templates(strapi).preview(template, { uid: body.uid, segment: body.segment }, personaliseScope(ctx, body.cardSystem));
  },

  async test(ctx: Context) {
    const body = parse(withTemplate.extend(testMailSchema.shape).extend(partnerInput.shape).strict(), ctx.request.body);
    const template = templates(strapi).parse(body.template);
    // A card system asked for must be the caller's own (403) before anything else is looked at.
    const scope = personaliseScope(ctx, body.cardSystem);
    // The same sender rule as saving: the template partner's own or a programme-wide sender.
    await senders(strapi).assertUsable(template.sender, body.cardSystem ?? null, scopeOf(ctx));
    const user = ctx.state.user as { id: number } | undefined;
    ctx.body = await templates(strapi).sendTest(template, splitAddresses(body.recipients), { uid: body.uid, segment: body.segment }, scope, `user:${user?.id ?? 'anonymous'}`);
  },

  houseStyles(ctx: Context) {
    ctx.body = Object.values(HOUSE_STYLES).map(({ key, name, primaryColor, accentColor }) => ({ key, name, primaryColor, accentColor }));
  },

  async senders(ctx: Context) {
    const status = typeof ctx.query.status === 'string' ? ctx.query.status : undefined;
    const scope = scopeOf(ctx);
    const partner = scope === null ? {} : { $or: [{ cardSystem: { $null: true } }, { cardSystem: { $in: scope.length ? scope : ['\u0000none'] } }] };
    ctx.body = await strapi.db.query(SENDER_UID as any).findMany({ where: { ...(status ? { status } : {}), ...partner }, orderBy: { email: 'asc' }, limit: 500 });
  },

  /** A partner requests an address for its own card system; an administrator may also file a programme-wide one. */
  async requestSender(ctx: Context) {
    const input = parse(senderRequestSchema, ctx.request.body);
    const cardSystem = partnerFor(scopeOf(ctx), input.cardSystem);
    ctx.body = await senders(strapi).request({ ...input, cardSystem }, ctx.state.user?.id);
  },

  async resendVerification(ctx: Context) {
    const sender = await senders(strapi).find(ctx.params.documentId);
    if (!senderVisible(scopeOf(ctx), sender.cardSystem)) throw new errors.NotFoundError('Sender address not found');
    await senders(strapi).sendVerification(ctx.params.documentId, ctx.state.user?.id);
    ctx.body = { documentId: ctx.params.documentId, sent: true };
  },

  async approveSender(ctx: Context) {
    ctx.body = await senders(strapi).approve(ctx.params.documentId, ctx.state.user?.id);
  },

  async rejectSender(ctx: Context) {
    ctx.body = await senders(strapi).reject(ctx.params.documentId, ctx.state.user?.id);
  },
});
