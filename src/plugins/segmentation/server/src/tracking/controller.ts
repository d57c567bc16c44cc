/**
 * Public routes reached from mails (no login; the signed token is the authorisation): sender
 * verification, unsubscribe (GET shows a page with a button, POST — the button or RFC 8058
 * one-click — unsubscribes), the open pixel and click redirects. A forged or altered token gets
 * 404. The bounce/complaint webhook is protected by its own token.
 */
import { timingSafeEqual } from 'crypto';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { escapeHtml as escape, pageHeaders } from '../common/html';
import { pluginConfig } from '../config';
import { trackingHits } from './hits';
import { webhookBody } from './service';
import { getService } from '../services';

function page(ctx: Context, status: number, title: string, text: string, extra = ''): void {
  pageHeaders(ctx, status);
  ctx.body = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escape(title)}</title>
<style>body{font-family:Arial,sans-serif;max-width:560px;margin:48px auto;padding:0 16px;color:#222}</style></head>
<body><h1>${escape(title)}</h1><p>${escape(text)}</p>${extra}</body></html>`;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const hits = trackingHits(strapi);
  const tracking = () => getService(strapi, 'tracking');
  return {
    async verifySender(ctx: Context) {
      const sender = await getService(strapi, 'senders').verify(String(ctx.query.token ?? ''));
      if (!sender) return page(ctx, 404, 'Link ongeldig', 'Deze bevestigingslink is ongeldig of verlopen. / This confirmation link is invalid or has expired.');
      page(
        ctx,
        200,
        'Adres bevestigd',
        `${sender.email} is bevestigd. Een beheerder keurt het adres nog goed. / ${sender.email} is confirmed; an administrator still approves it.`,
      );
    },

    /** Shows a button (a link scanner opening the page unsubscribes no one). */
    unsubscribePage(ctx: Context) {
      const token = tracking().unsubscribeToken(ctx.params.token);
      if (!token) return page(ctx, 404, 'Link ongeldig', 'Deze uitschrijflink is ongeldig. / This unsubscribe link is invalid.');
      if (token.c === 'test')
        return page(ctx, 200, 'Testmail', 'Dit was een testmail: er werd niemand uitgeschreven. / This was a test mail: nobody was unsubscribed.');
      page(
        ctx,
        200,
        'Uitschrijven',
        'Wil je geen UiTPAS-mailings meer ontvangen? / No more UiTPAS mailings?',
        `<form method="post"><button type="submit">Uitschrijven / Unsubscribe</button></form>`,
      );
    },

    /** The page's button and RFC 8058 one-click: every later send leaves the address out. */
    async unsubscribe(ctx: Context) {
      const outcome = await tracking().unsubscribe(ctx.params.token);
      if (outcome === 'invalid') return page(ctx, 404, 'Link ongeldig', 'Deze uitschrijflink is ongeldig. / This unsubscribe link is invalid.');
      page(
        ctx,
        200,
        'Uitgeschreven',
        outcome === 'unsubscribed'
          ? 'Je ontvangt geen UiTPAS-mailings meer. / You will no longer receive UiTPAS mailings.'
          : 'Dit was een testmail: er werd niemand uitgeschreven. / This was a test mail.',
      );
    },

    /** The open pixel and click redirect (hits.ts; normally answered earlier by its middleware). */
    open(ctx: Context) {
      if (hits.hit(ctx, 'o', ctx.params.token)) return;
      ctx.status = 404;
      ctx.set('X-Content-Type-Options', 'nosniff');
    },

    click(ctx: Context) {
      if (!hits.hit(ctx, 'c', ctx.params.token)) page(ctx, 404, 'Link ongeldig', 'Deze link is ongeldig. / This link is invalid.');
    },

    /** Bounces and complaints from the mail provider: `Authorization: Bearer <SEGMENTATION_WEBHOOK_TOKEN>`. */
    async webhook(ctx: Context) {
      const expected = pluginConfig(strapi).webhookToken;
      const given = String(ctx.get('authorization')).replace(/^Bearer\s+/i, '');
      const ok = expected.length > 0 && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
      if (!ok) {
        ctx.status = 401;
        ctx.body = { data: null, error: { status: 401, name: 'UnauthorizedError', message: 'Missing or wrong webhook token', details: {} } };
        return;
      }
      const parsed = webhookBody.safeParse(ctx.request.body);
      if (!parsed.success) {
        ctx.status = 400;
        ctx.body = {
          data: null,
          error: {
            status: 400,
            name: 'ValidationError',
            message: 'Invalid webhook body',
            details: { errors: parsed.error.issues.map((i) => ({ path: i.path, message: i.message, name: 'ValidationError' })) },
          },
        };
        return;
      }
      ctx.body = await tracking().providerEvents(parsed.data.events);
    },
  };
};
