/** "Testmail versturen": the unsaved template to a few addresses (and a copy to the monitoring address). */
import { useState } from 'react';
import { Alert, Typography } from '@strapi/design-system';
import { useTemplatesApi, type EmailPayload, type TestResult } from './api';
import type { ApiProblem } from './errors';
import { useTemplateProblem } from './problem-text';
import { TestDialogFrame } from './TestDialogFrame';
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

  // Disabled, with the reason, while there is nothing to send (no subject or text yet).
  return (
    <TestDialogFrame
      labels={{ open: 'mail.test.open', title: 'mail.test.title', incomplete: 'mail.test.incomplete', send: 'mail.test.send' }}
      ready={!disabled && Boolean(template)}
      open={open}
      onOpenChange={(o) => (setOpen(o), o || (setResult(null), setProblem(null)))}
      field={{
        name: 'recipients',
        label: t('mail.test.recipients'),
        hint: t('mail.test.hint'),
        placeholder: 'naam@voorbeeld.be, collega@voorbeeld.be',
        value: recipients,
        error: problem?.fields.recipients,
        onChange: setRecipients,
      }}
      sending={sending}
      canSend={Boolean(recipients.trim())}
      onSend={send}
    >
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
    </TestDialogFrame>
  );
}
