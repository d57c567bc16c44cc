/** "Test-sms versturen": the unsaved SMS template to a few mobile numbers, with [TEST] before the text. */
import { useState } from 'react';
import { Alert, Button, Field, Flex, Modal, Textarea, Typography } from '@strapi/design-system';
import { PaperPlane } from '@strapi/icons';
import { useTemplatesApi, type SmsPayload } from './api';
import { problemOf, type ApiProblem } from './errors';
import { WithReason } from './WithReason';
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
  // The server names each refused number by its place in the list: ["numbers", j].
  const refused = (problem?.items ?? []).map((i) =>
    i.path[0] === 'numbers' && typeof i.path[1] === 'number' ? `${typed[i.path[1]] ?? i.path[1]}: ${i.message}` : i.message,
  );

  if (!template) {
    return (
      <WithReason reason={t('mail.testSms.incomplete')}>
        <Button variant="secondary" startIcon={<PaperPlane />} disabled>
          {t('mail.testSms.open')}
        </Button>
      </WithReason>
    );
  }
  return (
    <Modal.Root open={open} onOpenChange={(o: boolean) => (setOpen(o), o || (setSent(null), setProblem(null)))}>
      <Modal.Trigger>
        <Button variant="secondary" startIcon={<PaperPlane />}>
          {t('mail.testSms.open')}
        </Button>
      </Modal.Trigger>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('mail.testSms.title')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography>{t('mail.testSms.prefix')}</Typography>
            <Field.Root
              name="numbers"
              hint={t('mail.testSms.hint')}
              error={invalid.length ? t('mail.testSms.invalid', { numbers: invalid.join(', ') }) : undefined}
            >
              <Field.Label>{t('mail.testSms.numbers')}</Field.Label>
              <Textarea
                value={numbers}
                rows={3}
                placeholder="0475 12 34 56, +32 486 12 34 56"
                onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setNumbers(e.target.value)}
              />
              <Field.Hint />
              <Field.Error />
            </Field.Root>
            {sent !== null && (
              <Alert
                variant="success"
                title={t('mail.test.sentTitle')}
                closeLabel={t('mail.close')}
                onClose={() => setSent(null)}
                data-testid="test-sms-result"
              >
                {t('mail.testSms.sent', { n: sent })}
              </Alert>
            )}
            {problem && (
              <Alert variant="danger" title={t('mail.test.failed')} closeLabel={t('mail.close')} onClose={() => setProblem(null)} data-testid="test-sms-error">
                {problem.status === 429 ? t('mail.test.rateLimited') : refused.length ? refused.join('; ') : problem.message}
              </Alert>
            )}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('mail.close')}</Button>
          </Modal.Close>
          <Button startIcon={<PaperPlane />} loading={sending} disabled={typed.length === 0} onClick={send}>
            {t('mail.testSms.send')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}
