/**
 * Password login switched off (`uitid.passwordLogin: false`): POST /admin/login is refused with
 * Strapi's error shape (a 403 PolicyError), except for the break-glass account, a super admin named
 * in `uitid.breakGlass`, for when the issuer is down. Attached to Strapi's own login route (index.ts).
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { pluginConfig } from '../config';
import { SUPER_ADMIN_CODE } from '../partners/access';

type LoginContext = { request: { body?: unknown } };

export async function passwordLogin(ctx: LoginContext, _config: unknown, { strapi }: { strapi: Core.Strapi }): Promise<boolean> {
  const { passwordLogin: allowed, breakGlass } = pluginConfig(strapi).uitid;
  if (allowed) return true;
  const email = String((ctx.request.body as { email?: unknown } | undefined)?.email ?? '')
    .trim()
    .toLowerCase();
  if (breakGlass && email === breakGlass.trim().toLowerCase()) {
    const user = (await strapi.db.query('admin::user').findOne({ where: { email: { $eqi: email } }, populate: { roles: { select: ['code'] } } })) as {
      roles?: { code: string }[];
    } | null;
    if (user?.roles?.some((r) => r.code === SUPER_ADMIN_CODE)) return true;
  }
  throw new errors.PolicyError('Password login is switched off: sign in with UiTID / Aanmelden met wachtwoord staat uit: meld je aan met UiTID', {
    uitid: true,
  });
}

interface RouteLike {
  method?: string;
  path?: string;
  config?: { policies?: unknown[] };
}

/** Puts the policy on Strapi's POST /admin/login route (before routing is set up: the plugin's register). */
export function guardPasswordLogin(strapi: Core.Strapi): void {
  const routers = Object.values((strapi.admin as unknown as { routes: Record<string, { routes?: RouteLike[] }> }).routes ?? {});
  for (const router of routers) {
    for (const route of router.routes ?? []) {
      if (route.method === 'POST' && route.path === '/login') {
        route.config = { ...route.config, policies: [...(route.config?.policies ?? []), 'plugin::segmentation.passwordLogin'] };
      }
    }
  }
}
