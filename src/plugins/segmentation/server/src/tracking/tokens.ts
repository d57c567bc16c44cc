/**
 * Signed tokens for links in mails (unsubscribe, sender verification; later opens and clicks):
 * `payload.signature`, both base64url, the signature an HMAC-SHA256 of the payload with the
 * tool's secret. A forged or altered token does not verify; an expired one neither.
 */
import { createHmac, timingSafeEqual } from 'crypto';

export interface TokenPayload {
  /** What the token is for: 'sender' (verification), 'unsub', ... */
  k: string;
  /** Expiry, seconds since the epoch (optional). */
  exp?: number;
  [field: string]: unknown;
}

const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest();

export function signToken(secret: string, payload: TokenPayload): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(secret, body).toString('base64url')}`;
}

/** The payload of a valid token of kind `kind`, or null. */
export function verifyToken<T extends TokenPayload>(secret: string, token: string, kind: string, now = Date.now()): T | null {
  if (typeof token !== 'string' || token.length > 2048) return null;
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return null;
  // Compared as text: base64 decoding ignores the spare bits of the last character, so an altered
  // last character could still decode to the right bytes.
  const expected = Buffer.from(mac(secret, body).toString('base64url'));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T;
    if (payload?.k !== kind) return null;
    if (payload.exp !== undefined && payload.exp * 1000 < now) return null;
    return payload;
  } catch {
    return null;
  }
}
