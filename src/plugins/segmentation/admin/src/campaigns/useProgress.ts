/** A campaign's progress, asked again every 2 s as long as it is sending; once otherwise. */
import { useEffect, useState } from 'react';
import { useCampaignsApi, type Progress } from './api';

export const POLL_MS = 2_000;

export function useProgress(documentId: string, status: string): Progress | null {
  const api = useCampaignsApi();
  const [progress, setProgress] = useState<Progress | null>(null);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const controller = new AbortController();
    const tick = async () => {
      let sending = status === 'sending';
      try {
        const next = await api.progress(documentId, controller.signal);
        if (!live) return;
        setProgress(next);
        sending = next.status === 'sending';
      } catch {
        if (!live) return;
      }
      if (sending) timer = setTimeout(tick, POLL_MS);
    };
    tick();
    return () => {
      live = false;
      controller.abort();
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [documentId, status]);
  return progress;
}
