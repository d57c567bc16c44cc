/**
 * Tracking in a rendered mail: every http(s) link but the unsubscribe link goes through the click
 * redirect, and an open pixel is added before </body>. The tokens are signed (tokens.ts), and a
 * click token carries its own URL: the redirect only ever goes to a URL that was in that mail.
 */
import { decodeHTML } from 'entities';
import { escapeHtml } from '../common/html';
import { signToken } from './tokens';

const HREF = /(<a\b[^>]*?\bhref\s*=\s*")([^"]*)(")/gi;

export interface TrackingUrls {
  base: string;
  secret: string;
  deliveryId: number;
  campaignId: number;
  /** When the mail is sent (ms): tells a prefetcher's open from a person's. */
  sentAt: number;
  unsubscribeUrl: string;
}

export const openUrl = (t: TrackingUrls) =>
  `${t.base}/api/segmentation/t/o/${signToken(t.secret, { k: 'open', d: t.deliveryId, c: t.campaignId, t: t.sentAt })}`;
export const clickUrl = (t: TrackingUrls, url: string) =>
  `${t.base}/api/segmentation/t/c/${signToken(t.secret, { k: 'click', d: t.deliveryId, c: t.campaignId, t: t.sentAt, u: url })}`;

export function trackHtml(html: string, t: TrackingUrls): string {
  const tracked = html.replace(HREF, (all, open: string, href: string, close: string) => {
    const url = decodeHTML(href).trim();
    if (!/^https?:\/\//i.test(url) || url === t.unsubscribeUrl) return all;
    return `${open}${escapeHtml(clickUrl(t, url))}${close}`;
  });
  const pixel = `<img src="${escapeHtml(openUrl(t))}" width="1" height="1" alt="" style="display:block;border:0;width:1px;height:1px;overflow:hidden" />`;
  const end = tracked.lastIndexOf('</body>');
  return end < 0 ? tracked + pixel : `${tracked.slice(0, end)}${pixel}${tracked.slice(end)}`;
}
