/**
 * Postmark's bounce, spam-complaint and delivery webhooks. Postmark signs nothing: the webhook URL
 * is configured with basic auth (BOUNCE_POSTMARK_USER / _PASSWORD), checked in constant time. The
 * delivery token travels as metadata (`X-PM-Metadata-uitpas` header → `Metadata.uitpas`).
 */
import { timingSafeEqual, createHash } from 'crypto';
import type { Classification } from '../classify';
import { severityOf } from '../status';
import { recipient, WebhookError, type ProviderNotice } from './types';

const same = (a: string, b: string) => timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

export function checkBasicAuth(header: string | undefined, user: string, password: string): void {
  if (!user || !password) throw new WebhookError(401, 'The Postmark webhook is not configured (BOUNCE_POSTMARK_USER, BOUNCE_POSTMARK_PASSWORD)');
  const match = /^Basic\s+(.+)$/i.exec(header ?? '');
  const given = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
  if (!same(given, `${user}:${password}`)) throw new WebhookError(401, 'Wrong or missing basic auth');
}

const BLOCKED = new Set(['SpamNotification', 'Blocked', 'ContentRelay', 'BadEmailAddress-policy', 'VirusNotification', 'ChallengeVerification']);
const HARD = new Set(['HardBounce', 'BadEmailAddress', 'ManuallyDeactivated', 'AddressChange']);
const IGNORED = new Set([
  'AutoResponder',
  'Subscribe',
  'Unsubscribe',
  'OpenRelayTest',
  'SMTPApiError',
  'InboundError',
  'DMARCPolicy',
  'TemplateRenderingFailed',
  'Unknown',
]);

function classification(body: Record<string, unknown>): Classification {
  const email = recipient(body.Email ?? body.Recipient);
  switch (body.RecordType) {
    case 'SpamComplaint':
      return { kind: 'complaint', recipient: email, feedbackType: 'abuse' };
    case 'Delivery':
      return { kind: 'delivered', recipient: email, status: null };
    case 'Bounce': {
      const type = String(body.Type ?? '');
      if (type === 'AutoResponder') return { kind: 'autoreply', reason: 'Postmark AutoResponder' };
      if (IGNORED.has(type)) return { kind: 'unknown', reason: `Postmark ${type}` };
      const diagnostic = [body.Description, body.Details].filter((x) => typeof x === 'string' && x).join(' — ') || null;
      const severity = BLOCKED.has(type) ? 'blocked' : HARD.has(type) ? 'hard' : severityOf(null, diagnostic) === 'blocked' ? 'blocked' : 'soft';
      return { kind: 'bounce', severity, recipient: email, status: null, diagnostic };
    }
    default:
      throw new WebhookError(400, `Not a Postmark bounce, complaint or delivery (RecordType ${JSON.stringify(body.RecordType)})`);
  }
}

export function postmarkNotices(payload: unknown): ProviderNotice[] {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) throw new WebhookError(400, 'Expected one Postmark record as a JSON object');
  const body = payload as Record<string, unknown>;
  const metadata = (body.Metadata ?? {}) as Record<string, unknown>;
  return [
    {
      token: typeof metadata.uitpas === 'string' ? metadata.uitpas : null,
      messageId: null,
      classification: classification(body),
      id: `postmark:${String(body.RecordType)}:${String(body.ID ?? body.MessageID ?? '')}`,
    },
  ];
}
