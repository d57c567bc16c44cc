/**
 * A Dialog's footer for a dangerous request: cancel, and a confirm button that is not a
 * Dialog.Action (that would close the dialog before the answer, or before leaving); it shows
 * `busy` while it waits.
 */
import { Button, Dialog } from '@strapi/design-system';
import { DialogCancel } from './ConfirmDialog';

interface Props {
  cancelLabel: string;
  confirmLabel: string;
  busy?: boolean;
  confirmTestId?: string;
  onConfirm: () => void;
}

export function AnswerFooter({ cancelLabel, confirmLabel, busy, confirmTestId, onConfirm }: Props) {
  return (
    <Dialog.Footer>
      <DialogCancel label={cancelLabel} />
      <Button fullWidth variant="danger" loading={busy} data-testid={confirmTestId} onClick={onConfirm}>
        {confirmLabel}
      </Button>
    </Dialog.Footer>
  );
}
