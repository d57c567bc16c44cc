/** POST /api/segmentation/import/:entity — streams an NDJSON or CSV body into the audience tables. */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { validationError } from '../common/errors';
import { IMPORT_ENTITIES, importStream, isImportEntity } from './service';

const FORMATS: Record<string, 'ndjson' | 'csv'> = {
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
  'application/x-jsonlines': 'ndjson',
  'text/csv': 'csv',
};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async import(ctx: Context) {
    const { entity } = ctx.params;
    if (!isImportEntity(entity)) {
      throw validationError(`Unknown import entity '${entity}'`, [
        { path: ['entity'], message: `Expected one of ${IMPORT_ENTITIES.join(', ')}` },
      ]);
    }
    const mime = (ctx.get('content-type') || '').split(';')[0]!.trim().toLowerCase();
    const format = FORMATS[mime];
    if (!format) {
      throw validationError(`Unsupported Content-Type '${mime || '(none)'}'`, [
        { path: ['Content-Type'], message: 'Send application/x-ndjson (one JSON object a line) or text/csv' },
      ]);
    }
    const timeZone = strapi.plugin('segmentation').config('timeZone') as string;
    ctx.body = await importStream(strapi.db.connection, entity, ctx.req, format, { timeZone });
  },
});
