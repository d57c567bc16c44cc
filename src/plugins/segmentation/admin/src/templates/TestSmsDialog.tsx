/** "Test-sms versturen": the unsaved SMS template to a few mobile numbers, with [TEST] before the text. */
import { useState } from 'react';
import { Alert, Typography } from '@strapi/design-system';
import { useTemplatesApi, type SmsPayload } from './api';
import type { ApiProblem } from './errors';
import { useTemplateProblem } from './problem-text';
import { TestDialogFrame } from './TestDialogFrame';
import { normaliseMobile } from '../../../shared/phone';
import { useT } from '../utils/useT';

/** The numbers typed, split as the server splits them (commas, semicolons, new lines). */
const numbersOf = (text: string) =>
  text
    .split(/[,;\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export function TestSmsDialog({ template, uid }: { template: SmsPayload | null; uid?: string }) {
  const t = useT();
  const api = useTemplatesApi();
  const problemOf = useTemplateProblem();
  const [open, setOpen] = useState(false);
  const [numbers, setNumbers] = useState('');
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<number | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const typed = numbersOf(numbers);
  const invalid = typed.filter((n) => !normaliseMobile(n));

  const send = async () => {
    if (!template) return;
    setSending(true);
    setSent(null);
    setProblem(null);
    try {
      setSent((await api.testSms(template, numbers, uid ? { uid } : {})).sent);
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setSending(false);
    }
  };
  // In the user's language: the refused numbers (each named in its text), else the first problem with its field's label.
  const failure = problem && (problem.status === 429 ? t('mail.test.rateLimited') : (problem.fields.numbers ?? problem.message));

  return (
    <TestDialogFrame
      labels={{ open: 'mail.testSms.open', title: 'mail.testSms.title', incomplete: 'mail.testSms.incomplete', send: 'mail.testSms.send' }}
      ready={Boolean(template)}
      open={open}
      onOpenChange={(o) => (setOpen(o), o || (setSent(null), setProblem(null)))}
      field={{
        name: 'numbers',
        label: t('mail.testSms.numbers'),
        hint: t('mail.testSms.hint'),
        placeholder: '0475 12 34 56, +32 486 12 34 56',
        value: numbers,
        error: invalid.length ? t('mail.testSms.invalid', { numbers: invalid.join(', ') }) : undefined,
        onChange: setNumbers,
      }}
      sending={sending}
      canSend={typed.length > 0}
      onSend={send}
      intro={<Typography>{t('mail.testSms.prefix')}</Typography>}
    >
      {sent !== null && (
        <Alert variant="success" title={t('mail.test.sentTitle')} closeLabel={t('mail.close')} onClose={() => setSent(null)} data-testid="test-sms-result">
          {t('mail.testSms.sent', { n: sent })}
        </Alert>
      )}
      {problem && (
        <Alert variant="danger" title={t('mail.test.failed')} closeLabel={t('mail.close')} onClose={() => setProblem(null)} data-testid="test-sms-error">
          {failure}
        </Alert>
      )}
    </TestDialogFrame>
  );
}
