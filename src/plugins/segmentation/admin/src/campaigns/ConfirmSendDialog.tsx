/**
 * The confirmation before a send: who the segment selects, who is left out and why, the holdout,
 * recipients who were mailed recently, subject and sender. "Verstuur" is enabled only after typing
 * the number of recipients.
 */
import { useState } from 'react';
import { Alert, Button, Field, Flex, Modal, TextInput, Typography } from '@strapi/design-system';
import { PaperPlane } from '@strapi/icons';
import { useCampaignsApi, type Campaign, type Confirmation } from './api';
import { ChannelNumbers, reachedBy } from './ChannelNumbers';
import { ConfirmationNumbers } from './ConfirmationNumbers';
import { digitsOf, fmtDate, fmtNumber } from './format';
import { useT } from '../utils/useT';
import { problemText } from './problems';
import { shownSubject, useSubjectSample } from './useSubjectSample';
import { scheduledStart } from '../../../shared/campaign-lifecycle';

interface Props {
  campaign: Campaign;
  confirmation: Confirmation;
  onClose: () => void;
  onSent: (campaign: Campaign) => void;
}

export function ConfirmSendDialog({ campaign, confirmation: initial, onClose, onSent }: Props) {
  const api = useCampaignsApi();
  const t = useT();
  const [confirmation, setConfirmation] = useState(initial);
  const [typed, setTyped] = useState('');
  const [sending, setSending] = useState(false);
  const [choosing, setChoosing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // With a letter or SMS part, the count to type is everyone the send reaches (mails, letters and SMS).
  const n = reachedBy(confirmation);
  const matches = n > 0 && digitsOf(typed) === String(n);
  const template = campaign.template;
  const sender = template?.sender;
  const subject = useSubjectSample(template?.documentId, campaign);
  const from = sender ? `${template?.senderName || sender.displayName || ''} <${sender.email}>`.trim() : t('campaign.confirm.noSender');

  const send = async () => {
    setSending(true);
    setProblem(null);
    try {
      onSent(await api.act(campaign.documentId, 'send'));
    } catch (error) {
      setProblem(problemText(error, t));
    } finally {
      setSending(false);
    }
  };

  const leftOut = 'recentlyMailed' in confirmation.excluded;
  const recent = { n: fmtNumber(confirmation.recentlyMailed.holders), days: confirmation.recentlyMailed.days };
  /** "Laat hen weg" / "Toch meesturen": stored on the mailing; the numbers (and the count to type) change. */
  const chooseRecent = async (exclude: boolean) => {
    setChoosing(true);
    setProblem(null);
    try {
      setConfirmation(await api.leaveOutRecent(campaign.documentId, exclude));
      setTyped('');
    } catch (error) {
      setProblem(problemText(error, t));
    } finally {
      setChoosing(false);
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
            <ChannelNumbers confirmation={confirmation} />
            <Flex direction="column" alignItems="stretch" gap={1}>
              <Typography data-testid="confirm-subject">
                <b>{t('campaign.confirm.subject')}</b> {shownSubject(subject, template?.subject)}
              </Typography>
              {subject?.sample != null && (
                <Typography variant="pi" textColor="neutral600" data-testid="confirm-subject-sample">
                  {t('campaign.subject.sampleFor', { holder: subject.holder })}
                </Typography>
              )}
              <Typography data-testid="confirm-sender">
                <b>{t('campaign.confirm.sender')}</b> {from}
              </Typography>
              {scheduledStart(campaign) !== null && (
                <Typography textColor="neutral600">{t('campaign.confirm.scheduledNow', { date: fmtDate(campaign.scheduledAt) })}</Typography>
              )}
            </Flex>
            {leftOut ? (
              <Alert
                variant="default"
                title={t('campaign.confirm.leftOutTitle')}
                closeLabel={t('campaign.close')}
                data-testid="confirm-recent-left-out"
                action={
                  <Button variant="tertiary" size="S" loading={choosing} onClick={() => chooseRecent(false)}>
                    {t('campaign.confirm.takeBack')}
                  </Button>
                }
              >
                {t('campaign.confirm.leftOut', recent)}
              </Alert>
            ) : (
              confirmation.recentlyMailed.holders > 0 && (
                <Alert
                  variant="warning"
                  title={t('campaign.confirm.recentTitle')}
                  closeLabel={t('campaign.close')}
                  data-testid="confirm-recent"
                  action={
                    <Button variant="secondary" size="S" loading={choosing} onClick={() => chooseRecent(true)} data-testid="confirm-leave-out">
                      {t('campaign.confirm.leaveOut')}
                    </Button>
                  }
                >
                  {t('campaign.confirm.recent', recent)}
                </Alert>
              )
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
