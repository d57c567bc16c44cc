/**
 * The step editor's state: each step as the form holds it (mode, which source, the source's value),
 * to and from the audience's steps, and the server's refusals (400 / 409, paths from `["steps", i, ...]`)
 * as Dutch messages at the step they concern.
 */
import type { Audience, AudienceInput, AudienceStep, Outcome, StepMode } from './types';

export const KINDS = ['segment', 'list', 'campaign', 'uids'] as const;
export type Kind = (typeof KINDS)[number] | 'definition';

export interface DraftStep {
  /** A stable React key. */
  key: number;
  mode: StepMode;
  kind: Kind;
  segment: string;
  list: { key: string; name: string | null; kept: number | null } | null;
  campaign: string;
  outcome: Outcome;
  uids: string;
  /** A definition step (made over the API) is kept as it is. */
  definition?: unknown;
}

export interface Draft {
  steps: DraftStep[];
  waveGroup: string;
  leaveOutEarlier: boolean;
}

let next = 1;
export const newStep = (mode: StepMode = 'add', kind: Kind = 'segment'): DraftStep => ({
  key: next++,
  mode,
  kind,
  segment: '',
  list: null,
  campaign: '',
  outcome: 'sent',
  uids: '',
});

/** UIDs typed one a line, or separated by commas, semicolons or spaces. */
export const parseUids = (text: string) => [...new Set(text.split(/[\s,;]+/).filter(Boolean))];

export function toDraft(audience: Audience): Draft {
  const steps = audience.steps.map((s): DraftStep => {
    const base = newStep(s.mode, s.source);
    if (s.segment) base.segment = s.segment;
    if (s.campaign) {
      base.campaign = s.campaign;
      base.outcome = s.outcome ?? 'sent';
    }
    if (s.list) base.list = { key: s.list, name: null, kept: null };
    if (s.uids) base.uids = s.uids.join('\n');
    if (s.definition !== undefined) base.definition = s.definition;
    return base;
  });
  return { steps, waveGroup: audience.waveGroup ?? '', leaveOutEarlier: audience.leaveOutEarlier };
}

function toStep(d: DraftStep): AudienceStep {
  const mode = d.mode;
  switch (d.kind) {
    case 'segment':
      return d.segment ? { mode, segment: d.segment } : { mode };
    case 'list':
      return d.list ? { mode, list: d.list.key } : { mode };
    case 'campaign':
      return d.campaign ? { mode, campaign: d.campaign, outcome: d.outcome } : { mode };
    case 'uids': {
      const uids = parseUids(d.uids);
      return uids.length ? { mode, uids } : { mode };
    }
    default:
      return { mode, definition: d.definition };
  }
}

export function toInput(draft: Draft): AudienceInput {
  const waveGroup = draft.waveGroup.trim();
  return { steps: draft.steps.map(toStep), waveGroup: waveGroup || null, leaveOutEarlier: Boolean(waveGroup) && draft.leaveOutEarlier };
}

export const sameDraft = (a: Draft, b: Draft) => JSON.stringify(toInput(a)) === JSON.stringify(toInput(b));

export function move<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list;
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item!);
  return copy;
}

interface ErrorShape {
  response?: { data?: { error?: { status?: number; message?: string; details?: { errors?: { path?: (string | number)[]; message?: string }[] } } } };
}

export interface StepProblems {
  /** Per step index: messages (translation ids and values). */
  steps: Record<number, { id: string; values?: Record<string, string | number> }[]>;
  /** Problems not at one step. */
  general: { id: string; values?: Record<string, string | number> }[];
}

/**
 * The refusal of a save as messages per step: the path after `["steps", i]` says which part of the
 * step is wrong (no source, the mode, an unknown segment / list / mailing, the k-th UID); a 409 is
 * a source already used by an earlier step. The ids are translated by the caller.
 */
export function stepProblems(error: unknown, steps: DraftStep[]): StepProblems {
  const body = (error as ErrorShape | undefined)?.response?.data?.error;
  const out: StepProblems = { steps: {}, general: [] };
  const conflict = body?.status === 409;
  const add = (i: number, id: string, values?: Record<string, string | number>) => (out.steps[i] ??= []).push({ id, values });
  for (const e of body?.details?.errors ?? []) {
    const path = e.path ?? [];
    const i = path[1];
    if (path[0] !== 'steps' || typeof i !== 'number' || !steps[i]) {
      out.general.push({ id: path[0] === 'steps' ? 'audience.problem.steps' : 'audience.problem.other' });
      continue;
    }
    const part = path[2];
    const step = steps[i];
    if (part === undefined) add(i, `audience.problem.missing.${step.kind}`);
    else if (conflict) add(i, `audience.problem.repeated.${String(part)}`);
    else if (part === 'uids' && typeof path[3] === 'number') add(i, 'audience.problem.uid', { uid: parseUids(step.uids)[path[3]] ?? '?' });
    else if (['mode', 'segment', 'list', 'campaign', 'outcome', 'uids', 'definition'].includes(String(part))) add(i, `audience.problem.${String(part)}`);
    else add(i, 'audience.problem.other');
  }
  if (!body?.details?.errors?.length) out.general.push({ id: body?.status === 404 ? 'audience.problem.notFound' : 'audience.problem.other' });
  return out;
}
