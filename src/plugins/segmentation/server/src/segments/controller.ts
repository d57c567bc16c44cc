/** HTTP handlers of the evaluation routes (content API; admin routes reuse the export ones). */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { scopeOf } from '../common/scope';
import { getService } from '../services';

const segments = (strapi: Core.Strapi) => getService(strapi, 'segments');

/** Streams the CSV; the audit log records who exported what and how many rows. */
async function sendCsv(
  strapi: Core.Strapi,
  ctx: Context,
  stream: NodeJS.ReadableStream & { total: number; segmentName?: string },
  name: string,
  segment?: string,
) {
  await getService(strapi, 'audit').record({
    action: 'segment.export',
    subject: segment ? { type: 'segment', id: segment, label: stream.segmentName ?? null } : { type: 'definition', id: '-', label: 'unsaved definition' },
    rows: stream.total,
  });
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
    await sendCsv(strapi, ctx, await segments(strapi).exportCsv(req, scopeOf(ctx)), 'segment');
  },

  async savedPreview(ctx: Context) {
    ctx.body = await segments(strapi).savedPreview(ctx.params.documentId, ctx.query, scopeOf(ctx));
  },

  async savedExport(ctx: Context) {
    const { documentId } = ctx.params;
    await sendCsv(strapi, ctx, await segments(strapi).savedExport(documentId, ctx.query, scopeOf(ctx)), `segment-${documentId}`, documentId);
  },
});
