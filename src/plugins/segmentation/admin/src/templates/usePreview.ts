/**
 * The live preview of the unsaved template: debounced (400 ms), the previous request aborted when a
 * newer draft arrives, nothing sent while the mail lacks a subject or text.
 */
import { useRef } from 'react';
import { useTemplatesApi, type EmailPayload, type Preview } from './api';
import { useProblemText, type FieldErrors } from './errors';
import { useTemplateProblem } from './problem-text';
import { useDebouncedRequest } from '../utils/useDebouncedRequest';

export type PreviewState =
  | { state: 'incomplete' }
  | { state: 'loading'; previous?: Preview }
  | { state: 'done'; preview: Preview; nonce: number }
  | { state: 'error'; message: string; fields: FieldErrors; previous?: Preview };

/**
 * `uid` empty: a random holder (with an e-mail address, in the caller's scope; of `segment` when
 * given); `nonce` asks again.
 */
export function usePreview(template: EmailPayload | null, uid: string, nonce: number, delay = 400, segment = ''): PreviewState {
  const api = useTemplatesApi();
  const problemText = useProblemText();
  const problemOf = useTemplateProblem();
  // The random holder stays chosen while the draft changes, until "random" is asked again (nonce).
  const pinned = useRef<{ nonce: number; segment: string; uid: string } | null>(null);
  const key = template ? JSON.stringify([template, uid.trim(), nonce, segment]) : null;

  const preview = useDebouncedRequest(
    key,
    async (signal) => {
      const same = pinned.current?.nonce === nonce && pinned.current.segment === segment;
      const chosen = uid.trim() || (same ? pinned.current!.uid : '');
      const answer = await api.preview(template!, chosen ? { uid: chosen } : segment ? { segment } : {}, signal);
      if (answer.recipient.chosen === 'random') pinned.current = { nonce, segment, uid: answer.recipient.uid };
      return { preview: answer, nonce };
    },
    delay,
  );
  switch (preview.state) {
    case 'idle':
      return { state: 'incomplete' };
    case 'loading':
      return { state: 'loading', previous: preview.previous?.preview };
    case 'done':
      return { state: 'done', ...preview.value };
    case 'error': {
      const problem = problemOf(preview.error);
      return { state: 'error', message: problemText(problem, 'mail.preview.rateLimited'), fields: problem.fields, previous: preview.previous?.preview };
    }
  }
}
