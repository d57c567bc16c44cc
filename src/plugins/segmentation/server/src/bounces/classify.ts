/**
 * Reads a message that came back to the tool — from the bounce domain's SMTP listener or the bounce
 * mailbox — and says what it is: a delivery status notification (RFC 3464: failed → a hard, soft or
 * blocked bounce; delayed; delivered), an abuse report (ARF, RFC 5965: a complaint), an auto-reply
 * or out-of-office answer (RFC 3834 and the headers and subjects mail programs really use: ignored,
 * never a bounce), or a non-standard bounce of an older mail server (X-Failed-Recipients, a
 * MAILER-DAEMON sender). MIME is parsed by mailparser, header blocks by libmime.
 *
 * It also gathers where the mail it is about can be recognised: the addresses it was sent to (the
 * per-delivery return path, verp.ts), the returned mail's Return-Path and headers, the DSN's
 * envelope id.
 */
import { simpleParser, type Attachment, type ParsedMail } from 'mailparser';
import libmime from 'libmime';
import { REPLY_CODE, severityOf, statusIn, type Severity } from './status';

export type Classification =
  | { kind: 'bounce'; severity: Severity; recipient: string | null; status: string | null; diagnostic: string | null }
  | { kind: 'complaint'; recipient: string | null; feedbackType: string }
  | { kind: 'delayed' | 'delivered'; recipient: string | null; status: string | null }
  | { kind: 'autoreply'; reason: string }
  | { kind: 'unknown'; reason: string };

export interface Report {
  classification: Classification;
  /** Addresses the message was sent to and the returned mail's return path: where a VERP token may be. */
  addresses: string[];
  /** The returned mail's headers (lower-cased names), when it came back with them. */
  original: Record<string, string[]>;
  /** The DSN's Original-Envelope-Id. */
  envelopeId: string | null;
  subject: string;
  from: string;
}

type Fields = Record<string, string[]>;

const first = (fields: Fields, name: string) => fields[name]?.[0]?.trim() || null;
/** "rfc822; a@b.c" → "a@b.c" (typed addresses of RFC 3464 fields). */
const addressOf = (value: string | null) =>
  value
    ? value
        .replace(/^[^;]*;\s*/, '')
        .replace(/^<|>$/g, '')
        .trim()
        .toLowerCase() || null
    : null;

function headerBlocks(text: string): Fields[] {
  return text
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .filter((block) => block.trim() !== '')
    .map((block) => libmime.decodeHeaders(`${block}\n`));
}

function partOf(mail: ParsedMail, ...types: string[]): Attachment | undefined {
  return mail.attachments.find((a) => types.includes(a.contentType.toLowerCase()));
}

/** The headers of the returned original message (message/rfc822 or text/rfc822-headers part). */
function originalHeaders(mail: ParsedMail): Fields {
  const part = partOf(mail, 'message/rfc822', 'text/rfc822-headers', 'message/rfc822-headers');
  if (!part) return {};
  const text = part.content.toString('utf8').replace(/\r\n/g, '\n');
  const end = text.search(/\n\s*\n/);
  return libmime.decodeHeaders(`${end < 0 ? text : text.slice(0, end)}\n`);
}

const AUTO_SUBJECT =
  /^\s*(auto(matic|matisch)?[ -]?(reply|response|antwoord|beantwoording)|out of (the )?office|afwezig|niet aanwezig|automatisch antwoord|r[ée]ponse automatique|absen(ce|t)|abwesenheit|abwesend|automatische antwort|vacation|on (leave|holiday|vacation)|met verlof)\b/i;
const BOUNCE_SUBJECT =
  /(undeliver|undelivered|delivery (status notification|failure|has failed|failed)|returned mail|failure notice|mail delivery (failed|system)|niet (afgeleverd|bezorgd)|onbestelbaar|non remis|unzustellbar)/i;
const DAEMON = /^(mailer-daemon|postmaster|mail-daemon|mail delivery (subsystem|system))\b/i;

function autoReplyReason(mail: ParsedMail): string | null {
  const header = (name: string) => {
    const value = mail.headers.get(name);
    return typeof value === 'string' ? value.trim().toLowerCase() : value === undefined ? null : String(value).toLowerCase();
  };
  const submitted = header('auto-submitted');
  if (submitted && submitted !== 'no') return `Auto-Submitted: ${submitted}`;
  if (header('x-autoreply') !== null || header('x-autorespond') !== null) return 'X-Autoreply';
  const precedence = header('precedence');
  if (precedence === 'auto_reply') return 'Precedence: auto_reply';
  if (header('x-auto-response-suppress') !== null && AUTO_SUBJECT.test(mail.subject ?? '')) return 'X-Auto-Response-Suppress';
  if (AUTO_SUBJECT.test(mail.subject ?? '')) return `subject "${mail.subject}"`;
  return null;
}

