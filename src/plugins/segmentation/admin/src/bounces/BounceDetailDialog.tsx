/**
 * One message that came back, in a modal: every field, the raw text (scrollable) while it is kept,
 * and — for an administrator, when the address is suppressed — "Blokkering opheffen" with a reason.
 */
import { useEffect, useState } from 'react';
import { Box, Button, Field, Flex, Grid, Loader, Modal, Textarea, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useBouncesApi, type BounceDetail } from './api';
import { fmtBrussels, sortOf, sourceLabel } from './labels';
import { SuppressedBadge } from './SuppressedBadge';
import { useBouncePermissions } from './usePermissions';
import { useT } from '../utils/useT';

interface Props {
  id: number;
  onClose: () => void;
  onLifted: () => void;
}

/** The server's refusal of a lift: its message at the field it names (reason or email). */
function refusalOf(error: unknown): { path: string; message: string } | null {
  const body = (error as { response?: { data?: { error?: { message?: string; details?: { errors?: { path: (string | number)[]; message: string }[] } } } } })
    ?.response?.data?.error;
  if (!body) return null;
  const first = body.details?.errors?.[0];
  return { path: String(first?.path?.[0] ?? 'reason'), message: first?.message ?? body.message ?? '' };
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <Grid.Item col={4} s={12}>
        <Typography variant="sigma" textColor="neutral600">
          {label}
        </Typography>
      </Grid.Item>
      <Grid.Item col={8} s={12}>
        <Typography style={{ overflowWrap: 'anywhere' }}>{children}</Typography>
      </Grid.Item>
    </>
  );
}

export function BounceDetailDialog({ id, onClose, onLifted }: Props) {
  const api = useBouncesApi();
  const t = useT();
  const { toggleNotification } = useNotification();
  const { canLift } = useBouncePermissions();
  const [item, setItem] = useState<BounceDetail | null>(null);
  const [failed, setFailed] = useState(false);
  const [lifting, setLifting] = useState(false);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setItem(null);
    setFailed(false);
    api.find(id).then(setItem, () => setFailed(true));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client is a new object each render; this runs only when the message changes
  }, [id]);

  const lift = async () => {
    if (!item?.recipient) return;
    if (!reason.trim()) {
      setErrors({ reason: t('bounces.lift.reasonRequired') });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      await api.lift(item.recipient, reason.trim());
      setItem({ ...item, suppressed: false });
      setLifting(false);
      setReason('');
      toggleNotification({ type: 'success', message: t('bounces.lift.done', { email: item.recipient }) });
      onLifted();
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal?.message) setErrors({ [refusal.path === 'email' ? 'email' : 'reason']: refusal.message });
      else toggleNotification({ type: 'danger', message: t('bounces.error') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('bounces.detail.title')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {failed ? (
            <Typography>{t('bounces.error')}</Typography>
          ) : !item ? (
            <Loader small>{t('bounces.loading')}</Loader>
          ) : (
            <Flex direction="column" alignItems="stretch" gap={4} data-testid="bounce-detail">
              <Grid.Root gap={2}>
                <Row label={t('bounces.col.receivedAt')}>{fmtBrussels(item.receivedAt)}</Row>
                <Row label={t('bounces.col.recipient')}>{item.recipient ?? '—'}</Row>
                <Row label={t('bounces.col.sort')}>{t(sortOf(item.kind, item.severity))}</Row>
                <Row label={t('bounces.col.status')}>{item.status ?? '—'}</Row>
                <Row label={t('bounces.col.diagnostic')}>{item.diagnostic ?? '—'}</Row>
                <Row label={t('bounces.col.source')}>{t(sourceLabel(item.source))}</Row>
                <Row label={t('bounces.col.campaign')}>{item.campaign?.name ?? '—'}</Row>
                <Row label={t('bounces.detail.subject')}>{item.subject ?? '—'}</Row>
                <Row label={t('bounces.detail.sender')}>{item.sender ?? '—'}</Row>
                <Row label={t('bounces.col.suppressed')}>
                  <SuppressedBadge suppressed={item.suppressed} />
                </Row>
              </Grid.Root>
              <Box>
                <Typography variant="sigma" textColor="neutral600" tag="h3">
                  {t('bounces.detail.raw')}
                </Typography>
                {item.raw ? (
                  <Box background="neutral100" padding={3} hasRadius marginTop={2}>
                    <pre
                      data-testid="bounce-raw"
                      style={{ maxHeight: '320px', overflow: 'auto', whiteSpace: 'pre-wrap', wordBreak: 'break-all', margin: 0, fontSize: '12px' }}
                    >
                      {item.raw}
                    </pre>
                  </Box>
                ) : (
                  <Typography textColor="neutral600">{t('bounces.detail.rawGone')}</Typography>
                )}
              </Box>
              {canLift && item.suppressed && item.recipient && lifting && (
                <Field.Root name="reason" error={errors.reason ?? errors.email} hint={t('bounces.lift.hint')} required>
                  <Field.Label>{t('bounces.lift.reason')}</Field.Label>
                  <Textarea value={reason} rows={3} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setReason(e.target.value)} />
                  <Field.Hint />
                  <Field.Error />
                </Field.Root>
              )}
            </Flex>
          )}
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('bounces.close')}</Button>
          </Modal.Close>
          {item && canLift && item.suppressed && item.recipient && (
            <Button variant={lifting ? 'default' : 'secondary'} loading={busy} onClick={() => (lifting ? lift() : setLifting(true))}>
              {t(lifting ? 'bounces.lift.confirm' : 'bounces.lift.open')}
            </Button>
          )}
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}
