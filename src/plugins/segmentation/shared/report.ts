/**
 * The mailing report's figures on the bases the programme's guide uses and states (issue 22):
 * delivered, blocked and bounced are shares of *verstuurd* (every mail the tool handed on, including
 * the ones the receiving side refused at once) and add up to 100 %; opened is a share of delivered;
 * clicked a share of opened (click-to-open) and, beside it, of delivered (click rate); unsubscribed
 * and spam shares of delivered. Percentages keep two decimals, so small rates never read 0 %.
 * Browser-safe: the server computes them, the admin shows them, the tests check them.
 */
export interface ReportCounts {
  /** Accepted by the relay. */
  accepted: number;
  /** Refused at once by the relay or the receiving server (a 5xx while sending). */
  refused: number;
  hard: number;
  soft: number;
  /** Accepted, then refused for policy or reputation (a blocked bounce). */
  blockedLater: number;
  opened: number;
  clicked: number;
  unsubscribed: number;
  spam: number;
}

/** A percentage with two decimals, or null when the base is 0. */
export const percentage = (n: number, of: number): number | null => (of > 0 ? Math.round((10_000 * n) / of) / 100 : null);

export function reportRates(c: ReportCounts) {
  const verstuurd = c.accepted + c.refused;
  const bounced = c.hard + c.soft;
  const blocked = c.refused + c.blockedLater;
  const delivered = Math.max(0, verstuurd - bounced - blocked);
  return {
    verstuurd,
    delivered: { n: delivered, pct: percentage(delivered, verstuurd) },
    blocked: { n: blocked, pct: percentage(blocked, verstuurd) },
    bounced: { n: bounced, hard: c.hard, soft: c.soft, pct: percentage(bounced, verstuurd) },
    opened: { n: c.opened, pct: percentage(c.opened, delivered) },
    clicked: { n: c.clicked, clickToOpen: percentage(c.clicked, c.opened), clickThrough: percentage(c.clicked, delivered) },
    unsubscribed: { n: c.unsubscribed, pct: percentage(c.unsubscribed, delivered) },
    spam: { n: c.spam, pct: percentage(c.spam, delivered) },
  };
}