function fromDsn(mail: ParsedMail): Classification | null {
  const part = partOf(mail, 'message/delivery-status', 'message/global-delivery-status');
  if (!part) return null;
  const [, ...recipients] = headerBlocks(part.content.toString('utf8'));
  const described = recipients.map((f) => ({
    action: (first(f, 'action') ?? '').toLowerCase(),
    recipient: addressOf(first(f, 'final-recipient') ?? first(f, 'original-recipient')),
    status: statusIn(first(f, 'status')),
    diagnostic: first(f, 'diagnostic-code')?.replace(/^[^;]*;\s*/, '') ?? null,
  }));
  const failed = described.find((r) => r.action === 'failed');
  if (failed) {
    const severity = severityOf(failed.status, failed.diagnostic) ?? 'hard';
    return { kind: 'bounce', severity, recipient: failed.recipient, status: failed.status, diagnostic: failed.diagnostic };
  }
  const delayed = described.find((r) => r.action === 'delayed');
  if (delayed) return { kind: 'delayed', recipient: delayed.recipient, status: delayed.status };
  const done = described.find((r) => ['delivered', 'relayed', 'expanded'].includes(r.action));
  if (done) return { kind: 'delivered', recipient: done.recipient, status: done.status };
  return { kind: 'unknown', reason: 'a delivery status notification without a recipient action' };
}

function fromArf(mail: ParsedMail, original: Fields): { classification: Classification; mailFrom: string | null } | null {
  const part = partOf(mail, 'message/feedback-report');
  if (!part) return null;
  const fields = headerBlocks(part.content.toString('utf8'))[0] ?? {};
  const recipient = addressOf(first(fields, 'original-rcpt-to')) ?? addressOf(first(original, 'to'));
  const feedbackType = (first(fields, 'feedback-type') ?? 'abuse').toLowerCase();
  return { classification: { kind: 'complaint', recipient, feedbackType }, mailFrom: addressOf(first(fields, 'original-mail-from')) };
}

/** A bounce of a server that does not send RFC 3464 reports (old Exim, some appliances). */
function fromPlainBounce(mail: ParsedMail): Classification | null {
  const failedTo = mail.headers.get('x-failed-recipients');
  const sender = mail.from?.value[0];
  const daemon = DAEMON.test(sender?.address ?? '') || DAEMON.test(sender?.name ?? '');
  if (failedTo === undefined && !(daemon && BOUNCE_SUBJECT.test(mail.subject ?? ''))) return null;
  const text = mail.text ?? '';
  const line = text.split('\n').find((l) => REPLY_CODE.test(l) || statusIn(l) !== null) ?? null;
  const status = statusIn(line);
  return {
    kind: 'bounce',
    severity: severityOf(status, line) ?? 'soft',
    recipient: addressOf(typeof failedTo === 'string' ? failedTo.split(',')[0]! : null),
    status,
    diagnostic: line?.trim() ?? null,
  };
}

function recipientsOf(mail: ParsedMail): string[] {
  const out: string[] = [];
  for (const name of ['delivered-to', 'x-original-to', 'envelope-to', 'x-envelope-to', 'to']) {
    const value = mail.headers.get(name);
    if (typeof value === 'string') out.push(...value.split(',').map((v) => v.replace(/^.*</, '').replace(/>.*$/, '').trim()));
    else if (value && typeof value === 'object' && 'value' in value && Array.isArray(value.value)) {
      out.push(...(value.value as { address?: string }[]).map((a) => a.address ?? ''));
    }
  }
  return out;
}

export async function classify(raw: Buffer | string): Promise<Report> {
  const mail = await simpleParser(raw, { keepDeliveryStatus: true, skipHtmlToText: false, skipTextLinks: true, skipImageLinks: true });
  const original = originalHeaders(mail);
  const contentType = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  const reportType = contentType?.value === 'multipart/report' ? (contentType.params?.['report-type'] ?? '').toLowerCase() : '';
  const addresses = [...recipientsOf(mail), addressOf(first(original, 'return-path')) ?? ''];
  let envelopeId: string | null = null;

  let classification: Classification | null = null;
  if (reportType === 'feedback-report' || partOf(mail, 'message/feedback-report')) {
    const arf = fromArf(mail, original);
    if (arf) {
      classification = arf.classification;
      if (arf.mailFrom) addresses.push(arf.mailFrom);
    }
  }
  if (!classification && (reportType === 'delivery-status' || partOf(mail, 'message/delivery-status'))) {
    classification = fromDsn(mail);
    const status = partOf(mail, 'message/delivery-status');
    if (status) envelopeId = first(headerBlocks(status.content.toString('utf8'))[0] ?? {}, 'original-envelope-id');
  }
  classification ??= fromPlainBounce(mail);
  if (!classification) {
    const reason = autoReplyReason(mail);
    classification = reason ? { kind: 'autoreply', reason } : { kind: 'unknown', reason: 'neither a bounce, a complaint nor an auto-reply' };
  }
  return {
    classification,
    addresses: [...new Set(addresses.map((a) => a.toLowerCase()).filter((a) => a.includes('@')))],
    original,
    envelopeId,
    subject: mail.subject ?? '',
    from: mail.from?.value[0]?.address ?? '',
  };
}
