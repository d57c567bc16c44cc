/**
 * The admin session of a UiTID sign-in, made the way Strapi's own login makes it (admin's
 * authentication controller `login`, and its Enterprise SSO's `redirectWithAuth`): a refresh session
 * from Strapi's session manager in the `strapi_admin_refresh` cookie (httpOnly, the admin's cookie
 * path, domain and SameSite), and its first access token in the admin's auth cookie (`jwtToken`,
 * readable by the admin panel, which takes its token from there on load and renews it through
 * POST /admin/access-token). Strapi's own helpers are internal to @strapi/admin (not exported), so
 * their rules are followed here: the same settings (`admin.auth.cookie.*`) and the same defaults.
 */
import { randomUUID } from 'crypto';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { buildSessionMetadata } from '@strapi/utils';

export const REFRESH_COOKIE_NAME = 'strapi_admin_refresh';

interface SessionManager {
  (origin: 'admin'): {
    generateRefreshToken(userId: string, deviceId: string, options: { type: 'session' | 'refresh'; metadata?: unknown }): Promise<{ token: string }>;
    generateAccessToken(refreshToken: string): Promise<{ token: string } | { error: string }>;
  };
}

const validName = (name: unknown): name is string => typeof name === 'string' && /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name.trim());

function cookieSettings(strapi: Core.Strapi, ctx: Context) {
  const get = (key: string) => strapi.config.get(`admin.auth.${key}`) as unknown;
  const configuredSecure = get('cookie.secure');
  const secure = typeof configuredSecure === 'boolean' ? configuredSecure : process.env.NODE_ENV === 'production' && ctx.request.secure;
  const path = get('cookie.path');
  const domain = get('cookie.domain') || get('domain');
  const name = get('cookie.name');
  return {
    accessName: validName(name) ? name.trim() : 'jwtToken',
    base: {
      secure,
      overwrite: true,
      path: typeof path === 'string' && path.startsWith('/') ? path : '/admin',
      domain: typeof domain === 'string' && domain ? domain : undefined,
      sameSite: (get('cookie.sameSite') as 'lax' | 'strict' | 'none' | undefined) ?? 'lax',
    },
  };
}

/** Signs `userId` in: sets both cookies (a browser session, like a login without "remember me"). */
export async function startAdminSession(strapi: Core.Strapi, ctx: Context, userId: number): Promise<void> {
  const sessionManager = (strapi as unknown as { sessionManager?: SessionManager }).sessionManager;
  if (!sessionManager) throw new Error("Strapi's session manager is not available");
  const metadata = buildSessionMetadata({ userAgent: ctx.request.headers['user-agent'] });
  const { token: refreshToken } = await sessionManager('admin').generateRefreshToken(String(userId), randomUUID(), { type: 'session', metadata });
  const access = await sessionManager('admin').generateAccessToken(refreshToken);
  if ('error' in access) throw new Error(`No access token: ${access.error}`);
  const { accessName, base } = cookieSettings(strapi, ctx);
  ctx.cookies.set(REFRESH_COOKIE_NAME, refreshToken, { ...base, httpOnly: true });
  ctx.cookies.set(accessName, access.token, { ...base, httpOnly: false });
}
