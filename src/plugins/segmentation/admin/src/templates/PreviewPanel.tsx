/** The mail as it arrives: recipient chooser, subject and preheader, the HTML at desktop or mobile width, warnings. */
import { useState } from 'react';
import { Alert, Box, Button, Field, Flex, Loader, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Monitor, Phone } from '@strapi/icons';
import type { PreviewState } from './usePreview';
import { Warnings } from './Warnings';
import { UidChooser } from './SmsPreviewPanel';
import { useT } from '../utils/useT';

const WIDTHS = { desktop: 680, mobile: 375 } as const;
/** The segment choice meaning "all pass holders I may see". */
const ALL = '__all';

interface Props {
  preview: PreviewState;
  uid: string;
  onUid: (uid: string) => void;
  onRandom: () => void;
  /** The segments a random holder may be limited to (none: no choice shown). */
  segments?: { documentId: string; name: string }[];
  segment?: string;
  onSegment?: (documentId: string) => void;
}

export function PreviewPanel({ preview, uid, onUid, onRandom, segments = [], segment = '', onSegment }: Props) {
  const t = useT();
  const [device, setDevice] = useState<keyof typeof WIDTHS>('desktop');
  const shown = preview.state === 'done' ? preview.preview : preview.state === 'incomplete' ? undefined : preview.previous;
  const recipient = shown?.recipient;
  const name = recipient ? [recipient.firstName, recipient.lastName].filter(Boolean).join(' ') || recipient.uid : '';

  return (
    <Flex
      direction="column"
      alignItems="stretch"
      gap={3}
      data-testid="preview-panel"
      data-state={preview.state}
      data-nonce={preview.state === 'done' ? preview.nonce : undefined}
    >
      <UidChooser uid={uid} onUid={onUid} onRandom={onRandom} error={preview.state === 'error' ? preview.fields.uid : undefined} placeholder={recipient?.uid}>
        {segments.length > 0 && onSegment && (
          <Box flex="1">
            <Field.Root name="segment" error={preview.state === 'error' ? preview.fields.segment : undefined}>
              <Field.Label>{t('mail.preview.segment')}</Field.Label>
              <SingleSelect value={segment || ALL} onChange={(v: string | number) => onSegment(String(v) === ALL ? '' : String(v))}>
                <SingleSelectOption value={ALL}>{t('mail.preview.allHolders')}</SingleSelectOption>
                {segments.map((s) => (
                  <SingleSelectOption key={s.documentId} value={s.documentId}>
                    {s.name}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
              <Field.Error />
            </Field.Root>
          </Box>
        )}
      </UidChooser>
      <Flex gap={2} justifyContent="space-between" alignItems="center">
        <Typography variant="pi" textColor="neutral600">
          {recipient ? <span data-testid="preview-recipient">{t('mail.preview.for', { name, uid: recipient.uid })}</span> : t('mail.preview.noRecipient')}
        </Typography>
        <Flex gap={1}>
          {(Object.keys(WIDTHS) as (keyof typeof WIDTHS)[]).map((d) => (
            <Button
              key={d}
              size="S"
              variant={device === d ? 'secondary' : 'tertiary'}
              startIcon={d === 'desktop' ? <Monitor /> : <Phone />}
              onClick={() => setDevice(d)}
              aria-pressed={device === d}
            >
              {t(`mail.preview.${d}`)}
            </Button>
          ))}
        </Flex>
      </Flex>
      {preview.state === 'incomplete' && <Typography textColor="neutral600">{t('mail.preview.incomplete')}</Typography>}
      {preview.state === 'error' && !preview.fields.uid && !preview.fields.segment && (
        <Alert variant="danger" title={t('mail.preview.failed')} closeLabel={t('mail.close')}>
          {preview.message}
        </Alert>
      )}
      {shown && (
        <Box background="neutral0" hasRadius shadow="tableShadow" padding={3}>
          <Flex direction="column" alignItems="stretch" gap={1} paddingBottom={3}>
            <Flex gap={2}>
              <Typography fontWeight="bold" data-testid="preview-subject">
                {shown.mail.subject}
              </Typography>
              {preview.state === 'loading' && <Loader small>{t('mail.preview.loading')}</Loader>}
            </Flex>
            <Typography variant="pi" textColor="neutral600" data-testid="preview-preheader">
              {shown.mail.preheader || '—'}
            </Typography>
          </Flex>
          <Box overflow="auto">
            <iframe
              sandbox=""
              srcDoc={shown.mail.html}
              title={t('mail.preview.title')}
              data-testid="mail-preview"
              style={{ width: WIDTHS[device], height: 720, border: '1px solid #dcdce4', display: 'block', margin: '0 auto', background: '#fff' }}
            />
          </Box>
        </Box>
      )}
      {!shown && preview.state === 'loading' && <Loader small>{t('mail.preview.loading')}</Loader>}
      {shown && <Warnings warnings={shown.warnings} />}
    </Flex>
  );
}
