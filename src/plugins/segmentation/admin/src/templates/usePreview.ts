/**
 * The live preview of the unsaved template: debounced (400 ms), the previous request aborted when a
 * newer draft arrives, nothing sent while the mail lacks a subject or text.
 */
import { useEffect, useRef, useState } from 'react';
import type { TemplateInput } from '../../../shared/template';
import { useTemplatesApi, type Preview } from './api';
import { isAbort, problemOf, useProblemText, type FieldErrors } from './errors';

export type PreviewState =
  | { state: 'incomplete' }
  | { state: 'loading'; previous?: Preview }
  | { state: 'done'; preview: Preview; nonce: number }
  | { state: 'error'; message: string; fields: FieldErrors; previous?: Preview };

/** `uid` empty: a random holder (with an e-mail address, in the caller's scope); `nonce` asks again. */
export function usePreview(template: TemplateInput | null, uid: string, nonce: number, delay = 400): PreviewState {
  const api = useTemplatesApi();
  const problemText = useProblemText();
  const [result, setResult] = useState<PreviewState>({ state: 'incomplete' });
  const last = useRef<Preview | undefined>(undefined);
  // The random holder stays chosen while the draft changes, until "random" is asked again (nonce).
  const pinned = useRef<{ nonce: number; uid: string } | null>(null);
  const key = template ? JSON.stringify([template, uid.trim(), nonce]) : null;

  useEffect(() => {
    if (!template) {
      setResult({ state: 'incomplete' });
      return;
    }
    const controller = new AbortController();
    setResult({ state: 'loading', previous: last.current });
    const timer = setTimeout(() => {
      const chosen = uid.trim() || (pinned.current?.nonce === nonce ? pinned.current.uid : '');
      api.preview(template, chosen ? { uid: chosen } : {}, controller.signal).then(
        (preview) => {
          last.current = preview;
          if (preview.recipient.chosen === 'random') pinned.current = { nonce, uid: preview.recipient.uid };
          setResult({ state: 'done', preview, nonce });
        },
        (error: unknown) => {
          if (isAbort(error, controller.signal)) return;
          const problem = problemOf(error);
          setResult({ state: 'error', message: problemText(problem, 'mail.preview.rateLimited'), fields: problem.fields, previous: last.current });
        },
      );
    }, delay);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  return result;
}
