/**
 * Unsaved changes are never lost silently: leaving the page inside the admin (Terug, the menu, a
 * link) asks first in a dialog (react-router's useBlocker), closing or reloading the tab asks the
 * browser's own question (beforeunload). `allowNext()` lets the page's own next navigation through
 * (after a save, which changes the URL before the new state is rendered).
 */
import { useCallback, useEffect, useRef } from 'react';
import { useBlocker } from 'react-router-dom';
import { Button, Dialog } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import { useT } from '../utils/useT';
import { DialogCancel } from '../components/ConfirmDialog';

export function useUnsavedGuard(when: boolean) {
  const t = useT();
  const allow = useRef(false);
  const blocker = useBlocker(({ currentLocation, nextLocation }) => {
    if (allow.current) {
      allow.current = false;
      return false;
    }
    return when && currentLocation.pathname !== nextLocation.pathname;
  });
  useEffect(() => {
    if (!when) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = ''; // older browsers need it set to show the question
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [when]);
  const allowNext = useCallback(() => {
    allow.current = true;
  }, []);

  const element =
    blocker.state === 'blocked' ? (
      <Dialog.Root open onOpenChange={(open: boolean) => open || blocker.reset()}>
        <Dialog.Content data-testid="unsaved-dialog">
          <Dialog.Header>{t('campaign.unsaved.title')}</Dialog.Header>
          <Dialog.Body icon={<WarningCircle width="24px" height="24px" fill="danger600" />}>{t('campaign.unsaved.text')}</Dialog.Body>
          <Dialog.Footer>
            <DialogCancel label={t('campaign.unsaved.stay')} onClick={() => blocker.reset()} />
            <Dialog.Action>
              <Button variant="danger-light" fullWidth onClick={() => blocker.proceed()}>
                {t('campaign.unsaved.leave')}
              </Button>
            </Dialog.Action>
          </Dialog.Footer>
        </Dialog.Content>
      </Dialog.Root>
    ) : null;
  return { element, allowNext };
}
