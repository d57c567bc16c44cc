/**
 * POST /api/segmentation/import/:entity — streams an NDJSON or CSV body into the audience tables.
 * Only a token without card systems may import (access.ts); every import is audited.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { validationError } from '../common/errors';
import { scopeOf } from '../common/scope';
import { IMPORT_ENTITIES, importStream, isImportEntity, type ImportProgress } from './service';
import { assertMayImport, auditImport } from './access';
import { pluginConfig } from '../config';

const FORMATS: Record<string, 'ndjson' | 'csv'> = {
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
  'application/x-jsonlines': 'ndjson',
  'text/csv': 'csv',
};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async import(ctx: Context) {
    assertMayImport(scopeOf(ctx)); // before anything of the body is read
    const { entity } = ctx.params;
    if (!isImportEntity(entity)) {
      throw validationError(`Unknown import entity '${entity}'`, [{ path: ['entity'], message: `Expected one of ${IMPORT_ENTITIES.join(', ')}` }]);
    }
    const mime = (ctx.get('content-type') || '').split(';')[0]!.trim().toLowerCase();
    const format = FORMATS[mime];
    if (!format) {
      throw validationError(`Unsupported Content-Type '${mime || '(none)'}'`, [
        { path: ['Content-Type'], message: 'Send application/x-ndjson (one JSON object a line) or text/csv' },
      ]);
    }
    const { timeZone } = pluginConfig(strapi);
    let stored: ImportProgress | null = null; // what the committed batches hold, should the import break off
    try {
      const result = await importStream(strapi.db.connection, entity, ctx.req, format, { timeZone, onProgress: (p) => (stored = p) });
      await auditImport(strapi, entity, { lines: result.received, inserted: result.inserted, updated: result.updated, rejected: result.rejected.length });
      ctx.body = result;
    } catch (error) {
      const partial = stored as ImportProgress | null;
      if (partial && partial.inserted + partial.updated > 0) await auditImport(strapi, entity, partial, (error as Error).message ?? String(error));
      throw error;
    }
  },
});
