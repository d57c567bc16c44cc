/**
 * The confirmation before a send: who the segment selects, who is left out and why, the holdout,
 * recipients who were mailed recently, subject and sender. "Verstuur" is enabled only after typing
 * the number of recipients.
 */
import { useState } from 'react';
import { Alert, Button, Field, Flex, Modal, TextInput, Typography } from '@strapi/design-system';
import { PaperPlane } from '@strapi/icons';
import { useCampaignsApi, type Campaign, type Confirmation } from './api';
import { ConfirmationNumbers } from './ConfirmationNumbers';
import { digitsOf, errorMessage, fmtDate, fmtNumber } from './format';
import { useT } from '../utils/useT';
import { scheduledStart } from '../../../shared/campaign-lifecycle';

interface Props {
  campaign: Campaign;
  confirmation: Confirmation;
  onClose: () => void;
  onSent: (campaign: Campaign) => void;
}

export function ConfirmSendDialog({ campaign, confirmation, onClose, onSent }: Props) {
  const api = useCampaignsApi();
  const t = useT();
  const [typed, setTyped] = useState('');
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const n = confirmation.recipients;
  const matches = n > 0 && digitsOf(typed) === String(n);
  const template = campaign.template;
  const sender = template?.sender;
  const from = sender ? `${template?.senderName || sender.displayName || ''} <${sender.email}>`.trim() : t('campaign.confirm.noSender');

  const send = async () => {
    setSending(true);
    setProblem(null);
    try {
      onSent(await api.act(campaign.documentId, 'send'));
    } catch (error) {
      setProblem(errorMessage(error, t('campaign.error.generic')));
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal.Root open onOpenChange={(open: boolean) => open || onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('campaign.confirm.title', { name: campaign.name })}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4} data-testid="confirm-dialog">
            <ConfirmationNumbers confirmation={confirmation} />
            <Flex direction="column" alignItems="stretch" gap={1}>
              <Typography data-testid="confirm-subject">
                <b>{t('campaign.confirm.subject')}</b> {template?.subject ?? '—'}
              </Typography>
              <Typography data-testid="confirm-sender">
                <b>{t('campaign.confirm.sender')}</b> {from}
              </Typography>
              {scheduledStart(campaign) !== null && (
                <Typography textColor="neutral600">{t('campaign.confirm.scheduledNow', { date: fmtDate(campaign.scheduledAt) })}</Typography>
              )}
            </Flex>
            {confirmation.recentlyMailed.holders > 0 && (
              <Alert variant="warning" title={t('campaign.confirm.recentTitle')} closeLabel={t('campaign.close')} data-testid="confirm-recent">
                {t('campaign.confirm.recent', { n: fmtNumber(confirmation.recentlyMailed.holders), days: confirmation.recentlyMailed.days })}
              </Alert>
            )}
            {n === 0 ? (
              <Alert variant="danger" title={t('campaign.confirm.nobodyTitle')} closeLabel={t('campaign.close')}>
                {t('campaign.confirm.nobody')}
              </Alert>
            ) : (
              <Field.Root name="confirmCount" hint={t('campaign.confirm.typeHint')}>
                <Field.Label>{t('campaign.confirm.type', { n: fmtNumber(n) })}</Field.Label>
                <TextInput
                  value={typed}
                  autoComplete="off"
                  inputMode="numeric"
                  onChange={(e: React.ChangeEvent<HTMLInputElement>) => setTyped(e.target.value)}
                />
                <Field.Hint />
              </Field.Root>
            )}
            {problem && (
              <Alert
                variant="danger"
                title={t('campaign.confirm.failed')}
                closeLabel={t('campaign.close')}
                onClose={() => setProblem(null)}
                data-testid="confirm-error"
              >
                {problem}
              </Alert>
            )}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Button variant="tertiary" onClick={onClose}>
            {t('campaign.confirm.back')}
          </Button>
          <Button startIcon={<PaperPlane />} loading={sending} disabled={!matches} onClick={send}>
            {t('campaign.confirm.send', { n: fmtNumber(n) })}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}
