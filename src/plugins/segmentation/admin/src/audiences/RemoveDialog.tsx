/** "Verwijder" a holder from the generated audience by hand, with an optional reason (a manual remove step). */
import { useState } from 'react';
import { Button, Dialog, Field, Textarea } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { AnswerFooter } from '../components/AnswerFooter';
import { useT } from '../utils/useT';

interface Props {
  uid: string;
  name: string;
  disabled: boolean;
  onRemove: (reason: string) => Promise<boolean>;
}

export function RemoveDialog({ uid, name, disabled, onRemove }: Props) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    const ok = await onRemove(reason.trim());
    setBusy(false);
    if (ok) {
      setOpen(false);
      setReason('');
    }
  };
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger>
        <Button variant="danger-light" size="S" startIcon={<Trash />} disabled={disabled} aria-label={t('audience.remove.labelFor', { uid })}>
          {t('audience.remove.open')}
        </Button>
      </Dialog.Trigger>
      <Dialog.Content>
        <Dialog.Header>{t('audience.remove.title')}</Dialog.Header>
        <Dialog.Body>
          <Field.Root name="reason" hint={t('audience.remove.hint')} width="100%">
            <Field.Label>{t('audience.remove.text', { uid, name })}</Field.Label>
            <Textarea value={reason} rows={2} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setReason(e.target.value)} />
            <Field.Hint />
          </Field.Root>
        </Dialog.Body>
        <AnswerFooter cancelLabel={t('audience.cancel')} confirmLabel={t('audience.remove.confirm')} busy={busy} onConfirm={confirm} />
      </Dialog.Content>
    </Dialog.Root>
  );
}
