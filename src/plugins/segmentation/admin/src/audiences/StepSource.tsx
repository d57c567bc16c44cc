/** The source input of one step: a saved segment, an uploaded list, an earlier mailing with its outcome, or UIDs typed. */
import { Field, Flex, SingleSelect, SingleSelectOption, Textarea, Typography } from '@strapi/design-system';
import { OUTCOMES } from '../../../shared/audience';
import type { Choice, Outcome } from './api';
import { ListUpload } from './ListUpload';
import { parseUids, type DraftStep } from './steps-state';
import { useT } from '../utils/useT';

interface Props {
  n: number;
  step: DraftStep;
  segments: Choice[];
  mailings: Choice[];
  disabled: boolean;
  onChange: (step: DraftStep) => void;
}

export function StepSource({ n, step, segments, mailings, disabled, onChange }: Props) {
  const t = useT();
  const label = (what: string) => t(`audience.step.${what}`, { n });
  switch (step.kind) {
    case 'segment':
      return (
        <SingleSelect
          aria-label={label('segmentLabel')}
          placeholder={t('audience.step.chooseSegment')}
          value={step.segment || undefined}
          disabled={disabled}
          onChange={(v: string | number) => onChange({ ...step, segment: String(v) })}
        >
          {withUnknown(segments, step.segment, t('audience.step.unknownSegment')).map((s) => (
            <SingleSelectOption key={s.documentId} value={s.documentId}>
              {s.name}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      );
    case 'campaign':
      return (
        <Flex gap={2} alignItems="flex-start">
          <SingleSelect
            aria-label={label('campaignLabel')}
            placeholder={t('audience.step.chooseMailing')}
            value={step.campaign || undefined}
            disabled={disabled}
            onChange={(v: string | number) => onChange({ ...step, campaign: String(v) })}
          >
            {withUnknown(mailings, step.campaign, t('audience.step.unknownMailing')).map((m) => (
              <SingleSelectOption key={m.documentId} value={m.documentId}>
                {m.name}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <SingleSelect
            aria-label={label('outcomeLabel')}
            value={step.outcome}
            disabled={disabled}
            onChange={(v: string | number) => onChange({ ...step, outcome: String(v) as Outcome })}
          >
            {OUTCOMES.map((o) => (
              <SingleSelectOption key={o} value={o}>
                {t(`audience.outcome.${o}`)}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Flex>
      );
    case 'list':
      return <ListUpload label={label('listLabel')} list={step.list} disabled={disabled} onUploaded={(list) => onChange({ ...step, list })} />;
    case 'uids':
      return (
        <Field.Root name={`uids-${step.key}`} hint={t('audience.step.uidsHint', { n: parseUids(step.uids).length })}>
          <Field.Label>{label('uidsLabel')}</Field.Label>
          <Textarea
            value={step.uids}
            rows={3}
            disabled={disabled}
            onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => onChange({ ...step, uids: e.target.value })}
          />
          <Field.Hint />
        </Field.Root>
      );
    default:
      return <Typography textColor="neutral600">{t('audience.step.definition')}</Typography>;
  }
}

/** The choices, with the chosen one added when the list does not hold it (older, or another's). */
function withUnknown(list: Choice[], chosen: string, name: string): Choice[] {
  return chosen && !list.some((c) => c.documentId === chosen) ? [...list, { documentId: chosen, name }] : list;
}
