/**
 * The scope of a request: the card-system keys whose holders the caller may see.
 * `null` means all card systems: a full-access API token or a super admin.
 * Partner roles and scoped tokens narrow it (issue: partners and roles); every evaluation takes it.
 */
import type { Context } from 'koa';

export function scopeOf(ctx: Context): string[] | null {
  const scope = (ctx.state as { segmentationScope?: string[] | null }).segmentationScope;
  return scope === undefined ? null : scope;
}
