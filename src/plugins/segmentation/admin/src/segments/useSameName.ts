/**
 * Whether another segment of the caller already has this name (case and outer spaces aside): a
 * warning, not a block. Asked 400 ms after the name last changed.
 */
import { useEffect, useState } from 'react';
import { useSegmentsApi } from './api';

const norm = (s: string) => s.trim().toLocaleLowerCase('nl-BE');

export function useSameName(name: string, documentId: string | undefined): boolean {
  const api = useSegmentsApi();
  const [same, setSame] = useState(false);
  useEffect(() => {
    const wanted = norm(name);
    if (!wanted) return setSame(false);
    let current = true;
    const timer = setTimeout(() => {
      api.list({ q: name.trim(), pageSize: 100 }).then(
        (r) => current && setSame(r.results.some((s) => s.documentId !== documentId && norm(s.name) === wanted)),
        () => undefined,
      );
    }, 400);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client is a new object each render; this runs only when the values listed change
  }, [name, documentId]);
  return same;
}
