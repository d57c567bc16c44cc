/**
 * Mail rendering. `compileTemplate` does the expensive work once per template: build the MJML,
 * compile it to HTML, derive the plain-text part and parse everything as Liquid. `render` then
 * only runs the parsed Liquid per recipient.
 *
 * Liquid survives MJML and html-to-text as opaque placeholders (personalise.ts): the user's text
 * is HTML-escaped, its Liquid tokens become placeholders, and after compilation the placeholders
 * are replaced by the original tokens. Output in the HTML part is HTML-escaped by the engine.
 */
import { compile as compileHtmlToText } from 'html-to-text';
import type { Template } from 'liquidjs';
import { houseStyleOf, type HouseStyle } from './house-styles';
import { UNSUBSCRIBE_LABEL, houseLayout, paragraphs } from './layout';
import { MAIL_BUDGET_MS, Placeholders, RenderBudget, WorkLimitError, htmlEngine, textEngine, variablesOf } from './personalise';

export type TemplateLanguage = 'nl' | 'fr' | 'en' | 'de';

export interface TemplateContent {
  subject: string;
  preheader?: string | null;
  format: 'house' | 'html';
  houseStyle?: string | null;
  html?: string | null;
  imageUrl?: string | null;
  imageAlt?: string | null;
  body?: string | null;
  buttonText?: string | null;
  buttonUrl?: string | null;
  language: TemplateLanguage;
  /** Issue 20: what the template is for (default e-mail) and the fields of letters and SMS. */
  channel?: 'email' | 'letter' | 'sms';
  text?: string | null;
  senderBlock?: string | null;
  place?: string | null;
  signature?: string | null;
  /** E-mail attachments: Media Library file ids (the send reads the files). */
  attachments?: number[];
  /** The house style as looked up when the content was made (house-style-records.ts). */
  style?: HouseStyle;
}

export interface Recipient {
  uid: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  points: number;
  language: string | null;
  cardSystem: { key: string; name: string } | null;
}

export interface MailLinks {
  unsubscribeUrl: string;
}

export interface RenderedMail {
  subject: string;
  preheader: string;
  html: string;
  text: string;
}

export interface CompiledTemplate {
  /** One recipient's mail; throws a WorkLimitError (part: subject, preheader, html or text) when it does too much work. */
  render(recipient: Recipient, links: MailLinks): RenderedMail;
}

// mjml ships without type declarations; v5's mjml2html returns a Promise.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- mjml has no type declarations to import with
const mjml2html: (mjml: string, options: object) => Promise<{ html: string }> = require('mjml');

const toText = compileHtmlToText({
  wordwrap: 78,
  selectors: [
    { selector: 'img', format: 'skip' },
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: 'table', format: 'block' },
    { selector: 'div.preheader', format: 'skip' },
  ],
});

const PREHEADER_STYLE = 'display:none;font-size:1px;color:#ffffff;line-height:1px;max-height:0;max-width:0;opacity:0;overflow:hidden;mso-hide:all;';
/** Invisible filler so mail clients do not pad the preview with the start of the body. */
const PREHEADER_FILLER = '&#847;&zwnj;&nbsp;'.repeat(30);

/** Inserts the hidden preheader right after `<body>` (or at the very start without one). */
function injectPreheader(html: string, preheader: string): string {
  const div = `<div class="preheader" style="${PREHEADER_STYLE}">${preheader}${PREHEADER_FILLER}</div>`;
  const body = /<body\b[^>]*>/i.exec(html);
  if (!body) return div + html;
  const at = body.index + body[0].length;
  return html.slice(0, at) + div + html.slice(at);
}

const present = (s: string | null | undefined): s is string => typeof s === 'string' && s.trim().length > 0;

/** The MJML of a house-style mail, user text escaped and Liquid as placeholders. */
function houseMjml(t: TemplateContent, ph: Placeholders): string {
  const button = present(t.buttonText) && present(t.buttonUrl) ? { text: ph.prepare(t.buttonText.trim()), url: ph.prepare(t.buttonUrl.trim()) } : null;
  return houseLayout({
    style: t.style ?? houseStyleOf(t.houseStyle),
    language: Object.hasOwn(UNSUBSCRIBE_LABEL, t.language) ? t.language : 'nl', // checkTemplate refuses others
    title: ph.prepare(t.subject),
    image: present(t.imageUrl) ? { url: ph.prepare(t.imageUrl.trim()), alt: ph.prepare(t.imageAlt ?? '') } : null,
    body: paragraphs(ph.prepare(t.body ?? '')),
    button,
    unsubscribeUrl: ph.liquid('{{ unsubscribeUrl }}'),
  });
}

/**
 * The plain-text Liquid template derived from the placeholder HTML, or null when html-to-text
 * dropped a `{% tag %}` from the visible body (e.g. one inside an attribute): then the text is
 * converted from each rendered HTML instead.
 */
function textTemplate(ph: Placeholders, placeholderHtml: string): Template[] | null {
  const text = toText(placeholderHtml);
  const bodyAt = placeholderHtml.search(/<body\b/i);
  const body = bodyAt >= 0 ? placeholderHtml.slice(bodyAt) : placeholderHtml;
  const lost = ph.tagIds().some((id) => body.includes(ph.placeholderOf(id)) && !text.includes(ph.placeholderOf(id)));
  if (lost) return null;
  try {
    return textEngine.parse(ph.toLiquidText(text));
  } catch {
    return null;
  }
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();
const tidyText = (s: string): string =>
  s
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

export async function compileTemplate(t: TemplateContent): Promise<CompiledTemplate> {
  const ph = new Placeholders();
  let placeholderHtml: string;
  let htmlSource: string;
  if (t.format === 'html') {
    htmlSource = t.html ?? '';
    placeholderHtml = ph.prepare(htmlSource, (literal) => literal);
  } else {
    placeholderHtml = (await mjml2html(houseMjml(t, ph), { validationLevel: 'strict', keepComments: false })).html;
    htmlSource = ph.toLiquidHtml(placeholderHtml);
  }
  if (present(t.preheader)) htmlSource = injectPreheader(htmlSource, ph.toLiquidHtml(ph.prepare(oneLine(t.preheader))));

  const subject = textEngine.parse(t.subject);
  const preheader = textEngine.parse(t.preheader ?? '');
  const html = htmlEngine.parse(htmlSource);
  const text = textTemplate(ph, placeholderHtml);

  return {
    render(recipient: Recipient, links: MailLinks): RenderedMail {
      const vars = variablesOf(recipient, links);
      const budget = new RenderBudget(MAIL_BUDGET_MS);
      const renderedHtml = budget.render(htmlEngine, html, vars, 'html');
      let renderedText: string | null = null;
      if (text) {
        try {
          renderedText = ph.finishText(budget.render(textEngine, text, vars, 'text'));
        } catch (err) {
          if (err instanceof WorkLimitError) throw err;
          renderedText = null; // e.g. a variable assigned in a part the text does not contain
        }
      }
      return {
        subject: oneLine(budget.render(textEngine, subject, vars, 'subject')),
        preheader: oneLine(budget.render(textEngine, preheader, vars, 'preheader')),
        html: renderedHtml,
        text: tidyText(renderedText ?? toText(renderedHtml)),
      };
    },
  };
}
