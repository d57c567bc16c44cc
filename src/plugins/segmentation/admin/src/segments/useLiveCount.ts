/**
 * Live counts while the definition changes: debounced (300 ms), the previous request aborted when a
 * newer definition (or card system) arrives, nothing sent while there is no definition (no complete filter). `cardSystem`
 * evaluates within the card system the segment is filed under ('' = the caller's whole scope).
 */
import type { SegmentDefinition } from '../../../shared/definition';
import { useSegmentsApi, type Counts } from './api';
import { evaluationScope } from '../partners/card-system';
import { isRateLimited } from '../partners/errors';
import { filterTypeAt, problemText, serverProblems } from './problems';
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
    case 'error': {
      // A problem the server found in the definition (an unknown key, ...): in words, with the field's label.
      const problem = serverProblems(count.error)[0];
      return {
        state: 'error',
        message: problem
          ? problemText(problem, t, filterTypeAt(definition, problem.path))
          : isRateLimited(count.error)
            ? t('partners.rateLimited')
            : t('count.failed'),
      };
    }
  }
}
