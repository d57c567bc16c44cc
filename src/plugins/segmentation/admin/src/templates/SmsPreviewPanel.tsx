/** The SMS as a holder (by UID, or a random one) gets it, with the parts of the personalised text. */
import type { ReactNode } from 'react';
import { Alert, Box, Button, Field, Flex, Loader, TextInput, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import type { Shown } from './useChannelPreview';
import type { SmsPreview } from './api';
import { SmsBubble } from './SmsBubble';
import { useT } from '../utils/useT';

interface Props {
  preview: Shown<SmsPreview>;
  uid: string;
  onUid: (uid: string) => void;
  onRandom: () => void;
}

export function UidChooser({
  uid,
  onUid,
  onRandom,
  error,
  placeholder,
  children,
}: {
  uid: string;
  onUid: (v: string) => void;
  onRandom: () => void;
  error?: string;
  placeholder?: string;
  /** More choices, between the UID and the random button. */
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <Flex gap={2} alignItems="flex-end">
      <Box flex="1">
        <Field.Root name="uid" error={error}>
          <Field.Label>{t('mail.preview.uid')}</Field.Label>
          <TextInput value={uid} placeholder={placeholder} onChange={(e: React.ChangeEvent<HTMLInputElement>) => onUid(e.target.value)} />
          <Field.Error />
        </Field.Root>
      </Box>
      {children}
      <Button variant="secondary" startIcon={<ArrowClockwise />} onClick={onRandom}>
        {t('mail.preview.random')}
      </Button>
    </Flex>
  );
}

export function SmsPreviewPanel({ preview, uid, onUid, onRandom }: Props) {
  const t = useT();
  const sms = preview.value;
  const who = sms?.recipient;
  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="sms-preview-panel">
      <UidChooser uid={uid} onUid={onUid} onRandom={onRandom} error={preview.fields.uid} placeholder={who?.uid} />
      {who && (
        <Typography variant="pi" textColor="neutral600" data-testid="preview-recipient">
          {t('mail.preview.for', { name: [who.firstName, who.lastName].filter(Boolean).join(' ') || who.uid, uid: who.uid })}
        </Typography>
      )}
      {preview.error && !preview.fields.uid && (
        <Alert variant="danger" title={t('mail.preview.failed')} closeLabel={t('mail.close')}>
          {preview.error}
        </Alert>
      )}
      {!sms && !preview.loading && !preview.error && <Typography textColor="neutral600">{t('mail.sms.previewEmpty')}</Typography>}
      {preview.loading && <Loader small>{t('mail.preview.loading')}</Loader>}
      {sms && (
        <SmsBubble
          text={sms.text}
          testId="sms-preview-text"
          parts={{
            n: sms.parts.segments,
            testId: 'sms-preview-parts',
            text: t('mail.sms.previewParts', { n: sms.parts.segments, characters: sms.parts.characters, encoding: sms.parts.encoding }),
          }}
        />
      )}
    </Flex>
  );
}
