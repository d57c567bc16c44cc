/**
 * The mailing report's percentages (shared/report.ts) against the programme guide's own example:
 * "E-mails verstuurd 73542 — 97,67% 71827 Afgeleverd — 1,06% Geblokkeerd — 1,27% Bounced —
 * 42,49% 30521 Geopend — 19,67% 6004 Clicked — 0,05% 39 Uitgeschreven — 0,01% 4 Spam", each on
 * the base the guide uses, and as the admin writes them.
 */
import { percentage, reportRates } from '../../src/plugins/segmentation/shared/report';
import { fmtPct } from '../../src/plugins/segmentation/admin/src/campaigns/format';

test("the guide's example, figure for figure", () => {
  const g = reportRates({ accepted: 73542, refused: 0, hard: 700, soft: 235, blockedLater: 780, opened: 30521, clicked: 6004, unsubscribed: 39, spam: 4 });
  expect(g.verstuurd).toBe(73542);
  expect(g.delivered).toEqual({ n: 71827, pct: 97.67 });
  expect(g.blocked).toEqual({ n: 780, pct: 1.06 });
  expect(g.bounced).toEqual({ n: 935, hard: 700, soft: 235, pct: 1.27 });
  expect(g.opened).toEqual({ n: 30521, pct: 42.49 }); // of delivered
  expect(g.clicked).toEqual({ n: 6004, clickToOpen: 19.67, clickThrough: 8.36 }); // of opened; of delivered beside it
  expect(g.unsubscribed).toEqual({ n: 39, pct: 0.05 });
  expect(g.spam).toEqual({ n: 4, pct: 0.01 });
  // Delivered, blocked and bounced share one base and add up to all that was sent.
  expect(g.delivered.n + g.blocked.n + g.bounced.n).toBe(g.verstuurd);
  expect([g.delivered.pct, g.blocked.pct, g.bounced.pct, g.opened.pct, g.clicked.clickToOpen, g.unsubscribed.pct, g.spam.pct].map(fmtPct)).toEqual([
    '97,67%',
    '1,06%',
    '1,27%',
    '42,49%',
    '19,67%',
    '0,05%',
    '0,01%',
  ]);
});

test('mails refused at once are sent and blocked; no base, no percentage', () => {
  const r = reportRates({ accepted: 9, refused: 1, hard: 0, soft: 0, blockedLater: 0, opened: 0, clicked: 0, unsubscribed: 0, spam: 0 });
  expect(r).toMatchObject({ verstuurd: 10, delivered: { n: 9, pct: 90 }, blocked: { n: 1, pct: 10 } });
  expect(reportRates({ accepted: 0, refused: 0, hard: 0, soft: 0, blockedLater: 0, opened: 0, clicked: 0, unsubscribed: 0, spam: 0 }).delivered.pct).toBeNull();
  expect(percentage(1, 100_000)).toBe(0); // 0,001 % rounds to 0,00 %: two decimals, as the guide writes them
  expect(fmtPct(null)).toBe('—');
});
