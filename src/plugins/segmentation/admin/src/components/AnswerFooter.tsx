/**
 * A Dialog's footer for a dangerous request: cancel, and a confirm button that is not a
 * Dialog.Action (that would close the dialog before the answer); it shows `busy` while it waits.
 */
import { Button, Dialog } from '@strapi/design-system';

interface Props {
  cancelLabel: string;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
}

export function AnswerFooter({ cancelLabel, confirmLabel, busy, onConfirm }: Props) {
  return (
    <Dialog.Footer>
      <Dialog.Cancel>
        <Button fullWidth variant="tertiary">
          {cancelLabel}
        </Button>
      </Dialog.Cancel>
      <Button fullWidth variant="danger" loading={busy} onClick={onConfirm}>
        {confirmLabel}
      </Button>
    </Dialog.Footer>
  );
}
