/**
 * Sent counts for the list. The list route answers `total` but not how many were sent, so each
 * started campaign's progress is asked for (a few at a time), again every 5 s while one is sending.
 */
import { useEffect, useState } from 'react';
import { useCampaignsApi, type Campaign, type Progress } from './api';
import { isActive, isEditable } from '../../../shared/campaign-lifecycle';

const PARALLEL = 4;

export function useSentCounts(rows: Campaign[] | null): Record<string, Progress> {
  const api = useCampaignsApi();
  const [counts, setCounts] = useState<Record<string, Progress>>({});
  // Started: no longer editable (a send began, or the campaign was cancelled or failed).
  const started = (rows ?? []).filter((c) => !isEditable(c.status));
  const key = started.map((c) => `${c.documentId}:${c.status}`).join('|');

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async (ids: string[]) => {
      const queue = [...ids];
      const worker = async () => {
        for (let id = queue.shift(); id && live; id = queue.shift()) {
          const p = await api.progress(id).catch(() => null);
          if (p && live) setCounts((c) => ({ ...c, [id]: p }));
        }
      };
      await Promise.all(Array.from({ length: PARALLEL }, worker));
    };
    const poll = async () => {
      const sending = started.filter((c) => isActive(c.status)).map((c) => c.documentId);
      if (sending.length === 0 || !live) return;
      await load(sending);
      if (live) timer = setTimeout(poll, 5_000);
    };
    load(started.map((c) => c.documentId)).then(() => {
      if (live) timer = setTimeout(poll, 5_000);
    });
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client and t are new objects each render; this runs only when the values listed change
  }, [key]);
  return counts;
}
