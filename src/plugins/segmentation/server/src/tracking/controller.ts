/**
 * Public pages reached from mails (no login; the signed token is the authorisation): sender
 * verification and unsubscribe (GET shows a page, POST is RFC 8058 one-click). A forged or altered
 * token gets 404. Recording unsubscribes for later sends comes with campaigns.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { secretOf } from '../common/secret';
import { verifyToken } from './tokens';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(ctx: Context, status: number, title: string, text: string): void {
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.body = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escape(title)}</title>
<style>body{font-family:Arial,sans-serif;max-width:560px;margin:48px auto;padding:0 16px;color:#222}</style></head>
<body><h1>${escape(title)}</h1><p>${escape(text)}</p></body></html>`;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async verifySender(ctx: Context) {
    const sender = await strapi.plugin('segmentation').service('senders').verify(String(ctx.query.token ?? ''));
    if (!sender) return page(ctx, 404, 'Link ongeldig', 'Deze bevestigingslink is ongeldig of verlopen. / This confirmation link is invalid or has expired.');
    page(ctx, 200, 'Adres bevestigd', `${sender.email} is bevestigd. Een beheerder keurt het adres nog goed. / ${sender.email} is confirmed; an administrator still approves it.`);
  },

  unsubscribePage(ctx: Context) {
    const token = verifyToken<{ k: string; u: string; c: string }>(secretOf(strapi), ctx.params.token, 'unsub');
    if (!token) return page(ctx, 404, 'Link ongeldig', 'Deze uitschrijflink is ongeldig. / This unsubscribe link is invalid.');
    if (token.c === 'test') return page(ctx, 200, 'Testmail', 'Dit was een testmail: er werd niemand uitgeschreven. / This was a test mail: nobody was unsubscribed.');
    page(ctx, 200, 'Uitgeschreven', 'Je ontvangt geen mailings meer. / You will no longer receive mailings.');
  },

  unsubscribeOneClick(ctx: Context) {
    const token = verifyToken(secretOf(strapi), ctx.params.token, 'unsub');
    if (!token) return page(ctx, 404, 'Link ongeldig', 'Deze uitschrijflink is ongeldig.');
    ctx.status = 200;
    ctx.body = { unsubscribed: token.c !== 'test' };
  },
});
