/**
 * Mailgun's event webhooks: `signature.signature` is the HMAC-SHA256 of `timestamp + token` with the
 * webhook signing key (BOUNCE_MAILGUN_SIGNING_KEY). A timestamp more than 5 minutes off, or a token
 * seen before, is a replay and refused. The delivery token travels as a user variable
 * (`X-Mailgun-Variables: {"uitpas": …}` → `user-variables.uitpas`).
 */
import { createHmac, timingSafeEqual } from 'crypto';
import type { Classification } from '../classify';
import { severityOf, statusIn } from '../status';
import { ReplayGuard } from './replay';
import { recipient, WebhookError, type ProviderNotice } from './types';

const replays = new ReplayGuard();

export function checkMailgun(payload: unknown, signingKey: string, now = Date.now()): void {
  if (!signingKey) throw new WebhookError(401, 'The Mailgun webhook is not configured (BOUNCE_MAILGUN_SIGNING_KEY)');
  const sig = (payload as { signature?: Record<string, unknown> } | null)?.signature;
  const timestamp = String(sig?.timestamp ?? '');
  const token = String(sig?.token ?? '');
  const signature = String(sig?.signature ?? '');
  const expected = createHmac('sha256', signingKey)
    .update(timestamp + token)
    .digest('hex');
  if (signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected)))
    throw new WebhookError(401, 'Wrong Mailgun signature');
  replays.check(`mailgun:${token}`, Number(timestamp) * 1000, now);
}

function classification(e: Record<string, unknown>): Classification {
  const email = recipient(e.recipient);
  const status = (e['delivery-status'] ?? {}) as Record<string, unknown>;
  const diagnostic = [status.code, status.message || status.description].filter(Boolean).join(' ') || (typeof e.reason === 'string' ? e.reason : null);
  switch (e.event) {
    case 'complained':
      return { kind: 'complaint', recipient: email, feedbackType: 'abuse' };
    case 'delivered':
      return { kind: 'delivered', recipient: email, status: statusIn(diagnostic) };
    case 'failed': {
      const code = statusIn(diagnostic);
      const judged = severityOf(code, diagnostic);
      const severity = judged === 'blocked' ? 'blocked' : e.severity === 'permanent' ? 'hard' : 'soft';
      return { kind: 'bounce', severity, recipient: email, status: code, diagnostic };
    }
    default:
      return { kind: 'unknown', reason: `Mailgun ${String(e.event)}` };
  }
}

export function mailgunNotices(payload: unknown): ProviderNotice[] {
  const e = (payload as { 'event-data'?: Record<string, unknown> } | null)?.['event-data'];
  if (!e || typeof e !== 'object') throw new WebhookError(400, 'Expected a Mailgun event (event-data)');
  const vars = (e['user-variables'] ?? {}) as Record<string, unknown>;
  const headers = ((e.message as Record<string, unknown> | undefined)?.headers ?? {}) as Record<string, unknown>;
  const messageId = typeof headers['message-id'] === 'string' ? headers['message-id'] : null;
  return [{ token: typeof vars.uitpas === 'string' ? vars.uitpas : null, messageId, classification: classification(e), id: `mailgun:${String(e.id ?? '')}` }];
}
