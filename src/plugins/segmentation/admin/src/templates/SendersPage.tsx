/**
 * Sender addresses: their status (requested → verified by the link mailed to the address → approved
 * or rejected), a request form, resending the verification mail and, for sender managers, approval.
 */
import { useState } from 'react';
import { Button, Status, Typography } from '@strapi/design-system';
import { Check, Cross, Mail } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import type { SenderStatus } from '../../../shared/template';
import { useTemplatesApi, type SenderAddress } from './api';
import { MailNav } from './MailNav';
import { problemOf, useProblemText } from './errors';
import { SenderRequestForm } from './SenderRequestForm';
import { useMailPermissions } from './usePermissions';
import { cardSystemName } from '../partners/card-system';
import { useMe } from '../partners/useMe';
import { useListPage } from '../utils/useListPage';
import { ListTable } from '../components/ListTable';
import { RowActions } from '../components/RowActions';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useT } from '../utils/useT';

const VARIANT: Record<SenderStatus, 'secondary' | 'warning' | 'success' | 'danger'> = {
  requested: 'secondary',
  verified: 'warning',
  approved: 'success',
  rejected: 'danger',
};

export function SendersPage() {
  const t = useT();
  const api = useTemplatesApi();
  const { canWrite, canManage } = useMailPermissions();
  const me = useMe();
  const problemText = useProblemText();
  const [rejecting, setRejecting] = useState<SenderAddress | null>(null);
  const {
    rows,
    reload: load,
    act,
  } = useListPage<SenderAddress>(
    '',
    () => api.senders(),
    (error) => problemText(problemOf(error), 'mail.senders.rateLimited'),
    0,
  );

  return (
    <Layouts.Root>
      <Page.Title>{t('mail.senders.title')}</Page.Title>
      <Layouts.Header title={t('mail.senders.title')} subtitle={t('mail.senders.subtitle')} />
      <Layouts.Content>
        <ConfirmDialog
          open={rejecting !== null}
          title={t('mail.senders.reject')}
          body={t('mail.senders.confirmReject', { email: rejecting?.email ?? '' })}
          confirmLabel={t('mail.senders.reject.yes')}
          cancelLabel={t('mail.senders.reject.no')}
          onConfirm={() => {
            const s = rejecting!;
            setRejecting(null);
            void act(() => api.rejectSender(s.documentId), t('mail.senders.rejected', { email: s.email }));
          }}
          onCancel={() => setRejecting(null)}
        />
        <MailNav />
        {canWrite && <SenderRequestForm me={me} onRequested={load} />}
        <ListTable
          rows={rows}
          empty={t('mail.senders.empty')}
          columns={['email', 'displayName', 'cardSystem', 'status', 'actions'].map((c) =>
            c === 'cardSystem' ? t('partners.cardSystem.column') : t(`mail.senders.col.${c}`),
          )}
          rowKey={(s) => s.documentId}
          rowTestId={(s) => `sender-${s.email}`}
          cells={(s) => [
            <Typography fontWeight="bold">{s.email}</Typography>,
            s.displayName ?? '—',
            cardSystemName(me, s.cardSystem, t('partners.programmeWide')),
            <Status variant={VARIANT[s.status]} size="S">
              <Typography variant="omega" fontWeight="bold" data-testid="sender-status">
                {t(`mail.senders.status.${s.status}`)}
              </Typography>
            </Status>,
            <RowActions gap={2}>
              {s.status === 'requested' && (
                <Button
                  size="S"
                  variant="tertiary"
                  startIcon={<Mail />}
                  disabled={!canWrite}
                  onClick={() => act(() => api.resendVerification(s.documentId), t('mail.senders.resent', { email: s.email }))}
                >
                  {t('mail.senders.resend')}
                </Button>
              )}
              {canManage && (s.status === 'verified' || s.status === 'requested') && (
                <Button
                  size="S"
                  variant="success-light"
                  startIcon={<Check />}
                  disabled={s.status !== 'verified'}
                  title={s.status === 'verified' ? undefined : t('mail.senders.notVerified')}
                  onClick={() => act(() => api.approveSender(s.documentId), t('mail.senders.approved', { email: s.email }))}
                >
                  {t('mail.senders.approve')}
                </Button>
              )}
              {canManage && s.status !== 'rejected' && (
                <Button size="S" variant="danger-light" startIcon={<Cross />} onClick={() => setRejecting(s)}>
                  {t('mail.senders.reject')}
                </Button>
              )}
            </RowActions>,
          ]}
        />
      </Layouts.Content>
    </Layouts.Root>
  );
}
