/**
 * Sending from the audience page: "Naar versturen" (the mailing page, with its confirmation of who is
 * left out and why), "Verstuur zonder controle" (generate and send at once, after a confirmation) and,
 * once the mailing is sent, "Meld gereed" (the mailing goes on every recipient's contact history).
 * A disabled button says why (the role, or steps not saved yet).
 */
import { useState } from 'react';
import { NavLink } from 'react-router-dom';
import { Button, Dialog, Flex, LinkButton, Typography } from '@strapi/design-system';
import { Check, PaperPlane } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { mailingPath, useAudienceApi, type Mailing } from './api';
import { StatusBadge } from '../campaigns/StatusBadge';
import { AnswerFooter } from '../components/AnswerFooter';
import { Why } from '../components/Why';
import { problemText } from '../campaigns/problems';
import { fmtBrussels } from '../holders/api';
import { useT } from '../utils/useT';
import { isEditable, STATUS } from '../../../shared/campaign-lifecycle';

interface Props {
  mailing: Mailing;
  canSend: boolean;
  /** Unsaved step changes: sending would not use them. */
  dirty: boolean;
  onChanged: (mailing: Mailing) => void;
}

export function SendPanel({ mailing, canSend, dirty, onChanged }: Props) {
  const t = useT();
  const api = useAudienceApi();
  const { toggleNotification } = useNotification();
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);
  const run = async (call: () => Promise<Mailing>, success: string) => {
    setBusy(true);
    try {
      onChanged(await call());
      toggleNotification({ type: 'success', message: t(success) });
      setOpen(false);
    } catch (error) {
      toggleNotification({ type: 'danger', message: problemText(error, t, 'audience.failed') });
    } finally {
      setBusy(false);
    }
  };
  const editable = isEditable(mailing.status);
  // Why a button is disabled, said on it (the role first: saving would not help then).
  const sendReason = !canSend ? t('audience.why.noSend') : dirty ? t('audience.why.unsaved') : null;
  const doneReason = !canSend ? t('audience.why.noDone') : null;
  return (
    <Flex gap={2} wrap="wrap" alignItems="center" data-testid="send-panel">
      <StatusBadge status={mailing.status} />
      {mailing.doneAt && <Typography data-testid="done-at">{t('audience.send.doneAt', { date: fmtBrussels(mailing.doneAt) })}</Typography>}
      {editable && (
        <LinkButton tag={NavLink} to={mailingPath(mailing.documentId)} variant="secondary" startIcon={<PaperPlane />}>
          {t('audience.send.toMailing')}
        </LinkButton>
      )}
      {editable && (
        <Dialog.Root open={open} onOpenChange={setOpen}>
          <Why reason={sendReason}>
            <Dialog.Trigger>
              <Button variant="danger-light" startIcon={<PaperPlane />} disabled={Boolean(sendReason)}>
                {t('audience.send.now')}
              </Button>
            </Dialog.Trigger>
          </Why>
          <Dialog.Content>
            <Dialog.Header>{t('audience.send.nowTitle')}</Dialog.Header>
            <Dialog.Body>
              <Typography>{t('audience.send.nowText', { name: mailing.name })}</Typography>
            </Dialog.Body>
            <AnswerFooter
              cancelLabel={t('audience.cancel')}
              confirmLabel={t('audience.send.nowConfirm')}
              busy={busy}
              onConfirm={() => run(() => api.sendNow(mailing.documentId), 'audience.send.started')}
            />
          </Dialog.Content>
        </Dialog.Root>
      )}
      {mailing.status === STATUS.sent && !mailing.doneAt && (
        <Why reason={doneReason}>
          <Button
            startIcon={<Check />}
            loading={busy}
            disabled={Boolean(doneReason)}
            onClick={() => run(() => api.done(mailing.documentId), 'audience.send.doneOk')}
          >
            {t('audience.send.done')}
          </Button>
        </Why>
      )}
    </Flex>
  );
}
