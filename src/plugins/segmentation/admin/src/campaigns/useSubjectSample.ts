/** A template's subject as a sample holder reads it (rendered by the server), for the mailing pages. */
import { useEffect, useState } from 'react';
import { useCampaignsApi, type SubjectSample } from './api';

export function useSubjectSample(template: string | null | undefined): SubjectSample | null {
  const api = useCampaignsApi();
  const [sample, setSample] = useState<SubjectSample | null>(null);
  useEffect(() => {
    setSample(null);
    if (!template) return;
    let live = true;
    api.subject(template).then(
      (s) => live && setSample(s),
      () => undefined,
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client is a new object each render; this runs only when the template changes
  }, [template]);
  return sample;
}

/** What to show for a subject: as the sample holder reads it, else (not rendered yet, or not renderable) as written. */
export function shownSubject(sample: SubjectSample | null, written: string | null | undefined): string {
  return sample?.sample ?? written ?? '—';
}
