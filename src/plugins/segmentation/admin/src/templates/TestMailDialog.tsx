/** "Testmail versturen": the unsaved template to a few addresses (and a copy to the monitoring address). */
import { useState } from 'react';
import { Alert, Button, Field, Flex, Modal, Textarea, Typography } from '@strapi/design-system';
import { PaperPlane } from '@strapi/icons';
import { useTemplatesApi, type EmailPayload, type TestResult } from './api';
import type { ApiProblem } from './errors';
import { useTemplateProblem } from './problem-text';
import { WithReason } from './WithReason';
import { useT } from '../utils/useT';

interface Props {
  template: EmailPayload | null;
  /** The holder the preview shows; the test mail is personalised for the same one. */
  uid?: string;
  disabled?: boolean;
}

export function TestMailDialog({ template, uid, disabled }: Props) {
  const t = useT();
  const api = useTemplatesApi();
  const problemOf = useTemplateProblem();
  const [open, setOpen] = useState(false);
  const [recipients, setRecipients] = useState('');
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<TestResult | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  const send = async () => {
    if (!template) return;
    setSending(true);
    setResult(null);
    setProblem(null);
    try {
      setResult(await api.test(template, recipients, uid ? { uid } : {}));
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setSending(false);
    }
  };
  const failure = problem && (problem.status === 429 ? t('mail.test.rateLimited') : Object.keys(problem.fields).length ? null : problem.message);
  const otherFields = problem ? Object.entries(problem.fields).filter(([k]) => k !== 'recipients') : [];

  if (disabled || !template) {
    // Disabled, with the reason: there is nothing to send until the mail has a subject and a text.
    return (
      <WithReason reason={t('mail.test.incomplete')}>
        <Button variant="secondary" startIcon={<PaperPlane />} disabled>
          {t('mail.test.open')}
        </Button>
      </WithReason>
    );
  }
  return (
    <Modal.Root open={open} onOpenChange={(o: boolean) => (setOpen(o), o || (setResult(null), setProblem(null)))}>
      <Modal.Trigger>
        <Button variant="secondary" startIcon={<PaperPlane />}>
          {t('mail.test.open')}
        </Button>
      </Modal.Trigger>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('mail.test.title')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Field.Root name="recipients" error={problem?.fields.recipients} hint={t('mail.test.hint')}>
              <Field.Label>{t('mail.test.recipients')}</Field.Label>
              <Textarea
                value={recipients}
                rows={3}
                placeholder="naam@voorbeeld.be, collega@voorbeeld.be"
                onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setRecipients(e.target.value)}
              />
              <Field.Hint />
              <Field.Error />
            </Field.Root>
            {result && (
              <Alert variant="success" title={t('mail.test.sentTitle')} closeLabel={t('mail.close')} onClose={() => setResult(null)} data-testid="test-result">
                {t('mail.test.sent', { n: result.sent.length, monitor: result.monitor })}
              </Alert>
            )}
            {failure && (
              <Alert variant="danger" title={t('mail.test.failed')} closeLabel={t('mail.close')} onClose={() => setProblem(null)} data-testid="test-error">
                {failure}
              </Alert>
            )}
            {otherFields.map(([field, message]) => (
              <Typography key={field} textColor="danger600" variant="pi">{`${t(`mail.field.${field}`)}: ${message}`}</Typography>
            ))}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('mail.close')}</Button>
          </Modal.Close>
          <Button startIcon={<PaperPlane />} loading={sending} disabled={!recipients.trim()} onClick={send}>
            {t('mail.test.send')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}
