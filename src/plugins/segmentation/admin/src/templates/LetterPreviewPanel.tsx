/** The letter as a PDF for a holder (by UID, or a random one), made by the server from the unsaved template. */
import { Alert, Box, Flex, Loader, Typography } from '@strapi/design-system';
import { UidChooser } from './SmsPreviewPanel';
import type { Shown } from './useChannelPreview';
import { useT } from '../utils/useT';

interface Props {
  preview: Shown<string>;
  uid: string;
  onUid: (uid: string) => void;
  onRandom: () => void;
}

export function LetterPreviewPanel({ preview, uid, onUid, onRandom }: Props) {
  const t = useT();
  return (
    <Flex
      direction="column"
      alignItems="stretch"
      gap={3}
      data-testid="letter-preview-panel"
      data-state={preview.loading ? 'loading' : preview.value ? 'done' : 'none'}
    >
      <UidChooser uid={uid} onUid={onUid} onRandom={onRandom} error={preview.fields.uid} />
      {preview.error && !preview.fields.uid && (
        <Alert variant="danger" title={t('mail.preview.failed')} closeLabel={t('mail.close')}>
          {preview.error}
        </Alert>
      )}
      {preview.loading && <Loader small>{t('mail.preview.loading')}</Loader>}
      {!preview.value && !preview.loading && !preview.error && <Typography textColor="neutral600">{t('mail.letter.previewEmpty')}</Typography>}
      {preview.value && (
        <Box background="neutral0" hasRadius shadow="tableShadow" padding={2}>
          <object
            data={preview.value}
            type="application/pdf"
            title={t('mail.letter.previewTitle')}
            data-testid="letter-preview"
            style={{ width: '100%', height: 900, display: 'block' }}
          >
            <Typography>
              <a href={preview.value} target="_blank" rel="noreferrer">
                {t('mail.letter.openPdf')}
              </a>
            </Typography>
          </object>
        </Box>
      )}
    </Flex>
  );
}
