/**
 * The HTTP SMS gateway's callback (`POST /api/segmentation/sms/callback`, no login: the body's
 * HMAC signature in `X-Sms-Signature` is the authorisation): delivery receipts and replies, answered
 * once they are written. 401 for a bad signature, 400 for a body that is no receipt or reply.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { getService } from '../services';
import { SIGNATURE_HEADER, SmsCallbackError } from './providers/http';
import { smsEventsWritten } from './events';

const UNPARSED = Symbol.for('unparsedBody');

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async callback(ctx: Context) {
    const body = ctx.request.body as Record<symbol, unknown> | undefined;
    const raw = typeof body?.[UNPARSED] === 'string' ? (body[UNPARSED] as string) : '';
    try {
      const counts = getService(strapi, 'sms').handleCallback(raw, ctx.get(SIGNATURE_HEADER) || undefined);
      await smsEventsWritten();
      ctx.body = counts;
    } catch (error) {
      if (!(error instanceof SmsCallbackError)) throw error;
      ctx.status = error.status;
      ctx.body = { data: null, error: { status: error.status, name: error.status === 401 ? 'UnauthorizedError' : 'ValidationError', message: error.message } };
    }
  },
});
