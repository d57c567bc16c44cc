/**
 * The holders each resolved step names, as sets over holder ids, within a scope. The earlier
 * mailings' queries are sent first and run in the database while the segments are evaluated here.
 */
import type { Knex } from 'knex';
import type { Scope } from '../common/scope';
import type { SegmentEngine } from '../segments/engine';
import type { StepSet } from './compose';
import { holdersWithOutcome } from './queries';
import type { ResolvedStep } from './sources';

type Engine = Pick<SegmentEngine, 'evaluate' | 'scopeSet'>;

/** Two scopes that select the same holders (the same card systems, or both unrestricted). */
const sameScope = (a: Scope, b: Scope) => (a === null || b === null ? a === b : a.length === b.length && a.every((k) => b.includes(k)));

export async function stepSetsOf(
  engine: Engine,
  knex: Knex,
  steps: ResolvedStep[],
  asOf: string | undefined,
  scope: Scope,
): Promise<{ inScope: Uint8Array; sets: StepSet[] }> {
  const inScope = await engine.scopeSet(scope);
  const outcomes = Promise.all(steps.map((s) => (s.kind === 'campaign' ? holdersWithOutcome(knex, s.campaignId, s.outcome) : null)));
  outcomes.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled meanwhile
  const sets: (StepSet | null)[] = [];
  for (const step of steps) {
    if (step.kind !== 'definition') {
      sets.push(null);
      continue;
    }
    const { set } = await engine.evaluate(step.definition, { asOf, scope: step.scope });
    // A mailing's partner may be narrower than the step's own scope (a segment of the caller's).
    if (!sameScope(step.scope, scope)) for (let h = 0; h < set.length; h++) set[h] &= inScope[h] ?? 0;
    sets.push({ mode: step.mode, set });
  }
  const found = await outcomes;
  return {
    inScope,
    sets: steps.map((step, i) => {
      if (sets[i]) return sets[i];
      const set = new Uint8Array(inScope.length);
      for (const id of step.kind === 'ids' ? step.ids : found[i]!) if (id >= 0 && id < set.length && inScope[id]) set[id] = 1;
      return { mode: step.mode, set };
    }),
  };
}
