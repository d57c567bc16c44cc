/**
 * "Testbericht versturen": the unsaved message once, as the holder of the preview would get it —
 * an e-mail to the signed-in admin (or the address typed), an SMS to the number typed. Reuses the
 * template editor's dialog frame.
 */
import { useState } from 'react';
import { Alert, Typography } from '@strapi/design-system';
import type { MessageChannel } from '../../../shared/event-messages';
import { useEventsApi } from './api';
import { callText } from './problems';
import { TestDialogFrame } from '../templates/TestDialogFrame';
import { useT } from '../utils/useT';

interface Props {
  eventKey: string;
  channel: MessageChannel;
  /** The form as the API takes it; null while it cannot be sent (no template yet). */
  input: unknown;
  /** Why it cannot be sent (no right), if so. */
  disabled?: boolean;
}

export function MessageTestDialog({ eventKey, channel, input, disabled }: Props) {
  const t = useT();
  const api = useEventsApi();
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState('');
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const sms = channel === 'sms';

  const send = async () => {
    if (!input) return;
    setSending(true);
    setSent(null);
    setFailure(null);
    try {
      const address = to.trim();
      await api.test(eventKey, input, sms ? { phone: address } : address ? { email: address } : {});
      setSent(address || t('event.test.yourAddress'));
    } catch (error) {
      setFailure(callText(t, error));
    } finally {
      setSending(false);
    }
  };

  return (
    <TestDialogFrame
      labels={{
        open: 'event.test.open',
        title: sms ? 'event.test.titleSms' : 'event.test.title',
        incomplete: 'event.test.incomplete',
        send: 'event.test.send',
      }}
      ready={!disabled && Boolean(input)}
      open={open}
      onOpenChange={(o) => (setOpen(o), o || (setSent(null), setFailure(null)))}
      field={{
        name: sms ? 'phone' : 'email',
        label: t(sms ? 'event.test.phone' : 'event.test.email'),
        hint: t(sms ? 'event.test.phoneHint' : 'event.test.emailHint'),
        placeholder: sms ? '0475 12 34 56' : 'naam@voorbeeld.be',
        value: to,
        onChange: setTo,
      }}
      sending={sending}
      canSend={sms ? Boolean(to.trim()) : true}
      onSend={send}
      intro={<Typography>{t('event.test.intro')}</Typography>}
    >
      {sent !== null && (
        <Alert
          variant="success"
          title={t('event.test.sentTitle')}
          closeLabel={t('event.close')}
          onClose={() => setSent(null)}
          data-testid="message-test-result"
        >
          {t('event.test.sent', { to: sent })}
        </Alert>
      )}
      {failure && (
        <Alert variant="danger" title={t('event.test.failed')} closeLabel={t('event.close')} onClose={() => setFailure(null)} data-testid="message-test-error">
          {failure}
        </Alert>
      )}
    </TestDialogFrame>
  );
}
