/**
 * SMS through an HTTP gateway of the common REST shape: POST JSON `{ to, from, text, reference }`
 * to `url` with an auth header, answered `{ messageIds: [...] }`. A 4xx is final for the message,
 * a 5xx, a timeout or a network error is temporary. Receipts and inbound SMS come back by callback:
 * the plugin's route passes the raw body and its `X-Sms-Signature` header to `handleCallback`, which
 * checks the HMAC-SHA256 of the body with the shared secret before it believes a word of it.
 */
import crypto from 'crypto';
import { z } from 'zod';
import { SmsError, SmsEvents, type SmsMessage, type SmsProvider, type SmsSent } from '../provider';

export interface HttpSmsOptions {
  url: string;
  /** `Name: value` (e.g. `X-Api-Key: abc`), or a bare value for Authorization (e.g. `Bearer abc`); empty: none. */
  authHeader?: string;
  /** Shared secret of the callbacks' signature; empty: every callback is refused. */
  secret?: string;
  /** How long a send waits for the gateway's answer (ms, default 30 s). */
  timeoutMs?: number;
}

/** The callback header carrying `sha256=<hex HMAC-SHA256 of the raw body>` (the bare hex is accepted too). */
export const SIGNATURE_HEADER = 'x-sms-signature';

const sentSchema = z.object({ messageIds: z.array(z.string().min(1)).min(1) });

const date = z.preprocess((v) => (v === undefined ? new Date() : new Date(v as string)), z.date());
const eventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('receipt'), messageId: z.string().min(1), status: z.enum(['delivered', 'failed']), error: z.string().optional(), at: date }),
  z.object({ type: z.literal('inbound'), from: z.string().min(1), to: z.string(), text: z.string(), at: date }),
]);
const callbackSchema = z.union([eventSchema, z.array(eventSchema)]);

/** A refused callback: `status` is what the route answers (401 bad signature, 400 bad body). */
export class SmsCallbackError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 401,
  ) {
    super(message);
    this.name = 'SmsCallbackError';
  }
}

/** The header `authHeader` stands for, as [name, value]; null when empty. */
export function authHeaderOf(authHeader: string | undefined): [string, string] | null {
  const text = authHeader?.trim();
  if (!text) return null;
  const named = /^([A-Za-z0-9-]+):\s*(.+)$/.exec(text);
  return named ? [named[1], named[2]] : ['Authorization', text];
}

/** `sha256=<hex>` of `body` signed with `secret`. */
export const signBody = (body: string | Buffer, secret: string): string => `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;

/** Whether `header` is the signature of `body` with `secret` (constant-time; false without a secret). */
export function verifySignature(body: string | Buffer, header: string | undefined, secret: string | undefined): boolean {
  if (!secret || !header) return false;
  const given = Buffer.from(
    header
      .trim()
      .replace(/^sha256=/i, '')
      .toLowerCase(),
    'utf8',
  );
  const expected = Buffer.from(signBody(body, secret).slice('sha256='.length), 'utf8');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

export class HttpSmsProvider extends SmsEvents implements SmsProvider {
  private readonly auth: [string, string] | null;

  constructor(private readonly opts: HttpSmsOptions) {
    super();
    this.auth = authHeaderOf(opts.authHeader);
  }

  async send(msg: SmsMessage): Promise<SmsSent> {
    let response: Response;
    try {
      response = await fetch(this.opts.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...(this.auth ? { [this.auth[0]]: this.auth[1] } : {}) },
        body: JSON.stringify({ to: msg.to, from: msg.from, text: msg.text, reference: msg.reference }),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 30_000),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      throw new SmsError(`SMS gateway ${this.host} unreachable: ${(error as Error).message} (${cause})`, false, cause);
    }
    const body = await response.text().catch(() => '');
    if (!response.ok) {
      const detail = body.slice(0, 200).replace(/\s+/g, ' ').trim();
      const status = response.status;
      const permanent = status >= 400 && status < 500 && status !== 408 && status !== 429;
      throw new SmsError(`SMS gateway ${this.host} refused the SMS: HTTP ${status}${detail ? ` ${detail}` : ''}`, permanent, `HTTP_${status}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = undefined;
    }
    const sent = sentSchema.safeParse(parsed);
    // Accepted but unreadable: whether it went is unknown, so it may be tried again.
    if (!sent.success) throw new SmsError(`SMS gateway ${this.host} answered without messageIds: ${body.slice(0, 200)}`, false, 'BAD_RESPONSE');
    return { messageIds: sent.data.messageIds };
  }

  private get host(): string {
    try {
      return new URL(this.opts.url).host;
    } catch {
      return this.opts.url;
    }
  }

  /**
   * A callback from the gateway: `body` exactly as received, `signature` its X-Sms-Signature header.
   * Emits its receipts and inbound SMS (one event or a list); throws SmsCallbackError when refused.
   */
  handleCallback(body: string | Buffer, signature: string | undefined): { receipts: number; inbound: number } {
    if (!verifySignature(body, signature, this.opts.secret)) throw new SmsCallbackError('Invalid or missing X-Sms-Signature', 401);
    let json: unknown;
    try {
      json = JSON.parse(body.toString());
    } catch {
      throw new SmsCallbackError('The body is no JSON', 400);
    }
    const parsed = callbackSchema.safeParse(json);
    if (!parsed.success) throw new SmsCallbackError(`Not a receipt or inbound SMS: ${parsed.error.issues[0]?.message}`, 400);
    const events = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
    const counts = { receipts: 0, inbound: 0 };
    for (const { type, ...event } of events) {
      if (type === 'receipt' && 'messageId' in event) {
        this.receipt(event);
        counts.receipts++;
      } else if (type === 'inbound' && 'from' in event) {
        this.inbound(event);
        counts.inbound++;
      }
    }
    return counts;
  }

  async close(): Promise<void> {
    this.clear();
  }
}
