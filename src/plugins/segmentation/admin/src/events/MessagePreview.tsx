/**
 * The message as a real ticket holder of the event gets it: a UID typed, or (none typed) the
 * event's first ticket holder, as the server picks it; the e-mail (subject and HTML in a sandboxed frame) or the SMS (text and parts),
 * in the language the message would use for that holder. Follows the unsaved form (debounced).
 */
import { useState } from 'react';
import { Alert, Box, Button, Field, Flex, Loader, TextInput, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { isEmailPreview, useEventsApi } from './api';
import { callText } from './problems';
import { useDebouncedRequest } from '../utils/useDebouncedRequest';
import { SmsBubble } from '../templates/SmsBubble';
import { useT } from '../utils/useT';

interface Props {
  eventKey: string;
  /** The form as the API takes it; null while it cannot be previewed (no template yet). */
  input: unknown;
}

export function MessagePreview({ eventKey, input }: Props) {
  const t = useT();
  const api = useEventsApi();
  const [uid, setUid] = useState('');
  const [nonce, setNonce] = useState(0);
  const key = input ? JSON.stringify([input, uid.trim(), nonce]) : null;
  const preview = useDebouncedRequest(key, (signal) => api.preview(eventKey, input, uid.trim() || undefined, signal), 500);
  const shown = preview.state === 'done' ? preview.value : preview.state === 'idle' ? undefined : preview.previous;
  const holder = shown?.holder;
  const name = holder ? [holder.firstName, holder.lastName].filter(Boolean).join(' ') || holder.uid : '';
  const parts = shown && !isEmailPreview(shown) ? (typeof shown.parts === 'number' ? shown.parts : shown.parts?.segments) : undefined;

  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="message-preview" data-state={preview.state}>
      <Typography variant="beta" tag="h2">
        {t('event.preview.title')}
      </Typography>
      <Flex gap={2} alignItems="flex-end">
        <Box flex="1">
          <Field.Root name="preview-uid" hint={t('event.preview.uidHint')}>
            <Field.Label>{t('event.preview.uid')}</Field.Label>
            <TextInput value={uid} placeholder={holder?.uid} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setUid(e.target.value)} />
            <Field.Hint />
          </Field.Root>
        </Box>
        <Button variant="secondary" startIcon={<ArrowClockwise />} disabled={!input} onClick={() => (setUid(''), setNonce((n) => n + 1))}>
          {t('event.preview.first')}
        </Button>
      </Flex>
      {!input && <Typography textColor="neutral600">{t('event.preview.incomplete')}</Typography>}
      {holder && (
        <Typography variant="pi" textColor="neutral600" data-testid="preview-holder">
          {t('event.preview.for', { name, uid: holder.uid, language: t(`event.language.${shown.language}`) })}
        </Typography>
      )}
      {preview.state === 'error' && (
        <Alert variant="danger" title={t('event.preview.failed')} closeLabel={t('event.close')} data-testid="preview-error">
          {callText(t, preview.error)}
        </Alert>
      )}
      {preview.state === 'loading' && <Loader small>{t('event.preview.loading')}</Loader>}
      {shown && isEmailPreview(shown) && (
        <Box background="neutral0" hasRadius shadow="tableShadow" padding={3}>
          <Box paddingBottom={3}>
            <Typography fontWeight="bold" data-testid="preview-subject">
              {shown.subject}
            </Typography>
          </Box>
          <Box overflow="auto">
            <iframe
              sandbox=""
              srcDoc={shown.html}
              title={t('event.preview.frame')}
              data-testid="message-preview-html"
              style={{ width: '100%', minWidth: 375, height: 720, border: '1px solid #dcdce4', display: 'block', background: '#fff' }}
            />
          </Box>
        </Box>
      )}
      {shown && !isEmailPreview(shown) && (
        <SmsBubble
          text={shown.text}
          testId="message-preview-sms"
          parts={parts === undefined ? undefined : { n: parts, testId: 'message-preview-parts', text: t('event.preview.parts', { n: parts }) }}
        />
      )}
    </Flex>
  );
}
