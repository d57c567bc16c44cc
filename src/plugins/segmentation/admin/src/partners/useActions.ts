/**
 * Which of the given plugin actions the current admin user holds, by name. Strapi's useRBAC names
 * each answer after the last part of the action, so `segments.read` and `personal.read` would both
 * be `canRead`; this asks for all at once and answers per action.
 */
import { useEffect, useState } from 'react';
import { useAuth } from '@strapi/strapi/admin';

export function useActions<K extends string>(actions: Record<K, string>): { allowed: Record<K, boolean>; isLoading: boolean } {
  const check = useAuth('useActions', (state) => state.checkUserHasPermissions);
  const [held, setHeld] = useState<Set<string> | null>(null);
  const key = Object.values<string>(actions).join(',');

  useEffect(() => {
    let live = true;
    check(Object.values<string>(actions).map((action) => ({ action, subject: null }))).then(
      (granted) => live && setHeld(new Set(granted.map((p) => p.action))),
      () => live && setHeld(new Set()),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client and t are new objects each render; this runs only when the values listed change
  }, [check, key]);

  const allowed = Object.fromEntries(Object.entries<string>(actions).map(([name, action]) => [name, Boolean(held?.has(action))])) as Record<K, boolean>;
  return { allowed, isLoading: held === null };
}

/**
 * A permission hook's answer: `actions` names each answer as the caller reads it (`canWrite`,
 * `canSeePersonal`, ...), with `isLoading` while the server has not answered.
 */
export function usePermissionsOf<K extends string>(actions: Record<K, string>): Record<K, boolean> & { isLoading: boolean } {
  const { allowed, isLoading } = useActions(actions);
  return { ...allowed, isLoading };
}
