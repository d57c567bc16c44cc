/**
 * The partner (card system) a segment, template or sender address is filed under, as the editors
 * keep it: '' is none chosen — programme-wide for administrators, "choose one" for a user with several.
 */
import type { Me } from './api';

/** What a new record starts with: a user's only card system, else nothing chosen. */
export function initialCardSystem(me: Me | null, stored?: string | null): string {
  if (stored) return stored;
  return me && !me.allCardSystems && me.cardSystems.length === 1 ? me.cardSystems[0]!.key : '';
}

/** Whether the caller still has to choose (several card systems and none chosen). */
export function mustChoose(me: Me | null, value: string): boolean {
  return Boolean(me && !me.allCardSystems && me.cardSystems.length > 1 && !value);
}

/** The `cardSystem` key of a create/update body (administrators: null = programme-wide). */
export function cardSystemBody(me: Me | null, value: string): { cardSystem?: string | null } {
  if (value) return { cardSystem: value };
  return me?.allCardSystems ? { cardSystem: null } : {};
}

/** The `cardSystem` key of a live count or preview: evaluate within the chosen card system. */
export const evaluationScope = (value: string): { cardSystem?: string } => (value ? { cardSystem: value } : {});

/** A card system's name for lists; null is programme-wide. */
export function cardSystemName(me: Me | null, key: string | null | undefined, programmeWide: string): string {
  if (!key) return programmeWide;
  return me?.cardSystems.find((c) => c.key === key)?.name ?? key;
}
