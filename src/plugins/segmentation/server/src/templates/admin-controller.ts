/**
 * Admin-panel API of mail templates and sender addresses (routes in ../routes.ts, each behind an
 * RBAC action): template CRUD, the personalised preview, test mails, house styles, senders. Which
 * records and senders a caller may use is the services' rule (records.ts, senders.ts).
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { TEMPLATE_LANGUAGES, personaliseSchema, senderRequestSchema, splitAddresses, testMailSchema } from '../../../shared/template';
import { parseInput } from '../common/errors';
import { scopeOf } from '../common/scope';
import { templateListQuery } from './records';
import { withSampleSubject } from './subject';
import { getService } from '../services';
import { PassThrough } from 'stream';
import { channelPreviews } from './channel-previews';

const templates = (strapi: Core.Strapi) => getService(strapi, 'templates');
const channelPreviewsOf = new WeakMap<Core.Strapi, ReturnType<typeof channelPreviews>>();
/** One per Strapi (its test-SMS limits live as long as the app). */
const previews = (strapi: Core.Strapi) => {
  if (!channelPreviewsOf.has(strapi)) channelPreviewsOf.set(strapi, channelPreviews(strapi));
  return channelPreviewsOf.get(strapi)!;
};
const testSmsSchema = personaliseSchema.extend({ numbers: z.string().max(2000) });
/** Numbers typed into the test-SMS field: separated by commas, semicolons or new lines (spaces belong to a number). */
const splitNumbers = (text: string) =>
  text
    .split(/[,;\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
const senders = (strapi: Core.Strapi) => getService(strapi, 'senders');

const parse = <T>(schema: z.ZodType<T>, input: unknown): T => parseInput(schema, input, 'request');

/** A preview or test: the template (an unsaved draft too) and optionally the localisation to show (else the template's `language`). */
const withTemplate = z.object({ template: z.unknown(), locale: z.enum(TEMPLATE_LANGUAGES).optional() });
const templateOf = (strapi: Core.Strapi, body: { template: unknown; locale?: string }) =>
  templates(strapi).parse(body.locale && body.template && typeof body.template === 'object' ? { ...body.template, language: body.locale } : body.template);
const partnerInput = z.object({ cardSystem: z.string().min(1).max(255).nullable().optional() });

/** The template fields and, apart, the card system it is filed under (not part of the mail). */
function split(strapi: Core.Strapi, body: unknown) {
  const { cardSystem, ...rest } = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  return { data: templates(strapi).parse(rest), cardSystem: parse(partnerInput, { cardSystem }).cardSystem };
}

const userId = (ctx: Context): number | undefined => ctx.state.user?.id;

/** `?locale=` of one template's routes: which localisation (absent: the main one, or the input's language). */
const localeQuery = z.object({ locale: z.enum(TEMPLATE_LANGUAGES).optional() });
const localeOf = (ctx: Context) => parse(localeQuery, { locale: ctx.query.locale }).locale;
const languageGiven = (body: unknown) => !!body && typeof body === 'object' && typeof (body as { language?: unknown }).language === 'string';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Context) {
    const list = await templates(strapi).list(scopeOf(ctx), parse(templateListQuery, ctx.query));
    ctx.body = { ...list, results: list.results.map(withSampleSubject) };
  },

  async findOne(ctx: Context) {
    ctx.body = withSampleSubject(await templates(strapi).findOne(ctx.params.documentId, scopeOf(ctx), localeOf(ctx)));
  },

  async create(ctx: Context) {
    const { data, cardSystem } = split(strapi, ctx.request.body);
    ctx.body = await templates(strapi).create(data, cardSystem, scopeOf(ctx), userId(ctx));
  },

  async update(ctx: Context) {
    const { data, cardSystem } = split(strapi, ctx.request.body);
    const body = ctx.request.body as unknown;
    ctx.body = await templates(strapi).update(ctx.params.documentId, data, cardSystem, scopeOf(ctx), localeOf(ctx), languageGiven(body));
  },

  async duplicate(ctx: Context) {
    ctx.body = await templates(strapi).duplicate(ctx.params.documentId, scopeOf(ctx), userId(ctx));
  },

  async remove(ctx: Context) {
    ctx.body = await templates(strapi).remove(ctx.params.documentId, scopeOf(ctx), localeOf(ctx));
  },

  /** The mail (or SMS) as it will arrive, for a chosen or random holder, with warnings (unsaved drafts too). */
  async preview(ctx: Context) {
    const body = parse(withTemplate.extend(personaliseSchema.shape).extend(partnerInput.shape).strict(), ctx.request.body);
    const template = templateOf(strapi, body);
    if (template.channel === 'sms') {
      ctx.body = await previews(strapi).sms(template, { uid: body.uid, segment: body.segment }, scopeOf(ctx), body.cardSystem);
      return;
    }
    const preview = await templates(strapi).previewIn(template, { uid: body.uid, segment: body.segment }, scopeOf(ctx), body.cardSystem);
    ctx.body = templates(strapi).servedFrom(preview, ctx.request.origin);
  },

  async test(ctx: Context) {
    const body = parse(withTemplate.extend(testMailSchema.shape).extend(partnerInput.shape).strict(), ctx.request.body);
    const template = templateOf(strapi, body);
    const personalise = { uid: body.uid, segment: body.segment };
    ctx.body = await templates(strapi).testMail(
      template,
      splitAddresses(body.recipients),
      personalise,
      scopeOf(ctx),
      body.cardSystem,
      `user:${userId(ctx) ?? 'anonymous'}`,
    );
  },

  /** A letter template as a one-page PDF for a chosen or random holder. */
  async previewLetter(ctx: Context) {
    const body = parse(withTemplate.extend(personaliseSchema.shape).extend(partnerInput.shape).strict(), ctx.request.body);
    const template = templateOf(strapi, body);
    const out = new PassThrough();
    const write = await previews(strapi).letter(template, { uid: body.uid, segment: body.segment }, scopeOf(ctx), body.cardSystem, out);
    ctx.set('Content-Type', 'application/pdf');
    ctx.set('Content-Disposition', 'inline; filename="voorbeeld.pdf"');
    ctx.body = out;
    write().catch((e: Error) => out.destroy(e));
  },

  async testSms(ctx: Context) {
    const body = parse(withTemplate.extend(testSmsSchema.shape).extend(partnerInput.shape).strict(), ctx.request.body);
    const template = templateOf(strapi, body);
    ctx.body = await previews(strapi).testSms(
      template,
      splitNumbers(body.numbers),
      { uid: body.uid, segment: body.segment },
      scopeOf(ctx),
      body.cardSystem,
      `user:${userId(ctx) ?? 'anonymous'}`,
    );
  },

  async houseStyles(ctx: Context) {
    ctx.body = (await getService(strapi, 'houseStyles').list()).map(({ key, name, primaryColor, accentColor, logoUrl, cardSystems }) => ({
      key,
      name,
      primaryColor,
      accentColor,
      logoUrl,
      cardSystems,
    }));
  },

  async senders(ctx: Context) {
    ctx.body = await senders(strapi).list(scopeOf(ctx), typeof ctx.query.status === 'string' ? ctx.query.status : undefined);
  },

  async requestSender(ctx: Context) {
    ctx.body = await senders(strapi).request(parse(senderRequestSchema, ctx.request.body), scopeOf(ctx), userId(ctx));
  },

  async resendVerification(ctx: Context) {
    await senders(strapi).sendVerification(ctx.params.documentId, scopeOf(ctx), userId(ctx));
    ctx.body = { documentId: ctx.params.documentId, sent: true };
  },

  async approveSender(ctx: Context) {
    ctx.body = await senders(strapi).approve(ctx.params.documentId, userId(ctx));
  },

  async rejectSender(ctx: Context) {
    ctx.body = await senders(strapi).reject(ctx.params.documentId, userId(ctx));
  },
});
