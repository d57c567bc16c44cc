/**
 * Leaving with unsaved changes asks first: a navigation inside the admin (Terug, the menu, a link)
 * is held by react-router's `useBlocker` and confirmed in the design system's dialog; closing or
 * reloading the tab gets the browser's own question (`beforeunload`, the only one it allows).
 * UnsavedChangesDialog is the same question for a page's own "leave" (switching the template's language).
 */
import { useEffect } from 'react';
import { useBlocker } from 'react-router-dom';
import { Dialog } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import { useT } from '../utils/useT';
import { AnswerFooter } from '../components/AnswerFooter';

/** `dirty` is asked at the moment of leaving (so a save that just happened counts). */
export function UnsavedChangesGuard({ dirty }: { dirty: () => boolean }) {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty() && (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
  );

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (!dirty()) return;
      e.preventDefault();
      e.returnValue = ''; // older browsers ask only when this is set
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  if (blocker.state !== 'blocked') return null;
  return <UnsavedChangesDialog onStay={() => blocker.reset()} onLeave={() => blocker.proceed()} />;
}

/** The question itself, also for leaving without a navigation (another language of the template). */
export function UnsavedChangesDialog({ onStay, onLeave }: { onStay: () => void; onLeave: () => void }) {
  const t = useT();
  return (
    <Dialog.Root open onOpenChange={(open: boolean) => open || onStay()}>
      <Dialog.Content>
        <Dialog.Header>{t('mail.unsaved.title')}</Dialog.Header>
        <Dialog.Body icon={<WarningCircle width="24px" height="24px" fill="danger600" />}>{t('mail.unsaved.body')}</Dialog.Body>
        <AnswerFooter cancelLabel={t('mail.unsaved.stay')} confirmLabel={t('mail.unsaved.leave')} onConfirm={onLeave} />
      </Dialog.Content>
    </Dialog.Root>
  );
}
