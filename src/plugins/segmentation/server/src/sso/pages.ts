/**
 * The pages of sign-in with UiTID a person sees outside the admin panel, in Dutch and English:
 * why a sign-in was refused (never a blank screen), the access request form, and its receipt.
 */
import type { Context } from 'koa';
import { escapeHtml as escape, pageHeaders } from '../common/html';

/** A text in both languages. */
export interface Bilingual {
  nl: string;
  en: string;
}

const STYLE = `body{font-family:Arial,sans-serif;max-width:600px;margin:48px auto;padding:0 16px;color:#222}
h1{font-size:22px}p.en{color:#555}label{display:block;margin:14px 0 4px;font-weight:bold}
input,textarea{width:100%;box-sizing:border-box;padding:8px;font:inherit}button{margin-top:18px;padding:10px 18px;font:inherit}
a.back{display:inline-block;margin-top:18px}`;

function send(ctx: Context, status: number, title: Bilingual, body: string): void {
  pageHeaders(ctx, status);
  ctx.body = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escape(title.nl)} / ${escape(title.en)}</title><style>${STYLE}</style></head>
<body><h1>${escape(title.nl)} <small>/ ${escape(title.en)}</small></h1>${body}</body></html>`;
}

const both = (text: Bilingual) => `<p class="nl" lang="nl">${escape(text.nl)}</p><p class="en" lang="en">${escape(text.en)}</p>`;
const back = '<a class="back" href="/admin/auth/login">Terug naar aanmelden / Back to sign-in</a>';

/** Why a sign-in cannot go on, with a way back to the login page. */
export function messagePage(ctx: Context, status: number, title: Bilingual, text: Bilingual): void {
  send(ctx, status, title, `${both(text)}${back}`);
}

/** The access request form of a signed-in identity (`ticket`: single use, see service.ts). */
export function requestFormPage(ctx: Context, ticket: string, values: { email: string; firstname: string; lastname: string }, problem?: Bilingual): void {
  const field = (name: string, label: string, value = '', multiline = false) =>
    `<label for="${name}">${escape(label)}</label>${
      multiline
        ? `<textarea id="${name}" name="${name}" rows="4" required maxlength="2000">${escape(value)}</textarea>`
        : `<input id="${name}" name="${name}" value="${escape(value)}" required maxlength="255">`
    }`;
  send(
    ctx,
    problem ? 400 : 200,
    { nl: 'Toegang aanvragen', en: 'Request access' },
    `${problem ? `<div role="alert">${both(problem)}</div>` : ''}
${both({
  nl: `Je bent aangemeld met UiTID als ${values.email}. Een beheerder bekijkt je aanvraag; je krijgt een mail met het antwoord.`,
  en: `You signed in with UiTID as ${values.email}. An administrator reviews your request; you get a mail with the answer.`,
})}
<form method="post" action="/api/segmentation/uitid/request">
<input type="hidden" name="ticket" value="${escape(ticket)}">
${field('firstname', 'Voornaam / First name', values.firstname)}
${field('lastname', 'Familienaam / Last name', values.lastname)}
${field('organisation', 'Organisatie of partner / Organisation or partner')}
${field('reason', 'Waarom heb je toegang nodig? / Why do you need access?', '', true)}
<button type="submit">Aanvraag versturen / Send request</button>
</form>${back}`,
  );
}
