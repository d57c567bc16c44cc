/** How many recipients each message that went (or is going) out reached: its history's counts, fetched per message. */
import { useEffect, useState } from 'react';
import type { EventMessage } from './api';
import { useEventsApi } from './api';

const WENT = new Set(['sending', 'sent', 'failed']);

export function useSentCounts(eventKey: string, messages: EventMessage[] | null): Record<number, { sent: number; total: number }> {
  const api = useEventsApi();
  const [counts, setCounts] = useState<Record<number, { sent: number; total: number }>>({});
  const wanted = (messages ?? []).filter((m) => WENT.has(m.status)).map((m) => `${m.id}:${m.status}`);
  useEffect(() => {
    let live = true;
    for (const item of wanted) {
      const id = Number(item.split(':')[0]);
      api.history(eventKey, id).then(
        (h) => live && setCounts((c) => ({ ...c, [id]: { sent: h.counts.sent, total: h.counts.total } })),
        () => undefined,
      );
    }
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client is a new object each render; this runs when the messages that went out change
  }, [eventKey, wanted.join('|')]);
  return counts;
}
