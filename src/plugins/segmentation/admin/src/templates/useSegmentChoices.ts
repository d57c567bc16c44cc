/** The segments a preview's random holder can be limited to (names the user may see); none when they may not be listed. */
import { useEffect, useState } from 'react';
import { useSegmentsApi } from '../segments/api';

export function useSegmentChoices(enabled: boolean): { documentId: string; name: string }[] {
  const api = useSegmentsApi();
  const [segments, setSegments] = useState<{ documentId: string; name: string }[]>([]);
  useEffect(() => {
    if (!enabled) return;
    api.list({ sort: 'name', pageSize: 100 }).then(
      (page) => setSegments(page.results.map((s) => ({ documentId: s.documentId, name: s.name }))),
      () => setSegments([]),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client is a new object each render; this runs only when the values listed change
  }, [enabled]);
  return segments;
}
