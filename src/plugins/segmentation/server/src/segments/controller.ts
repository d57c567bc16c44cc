/** HTTP handlers of the evaluation routes (content API; admin routes reuse them). */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { scopeOf } from '../common/scope';

const segments = (strapi: Core.Strapi) => strapi.plugin('segmentation').service('segments');

async function sendCsv(ctx: Context, stream: NodeJS.ReadableStream & { total: number }, name: string) {
  ctx.set('Content-Type', 'text/csv; charset=utf-8');
  ctx.set('Content-Disposition', `attachment; filename="${name}.csv"`);
  ctx.set('X-Total-Count', String(stream.total));
  ctx.body = stream;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async preview(ctx: Context) {
    const req = await segments(strapi).parseBody(ctx.request.body);
    ctx.body = await segments(strapi).preview(req, scopeOf(ctx));
  },

  async export(ctx: Context) {
    const req = await segments(strapi).parseBody(ctx.request.body);
    await sendCsv(ctx, await segments(strapi).exportCsv(req, scopeOf(ctx)), 'segment');
  },

  async savedPreview(ctx: Context) {
    const req = await segments(strapi).parseSaved(ctx.params.documentId, ctx.query);
    const result = await segments(strapi).preview(req, scopeOf(ctx));
    if (!req.asOf) await segments(strapi).recordCounts(req.documentId, result);
    ctx.body = result;
  },

  async savedExport(ctx: Context) {
    const req = await segments(strapi).parseSaved(ctx.params.documentId, ctx.query);
    const stream = await segments(strapi).exportCsv(req, scopeOf(ctx));
    if (!req.asOf) await segments(strapi).recordCounts(req.documentId, stream);
    await sendCsv(ctx, stream, `segment-${req.documentId}`);
  },
});
