/** HTTP handlers of the audience routes (content API). */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { scopeOf } from '../common/scope';
import { getService } from '../services';
import { validationError } from '../common/errors';
import { LIST_FORMATS } from './list-rows';

const audiences = (strapi: Core.Strapi) => getService(strapi, 'audiences');

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async preview(ctx: Context) {
    const scope = scopeOf(ctx);
    ctx.body = await audiences(strapi).preview(await audiences(strapi).parse(ctx.request.body, scope), scope);
  },

  /** A list upload: the raw CSV or XLSX file as the body (`?name=` to remember the file's name). */
  async uploadList(ctx: Context) {
    const mime = (ctx.get('content-type') || '').split(';')[0]!.trim().toLowerCase() as keyof typeof LIST_FORMATS;
    const format = LIST_FORMATS[mime];
    if (!format) {
      throw validationError(`Unsupported Content-Type '${mime || '(none)'}'`, [
        { path: ['Content-Type'], message: `Send the list as ${Object.keys(LIST_FORMATS).join(' or ')}` },
      ]);
    }
    const name = typeof ctx.query.name === 'string' ? ctx.query.name.slice(0, 255) : null;
    ctx.body = await audiences(strapi).uploadList(ctx.req, format, name, scopeOf(ctx));
  },

  /** Streams the CSV (the segment export's columns); the audit log records the export and its rows. */
  async export(ctx: Context) {
    const scope = scopeOf(ctx);
    const stream = await audiences(strapi).exportCsv(await audiences(strapi).parse(ctx.request.body, scope), scope);
    await getService(strapi, 'audit').record({ action: 'segment.export', subject: { type: 'audience', id: '-', label: 'audience' }, rows: stream.total });
    ctx.set('Content-Type', 'text/csv; charset=utf-8');
    ctx.set('Content-Disposition', 'attachment; filename="audience.csv"');
    ctx.set('X-Total-Count', String(stream.total));
    ctx.body = stream;
  },
});
