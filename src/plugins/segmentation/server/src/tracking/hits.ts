/**
 * The open pixel and the click redirect, answered without a database round trip: the signed token
 * carries the delivery, its campaign, when the mail was sent and (for a click) the URL, so a hit is
 * an HMAC check and a buffered event (recorder.ts). A forged or altered token gets 404; a click only
 * ever redirects to the URL signed into that mail (no open redirect).
 *
 * Served by a middleware at the front of Strapi's stack (config/middlewares.ts) — the pixel of a
 * 70,000-mail campaign is fetched tens of thousands of times within minutes — and by the plugin's
 * routes (/api/segmentation/t/o|c/:token) when that middleware is not configured.
 */
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { secretOf } from '../common/secret';
import { verifyToken, type TokenPayload } from './tokens';
import { isMachineOpen } from './machine';

const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const PATH = /^\/api\/segmentation\/t\/([oc])\/([A-Za-z0-9_.-]{1,2048})$/;

interface HitToken extends TokenPayload {
  /** delivery, campaign, sent at (ms) */
  d: number;
  c: number;
  t: number;
  u?: string;
}

export function trackingHits(strapi: Core.Strapi) {
  let secret: string | null = null;
  const recorder = () => strapi.plugin('segmentation').service('recorder');
  const machineSeconds = () => Number(strapi.plugin('segmentation').config('machineOpenSeconds') ?? 10);

  /** Answers one hit; false when the token is not valid (the caller answers 404). */
  function hit(ctx: Context, kind: 'o' | 'c', token: string): boolean {
    secret ??= secretOf(strapi);
    const t = verifyToken<HitToken>(secret, token, kind === 'o' ? 'open' : 'click');
    if (!t || !Number.isInteger(t.d) || !Number.isInteger(t.c)) return false;
    if (kind === 'c' && !(typeof t.u === 'string' && /^https?:\/\//i.test(t.u))) return false;
    const now = Date.now();
    const machine = isMachineOpen(ctx.get('user-agent'), ctx.ip, Number(t.t) || null, now, machineSeconds());
    recorder().record({ delivery_id: t.d, campaign_id: t.c, type: kind === 'o' ? 'open' : 'click', detail: kind === 'c' ? t.u! : null, machine, at: now });
    if (kind === 'o') {
      ctx.set('Cache-Control', 'no-store, max-age=0');
      ctx.type = 'image/gif';
      ctx.body = PIXEL;
    } else {
      ctx.set('Cache-Control', 'no-store');
      ctx.set('Referrer-Policy', 'no-referrer');
      ctx.status = 302;
      ctx.set('Location', t.u!);
      ctx.body = '';
    }
    return true;
  }

  return {
    hit,
    /** Koa middleware: answers GET /api/segmentation/t/(o|c)/:token before the rest of the stack. */
    middleware: () => async (ctx: Context, next: Next) => {
      const m = ctx.method === 'GET' ? PATH.exec(ctx.path) : null;
      if (!m) return next();
      if (!hit(ctx, m[1] as 'o' | 'c', m[2]!)) ctx.status = 404;
    },
  };
}
