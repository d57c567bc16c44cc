/**
 * SendGrid's event webhook, with its signed-event verification: the
 * `X-Twilio-Email-Event-Webhook-Signature` header is an ECDSA (P-256, SHA-256) signature of the
 * timestamp header followed by the raw body, checked with the public key SendGrid shows
 * (BOUNCE_SENDGRID_PUBLIC_KEY, base64 DER). A timestamp more than 5 minutes off, or a signature
 * seen before, is a replay and refused. The delivery token travels as a unique argument
 * (`X-SMTPAPI: {"unique_args": {"uitpas": …}}` → each event's `uitpas`).
 */
import { createPublicKey, verify } from 'crypto';
import type { Classification } from '../classify';
import { severityOf, statusIn } from '../status';
import { ReplayGuard } from './replay';
import { recipient, WebhookError, type ProviderNotice } from './types';

export const SIGNATURE_HEADER = 'x-twilio-email-event-webhook-signature';
export const TIMESTAMP_HEADER = 'x-twilio-email-event-webhook-timestamp';
const replays = new ReplayGuard();

export function checkSendgrid(raw: string, signature: string | undefined, timestamp: string | undefined, publicKey: string, now = Date.now()): void {
  if (!publicKey) throw new WebhookError(401, 'The SendGrid webhook is not configured (BOUNCE_SENDGRID_PUBLIC_KEY)');
  if (!signature || !timestamp) throw new WebhookError(401, 'Missing SendGrid signature headers');
  const key = createPublicKey({ key: Buffer.from(publicKey.replace(/-----[^-]+-----|\s/g, ''), 'base64'), format: 'der', type: 'spki' });
  const ok = verify('sha256', Buffer.from(timestamp + raw, 'utf8'), key, Buffer.from(signature, 'base64'));
  if (!ok) throw new WebhookError(401, 'Wrong SendGrid signature');
  replays.check(`sendgrid:${signature}`, Number(timestamp) * 1000, now);
}

function classification(e: Record<string, unknown>): Classification {
  const email = recipient(e.email);
  const diagnostic = [e.status, e.reason].filter((x) => typeof x === 'string' && x).join(' ') || null;
  switch (e.event) {
    case 'spamreport':
      return { kind: 'complaint', recipient: email, feedbackType: 'abuse' };
    case 'delivered':
      return { kind: 'delivered', recipient: email, status: statusIn(diagnostic) };
    case 'deferred':
      return { kind: 'delayed', recipient: email, status: statusIn(diagnostic) };
    case 'bounce': {
      const status = statusIn(diagnostic);
      const blocked = e.type === 'blocked' || severityOf(status, diagnostic) === 'blocked';
      const soft = typeof e.status === 'string' && e.status.startsWith('4');
      return { kind: 'bounce', severity: blocked ? 'blocked' : soft ? 'soft' : 'hard', recipient: email, status, diagnostic };
    }
    default:
      return { kind: 'unknown', reason: `SendGrid ${String(e.event)}` };
  }
}

export function sendgridNotices(payload: unknown): ProviderNotice[] {
  if (!Array.isArray(payload)) throw new WebhookError(400, 'Expected a list of SendGrid events');
  return payload
    .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
    .filter((e) => ['bounce', 'spamreport', 'delivered', 'deferred', 'dropped'].includes(String(e.event)))
    .map((e) => ({
      token: typeof e.uitpas === 'string' ? e.uitpas : null,
      messageId: typeof e['smtp-id'] === 'string' ? e['smtp-id'] : null,
      classification: classification(e),
      id: `sendgrid:${String(e.sg_event_id ?? `${e.sg_message_id}:${e.event}`)}`,
    }));
}
