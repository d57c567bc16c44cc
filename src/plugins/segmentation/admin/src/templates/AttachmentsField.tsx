/**
 * A mail's attachments: PDFs and images chosen (or uploaded) in Strapi's Media Library, each with
 * its size; a file over 5 MB or of another type is refused by the server and marked here, and above
 * about 1 MB in all a warning says large attachments hurt delivery.
 */
import { useState, type ComponentType } from 'react';
import { Alert, Box, Button, Field, Flex, IconButton, Typography } from '@strapi/design-system';
import { File, Trash } from '@strapi/icons';
import { useStrapiApp } from '@strapi/strapi/admin';
import type { MediaFile } from './api';
import { useT } from '../utils/useT';

const MAX_FILE_KB = 5 * 1024;
const WARN_TOTAL_KB = 1024;

interface MediaLibraryDialogProps {
  allowedTypes?: string[];
  multiple?: boolean;
  onClose: () => void;
  onSelectAssets: (assets: MediaFile[]) => void;
}

/** kB (as the Media Library stores sizes) in words: "820 kB", "1,4 MB". */
export const fmtSize = (kb: number) =>
  kb < 1024 ? `${Math.max(1, Math.round(kb))} kB` : `${(kb / 1024).toLocaleString('nl-BE', { maximumFractionDigits: 1 })} MB`;

const allowed = (f: MediaFile) => f.mime === 'application/pdf' || Boolean(f.mime?.startsWith('image/'));

interface Props {
  files: MediaFile[];
  error?: string;
  disabled?: boolean;
  onChange: (files: MediaFile[]) => void;
}

export function AttachmentsField({ files, error, disabled, onChange }: Props) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const MediaLibraryDialog = useStrapiApp('AttachmentsField', (s) => s.components['media-library']) as ComponentType<MediaLibraryDialogProps> | undefined;
  const total = files.reduce((sum, f) => sum + (f.size ?? 0), 0);
  return (
    <Field.Root name="attachments" error={error} hint={t('mail.attachments.hint')}>
      <Field.Label>{t('mail.attachments.label')}</Field.Label>
      <Flex direction="column" alignItems="stretch" gap={2} data-testid="attachments" data-total-kb={Math.round(total)}>
        {files.map((f) => {
          const problem = !allowed(f) ? t('mail.attachments.type') : (f.size ?? 0) > MAX_FILE_KB ? t('mail.attachments.tooBig') : null;
          return (
            <Flex key={f.id} gap={2} justifyContent="space-between" data-testid="attachment" data-id={f.id}>
              <Typography>
                {f.name ?? `#${f.id}`}
                <Typography textColor="neutral600">{` · ${f.size != null ? fmtSize(f.size) : '?'}`}</Typography>
                {problem && <Typography textColor="danger600">{` · ${problem}`}</Typography>}
              </Typography>
              <IconButton
                label={t('mail.attachments.remove', { name: f.name ?? String(f.id) })}
                variant="ghost"
                disabled={disabled}
                onClick={() => onChange(files.filter((x) => x.id !== f.id))}
              >
                <Trash />
              </IconButton>
            </Flex>
          );
        })}
        {files.length > 0 && (
          <Typography variant="pi" textColor="neutral600" data-testid="attachments-total">
            {t('mail.attachments.total', { size: fmtSize(total) })}
          </Typography>
        )}
        {total > WARN_TOTAL_KB && (
          <Alert variant="warning" title={t('mail.attachments.largeTitle')} closeLabel={t('mail.close')} data-testid="attachments-large">
            {t('mail.attachments.large', { size: fmtSize(total) })}
          </Alert>
        )}
        <Box>
          <Button variant="secondary" startIcon={<File />} disabled={disabled || !MediaLibraryDialog} onClick={() => setOpen(true)}>
            {t('mail.attachments.add')}
          </Button>
        </Box>
      </Flex>
      <Field.Hint />
      <Field.Error />
      {open && MediaLibraryDialog && (
        <MediaLibraryDialog
          allowedTypes={['images', 'files']}
          multiple
          onClose={() => setOpen(false)}
          onSelectAssets={(assets) => {
            setOpen(false);
            onChange([...files, ...assets.filter((a) => !files.some((f) => f.id === a.id))]);
          }}
        />
      )}
    </Field.Root>
  );
}
