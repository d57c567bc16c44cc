/**
 * Live counts while the definition changes: debounced (300 ms), the previous request aborted when a
 * newer definition (or card system) arrives, nothing sent while the draft is invalid. `cardSystem`
 * evaluates within the card system the segment is filed under ('' = the caller's whole scope).
 */
import type { SegmentDefinition } from '../../../shared/definition';
import { useSegmentsApi, type Counts } from './api';
import { evaluationScope } from '../partners/card-system';
import { messageOf } from '../partners/errors';
import { useDebouncedRequest } from '../utils/useDebouncedRequest';
import { useT } from '../utils/useT';

export type LiveCount =
  { state: 'invalid' } | { state: 'loading'; previous?: Counts } | { state: 'done'; counts: Counts } | { state: 'error'; message: string };

export function useLiveCount(definition: SegmentDefinition | null, cardSystem = '', delay = 300): LiveCount {
  const api = useSegmentsApi();
  const t = useT();
  const key = definition ? JSON.stringify([definition, cardSystem]) : null;
  const count = useDebouncedRequest(key, (signal) => api.count(definition!, signal, evaluationScope(cardSystem)), delay);
  switch (count.state) {
    case 'idle':
      return { state: 'invalid' };
    case 'loading':
      return { state: 'loading', previous: count.previous };
    case 'done':
      return { state: 'done', counts: count.value };
    case 'error':
      return { state: 'error', message: messageOf(count.error, t) };
  }
}
