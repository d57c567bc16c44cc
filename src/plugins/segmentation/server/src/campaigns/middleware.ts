/**
 * Document service middleware for campaigns, for every save path (the plugin's routes, the Content
 * Manager, the content API): the send-related fields are the service's alone; setting the status
 * to `sending` starts the send through the same idempotent service call as the "send" button, so
 * however often a lifecycle fires, one send starts. Other status changes go through the service.
 * Scheduling and starting need the send right whoever saves (schedule.ts); who scheduled is stored.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { CAMPAIGN_UID } from './service';
import { checkSave, saverOf, type CampaignState } from './schedule';
import { allows, isEditable, statusOnSave, STATUS, TRANSITIONS } from '../../../shared/campaign-lifecycle';
import { getService } from '../services';
import { MAILING_CHANNELS, mailingChannelSchema } from '../../../shared/channels';

const OWNED = ['startedAt', 'finishedAt', 'lastError', 'total', 'holdout', 'excluded', 'snapshot', 'scheduledBy'];

/** Checks the send right for the save and records who scheduled (schedule.ts). */
function guard(strapi: Core.Strapi, stored: CampaignState | null, data: Record<string, unknown>): void {
  const next = {
    status: String(data.status ?? stored?.status ?? STATUS.draft),
    scheduledAt: ('scheduledAt' in data ? data.scheduledAt : stored?.scheduledAt) as CampaignState['scheduledAt'],
  };
  const scheduledBy = checkSave(saverOf(strapi), stored, next);
  if (scheduledBy !== undefined) data.scheduledBy = scheduledBy;
}

export function registerCampaignMiddleware(strapi: Core.Strapi): void {
  strapi.documents.use(async (ctx, next) => {
    if (ctx.uid !== CAMPAIGN_UID || (ctx.action !== 'create' && ctx.action !== 'update')) return next();
    const params = ctx.params as { data?: Record<string, unknown>; documentId?: string };
    const data = params.data ?? {};
    for (const field of OWNED) delete data[field];
    if ('channel' in data && !mailingChannelSchema.safeParse(data.channel).success)
      throw new errors.ValidationError(`A mailing's channel is one of ${MAILING_CHANNELS.join(', ')}`, {
        errors: [{ path: ['channel'], message: `Expected one of ${MAILING_CHANNELS.join(', ')}`, name: 'ValidationError' }],
      });
    if (ctx.action === 'create') {
      if (!isEditable(String(data.status ?? STATUS.draft))) data.status = statusOnSave(data.scheduledAt);
      guard(strapi, null, data);
      params.data = data;
      return next();
    }
    const stored = (await strapi.db.query(CAMPAIGN_UID).findOne({ where: { documentId: params.documentId } })) as CampaignState | null;
    if (!stored) return next();
    const start = 'status' in data && data.status === TRANSITIONS.start.to && allows('start', stored.status);
    // Between editable statuses a save moves freely (schedule, unschedule); any other move is an action's.
    if ('status' in data && data.status !== stored.status && !start && !(isEditable(String(data.status)) && isEditable(stored.status))) {
      throw new errors.ValidationError(
        `A campaign goes from ${stored.status} to ${String(data.status)} only through its send, pause, resume and cancel actions`,
        {
          errors: [{ path: ['status'], message: 'Use the campaign actions', name: 'ValidationError' }],
        },
      );
    }
    if (!start && !isEditable(stored.status) && Object.keys(data).some((k) => k !== 'status' && k !== 'name')) {
      throw new errors.ValidationError(`A ${stored.status} campaign cannot be changed`, {
        errors: [{ path: [], message: 'Only draft and scheduled campaigns can be edited', name: 'ValidationError' }],
      });
    }
    if (isEditable(stored.status)) guard(strapi, stored, data);
    if (start) delete data.status;
    params.data = data;
    const result = await next();
    if (start && params.documentId) await getService(strapi, 'campaigns').start(params.documentId, null);
    return result;
  });
}
