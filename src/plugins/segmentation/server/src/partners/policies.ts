/**
 * Route policies (routes.ts):
 * - `scope` puts the caller's card systems on the request (common/scope.ts reads them);
 * - `rateLimit` bounds evaluation and export per caller (admin user or API token), so a stolen
 *   session or token cannot page through the audience; limits from the plugin config `rateLimits`.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { SlidingWindow } from '../common/rate-limit';
import { pluginConfig, type RateLimitBucket } from '../config';
import { getService } from '../services';

type PolicyContext = { state: { auth?: unknown; user?: { id?: number } } & Record<string, unknown>; set?(name: string, value: string): void };

/** What a bucket counts, for the 429's message. */
const COUNTED: Record<RateLimitBucket, string> = { evaluate: 'evaluations', export: 'exports', preview: 'template previews' };

const instances = new WeakMap<Core.Strapi, Map<RateLimitBucket, SlidingWindow>>();

function windowFor(strapi: Core.Strapi, bucket: RateLimitBucket): SlidingWindow {
  const windows = instances.get(strapi) ?? new Map<RateLimitBucket, SlidingWindow>();
  instances.set(strapi, windows);
  let w = windows.get(bucket);
  if (!w) {
    const { limit, windowSeconds } = pluginConfig(strapi).rateLimits[bucket];
    w = new SlidingWindow(limit, windowSeconds * 1000);
    windows.set(bucket, w);
  }
  return w;
}

/** Who a per-caller budget is kept for: the admin user or the API token of the request. */
export function callerKey(ctx: PolicyContext): string {
  const auth = ctx.state.auth as { strategy?: { name?: string }; credentials?: { id?: number } } | undefined;
  return `${auth?.strategy?.name ?? 'anonymous'}:${auth?.credentials?.id ?? ctx.state.user?.id ?? '-'}`;
}

/** Takes one unit of the caller's `bucket` budget, or refuses the request with a 429. */
export function takeFromBudget(strapi: Core.Strapi, ctx: PolicyContext, bucket: RateLimitBucket): void {
  if (windowFor(strapi, bucket).take(callerKey(ctx)) < 0) {
    throw new errors.RateLimitError(`Too many ${COUNTED[bucket]}; try again in a few minutes`, { bucket });
  }
}

export default {
  async scope(ctx: PolicyContext, _config: unknown, { strapi }: { strapi: Core.Strapi }) {
    ctx.state.segmentationScope = await getService(strapi, 'access').scopeOf(ctx);
    return true;
  },

  rateLimit(ctx: PolicyContext, config: { bucket: RateLimitBucket }, { strapi }: { strapi: Core.Strapi }) {
    takeFromBudget(strapi, ctx, config.bucket);
    return true;
  },
};
