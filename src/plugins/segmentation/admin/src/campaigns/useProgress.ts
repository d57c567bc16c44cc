/**
 * A campaign's progress, asked again every 2 s as long as it is sending. After a pause or a cancel
 * the worker still finishes the mails it had claimed, so a paused or cancelled campaign is asked
 * again until its count stays the same three times in a row; any other status is asked once.
 */
import { useEffect, useState } from 'react';
import { useCampaignsApi, type Progress } from './api';
import { isActive, isWindingDown } from '../../../shared/campaign-lifecycle';

export const POLL_MS = 2_000;
const SETTLED_AFTER = 3;

export function useProgress(documentId: string, status: string): Progress | null {
  const api = useCampaignsApi();
  const [progress, setProgress] = useState<Progress | null>(null);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last: number | null = null;
    let same = 0;
    const controller = new AbortController();
    const tick = async () => {
      let again = isActive(status);
      try {
        const next = await api.progress(documentId, controller.signal);
        if (!live) return;
        setProgress(next);
        same = next.done === last ? same + 1 : 0;
        last = next.done;
        again = isActive(next.status) || (isWindingDown(next.status) && same < SETTLED_AFTER);
      } catch {
        if (!live) return;
      }
      if (again) timer = setTimeout(tick, POLL_MS);
    };
    tick();
    return () => {
      live = false;
      controller.abort();
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client and t are new objects each render; this runs only when the values listed change
  }, [documentId, status]);
  return progress;
}

/** Samples of the count kept for the observed rate: the last 30 s at one per poll. */
const WINDOW = 15;
/** The observed rate needs at least this span. */
const MIN_SPAN_MS = 4_000;

/**
 * Mails per second and seconds left. The server's rate is that of the last minute, which is too low
 * in a send's first minute; while this page watches a send, the rate it saw itself (over the last
 * 30 s) is used instead.
 */
export function useRate(progress: Progress | null): { perSecond: number; etaSeconds: number | null } {
  const [samples, setSamples] = useState<{ at: number; done: number }[]>([]);
  useEffect(() => {
    if (!progress) return;
    if (isActive(progress.status)) setSamples((s) => [...s, { at: Date.now(), done: progress.done }].slice(-WINDOW));
    else setSamples([]);
  }, [progress]);
  if (!progress) return { perSecond: 0, etaSeconds: null };
  const first = samples[0];
  const last = samples[samples.length - 1];
  const span = first && last ? last.at - first.at : 0;
  const perSecond = span >= MIN_SPAN_MS ? (1000 * (last!.done - first!.done)) / span : progress.ratePerSecond;
  if (perSecond <= 0) return { perSecond: 0, etaSeconds: null };
  return { perSecond, etaSeconds: progress.queued > 0 ? Math.ceil(progress.queued / perSecond) : null };
}
