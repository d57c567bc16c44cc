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
import { scopeOf } from '../common/scope';
import { HOUSE_STYLES } from './house-styles';
import { TEMPLATE_UID } from './service';
import { SENDER_UID } from './senders';

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
  ...Object.fromEntries(Object.entries(doc).filter(([k]) => !['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'locale', 'owner'].includes(k))),
  image: doc.image?.id ?? null,
  sender: doc.sender?.documentId ?? null,
});

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Context) {
    const { q, sort = 'updatedAt', order = sort === 'updatedAt' ? 'desc' : 'asc', page = 1, pageSize = 25 } = parse(listQuery, ctx.query);
    const filters = q ? { $or: [{ name: { $containsi: q } }, { subject: { $containsi: q } }] } : {};
    const [results, total] = await Promise.all([
      documents(strapi).findMany({ filters, sort: { [sort]: order }, limit: pageSize, start: (page - 1) * pageSize, populate: POPULATE } as any),
      documents(strapi).count({ filters } as any),
    ]);
    ctx.body = { results, pagination: { page, pageSize, total, pageCount: Math.ceil(total / pageSize) } };
  },

  async findOne(ctx: Context) {
    const doc = await documents(strapi).findOne({ documentId: ctx.params.documentId, populate: POPULATE } as any);
    if (!doc) throw new errors.NotFoundError('Template not found');
    ctx.body = { ...doc, input: asInput(doc) };
  },

  async create(ctx: Context) {
    const data = templates(strapi).parse(ctx.request.body);
    ctx.body = await documents(strapi).create({ data: { ...data, owner: ctx.state.user?.id } as any, populate: POPULATE } as any);
  },

  async update(ctx: Context) {
    const data = templates(strapi).parse(ctx.request.body);
    if (!(await documents(strapi).findOne({ documentId: ctx.params.documentId }))) throw new errors.NotFoundError('Template not found');
    ctx.body = await documents(strapi).update({ documentId: ctx.params.documentId, data: data as any, populate: POPULATE } as any);
  },

  async duplicate(ctx: Context) {
    const doc = (await documents(strapi).findOne({ documentId: ctx.params.documentId, populate: POPULATE } as any)) as any;
    if (!doc) throw new errors.NotFoundError('Template not found');
    const input = asInput(doc);
    ctx.body = await documents(strapi).create({ data: { ...input, name: `${doc.name} (kopie)`.slice(0, 255), owner: ctx.state.user?.id } as any });
  },

  async remove(ctx: Context) {
    if (!(await documents(strapi).findOne({ documentId: ctx.params.documentId }))) throw new errors.NotFoundError('Template not found');
    await documents(strapi).delete({ documentId: ctx.params.documentId });
    ctx.body = { documentId: ctx.params.documentId };
  },

  /** The mail as it will arrive, for a chosen or random holder, with warnings (unsaved drafts too). */
  async preview(ctx: Context) {
    const body = parse(withTemplate.extend(personaliseSchema.shape).strict(), ctx.request.body);
    const template = templates(strapi).parse(body.template);
    ctx.body = await templates(strapi).preview(template, { uid: body.uid, segment: body.segment }, scopeOf(ctx));
  },

  async test(ctx: Context) {
    const body = parse(withTemplate.extend(testMailSchema.shape).strict(), ctx.request.body);
    const template = templates(strapi).parse(body.template);
    const user = ctx.state.user as { id: number } | undefined;
    ctx.body = await templates(strapi).sendTest(template, splitAddresses(body.recipients), { uid: body.uid, segment: body.segment }, scopeOf(ctx), `user:${user?.id ?? 'anonymous'}`);
  },

  houseStyles(ctx: Context) {
    ctx.body = Object.values(HOUSE_STYLES).map(({ key, name, primaryColor, accentColor }) => ({ key, name, primaryColor, accentColor }));
  },

  async senders(ctx: Context) {
    const status = typeof ctx.query.status === 'string' ? ctx.query.status : undefined;
    ctx.body = await strapi.db.query(SENDER_UID as any).findMany({ where: status ? { status } : {}, orderBy: { email: 'asc' }, limit: 500 });
  },

  async requestSender(ctx: Context) {
    const input = parse(senderRequestSchema, ctx.request.body);
    ctx.body = await senders(strapi).request(input, ctx.state.user?.id);
  },

  async resendVerification(ctx: Context) {
    await senders(strapi).sendVerification(ctx.params.documentId);
    ctx.body = { documentId: ctx.params.documentId, sent: true };
  },

  async approveSender(ctx: Context) {
    ctx.body = await senders(strapi).approve(ctx.params.documentId, ctx.state.user?.id);
  },

  async rejectSender(ctx: Context) {
    ctx.body = await senders(strapi).reject(ctx.params.documentId, ctx.state.user?.id);
  },
});
