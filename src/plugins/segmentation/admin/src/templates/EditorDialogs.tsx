/** The template editor's dialogs: a second template with the same name, and the saved mail at full size ("Bewaar en bekijk"). */
import { Box, Button, Dialog, Flex, Loader, Modal, Typography } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import type { Preview } from './api';
import { useT } from '../utils/useT';
import { DialogCancel } from '../components/ConfirmDialog';

/** Open when `name` is given: saving would give a second template that name. */
export function DuplicateNameDialog({ name, onCancel, onConfirm }: { name: string | null; onCancel: () => void; onConfirm: () => void }) {
  const t = useT();
  return (
    <Dialog.Root open={name !== null} onOpenChange={(open: boolean) => open || onCancel()}>
      <Dialog.Content>
        <Dialog.Header>{t('mail.sameName.title')}</Dialog.Header>
        <Dialog.Body icon={<WarningCircle width="24px" height="24px" fill="warning600" />}>
          <Typography textAlign="center" data-testid="same-name">
            {t('mail.sameName.body', { name: name ?? '' })}
          </Typography>
        </Dialog.Body>
        <Dialog.Footer>
          <DialogCancel label={t('mail.sameName.rename')} />
          <Button fullWidth onClick={onConfirm}>
            {t('mail.sameName.saveAnyway')}
          </Button>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
}

/** The mail as the preview's holder receives it, at full mail width. */
export function MailViewDialog({ open, preview, onClose }: { open: boolean; preview: Preview | undefined; onClose: () => void }) {
  const t = useT();
  return (
    <Modal.Root open={open} onOpenChange={(o: boolean) => o || onClose()}>
      <Modal.Content style={{ width: 760, maxWidth: '95vw' }}>
        <Modal.Header>
          <Modal.Title>{t('mail.view.title')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {preview ? (
            <Flex direction="column" alignItems="stretch" gap={2} data-testid="mail-view">
              <Typography fontWeight="bold" data-testid="mail-view-subject">
                {preview.mail.subject}
              </Typography>
              <Typography variant="pi" textColor="neutral600">
                {preview.mail.preheader || '—'}
              </Typography>
              <Box>
                <iframe
                  sandbox=""
                  srcDoc={preview.mail.html}
                  title={t('mail.preview.title')}
                  style={{ width: 680, height: 640, border: '1px solid #dcdce4', display: 'block', margin: '0 auto', background: '#fff' }}
                />
              </Box>
            </Flex>
          ) : (
            <Loader small>{t('mail.preview.loading')}</Loader>
          )}
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('mail.close')}</Button>
          </Modal.Close>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}
