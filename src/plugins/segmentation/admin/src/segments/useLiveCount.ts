/**
 * Live counts while the definition changes: debounced (300 ms), the previous request aborted when a
 * newer definition (or card system) arrives, nothing sent while the draft is invalid. `cardSystem`
 * evaluates within the card system the segment is filed under ('' = the caller's whole scope).
 */
import { useEffect, useRef, useState } from 'react';
import type { SegmentDefinition } from '../../../shared/definition';
import { useSegmentsApi, type Counts } from './api';
import { evaluationScope } from '../partners/card-system';
import { messageOf } from '../partners/errors';
import { isAbort } from '../templates/errors';
import { useT } from '../utils/useT';

export type LiveCount =
  | { state: 'invalid' }
  | { state: 'loading'; previous?: Counts }
  | { state: 'done'; counts: Counts }
  | { state: 'error'; message: string };

export function useLiveCount(definition: SegmentDefinition | null, cardSystem = '', delay = 300): LiveCount {
  const api = useSegmentsApi();
  const t = useT();
  const [result, setResult] = useState<LiveCount>({ state: 'invalid' });
  const last = useRef<Counts | undefined>(undefined);
  const key = definition ? JSON.stringify([definition, cardSystem]) : null;

  useEffect(() => {
    if (!definition) {
      setResult({ state: 'invalid' });
      return;
    }
    const controller = new AbortController();
    setResult({ state: 'loading', previous: last.current });
    const timer = setTimeout(() => {
      api.count(definition, controller.signal, evaluationScope(cardSystem)).then(
        (counts) => {
          last.current = counts;
          setResult({ state: 'done', counts });
        },
        (error: unknown) => {
          if (isAbort(error, controller.signal)) return;
          setResult({ state: 'error', message: messageOf(error, t) });
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
