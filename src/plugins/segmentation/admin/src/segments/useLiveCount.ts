/**
 * Live counts while the definition changes: debounced (300 ms), the previous request aborted when a
 * newer definition arrives, nothing sent while the draft is invalid.
 */
import { useEffect, useRef, useState } from 'react';
import type { SegmentDefinition } from '../../../shared/definition';
import { useSegmentsApi, type Counts } from './api';

export type LiveCount =
  | { state: 'invalid' }
  | { state: 'loading'; previous?: Counts }
  | { state: 'done'; counts: Counts }
  | { state: 'error'; message: string };

export function useLiveCount(definition: SegmentDefinition | null, delay = 300): LiveCount {
  const api = useSegmentsApi();
  const [result, setResult] = useState<LiveCount>({ state: 'invalid' });
  const last = useRef<Counts | undefined>(undefined);
  const key = definition ? JSON.stringify(definition) : null;

  useEffect(() => {
    if (!definition) {
      setResult({ state: 'invalid' });
      return;
    }
    const controller = new AbortController();
    setResult({ state: 'loading', previous: last.current });
    const timer = setTimeout(() => {
      api.count(definition, controller.signal).then(
        (counts) => {
          last.current = counts;
          setResult({ state: 'done', counts });
        },
        (error: { name?: string; message?: string; response?: { data?: { error?: { message?: string } } } }) => {
          if (controller.signal.aborted || error?.name === 'AbortError') return;
          setResult({ state: 'error', message: error?.response?.data?.error?.message ?? error?.message ?? 'Error' });
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
