/**
 * A deadline for receiving a request's body, per route. Node's own `requestTimeout` covers a whole
 * request and cannot be set per route, and import bodies of several hundred MB legitimately take
 * long, so the server's is off (index.ts) and this middleware gives each request with a body a
 * deadline instead: `bodyTimeouts.default` for everything, longer ones for the routes that stream
 * imports and uploads. A body still incomplete at its deadline gets a 408 and the connection is
 * closed, so a client that sends a byte now and then cannot hold a connection open.
 * (Headers have their own deadline: the server's `headersTimeout`, also set in index.ts.)
 */
import type { Context, Next } from 'koa';
import type { IncomingMessage } from 'http';

export interface BodyTimeouts {
  /** Milliseconds for any body (0: none). */
  default: number;
  /** For `POST /api/segmentation/import/:entity`. */
  import: number;
  /** For media uploads (`/upload`, `/api/upload`) and uploaded lists of holders. */
  upload: number;
}

const hasBody = (req: IncomingMessage) => Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;

export function limitFor(path: string, limits: BodyTimeouts): number {
  if (path.startsWith('/api/segmentation/import/')) return limits.import;
  if (path === '/api/segmentation/audiences/lists' || path === '/segmentation/audiences/lists') return limits.upload;
  if (path === '/upload' || path.startsWith('/upload/') || path === '/api/upload' || path.startsWith('/api/upload/')) return limits.upload;
  return limits.default;
}

export function bodyTimeout(limits: BodyTimeouts) {
  return async (ctx: Context, next: Next) => {
    const { req, res } = ctx;
    const ms = limitFor(ctx.path, limits);
    if (ms > 0 && !req.complete && hasBody(req)) {
      const timer = setTimeout(() => {
        if (req.complete || res.headersSent) return;
        const error = { status: 408, name: 'RequestTimeoutError', message: `The request body did not arrive within ${Math.round(ms / 1000)} s`, details: {} };
        res.writeHead(408, { 'Content-Type': 'application/json; charset=utf-8', Connection: 'close' });
        res.end(JSON.stringify({ data: null, error }), () => req.socket.destroy());
      }, ms);
      timer.unref();
      const clear = () => clearTimeout(timer);
      req.once('end', clear);
      res.once('close', clear);
    }
    await next();
  };
}
