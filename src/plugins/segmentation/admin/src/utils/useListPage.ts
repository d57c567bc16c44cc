/**
 * The rows of a list page and its row actions: the rows are fetched `delay` ms after `key` (the
 * search, the sort) last changed, or at once with `delay` 0; `act` runs an action, says how it went
 * in a toast (`errorText` words a failure) and reloads the rows.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNotification } from '@strapi/strapi/admin';

export function useListPage<T>(key: string, fetch: () => Promise<T[]>, errorText: (error: unknown) => string, delay = 250) {
  const { toggleNotification } = useNotification();
  const [rows, setRows] = useState<T[] | null>(null);
  // The fetch of the latest render: it sees the search and sort that `key` stands for.
  const latest = useRef(fetch);
  useEffect(() => {
    latest.current = fetch;
  });

  const reload = useCallback(() => {
    latest.current().then(setRows, () => setRows([]));
  }, []);
  useEffect(() => {
    if (delay === 0) return reload();
    const timer = setTimeout(reload, delay);
    return () => clearTimeout(timer);
  }, [key, delay, reload]);

  const act = async (action: () => Promise<unknown>, message: string) => {
    try {
      await action();
      toggleNotification({ type: 'success', message });
      reload();
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorText(error) });
    }
  };

  return { rows, reload, act };
}
