/**
 * Links by their template form: the URL as written in the template, Liquid unrendered
 * (`https://example.org/x?u={{ uid }}`), never as rendered for one holder. Click statistics are
 * reported per form, so a personalised link shows no holder's data and its clicks add up.
 *
 * The forms come from the content the send froze (the campaign's snapshot): the button URL of a
 * house-style mail, every `<a href="…">` of a pure-HTML one — the links trackHtml rewrites. A
 * clicked URL is given the form it matches: each Liquid token stands for any text, the literal
 * parts must match exactly; of several, the one with the most literal text wins. A URL matching
 * no form (it cannot come from the template) is reported by its origin only.
 */
import { decodeHTML } from 'entities';
import { splitLiquid } from '../templates/personalise';
import type { TemplateContent } from '../templates/render';

export interface LinkForm {
  form: string;
  literal: number;
  pattern: RegExp;
}

const HREF = /<a\b[^>]*?\bhref\s*=\s*"([^"]*)"/gi;
const UNSUBSCRIBE = /^\{\{-?\s*unsubscribeUrl\s*-?\}\}$/;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function segments(source: string) {
  try {
    return splitLiquid(source);
  } catch {
    return [{ liquid: false, text: source }];
  }
}

/** One form from its source text (`html`: the literal parts are HTML, entities decoded as in trackHtml). */
function formOf(source: string, html: boolean): LinkForm | null {
  const parts = segments(source.trim()).map((s) => (s.liquid ? s : { liquid: false, text: html ? decodeHTML(s.text) : s.text }));
  const form = parts
    .map((p) => p.text)
    .join('')
    .trim();
  if (!form || UNSUBSCRIBE.test(form)) return null;
  if (!/^(https?:\/\/|\{[{%])/i.test(form)) return null; // mailto:, tel:, anchors: not tracked
  // A `{% … %}` span (conditions, loops) is one wildcard from its first tag to its last.
  const firstTag = parts.findIndex((p) => p.liquid && p.text.startsWith('{%'));
  const lastTag = parts.length - 1 - [...parts].reverse().findIndex((p) => p.liquid && p.text.startsWith('{%'));
  let regex = '';
  let literal = 0;
  parts.forEach((p, i) => {
    const wild = p.liquid || (firstTag >= 0 && i > firstTag && i < lastTag);
    if (wild) {
      if (!regex.endsWith('[\\s\\S]*?')) regex += '[\\s\\S]*?';
    } else {
      regex += escapeRegExp(p.text);
      literal += p.text.length;
    }
  });
  return { form, literal, pattern: new RegExp(`^\\s*${regex}\\s*$`) };
}

/** The tracked links of a mail, as written in its template, most literal text first. */
export function linkForms(content: Pick<TemplateContent, 'format' | 'html' | 'buttonUrl'> | null | undefined): LinkForm[] {
  if (!content) return [];
  const found: LinkForm[] = [];
  if (content.format === 'html') {
    // Liquid is set aside first, so a quote inside a tag does not end the attribute.
    const tokens: string[] = [];
    const masked = segments(content.html ?? '')
      .map((s) => (s.liquid ? `\u0000${tokens.push(s.text) - 1}\u0000` : s.text))
      .join('');
    for (const m of masked.matchAll(HREF)) {
      const form = formOf(
        // eslint-disable-next-line no-control-regex -- NUL marks the Liquid placeholders put in above
        m[1]!.replace(/\u0000(\d+)\u0000/g, (_, i: string) => tokens[Number(i)]!),
        true,
      );
      if (form) found.push(form);
    }
  } else if (content.buttonUrl) {
    const form = formOf(content.buttonUrl, false);
    if (form) found.push(form);
  }
  const unique = [...new Map(found.map((f) => [f.form, f])).values()];
  return unique.sort((a, b) => b.literal - a.literal);
}

/** The template form of a clicked URL. */
export function templateFormOf(forms: LinkForm[], url: string): string {
  const match = forms.find((f) => f.pattern.test(url));
  if (match) return match.form;
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return '…';
  }
}
