/**
 * The public routes of sign-in with UiTID (no login; routes.ts): whether it is on (the login page
 * asks), the start of a sign-in (a redirect to the issuer), the issuer's callback (the admin session
 * and a redirect into /admin, the access request form, or a page saying why not), and the form.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { pluginConfig } from '../config';
import { getService } from '../services';
import { accessRequestForm } from '../../../shared/access-requests';
import { messagePage, requestFormPage } from './pages';
import { REFUSALS, type Refusal } from './refusals';
import { startAdminSession } from './session';

const TITLE = { nl: 'Aanmelden met UiTID', en: 'Sign in with UiTID' };

function refuse(ctx: Context, refusal: Refusal, detail?: string): void {
  const text = REFUSALS[refusal];
  const suffix = refusal === 'shared' && detail ? ` (${detail})` : '';
  messagePage(ctx, text.status, refusal === 'pending' ? { nl: 'Aanvraag ontvangen', en: 'Request received' } : TITLE, {
    nl: text.nl + suffix,
    en: text.en + suffix,
  });
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const sso = () => getService(strapi, 'sso');
  return {
    status(ctx: Context) {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { enabled: sso().enabled(), passwordLogin: pluginConfig(strapi).uitid.passwordLogin };
    },

    async start(ctx: Context) {
      if (!sso().enabled()) return refuse(ctx, 'off');
      try {
        ctx.set('Cache-Control', 'no-store');
        ctx.redirect(await sso().start(ctx.query.request === '1' ? 'request' : 'signin'));
      } catch (error) {
        strapi.log.warn(`UiTID unreachable: ${(error as Error).message}`);
        refuse(ctx, 'issuerDown');
      }
    },

    async callback(ctx: Context) {
      if (!sso().enabled()) return refuse(ctx, 'off');
      const outcome = await sso().callback(new URL(ctx.originalUrl, sso().redirectUri()));
      if (outcome.type === 'refused') return refuse(ctx, outcome.refusal, outcome.detail);
      if (outcome.type === 'form') return requestFormPage(ctx, outcome.ticket, { ...outcome.person, email: outcome.person.email ?? '' });
      await startAdminSession(strapi, ctx, outcome.userId);
      ctx.set('Cache-Control', 'no-store');
      ctx.redirect('/admin');
    },

    async request(ctx: Context) {
      if (!sso().enabled()) return refuse(ctx, 'off');
      const { ticket, ...fields } = (ctx.request.body ?? {}) as Record<string, unknown>;
      const form = accessRequestForm.safeParse(fields);
      if (!form.success || typeof ticket !== 'string') {
        const values = { email: '', firstname: String(fields.firstname ?? ''), lastname: String(fields.lastname ?? '') };
        return requestFormPage(ctx, String(ticket ?? ''), values, { nl: 'Vul alle velden in.', en: 'Please fill in every field.' });
      }
      const outcome = await sso().submitRequest(ticket, form.data);
      if (outcome.type === 'refused') return refuse(ctx, outcome.refusal, outcome.detail);
      messagePage(
        ctx,
        200,
        { nl: 'Aanvraag verstuurd', en: 'Request sent' },
        {
          nl: `Bedankt. Een beheerder bekijkt je aanvraag; je krijgt een mail op ${outcome.email}.`,
          en: `Thank you. An administrator reviews your request; you get a mail at ${outcome.email}.`,
        },
      );
    },
  };
};
