/** Steps in words: "Stap 2: segment Kinderen", "Handmatig toegevoegd". */
import type { Audience, Choice } from './api';
import { useT } from '../utils/useT';

export function useStepLabel(audience: Audience | null, segments: Choice[], mailings: Choice[]) {
  const t = useT();
  const name = (list: Choice[], id: string | undefined) => list.find((c) => c.documentId === id)?.name ?? id ?? '';
  return (index: number | null): string => {
    if (index === null || !audience) return '—';
    const step = audience.steps[index];
    if (!step) return t(`audience.manual.${audience.manual.find((m) => m.index === index)?.mode ?? 'add'}`);
    const n = index + 1;
    switch (step.source) {
      case 'segment':
        return t('audience.label.segment', { n, name: name(segments, step.segment) });
      case 'campaign':
        return t('audience.label.campaign', { n, name: name(mailings, step.campaign), outcome: t(`audience.outcome.${step.outcome ?? 'sent'}`) });
      case 'uids':
        return t('audience.label.uids', { n, count: step.uids?.length ?? 0 });
      case 'list':
        return t('audience.label.list', { n });
      default:
        return t('audience.label.definition', { n });
    }
  };
}
