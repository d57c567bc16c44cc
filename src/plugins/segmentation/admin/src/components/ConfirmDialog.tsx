/** A confirmation in the design system's Dialog (not the browser's pop-up): a title, a text, two buttons. */
import { Button, Dialog } from '@strapi/design-system';

interface Props {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  cancelLabel: string;
  variant?: 'danger' | 'default';
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({ open, title, body, confirmLabel, cancelLabel, variant = 'danger', onConfirm, onCancel }: Props) {
  return (
    <Dialog.Root open={open} onOpenChange={(next: boolean) => next || onCancel()}>
      <Dialog.Content>
        <Dialog.Header>{title}</Dialog.Header>
        <Dialog.Body>
          <Dialog.Description>{body}</Dialog.Description>
        </Dialog.Body>
        <Dialog.Footer>
          <DialogCancel label={cancelLabel} />
          <Dialog.Action>
            <Button fullWidth variant={variant === 'danger' ? 'danger-light' : 'default'} onClick={onConfirm}>
              {confirmLabel}
            </Button>
          </Dialog.Action>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
}

/** A Dialog's cancel button; `onClick` besides closing. */
export function DialogCancel({ label, onClick }: { label: string; onClick?: () => void }) {
  return (
    <Dialog.Cancel>
      <Button fullWidth variant="tertiary" onClick={onClick}>
        {label}
      </Button>
    </Dialog.Cancel>
  );
}
