/**
 * The scope of a request: the card-system keys whose holders the caller may see.
 * `null` means all card systems: a super admin, an Administrator, or an API token not bound to card
 * systems. The `scope` policy (common/access.ts) sets it on every plugin route; every evaluation,
 * preview, export, personalisation and send takes it.
 *
 * Records (segments, templates, campaigns, sender addresses) belong to one partner: their
 * `cardSystem` (null = programme-wide, made by an administrator). A caller sees a record when its
 * scope holds that card system; a partner's record narrows every evaluation to its card system.
 */
import type { Context } from 'koa';
import { errors } from '@strapi/utils';
import type { SegmentDefinition } from '../../../shared/definition';

export type Scope = string[] | null;

export function scopeOf(ctx: Context): Scope {
  const scope = (ctx.state as { segmentationScope?: Scope }).segmentationScope;
  return scope === undefined ? null : scope;
}

/**
 * A 403 naming each problem's path. A PolicyError (a ForbiddenError), because Strapi's router turns
 * any other ForbiddenError thrown behind its authorisation into a bare 403 without message or details.
 */
export function outOfScope(message: string, problems: { path: (string | number)[]; message: string }[]) {
  return new errors.PolicyError(message, { errors: problems.map((p) => ({ ...p, name: 'ForbiddenError' })) });
}

/** May a caller with `scope` see a record of partner `cardSystem`? */
export function canSee(scope: Scope, cardSystem: string | null | undefined): boolean {
  if (scope === null) return true;
  return typeof cardSystem === 'string' && scope.includes(cardSystem);
}

/** Document-service filters keeping records inside the caller's partners. */
export function visibleFilter(scope: Scope): Record<string, unknown> {
  return scope === null ? {} : { cardSystem: { $in: scope.length ? scope : ['\u0000none'] } };
}

/** The scope an evaluation for a record of partner `cardSystem` runs in. */
export function narrow(scope: Scope, cardSystem: string | null | undefined): Scope {
  if (!cardSystem) return scope;
  return scope === null || scope.includes(cardSystem) ? [cardSystem] : [];
}

/** A card system the caller asked for by name (`cardSystem` in a body) must be one of theirs: else 403. */
function assertOwn(scope: Scope, cardSystem: string): string {
  if (!canSee(scope, cardSystem))
    throw outOfScope(`You do not work for card system '${cardSystem}'`, [{ path: ['cardSystem'], message: `Not one of your card systems: '${cardSystem}'` }]);
  return cardSystem;
}

/** The caller's scope narrowed to the card system asked for (which must be theirs); none asked: unchanged. */
export function scopeWithin(scope: Scope, cardSystem: string | null | undefined): Scope {
  return narrow(scope, cardSystem ? assertOwn(scope, cardSystem) : null);
}

/**
 * The partner a new record belongs to: the one asked for (it must be in scope), else the caller's
 * only card system; a caller with several must choose. Callers with full scope may leave it empty
 * (a programme-wide record).
 */
export function partnerFor(scope: Scope, requested: string | null | undefined): string | null {
  if (requested) return assertOwn(scope, requested);
  if (scope === null) return null;
  if (scope.length === 1) return scope[0]!;
  const message = scope.length
    ? `Choose the card system this belongs to: one of ${scope.join(', ')}`
    : 'You do not work for any card system yet: ask an administrator to link your account to one';
  throw new errors.ValidationError(message, { errors: [{ path: ['cardSystem'], message, name: 'ValidationError' }] });
}

/** A definition may only name card systems inside the scope: naming another partner's is refused. */
export function assertDefinitionInScope(def: SegmentDefinition, scope: Scope): void {
  if (scope === null) return;
  const problems: { path: (string | number)[]; message: string }[] = [];
  const visit = (groups: SegmentDefinition['groups'] | undefined, key: 'groups' | 'exclude') =>
    (groups ?? []).forEach((group, g) =>
      group.filters.forEach((filter, f) => {
        if (filter.type !== 'cardSystem') return;
        filter.cardSystems.forEach((cs, i) => {
          if (!scope.includes(cs)) problems.push({ path: [key, g, 'filters', f, 'cardSystems', i], message: `Card system '${cs}' is not one of yours` });
        });
      }),
    );
  visit(def.groups, 'groups');
  visit(def.exclude, 'exclude');
  if (problems.length) throw outOfScope(`The definition names card systems outside your scope: ${problems.map((p) => p.path.join('.')).join(', ')}`, problems);
}
