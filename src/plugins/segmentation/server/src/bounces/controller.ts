/**
 * The mail providers' webhooks (no login: each provider's own authenticity check is the
 * authorisation): `POST /api/segmentation/bounces/{ses,sendgrid,postmark,mailgun}`. 401 for a call
 * that fails its check (wrong signature, replayed, wrong basic auth), 400 for a body that is not the
 * provider's payload; else `{received, matched}` once written.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { pluginConfig } from '../config';
import { getService } from '../services';
import { checkMailgun, mailgunNotices } from './providers/mailgun';
import { checkBasicAuth, postmarkNotices } from './providers/postmark';
import { checkSendgrid, sendgridNotices, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './providers/sendgrid';
import { sesNotices } from './providers/ses';
import { WebhookError, type ProviderNotice } from './providers/types';
import type { BounceSource } from './service';

const UNPARSED = Symbol.for('unparsedBody');

/** Reads a body the parser left alone (SNS posts JSON as text/plain), up to 1 MB. */
async function readStream(ctx: Context): Promise<string> {
  if (ctx.req.readableEnded) return '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 1024 * 1024) throw new WebhookError(400, 'The body is larger than 1 MB');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The body as sent (signatures are over the exact bytes) and as parsed JSON. */
async function bodyOf(ctx: Context): Promise<{ raw: string; json: unknown }> {
  const body = ctx.request.body as unknown;
  const unparsed = (body as Record<symbol, unknown> | undefined)?.[UNPARSED];
  const raw = typeof body === 'string' ? body : typeof unparsed === 'string' ? unparsed : await readStream(ctx);
  if (typeof body === 'object' && body !== null && Object.keys(body).length > 0) return { raw, json: body };
  try {
    return { raw, json: JSON.parse(raw) };
  } catch {
    throw new WebhookError(400, 'Expected a JSON body');
  }
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => pluginConfig(strapi).bounces;
  const handle = async (ctx: Context, source: BounceSource, notices: (raw: string, json: unknown) => Promise<ProviderNotice[]>) => {
    try {
      const { raw, json } = await bodyOf(ctx);
      ctx.body = await getService(strapi, 'bounces').recordNotices(source, await notices(raw, json), raw);
    } catch (error) {
      if (!(error instanceof WebhookError)) throw error;
      ctx.status = error.status;
      ctx.body = { data: null, error: { status: error.status, name: error.status === 401 ? 'UnauthorizedError' : 'ValidationError', message: error.message } };
    }
  };

  return {
    ses: (ctx: Context) =>
      handle(ctx, 'ses', async (_raw, json) => {
        if (!json || typeof json !== 'object') throw new WebhookError(400, 'Expected an SNS message');
        const message = await getService(strapi, 'bounces').sns.verify(json as Record<string, unknown>);
        return message ? sesNotices(message) : [];
      }),
    sendgrid: (ctx: Context) =>
      handle(ctx, 'sendgrid', async (raw, json) => {
        checkSendgrid(raw, ctx.get(SIGNATURE_HEADER) || undefined, ctx.get(TIMESTAMP_HEADER) || undefined, config().sendgrid.publicKey);
        return sendgridNotices(json);
      }),
    postmark: (ctx: Context) =>
      handle(ctx, 'postmark', async (_raw, json) => {
        checkBasicAuth(ctx.get('authorization') || undefined, config().postmark.user, config().postmark.password);
        return postmarkNotices(json);
      }),
    mailgun: (ctx: Context) =>
      handle(ctx, 'mailgun', async (_raw, json) => {
        checkMailgun(json, config().mailgun.signingKey);
        return mailgunNotices(json);
      }),
  };
};
