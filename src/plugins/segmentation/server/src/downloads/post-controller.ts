/**
 * Downloads of a mailing's post part (routes in ../routes.ts, behind the export action): the
 * letters as one PDF, address labels (`?sheet=3x8-70x36|3x7-70x42.3&start=1`) and the merge file
 * for Word (`?format=csv|xlsx`). Streamed as they are written (post/service.ts).
 */
import { PassThrough } from 'stream';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { z } from 'zod';
import { LABEL_SHEETS, LABEL_SHEET_KEYS, labelsPerSheet, type LabelSheetKey } from '../../../shared/label-sheets';
import { parseInput } from '../common/errors';
import { scopeOf } from '../common/scope';
import { getService } from '../services';

const labelQuery = z
  .object({
    sheet: z.enum(LABEL_SHEET_KEYS as [LabelSheetKey, ...LabelSheetKey[]]).default('3x8-70x36'),
    start: z.coerce.number({ error: 'Expected a label position' }).int().min(1).default(1),
  })
  .refine((q) => q.start <= labelsPerSheet(LABEL_SHEETS[q.sheet]), { error: 'The first label lies on the sheet', path: ['start'] });
const mergeQuery = z.object({ format: z.enum(['csv', 'xlsx']).default('csv') });

const TYPES = { pdf: 'application/pdf', csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

/** Streams what `write` writes as `name.ext`; a failure midway ends the download broken rather than silently short. */
function send(ctx: Context, out: PassThrough, file: { name: string; count: number; write: () => Promise<unknown> }, what: string, ext: keyof typeof TYPES) {
  ctx.set('Content-Type', TYPES[ext]);
  ctx.set('Content-Disposition', `attachment; filename="${`${what}-${file.name}`.replace(/[^\w-]+/g, '_')}.${ext}"`);
  ctx.set('X-Total-Count', String(file.count));
  ctx.body = out;
  file.write().catch((e: Error) => out.destroy(e));
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async letters(ctx: Context) {
    const out = new PassThrough();
    send(ctx, out, await getService(strapi, 'post').letters(ctx.params.documentId, scopeOf(ctx), out), 'brieven', 'pdf');
  },

  async labels(ctx: Context) {
    const q = parseInput(labelQuery, ctx.query, 'query');
    const out = new PassThrough();
    send(ctx, out, await getService(strapi, 'post').labels(ctx.params.documentId, scopeOf(ctx), out, q.sheet, q.start), 'etiketten', 'pdf');
  },

  async merge(ctx: Context) {
    const { format } = parseInput(mergeQuery, ctx.query, 'query');
    const out = new PassThrough();
    send(ctx, out, await getService(strapi, 'post').merge(ctx.params.documentId, scopeOf(ctx), out, format), 'samenvoegen', format);
  },
});
