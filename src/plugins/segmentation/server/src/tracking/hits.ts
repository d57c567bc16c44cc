/**
 * The open pixel and the click redirect, answered without a database round trip: the signed token
 * carries the delivery, its campaign, when the mail was sent and (for a click) the URL, so a hit is
 * an HMAC check and a buffered event (recorder.ts). A forged or altered token gets 404; a click only
 * ever redirects to the URL signed into that mail (no open redirect).
 *
 * Served on the HTTP server itself, before koa (`attach`, from the plugin's bootstrap) — the pixel
 * of a 70,000-mail campaign is fetched tens of thousands of times within minutes; an invalid token
 * falls through to Strapi, whose front middleware (config/middlewares.ts) and routes
 * (/api/segmentation/t/o|c/:token) answer 404 and serve hits when the fast path is not attached.
 */
import type { Core } from '@strapi/strapi';
import type { IncomingMessage, Server, ServerResponse } from 'http';
import type { Context, Next } from 'koa';
import { secretOf } from '../common/secret';
import { pluginConfig } from '../config';
import { verifyToken, type TokenPayload } from './tokens';
import { isMachineOpen } from './machine';
import { getService } from '../services';

const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
/** Every tracking answer: the browser takes the declared type, never guesses one from the body. */
const NOSNIFF = { 'X-Content-Type-Options': 'nosniff' } as const;
const PATH = /^\/api\/segmentation\/t\/([oc])\/([A-Za-z0-9_.-]{1,2048})$/;

interface HitToken extends TokenPayload {
  /** delivery, campaign, sent at (ms) */
  d: number;
  c: number;
  t: number;
  u?: string;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

export function trackingHits(strapi: Core.Strapi) {
  let secret: string | null = null;
  const recorder = () => getService(strapi, 'recorder');
  const machineSeconds = () => pluginConfig(strapi).machineOpenSeconds;

  /** The answer to one hit, its event recorded; null when the token is not valid (404). */
  function answer(kind: 'o' | 'c', token: string, userAgent: string | undefined): Answer | null {
    secret ??= secretOf(strapi);
    const t = verifyToken<HitToken>(secret, token, kind === 'o' ? 'open' : 'click');
    if (!t || !Number.isInteger(t.d) || !Number.isInteger(t.c)) return null;
    if (kind === 'c' && !(typeof t.u === 'string' && /^https?:\/\//i.test(t.u))) return null;
    const now = Date.now();
    const machine = isMachineOpen(userAgent, undefined, Number(t.t) || null, now, machineSeconds());
    recorder().record({ delivery_id: t.d, campaign_id: t.c, type: kind === 'o' ? 'open' : 'click', detail: kind === 'c' ? t.u! : null, machine, at: now });
    return kind === 'o'
      ? {
          status: 200,
          headers: { ...NOSNIFF, 'Content-Type': 'image/gif', 'Cache-Control': 'no-store, max-age=0', 'Content-Length': String(PIXEL.length) },
          body: PIXEL,
        }
      : {
          status: 302,
          headers: { ...NOSNIFF, Location: t.u!, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'Content-Length': '0' },
          body: '',
        };
  }

  /** Answers one hit through koa; false when the token is not valid (the caller answers 404). */
  function hit(ctx: Context, kind: 'o' | 'c', token: string): boolean {
    const a = answer(kind, token, ctx.get('user-agent'));
    if (!a) return false;
    ctx.status = a.status;
    for (const [k, v] of Object.entries(a.headers)) if (k !== 'Content-Length') ctx.set(k, v);
    ctx.body = a.body;
    return true;
  }

  return {
    hit,
    /** Koa middleware: answers GET /api/segmentation/t/(o|c)/:token before the rest of the stack. */
    middleware: () => async (ctx: Context, next: Next) => {
      const m = ctx.method === 'GET' ? PATH.exec(ctx.path) : null;
      if (!m) return next();
      if (hit(ctx, m[1] as 'o' | 'c', m[2]!)) return;
      ctx.status = 404;
      ctx.set(NOSNIFF);
    },
    /**
     * The fast path: answers hits on the HTTP server itself, before koa (whose per-request
     * machinery costs several times the hit itself); every other request goes to Strapi unchanged.
     */
    attach(server: Server): void {
      const handlers = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
      server.removeAllListeners('request');
      server.on('request', (req: IncomingMessage, res: ServerResponse) => {
        const m = req.method === 'GET' && req.url ? PATH.exec(req.url.split('?', 1)[0]!) : null;
        if (m) {
          const a = answer(m[1] as 'o' | 'c', m[2]!, req.headers['user-agent']);
          if (a) {
            res.writeHead(a.status, a.headers);
            res.end(a.body);
            return;
          }
        }
        for (const handler of handlers) handler.call(server, req, res);
      });
    },
  };
}
