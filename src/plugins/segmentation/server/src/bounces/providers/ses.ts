/**
 * Amazon SES notifications through SNS. Every SNS message is verified before it is believed: its
 * certificate URL must be https on an SNS host of Amazon (`sns.<region>.amazonaws.com`), the
 * certificate is fetched (and kept) from there, and the message's signature (SignatureVersion 1:
 * SHA1withRSA, 2: SHA256withRSA) over SNS's canonical string must verify with it. A subscription
 * confirmation is confirmed by fetching its SubscribeURL (same host rule). Optionally only the
 * topics in BOUNCE_SES_TOPIC_ARNS are taken. A notice sent again (SNS retries) counts once: each is
 * kept under SNS's MessageId and the recipient.
 */
import { X509Certificate, createVerify } from 'crypto';
import type { Classification } from '../classify';
import { severityOf, statusIn } from '../status';
import { recipient, WebhookError, type ProviderNotice } from './types';

const SNS_HOST = /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;

/** Fetches a URL's text (SNS certificates, subscription confirmations). Replaceable in tests: no AWS here. */
export type FetchText = (url: string) => Promise<string>;
export const fetchText: FetchText = async (url) => {
  const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.text();
};

function snsUrl(value: unknown, what: string): string {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw new WebhookError(401, `The ${what} is no URL`);
  }
  if (url.protocol !== 'https:' || !SNS_HOST.test(url.hostname)) throw new WebhookError(401, `The ${what} is not on an Amazon SNS host: ${url.hostname}`);
  return url.toString();
}

const SIGNED = {
  Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
  SubscriptionConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
  UnsubscribeConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
} as const;

export class SnsVerifier {
  private readonly certificates = new Map<string, Promise<X509Certificate>>();

  constructor(
    private fetch: FetchText = fetchText,
    private readonly topics: string[] = [],
  ) {}

  /** Tests: where certificates and confirmations are fetched from (Amazon cannot run here). */
  useFetch(fetch: FetchText): void {
    this.fetch = fetch;
    this.certificates.clear();
  }

  private certificate(url: string): Promise<X509Certificate> {
    let cert = this.certificates.get(url);
    if (!cert) {
      cert = this.fetch(url).then((pem) => new X509Certificate(pem));
      cert.catch(() => this.certificates.delete(url));
      this.certificates.set(url, cert);
    }
    return cert;
  }

  /** Verifies an SNS message; a subscription confirmation is confirmed. The message, or null when nothing more is to be done. */
  async verify(message: Record<string, unknown>): Promise<Record<string, unknown> | null> {
    const type = String(message.Type ?? '') as keyof typeof SIGNED;
    if (!(type in SIGNED)) throw new WebhookError(400, `Not an SNS message (Type ${JSON.stringify(message.Type)})`);
    if (this.topics.length && !this.topics.includes(String(message.TopicArn)))
      throw new WebhookError(401, `Topic ${String(message.TopicArn)} is not configured`);
    const certUrl = snsUrl(message.SigningCertURL ?? message.SigningCertUrl, 'signing certificate URL');
    const algorithm = message.SignatureVersion === '2' ? 'RSA-SHA256' : message.SignatureVersion === '1' ? 'RSA-SHA1' : null;
    if (!algorithm) throw new WebhookError(401, `Unknown SNS SignatureVersion ${JSON.stringify(message.SignatureVersion)}`);
    const text = SIGNED[type]
      .filter((k) => message[k] !== undefined && message[k] !== null)
      .map((k) => `${k}\n${String(message[k])}\n`)
      .join('');
    let cert: X509Certificate;
    try {
      cert = await this.certificate(certUrl);
    } catch (error) {
      throw new WebhookError(401, `The SNS signing certificate could not be read: ${(error as Error).message}`);
    }
    const ok = createVerify(algorithm)
      .update(text, 'utf8')
      .verify(cert.publicKey, String(message.Signature ?? ''), 'base64');
    if (!ok) throw new WebhookError(401, 'Wrong SNS signature');
    if (type === 'SubscriptionConfirmation') {
      await this.fetch(snsUrl(message.SubscribeURL, 'subscription URL'));
      return null;
    }
    return type === 'Notification' ? message : null;
  }
}

function classificationsOf(n: Record<string, unknown>): { email: string | null; c: Classification }[] {
  const type = String(n.notificationType ?? n.eventType ?? '');
  if (type === 'Bounce') {
    const b = (n.bounce ?? {}) as Record<string, unknown>;
    const list = (b.bouncedRecipients ?? []) as Record<string, unknown>[];
    return list.map((r) => {
      const diagnostic = typeof r.diagnosticCode === 'string' ? r.diagnosticCode : null;
      const status = typeof r.status === 'string' ? r.status : statusIn(diagnostic);
      const blocked = b.bounceSubType === 'ContentRejected' || severityOf(status, diagnostic) === 'blocked';
      const severity = blocked ? 'blocked' : b.bounceType === 'Permanent' ? 'hard' : 'soft';
      const email = recipient(r.emailAddress);
      return {
        email,
        c: { kind: 'bounce', severity, recipient: email, status, diagnostic: diagnostic ?? `${String(b.bounceType)} ${String(b.bounceSubType)}` },
      };
    });
  }
  if (type === 'Complaint') {
    const c = (n.complaint ?? {}) as Record<string, unknown>;
    return ((c.complainedRecipients ?? []) as Record<string, unknown>[]).map((r) => ({
      email: recipient(r.emailAddress),
      c: { kind: 'complaint', recipient: recipient(r.emailAddress), feedbackType: String(c.complaintFeedbackType ?? 'abuse') },
    }));
  }
  if (type === 'Delivery') {
    const d = (n.delivery ?? {}) as Record<string, unknown>;
    return ((d.recipients ?? []) as unknown[]).map((r) => ({
      email: recipient(r),
      c: { kind: 'delivered', recipient: recipient(r), status: statusIn(String(d.smtpResponse ?? '')) },
    }));
  }
  return [];
}

/** The notices of a verified SNS Notification carrying an SES event. */
export function sesNotices(message: Record<string, unknown>): ProviderNotice[] {
  let n: Record<string, unknown>;
  try {
    n = JSON.parse(String(message.Message)) as Record<string, unknown>;
  } catch {
    throw new WebhookError(400, 'The SNS Message is not an SES notification (JSON)');
  }
  const mail = (n.mail ?? {}) as Record<string, unknown>;
  const headers = (mail.headers ?? []) as { name?: string; value?: string }[];
  const header = (name: string) => headers.find((h) => h.name?.toLowerCase() === name)?.value ?? null;
  const common = (mail.commonHeaders ?? {}) as Record<string, unknown>;
  const messageId = header('message-id') ?? (typeof common.messageId === 'string' ? common.messageId : null);
  return classificationsOf(n).map(({ email, c }) => ({
    token: header('x-uitpas-delivery'),
    messageId,
    classification: c,
    id: `ses:${String(message.MessageId)}:${email ?? ''}`,
  }));
}
