/** Loads once on mount: `undefined` while loading, `null` after a failure. */
import { useEffect, useState } from 'react';

export function useLoad<T>(load: () => Promise<T>): T | null | undefined {
  const [value, setValue] = useState<T | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    load().then(
      (v) => live && setValue(v),
      () => live && setValue(null),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the loader is a new function each render; this loads once
  }, []);
  return value;
}
