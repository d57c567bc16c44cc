/**
 * The ordered steps of an audience: each adds or removes the holders of one source; move up / down,
 * delete, add a step. Under each step what it added / removed at the last generation (while the
 * steps are as generated) and the server's problems with it, in words.
 */
import { Badge, Box, Button, Flex, IconButton, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { ArrowDown, ArrowUp, Plus, Trash } from '@strapi/icons';
import type { Choice, StepSummary } from './api';
import { StepSource } from './StepSource';
import { KINDS, move, newStep, type DraftStep, type Kind, type StepProblems } from './steps-state';
import { fmtNumber } from '../campaigns/format';
import { useT } from '../utils/useT';

interface Props {
  steps: DraftStep[];
  /** The new steps, and the index of the one step edited in place (its problems are then out of date), or null when steps moved or went. */
  onChange: (steps: DraftStep[], edited: number | null) => void;
  segments: Choice[];
  mailings: Choice[];
  /** The counts of the last generation, when the steps shown are the ones generated. */
  counts: StepSummary[] | null;
  problems: StepProblems['steps'];
  disabled: boolean;
}

export function StepEditor({ steps, onChange, segments, mailings, counts, problems, disabled }: Props) {
  const t = useT();
  const set = (i: number, step: DraftStep) =>
    onChange(
      steps.map((s, j) => (j === i ? step : s)),
      i,
    );
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      {steps.length === 0 && <Typography textColor="neutral600">{t('audience.steps.empty')}</Typography>}
      {steps.map((step, i) => {
        const n = i + 1;
        const c = counts?.[i];
        return (
          <Box key={step.key} padding={4} hasRadius borderColor={problems[i] ? 'danger600' : 'neutral200'} data-testid={`step-${i}`}>
            <Flex gap={2} alignItems="center" wrap="wrap">
              <Typography variant="delta">{t('audience.step.title', { n })}</Typography>
              <SingleSelect
                aria-label={t('audience.step.modeLabel', { n })}
                value={step.mode}
                disabled={disabled}
                onChange={(v: string | number) => set(i, { ...step, mode: v === 'remove' ? 'remove' : 'add' })}
              >
                <SingleSelectOption value="add">{t('audience.mode.add')}</SingleSelectOption>
                <SingleSelectOption value="remove">{t('audience.mode.remove')}</SingleSelectOption>
              </SingleSelect>
              {step.kind !== 'definition' && (
                <SingleSelect
                  aria-label={t('audience.step.kindLabel', { n })}
                  value={step.kind}
                  disabled={disabled}
                  onChange={(v: string | number) => set(i, { ...newStep(step.mode, String(v) as Kind), key: step.key })}
                >
                  {KINDS.map((k) => (
                    <SingleSelectOption key={k} value={k}>
                      {t(`audience.kind.${k}`)}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              )}
              {c && c.added !== undefined && (
                <Badge data-testid={`step-counts-${i}`} data-added={c.added} data-removed={c.removed}>
                  {t('audience.step.counts', { added: fmtNumber(c.added), removed: fmtNumber(c.removed ?? 0) })}
                </Badge>
              )}
              <Flex gap={1} marginLeft="auto">
                <IconButton label={t('audience.step.up', { n })} disabled={disabled || i === 0} onClick={() => onChange(move(steps, i, i - 1), null)}>
                  <ArrowUp />
                </IconButton>
                <IconButton
                  label={t('audience.step.down', { n })}
                  disabled={disabled || i === steps.length - 1}
                  onClick={() => onChange(move(steps, i, i + 1), null)}
                >
                  <ArrowDown />
                </IconButton>
                <IconButton
                  label={t('audience.step.delete', { n })}
                  disabled={disabled}
                  onClick={() =>
                    onChange(
                      steps.filter((_, j) => j !== i),
                      null,
                    )
                  }
                >
                  <Trash />
                </IconButton>
              </Flex>
            </Flex>
            <Box paddingTop={3}>
              <StepSource n={n} step={step} segments={segments} mailings={mailings} disabled={disabled} onChange={(s) => set(i, s)} />
            </Box>
            {problems[i]?.map((p, k) => (
              <Typography key={k} tag="p" textColor="danger600" data-testid={`step-problem-${i}`}>
                {t(p.id, p.values)}
              </Typography>
            ))}
          </Box>
        );
      })}
      <Flex gap={2}>
        <Button variant="secondary" startIcon={<Plus />} disabled={disabled} onClick={() => onChange([...steps, newStep('add')], steps.length)}>
          {t('audience.steps.addStep')}
        </Button>
        <Button variant="tertiary" startIcon={<Plus />} disabled={disabled} onClick={() => onChange([...steps, newStep('remove', 'uids')], steps.length)}>
          {t('audience.steps.removeStep')}
        </Button>
      </Flex>
    </Flex>
  );
}
