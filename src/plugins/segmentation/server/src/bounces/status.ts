/**
 * What an SMTP status says about an address (RFC 3463 enhanced status codes, RFC 5321 reply
 * codes): `hard` — the address does not work (5.x.x); `soft` — it may work later (4.x.x, and a
 * full mailbox, 5.2.2, which mailbox providers use for a passing state); `blocked` — the receiving
 * side refused the mail for policy or reputation (X.7.x, or a refusal whose text says spam,
 * blocklist or policy), which says nothing about the address and is not the holder's fault.
 */
export type Severity = 'hard' | 'soft' | 'blocked';

const ENHANCED = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;
/** An SMTP reply code in a text ("… said: 550 Unrouteable", "550-5.1.1 …"), not a number in an IP address. */
export const REPLY_CODE = /(?:^|[\s:;])([245])\d\d(?=[\s-]|$)/;
const POLICY_TEXT = /\b(spam|spamhaus|block(ed|list)|black ?list|denylist|policy|reputation|rejected for policy|unsolicited|dmarc|spf|dkim)\b/i;

/** The first enhanced status code in a text ("550 5.1.1 …" → "5.1.1"), else null. */
export function statusIn(text: string | null | undefined): string | null {
  const m = text ? ENHANCED.exec(text) : null;
  return m ? `${m[1]}.${m[2]}.${m[3]}` : null;
}

/** The severity of a failed delivery from its status and diagnostic text; null for a success (2.x.x). */
export function severityOf(status: string | null, diagnostic: string | null): Severity | null {
  const code = status ?? statusIn(diagnostic);
  const [klass, subject, detail] = code ? code.split('.') : [REPLY_CODE.exec(diagnostic ?? '')?.[1] ?? null, null, null];
  if (klass === '2') return null;
  if (subject === '7') return 'blocked';
  if (klass === '5' && POLICY_TEXT.test(diagnostic ?? '') && subject !== '1') return 'blocked';
  if (klass === '4') return 'soft';
  if (klass === '5') return subject === '2' && detail === '2' ? 'soft' : 'hard';
  return 'soft'; // no code at all: never suppress on a guess
}
