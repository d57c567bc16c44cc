/** The header image: chosen (or uploaded) in Strapi's Media Library dialog, stored as the file's id. */
import { useState, type ComponentType } from 'react';
import { Box, Button, Field, Flex, TextInput, Typography } from '@strapi/design-system';
import { Image, Trash } from '@strapi/icons';
import { useStrapiApp } from '@strapi/strapi/admin';
import type { MediaFile } from './api';
import { fileUrl } from './form-state';
import { useT } from '../utils/useT';

interface MediaLibraryDialogProps {
  allowedTypes?: string[];
  multiple?: boolean;
  onClose: () => void;
  onSelectAssets: (assets: MediaFile[]) => void;
}

interface Props {
  image: MediaFile | null;
  alt: string;
  error?: string;
  altError?: string;
  disabled?: boolean;
  /** Ask for the alternative text (a mail's image; a printed letter's has none). */
  withAlt?: boolean;
  onChange: (patch: { image?: MediaFile | null; imageAlt?: string }) => void;
}

export function ImageField({ image, alt, error, altError, disabled, withAlt = true, onChange }: Props) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const MediaLibraryDialog = useStrapiApp('TemplateEditor', (s) => s.components['media-library']) as ComponentType<MediaLibraryDialogProps> | undefined;
  const thumb = image ? (image.formats?.thumbnail?.url ?? image.formats?.small?.url ?? image.url) : null;

  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Field.Root name="image" error={error}>
        <Field.Label>{t('mail.field.image')}</Field.Label>
        <Flex gap={3} alignItems="center">
          {thumb && (
            <Box borderColor="neutral200" hasRadius overflow="hidden" width="120px">
              <img src={fileUrl(thumb)} alt="" data-testid="image-thumbnail" style={{ display: 'block', width: '100%' }} />
            </Box>
          )}
          <Flex direction="column" alignItems="flex-start" gap={1}>
            {image && (
              <Typography variant="pi" data-testid="image-name">
                {image.name ?? `#${image.id}`}
                {image.width ? ` · ${image.width} px` : ''}
              </Typography>
            )}
            <Flex gap={2}>
              <Button variant="secondary" startIcon={<Image />} disabled={disabled || !MediaLibraryDialog} onClick={() => setOpen(true)}>
                {image ? t('mail.image.change') : t('mail.image.choose')}
              </Button>
              {image && (
                <Button variant="tertiary" startIcon={<Trash />} disabled={disabled} onClick={() => onChange({ image: null })}>
                  {t('mail.image.remove')}
                </Button>
              )}
            </Flex>
          </Flex>
        </Flex>
        <Field.Hint />
        <Field.Error />
      </Field.Root>
      {image && withAlt && (
        <Field.Root name="imageAlt" error={altError} hint={t('mail.field.imageAlt.hint')}>
          <Field.Label>{t('mail.field.imageAlt')}</Field.Label>
          <TextInput value={alt} disabled={disabled} onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange({ imageAlt: e.target.value })} />
          <Field.Hint />
          <Field.Error />
        </Field.Root>
      )}
      {open && MediaLibraryDialog && (
        <MediaLibraryDialog
          allowedTypes={['images']}
          multiple={false}
          onClose={() => setOpen(false)}
          onSelectAssets={(assets) => {
            setOpen(false);
            if (assets[0]) onChange({ image: assets[0] });
          }}
        />
      )}
    </Flex>
  );
}
