/**
 * The MJML layout of a `house` format mail: header bar with the regional wordmark, optional
 * 680 px header image, the text, an optional button and a footer with the unsubscribe link.
 * Every string passed in is already HTML-safe (escaped text, Liquid as placeholders).
 */
import { escapeHtml } from '../common/html';
import type { HouseStyle } from './house-styles';
import type { TemplateLanguage } from './render';

export const MAIL_WIDTH = 680;

export const UNSUBSCRIBE_LABEL: Record<TemplateLanguage, string> = {
  nl: 'Uitschrijven',
  en: 'Unsubscribe',
  fr: 'Se désabonner',
  de: 'Abmelden',
};

const RECEIVE_REASON: Record<TemplateLanguage, string> = {
  nl: 'Je ontvangt deze mail omdat je een UiTPAS hebt.',
  en: 'You receive this e-mail because you have a UiTPAS.',
  fr: 'Vous recevez cet e-mail parce que vous avez une UiTPAS.',
  de: 'Sie erhalten diese E-Mail, weil Sie einen UiTPAS haben.',
};

export interface LayoutParts {
  style: HouseStyle;
  language: TemplateLanguage;
  /** Escaped subject for `<title>`. */
  title: string;
  image: { url: string; alt: string } | null;
  /** Escaped body text; blank line = paragraph, newline = line break (see `paragraphs`). */
  body: string;
  button: { text: string; url: string } | null;
  unsubscribeUrl: string;
}

/** Escaped plain text to HTML paragraphs: a blank line starts a paragraph, a newline is a `<br />`. */
export function paragraphs(escaped: string): string {
  return escaped
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n\s*/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => `<p style="margin:0 0 16px 0;">${p.replace(/[ \t]*\n[ \t]*/g, '<br />')}</p>`)
    .join('\n');
}

export function houseLayout(parts: LayoutParts): string {
  const { style, language } = parts;
  const image = parts.image
    ? `<mj-section padding="0"><mj-column>
        <mj-image src="${parts.image.url}" alt="${parts.image.alt}" width="${MAIL_WIDTH}px" padding="0" />
      </mj-column></mj-section>`
    : '';
  const button = parts.button
    ? `<mj-button href="${parts.button.url}" background-color="${style.primaryColor}" color="#ffffff" font-size="16px" font-weight="bold"
          border-radius="4px" inner-padding="12px 24px" padding="8px 32px 0 32px" align="left">${parts.button.text}</mj-button>`
    : '';
  return `<mjml lang="${language}">
  <mj-head>
    <mj-title>${parts.title}</mj-title>
    <mj-attributes>
      <mj-all font-family="Arial, Helvetica, sans-serif" />
      <mj-text font-size="16px" line-height="24px" color="#1f2937" padding="0 32px" />
    </mj-attributes>
  </mj-head>
  <mj-body width="${MAIL_WIDTH}px" background-color="#f3f4f6">
    <mj-section background-color="${style.primaryColor}" padding="20px 0" border-bottom="4px solid ${style.accentColor}">
      <mj-column>
        ${
          style.logoUrl
            ? `<mj-image src="${escapeHtml(style.logoUrl)}" alt="${escapeHtml(style.wordmark)}" width="160px" align="left" padding="0 32px" />`
            : `<mj-text color="#ffffff" font-size="24px" line-height="32px" font-weight="bold">${escapeHtml(style.wordmark)}</mj-text>`
        }
      </mj-column>
    </mj-section>
    ${image}
    <mj-section background-color="#ffffff" padding="32px 0">
      <mj-column>
        <mj-text>${parts.body}</mj-text>
        ${button}
      </mj-column>
    </mj-section>
    <mj-section padding="24px 0">
      <mj-column>
        <mj-text font-size="12px" line-height="18px" color="#6b7280" align="center">
          ${escapeHtml(style.footer)}<br />${escapeHtml(RECEIVE_REASON[language])}<br />
          <a href="${parts.unsubscribeUrl}" style="color:#4b5563;text-decoration:underline;">${escapeHtml(UNSUBSCRIBE_LABEL[language])}</a>
        </mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
}
