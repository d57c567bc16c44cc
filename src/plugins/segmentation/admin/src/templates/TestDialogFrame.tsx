/**
 * What the test-mail and the test-SMS dialogs share: the button that opens them (disabled, with the
 * reason, while there is nothing to send), the modal with its title, the addresses or numbers field,
 * and the footer with Close and Send. Each dialog gives its own texts, field and result.
 */
import type { ReactNode } from 'react';
import { Button, Field, Flex, Modal, Textarea } from '@strapi/design-system';
import { PaperPlane } from '@strapi/icons';
import { WithReason } from './WithReason';
import { useT } from '../utils/useT';

interface Props {
  /** Translation ids: the opening button, the title, the reason it is disabled, the send button. */
  labels: { open: string; title: string; incomplete: string; send: string };
  ready: boolean;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  field: { name: string; label: string; hint: string; placeholder: string; value: string; error?: string; onChange: (value: string) => void };
  sending: boolean;
  canSend: boolean;
  onSend: () => void;
  /** Above the field (an explanation) and below it (the result, the problems). */
  intro?: ReactNode;
  children?: ReactNode;
}

export function TestDialogFrame({ labels, ready, open, onOpenChange, field, sending, canSend, onSend, intro, children }: Props) {
  const t = useT();
  if (!ready) {
    return (
      <WithReason reason={t(labels.incomplete)}>
        <Button variant="secondary" startIcon={<PaperPlane />} disabled>
          {t(labels.open)}
        </Button>
      </WithReason>
    );
  }
  return (
    <Modal.Root open={open} onOpenChange={onOpenChange}>
      <Modal.Trigger>
        <Button variant="secondary" startIcon={<PaperPlane />}>
          {t(labels.open)}
        </Button>
      </Modal.Trigger>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t(labels.title)}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            {intro}
            <Field.Root name={field.name} error={field.error} hint={field.hint}>
              <Field.Label>{field.label}</Field.Label>
              <Textarea
                value={field.value}
                rows={3}
                placeholder={field.placeholder}
                onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => field.onChange(e.target.value)}
              />
              <Field.Hint />
              <Field.Error />
            </Field.Root>
            {children}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('mail.close')}</Button>
          </Modal.Close>
          <Button startIcon={<PaperPlane />} loading={sending} disabled={!canSend} onClick={onSend}>
            {t(labels.send)}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}
