/**
 * The one HTML escaper: text made safe for HTML content and (quoted) attribute values. Braces are
 * escaped too, so escaped text can never form Liquid in a template.
 */
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '{': '&#123;', '}': '&#125;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'{}]/g, (c) => HTML_ESCAPES[c]!);
}

/** The status and headers of a page the tool serves itself (not the admin): HTML, not cached, no scripts, forms only to itself. */
export function pageHeaders(ctx: { status: number; type: string; set(name: string, value: string): void }, status: number): void {
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set('X-Content-Type-Options', 'nosniff');
}
