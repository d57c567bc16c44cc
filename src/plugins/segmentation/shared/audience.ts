/**
 * An audience: an ordered list of steps, each adding holders to the result or removing them, taken
 * from one source (a saved segment, a definition, a list of UIDs typed or uploaded, or an earlier
 * mailing's recipients). Shared by the server (validation) and the admin (the step editor).
 * The definition inside a step is checked by the segment schema (definition.ts), with its paths
 * under the step (`["steps", 2, "definition", "groups", 0, ...]`).
 */
import { z } from 'zod';
import { problemsOf, type DefinitionProblem } from './definition';

export const STEP_MODES = ['add', 'remove'] as const;
export const OUTCOMES = ['sent', 'delivered', 'opened', 'notOpened', 'clicked', 'notClicked'] as const;
export const SOURCES = ['segment', 'definition', 'uids', 'list', 'campaign'] as const;

export type StepMode = (typeof STEP_MODES)[number];
export type Outcome = (typeof OUTCOMES)[number];
export type StepSource = (typeof SOURCES)[number];

/** At most this many steps, and UIDs in one step. */
export const AUDIENCE_LIMITS = { steps: 50, uids: 100_000 } as const;

const documentId = z.string().trim().min(1, 'Expected a document id').max(255);

export const stepSchema = z
  .strictObject({
    mode: z.enum(STEP_MODES, { error: `Expected one of ${STEP_MODES.join(', ')}` }),
    segment: documentId.optional(),
    definition: z.unknown().optional(),
    uids: z
      .array(z.string().min(1, 'Expected a UID').max(255), { error: 'Expected a list of UIDs' })
      .min(1, 'Expected at least one UID')
      .max(AUDIENCE_LIMITS.uids, `At most ${AUDIENCE_LIMITS.uids} UIDs in one step`)
      .optional(),
    /** An uploaded list (`POST …/audiences/lists`), by the key its upload answered. */
    list: documentId.optional(),
    campaign: documentId.optional(),
    outcome: z.enum(OUTCOMES, { error: `Expected one of ${OUTCOMES.join(', ')}` }).optional(),
  })
  .superRefine((step, ctx) => {
    const sources = SOURCES.filter((s) => step[s] !== undefined);
    if (sources.length === 0) ctx.addIssue({ code: 'custom', path: [], message: `A step needs one source: ${SOURCES.join(', ')}` });
    if (sources.length > 1) ctx.addIssue({ code: 'custom', path: [sources[1]!], message: `A step takes one source, not ${sources.join(' and ')}` });
    if (step.outcome !== undefined && step.campaign === undefined) {
      ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'An outcome goes with an earlier mailing (campaign)' });
    }
  });

export const stepsSchema = z
  .array(stepSchema, { error: 'Expected a list of steps' })
  .min(1, 'Expected at least one step')
  .max(AUDIENCE_LIMITS.steps, `At most ${AUDIENCE_LIMITS.steps} steps`);

export type AudienceStep = z.infer<typeof stepSchema>;

/** The source of a valid step and the value naming it. */
export function sourceOf(step: AudienceStep): StepSource {
  return SOURCES.find((s) => step[s] !== undefined)!;
}

/** Steps' shape problems, paths from `prefix` (e.g. `["steps"]`). */
export function validateSteps(
  input: unknown,
  prefix: (string | number)[] = ['steps'],
): { ok: true; value: AudienceStep[] } | { ok: false; errors: DefinitionProblem[] } {
  const result = stepsSchema.safeParse(input, { reportInput: true });
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: problemsOf(result.error.issues, prefix) };
}

/**
 * The same saved segment, list (typed or uploaded) or earlier mailing twice in one audience: the later step's
 * index and what it repeats (a conflict, 409).
 */
export function repeatedSource(steps: AudienceStep[]): { index: number; source: StepSource; id: string } | null {
  const seen = new Set<string>();
  for (const [index, step] of steps.entries()) {
    const source = sourceOf(step);
    if (source === 'definition') continue;
    // Two typed lists are the same list when they name the same UIDs.
    const id = source === 'uids' ? [...new Set(step.uids)].sort().join('\n') : step[source]!;
    if (seen.has(`${source}:${id}`)) return { index, source, id: source === 'uids' ? `${step.uids!.length} UIDs` : id };
    seen.add(`${source}:${id}`);
  }
  return null;
}

/** A mailing's audience as staff set it: the steps, and its wave group (a pilot, then the rest). */
export const mailingAudienceSchema = z.strictObject({
  steps: stepsSchema,
  /** The campaign (a named group of mailings, e.g. "Zomerfestival 2026") this mailing is a wave of. */
  waveGroup: z.string().trim().min(1, 'Expected a name').max(120, 'At most 120 characters').nullable().optional(),
  /** Leave out holders who were recipients of an earlier mailing of the same wave group (after the steps). */
  leaveOutEarlier: z.boolean({ error: 'Expected true or false' }).optional(),
});
export type MailingAudienceInput = z.infer<typeof mailingAudienceSchema>;

/** A wave group's name compared: spaces trimmed and collapsed, any case. */
export const waveGroupKey = (name: string): string => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('nl');

/**
 * The wave group a typed name means: an existing group of the partner when only case or spaces
 * differ (so "zomerfestival  2026" joins "Zomerfestival 2026" instead of starting a campaign of its
 * own), else the typed name tidied; null for an empty name.
 */
export function resolveWaveGroup(typed: string | null | undefined, existing: readonly string[]): string | null {
  const name = (typed ?? '').trim().replace(/\s+/g, ' ');
  if (!name) return null;
  return existing.find((e) => waveGroupKey(e) === waveGroupKey(name)) ?? name;
}

/** Holders added or removed by hand on the review page: kept as steps after the others. */
export const manualChangeSchema = z.strictObject({
  mode: z.enum(STEP_MODES, { error: `Expected one of ${STEP_MODES.join(', ')}` }),
  uids: z.array(z.string().trim().min(1, 'Expected a UID').max(255), { error: 'Expected a list of UIDs' }).min(1, 'Expected at least one UID').max(1000),
  reason: z.string().trim().max(500, 'At most 500 characters').optional(),
});
export type ManualChange = z.infer<typeof manualChangeSchema>;

/** One manual step as stored: one holder. */
export interface ManualStep {
  mode: StepMode;
  uid: string;
  reason?: string;
  by?: number | null;
  at: number;
}
