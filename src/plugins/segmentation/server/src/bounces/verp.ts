/**
 * Per-delivery return paths (VERP): each mail's envelope sender is
 * `<prefix>+<token>@<bounce domain>`, the token naming the delivery and signed with the tool's
 * secret, so a bounce names the mail it is about without guessing from its text, and nobody can
 * bounce (and so suppress) an address by making up a token.
 *
 * The token must survive in a local part (at most 64 characters, RFC 5321) and servers that
 * lower-case addresses: `<delivery id, base 36>-<first 80 bits of an HMAC-SHA256, base 32>`, all
 * lower case, about 25 characters.
 */
import { createHmac, timingSafeEqual } from 'crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const MAC_BYTES = 10;

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

const macOf = (secret: string, id: string) => base32(createHmac('sha256', secret).update(`verp:${id}`).digest().subarray(0, MAC_BYTES));

export function verpToken(secret: string, deliveryId: number): string {
  const id = deliveryId.toString(36);
  return `${id}-${macOf(secret, id)}`;
}

/** The delivery id of a valid token, else null (altered, made up, or not ours). */
export function deliveryOfToken(secret: string, token: string): number | null {
  const match = /^([0-9a-z]{1,11})-([a-z2-7]{16})$/.exec(token.toLowerCase());
  if (!match) return null;
  const [, id, mac] = match as unknown as [string, string, string];
  const expected = Buffer.from(macOf(secret, id));
  if (!timingSafeEqual(expected, Buffer.from(mac))) return null;
  const n = parseInt(id, 36);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

export interface ReturnPath {
  /** The local part before the `+` (default `bounces`). */
  prefix: string;
  domain: string;
}

export function returnPathOf(path: ReturnPath, secret: string, deliveryId: number): string {
  return `${path.prefix}+${verpToken(secret, deliveryId)}@${path.domain}`;
}

/** The token of an address `<prefix>+<token>@<domain>` (case-insensitive), else null. */
export function tokenOfAddress(path: ReturnPath, address: string): string | null {
  const at = address.lastIndexOf('@');
  if (at < 0) return null;
  const local = address.slice(0, at).toLowerCase();
  const domain = address.slice(at + 1).toLowerCase();
  if (domain !== path.domain.toLowerCase()) return null;
  const prefix = `${path.prefix.toLowerCase()}+`;
  return local.startsWith(prefix) ? local.slice(prefix.length) : null;
}

/** The headers that carry a delivery's token to the mail provider and back in its webhooks. */
export function trackingHeaders(token: string, provider: 'none' | 'ses' | 'sendgrid' | 'postmark' | 'mailgun'): Record<string, string> {
  const headers: Record<string, string> = { 'X-UiTPAS-Delivery': token };
  if (provider === 'sendgrid') headers['X-SMTPAPI'] = JSON.stringify({ unique_args: { uitpas: token } });
  if (provider === 'postmark') headers['X-PM-Metadata-uitpas'] = token;
  if (provider === 'mailgun') headers['X-Mailgun-Variables'] = JSON.stringify({ uitpas: token });
  return headers;
}
