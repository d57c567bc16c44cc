/**
 * Document service middleware for campaigns, for every save path (the plugin's routes, the Content
 * Manager, the content API): the send-related fields are the service's alone; setting the status
 * to `sending` starts the send through the same idempotent service call as the "send" button, so
 * however often a lifecycle fires, one send starts. Other status changes go through the service.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { CAMPAIGN_UID } from './service';

const OWNED = ['startedAt', 'finishedAt', 'lastError', 'total', 'holdout', 'excluded', 'snapshot'];
const EDITABLE = ['draft', 'scheduled'];

export function registerCampaignMiddleware(strapi: Core.Strapi): void {
  strapi.documents.use(async (ctx, next) => {
    if (ctx.uid !== CAMPAIGN_UID || (ctx.action !== 'create' && ctx.action !== 'update')) return next();
    const params = ctx.params as { data?: Record<string, unknown>; documentId?: string };
    const data = params.data ?? {};
    for (const field of OWNED) delete data[field];
    if (ctx.action === 'create') {
      if (!EDITABLE.includes(String(data.status ?? 'draft'))) data.status = data.scheduledAt ? 'scheduled' : 'draft';
      params.data = data;
      return next();
    }
    const stored = (await strapi.db.query(CAMPAIGN_UID as any).findOne({ where: { documentId: params.documentId } })) as { status: string } | null;
    if (!stored) return next();
    let start = false;
    if ('status' in data && data.status !== stored.status) {
      if (data.status === 'sending' && EDITABLE.includes(stored.status)) start = true;
      else if (!(EDITABLE.includes(String(data.status)) && EDITABLE.includes(stored.status))) {
        throw new errors.ValidationError(`A campaign goes from ${stored.status} to ${String(data.status)} only through its send, pause, resume and cancel actions`, {
          errors: [{ path: ['status'], message: 'Use the campaign actions', name: 'ValidationError' }],
        });
      }
      if (start) delete data.status;
    }
    if (!start && !EDITABLE.includes(stored.status) && Object.keys(data).some((k) => k !== 'status' && k !== 'name')) {
      throw new errors.ValidationError(`A ${stored.status} campaign cannot be changed`, { errors: [{ path: [], message: 'Only draft and scheduled campaigns can be edited', name: 'ValidationError' }] });
    }
    params.data = data;
    const result = await next();
    if (start) await strapi.plugin('segmentation').service('campaigns').start(params.documentId, null);
    return result;
  });
}
