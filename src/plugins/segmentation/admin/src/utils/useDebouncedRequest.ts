/**
 * A request that follows changing input: sent `delay` ms after the input (its `key`) last changed,
 * the previous one aborted when newer input arrives; no request while `key` is null. While a request
 * runs, the last answer stays available (`previous`), so the page does not flicker.
 */
import { useEffect, useRef, useState } from 'react';
import { isAbort } from '../templates/errors';

export type Requested<T> =
  { state: 'idle' } | { state: 'loading'; previous?: T } | { state: 'done'; value: T } | { state: 'error'; error: unknown; previous?: T };

type Answer<T> = { key: string; ok: true; value: T } | { key: string; ok: false; error: unknown };

export function useDebouncedRequest<T>(key: string | null, request: (signal: AbortSignal) => Promise<T>, delay: number): Requested<T> {
  const [answer, setAnswer] = useState<Answer<T> | null>(null);
  const [previous, setPrevious] = useState<T | undefined>(undefined);
  // The request of the latest render: it sees the input that `key` stands for.
  const latest = useRef(request);
  useEffect(() => {
    latest.current = request;
  });

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      latest.current(controller.signal).then(
        (value) => {
          setPrevious(value);
          setAnswer({ key, ok: true, value });
        },
        (error: unknown) => {
          if (!isAbort(error, controller.signal)) setAnswer({ key, ok: false, error });
        },
      );
    }, delay);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, delay]);

  // The answer shown is the one to the current input; until it comes, the request is loading.
  if (key === null) return { state: 'idle' };
  if (answer?.key !== key) return { state: 'loading', previous };
  return answer.ok ? { state: 'done', value: answer.value } : { state: 'error', error: answer.error, previous };
}
