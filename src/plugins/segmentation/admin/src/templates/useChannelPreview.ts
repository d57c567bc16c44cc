/**
 * The live preview of an unsaved SMS or letter template for a UID or a random holder (`nonce` asks
 * for another): the SMS as text with its parts, the letter as a PDF (a blob URL, revoked when replaced).
 */
import { useEffect, useState } from 'react';
import { useTemplatesApi, type LetterPayload, type SmsPayload, type SmsPreview } from './api';
import { problemOf, type FieldErrors } from './errors';
import { useDebouncedRequest, type Requested } from '../utils/useDebouncedRequest';

export type Shown<T> = { value?: T; loading: boolean; error: string | null; fields: FieldErrors };

function shown<T>(r: Requested<T>): Shown<T> {
  const value = r.state === 'done' ? r.value : r.state === 'idle' ? undefined : r.previous;
  const problem = r.state === 'error' ? problemOf(r.error) : null;
  return { value, loading: r.state === 'loading', error: problem?.message ?? null, fields: problem?.fields ?? {} };
}

const who = (uid: string) => (uid.trim() ? { uid: uid.trim() } : {});

export function useSmsPreview(template: SmsPayload | null, uid: string, nonce: number): Shown<SmsPreview> {
  const api = useTemplatesApi();
  const key = template ? JSON.stringify([template, uid.trim(), nonce]) : null;
  return shown(useDebouncedRequest(key, (signal) => api.smsPreview(template!, who(uid), signal), 400));
}

export function useLetterPreview(template: LetterPayload | null, uid: string, nonce: number): Shown<string> {
  const api = useTemplatesApi();
  const key = template ? JSON.stringify([template, uid.trim(), nonce]) : null;
  // A PDF takes longer to make: asked for a little after typing stops.
  const result = shown(useDebouncedRequest(key, async (signal) => URL.createObjectURL(await api.letterPreview(template!, who(uid), signal)), 900));
  const [last, setLast] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!result.value || result.value === last) return;
    if (last) URL.revokeObjectURL(last);
    setLast(result.value);
  }, [result.value, last]);
  return result;
}
