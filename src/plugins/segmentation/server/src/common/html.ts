/**
 * The one HTML escaper: text made safe for HTML content and (quoted) attribute values. Braces are
 * escaped too, so escaped text can never form Liquid in a template.
 */
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '{': '&#123;', '}': '&#125;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'{}]/g, (c) => HTML_ESCAPES[c]!);
}
