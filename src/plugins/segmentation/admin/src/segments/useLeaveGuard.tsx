/**
 * Asks before unsaved changes are lost: leaving for another page of the admin (Terug, the menu,
 * the browser's back button: react-router's `useBlocker`) opens a Dialog; closing or reloading the
 * tab triggers the browser's own question (`beforeunload`). `allow()` lets the next navigation
 * through (after a save).
 */
import { useEffect, useRef } from 'react';
import { useBlocker } from 'react-router-dom';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useT } from '../utils/useT';

export function useLeaveGuard(dirty: boolean) {
  const t = useT();
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  const allowed = useRef(false);
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirtyRef.current && !allowed.current && currentLocation.pathname !== nextLocation.pathname);

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  const dialog = (
    <ConfirmDialog
      open={blocker.state === 'blocked'}
      title={t('leave.title')}
      body={t('leave.body')}
      confirmLabel={t('leave.confirm')}
      cancelLabel={t('leave.stay')}
      onConfirm={() => blocker.proceed?.()}
      onCancel={() => blocker.reset?.()}
    />
  );
  /** Lets the next navigation through without asking (the changes were just saved). */
  const allow = () => {
    allowed.current = true;
    setTimeout(() => (allowed.current = false), 0);
  };
  return { dialog, allow };
}
