/** A template's subject as a sample holder reads it (rendered by the server), for the mailing pages. */
import { useEffect, useState } from 'react';
import { useCampaignsApi, type Campaign, type SubjectSample } from './api';

/**
 * `campaign`: the saved mailing; while its own template is chosen, the subject is asked for by the
 * mailing (whoever may see the mailing may see its subject, also of a template filed elsewhere).
 */
export function useSubjectSample(template: string | null | undefined, campaign?: Campaign | null): SubjectSample | null {
  const api = useCampaignsApi();
  const [sample, setSample] = useState<SubjectSample | null>(null);
  useEffect(() => {
    setSample(null);
    if (!template) return;
    let live = true;
    api.subject(template, campaign?.template?.documentId === template ? campaign.documentId : undefined).then(
      (s) => live && setSample(s),
      () => undefined,
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client is a new object each render; this runs only when the template changes
  }, [template, campaign?.documentId]);
  return sample;
}

/** What to show for a subject: as the sample holder reads it, else (not rendered yet, or not renderable) as written. */
export function shownSubject(sample: SubjectSample | null, written: string | null | undefined): string {
  return sample?.sample ?? written ?? '—';
}
