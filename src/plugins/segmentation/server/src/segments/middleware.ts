/**
 * Document service middleware for segments: every save — content API, admin panel, Content
 * Manager — validates the definition with the same validator as the evaluation API, and a new
 * segment's owner is the admin user who made it.
 */
import type { Core } from '@strapi/strapi';
import { getService } from '../services';
import { SEGMENT_UID } from './service';

export function registerSegmentMiddleware(strapi: Core.Strapi): void {
  strapi.documents.use(async (ctx, next) => {
    if (ctx.uid !== SEGMENT_UID || (ctx.action !== 'create' && ctx.action !== 'update')) return next();
    const params = ctx.params as { data?: Record<string, unknown> };
    const data = params.data ?? {};
    if (ctx.action === 'create' || 'definition' in data) {
      data.definition = await getService(strapi, 'segments').validate(data.definition);
    }
    if (ctx.action === 'create' && data.owner === undefined) {
      const user = strapi.requestContext.get()?.state?.user as { id?: number } | undefined;
      if (user?.id && strapi.requestContext.get()?.state?.auth?.strategy?.name === 'admin') data.owner = user.id;
    }
    params.data = data;
    return next();
  });
}
