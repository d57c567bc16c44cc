/**
 * Route policies (routes.ts):
 * - `scope` puts the caller's card systems on the request (common/scope.ts reads them);
 * - `rateLimit` bounds evaluation and export per caller (admin user or API token), so a stolen
 *   session or token cannot page through the audience; limits from the plugin config `rateLimits`.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { SlidingWindow } from '../common/rate-limit';

type PolicyContext = { state: Record<string, any>; set?(name: string, value: string): void };

export const DEFAULT_RATE_LIMITS: Record<string, { limit: number; windowSeconds: number }> = {
  evaluate: { limit: 600, windowSeconds: 60 },
  export: { limit: 30, windowSeconds: 600 },
  preview: { limit: 120, windowSeconds: 60 },
};

const instances = new WeakMap<Core.Strapi, Map<string, SlidingWindow>>();

function windowFor(strapi: Core.Strapi, bucket: string): SlidingWindow {
  const windows = instances.get(strapi) ?? new Map<string, SlidingWindow>();
  instances.set(strapi, windows);
  let w = windows.get(bucket);
  if (!w) {
    const configured = (strapi.plugin('segmentation').config('rateLimits') ?? {}) as Record<string, { limit?: number; windowSeconds?: number }>;
    const c = { ...DEFAULT_RATE_LIMITS[bucket], ...configured[bucket] };
    w = new SlidingWindow(Number(c.limit) || 1, (Number(c.windowSeconds) || 60) * 1000);
    windows.set(bucket, w);
  }
  return w;
}

export default {
  async scope(ctx: PolicyContext, _config: unknown, { strapi }: { strapi: Core.Strapi }) {
    ctx.state.segmentationScope = await strapi.plugin('segmentation').service('access').scopeOf(ctx);
    return true;
  },

  rateLimit(ctx: PolicyContext, config: { bucket: string }, { strapi }: { strapi: Core.Strapi }) {
    const auth = ctx.state.auth as { strategy?: { name?: string }; credentials?: { id?: number } } | undefined;
    const who = `${auth?.strategy?.name ?? 'anonymous'}:${auth?.credentials?.id ?? ctx.state.user?.id ?? '-'}`;
    if (windowFor(strapi, config.bucket).take(who) < 0) {
      throw new errors.RateLimitError(`Too many ${config.bucket === 'export' ? 'exports' : 'evaluations'}; try again in a few minutes`, { bucket: config.bucket });
    }
    return true;
  },
};
