/**
 * Turning each step of an audience into the set of holders its source names, within the caller's
 * scope: a saved segment (evaluated in its partner's card system), a definition, typed UIDs, or an
 * earlier mailing's recipients by outcome. Every problem of every step is collected with its path
 * from the request root, so one 400 lists them all; another partner's segment or mailing is a 404.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { sourceOf, stepSchema, type AudienceStep, type Outcome } from '../../../shared/audience';
import { collectValidReferences, problemsOf, validateDefinitionShape, type SegmentDefinition } from '../../../shared/definition';
import type { Problem } from '../common/errors';
import { canSee, narrow, type Scope } from '../common/scope';
import { getService } from '../services';
import { SEGMENT_UID } from '../segments/records';
import { CAMPAIGN_UID } from '../campaigns/service';
import { loadList, mayUse } from './lists';

/** A step whose source was found: what to evaluate when the audience is built. */
export type ResolvedStep = AudienceStep &
  (
    | { kind: 'definition'; definition: SegmentDefinition; scope: Scope }
    | { kind: 'ids'; ids: Int32Array }
    | { kind: 'campaign'; campaignId: number; outcome: Outcome }
  );

const at = (index: number, ...rest: (string | number)[]) => ['steps', index, ...rest];

export function stepSources(strapi: Core.Strapi) {
  const engine = () => getService(strapi, 'segments').engine();

  /** The definition's shape and keys; problems under `path`. */
  async function checkDefinition(input: unknown, path: (string | number)[], problems: Problem[]): Promise<SegmentDefinition | null> {
    const shape = validateDefinitionShape(input);
    const refs = shape.ok ? collectValidReferences(shape.value) : collectValidReferences(input);
    const unknown = await engine().unknownKeys(refs);
    const own = [...(shape.ok ? [] : shape.errors), ...unknown];
    problems.push(...own.map((p) => ({ ...p, path: [...path, ...p.path] })));
    return shape.ok && own.length === 0 ? shape.value : null;
  }

  /** A saved record the caller may see: null (and a problem) when it does not exist; 404 when it is another partner's. */
  async function findRecord(uid: string, documentId: string, label: string, path: (string | number)[], scope: Scope, problems: Problem[]) {
    const found = (await strapi.documents(uid as typeof SEGMENT_UID).findOne({ documentId })) as Record<string, unknown> | null;
    if (!found) {
      problems.push({ path, message: `Unknown ${label} '${documentId}'` });
      return null;
    }
    if (!canSee(scope, found.cardSystem as string | null))
      throw new errors.NotFoundError(`${label[0]!.toUpperCase()}${label.slice(1)} '${documentId}' not found`);
    return found;
  }

  async function resolveOne(step: AudienceStep, i: number, scope: Scope, problems: Problem[]): Promise<ResolvedStep | null> {
    switch (sourceOf(step)) {
      case 'definition': {
        const definition = await checkDefinition(step.definition, at(i, 'definition'), problems);
        return definition && { ...step, kind: 'definition', definition, scope };
      }
      case 'segment': {
        const segment = await findRecord(SEGMENT_UID, step.segment!, 'segment', at(i, 'segment'), scope, problems);
        if (!segment) return null;
        const definition = await checkDefinition(segment.definition, at(i, 'segment'), problems);
        return definition && { ...step, kind: 'definition', definition, scope: narrow(scope, segment.cardSystem as string | null) };
      }
      case 'campaign': {
        const campaign = await findRecord(CAMPAIGN_UID, step.campaign!, 'mailing', at(i, 'campaign'), scope, problems);
        return campaign && { ...step, kind: 'campaign', campaignId: Number(campaign.id), outcome: step.outcome ?? 'sent' };
      }
      case 'list': {
        const list = await loadList(strapi.db.connection, step.list!);
        if (!list) {
          problems.push({ path: at(i, 'list'), message: `Unknown list '${step.list}'` });
          return null;
        }
        if (!mayUse(scope, list.scope)) throw new errors.NotFoundError(`List '${step.list}' not found`);
        return { ...step, kind: 'ids', ids: list.holders };
      }
      case 'uids': {
        const ids = await engine().idsOfUids(step.uids!);
        const inScope = await engine().scopeSet(scope);
        // A holder outside the caller's card systems is as unknown to them as one that does not exist.
        ids.forEach((id, j) => {
          if (id < 0 || !inScope[id]) problems.push({ path: at(i, 'uids', j), message: `Unknown pass holder '${step.uids![j]}'` });
        });
        return { ...step, kind: 'ids', ids };
      }
    }
  }

  return {
    /**
     * Each step's shape, then its source; the problems of every step in one list (paths from the
     * request root). The resolved steps are complete only when there are no problems.
     */
    async resolve(steps: unknown[], scope: Scope): Promise<{ steps: ResolvedStep[]; problems: Problem[] }> {
      const problems: Problem[] = [];
      const resolved: ResolvedStep[] = [];
      for (const [i, raw] of steps.entries()) {
        const parsed = stepSchema.safeParse(raw, { reportInput: true });
        if (!parsed.success) {
          problems.push(...problemsOf(parsed.error.issues, at(i)));
          continue;
        }
        const step = await resolveOne(parsed.data, i, scope, problems);
        if (step) resolved.push(step);
      }
      return { steps: resolved, problems };
    },
  };
}
