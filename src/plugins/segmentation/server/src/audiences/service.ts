/**
 * Audiences: the holders an ordered list of steps names (compose.ts), within the caller's scope,
 * for the token API's preview and export (docs/api.md, "Audiences").
 */
import type { Core } from '@strapi/strapi';
import type { Readable } from 'stream';
import { z } from 'zod';
import { AUDIENCE_LIMITS, repeatedSource } from '../../../shared/audience';
import type { Person } from '../../../shared/results';
import { conflictError, describeProblems, parseInput, validationError, type Problem } from '../common/errors';
import type { Scope } from '../common/scope';
import { getService } from '../services';
import { intFrom, isoDate } from '../segments/requests';
import { compose } from './compose';
import { stepSetsOf } from './step-sets';
import { stepSources, type ResolvedStep } from './sources';
import { uploadList, type ListUpload } from './lists';
import type { ListFormat } from './list-rows';

const audienceBody = z.strictObject({
  steps: z.array(z.unknown(), { error: 'Expected a list of steps' }),
  asOf: isoDate.optional(),
  page: intFrom(1, Number.MAX_SAFE_INTEGER).optional(),
  pageSize: intFrom(1, 500).optional(),
});

export interface AudienceRequest {
  steps: ResolvedStep[];
  asOf?: string;
  page: number;
  pageSize: number;
}

export interface AudiencePreview {
  total: number;
  withEmail: number;
  withPhone: number;
  steps: { added: number; removed: number }[];
  items: Person[];
  page: number;
  pageSize: number;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const engine = () => getService(strapi, 'segments').engine();
  const sources = stepSources(strapi);

  const service = {
    /** Parses and resolves `{steps, asOf?, page?, pageSize?}`: 400 with every problem, 409 for a repeated source. */
    async parse(body: unknown, scope: Scope): Promise<AudienceRequest> {
      const envelope = parseInput(audienceBody, body);
      const problems: Problem[] = [];
      if (envelope.steps.length === 0) problems.push({ path: ['steps'], message: 'Expected at least one step' });
      if (envelope.steps.length > AUDIENCE_LIMITS.steps) problems.push({ path: ['steps'], message: `At most ${AUDIENCE_LIMITS.steps} steps` });
      const { steps, problems: stepProblems } = problems.length ? { steps: [], problems: [] } : await sources.resolve(envelope.steps, scope);
      problems.push(...stepProblems);
      if (problems.length) throw validationError(`Invalid audience: ${describeProblems(problems)}`, problems);
      const repeated = repeatedSource(steps);
      if (repeated) {
        const what = { segment: 'segment', campaign: 'mailing', uids: 'list of UIDs', list: 'list', definition: 'definition' }[repeated.source];
        const message = `The ${what} '${repeated.id}' is already a step of this audience`;
        throw conflictError(message, [{ path: ['steps', repeated.index, repeated.source], message }]);
      }
      return { steps, asOf: envelope.asOf, page: envelope.page ?? 1, pageSize: envelope.pageSize ?? 50 };
    },

    /** The holders within the scope, and the holders each step names (within the scope): step-sets.ts. */
    stepSets: (req: Pick<AudienceRequest, 'steps' | 'asOf'>, scope: Scope) => stepSetsOf(engine(), strapi.db.connection, req.steps, req.asOf, scope),

    /** The audience's holders (a set over holder ids) and each step's count. */
    async build(req: AudienceRequest, scope: Scope) {
      const { inScope, sets } = await service.stepSets(req, scope);
      return compose(inScope.length, sets);
    },

    async preview(req: AudienceRequest, scope: Scope): Promise<AudiencePreview> {
      const built = await service.build(req, scope);
      const tally = engine().tally(built.set);
      const items = await engine().page(built.set, req.page, req.pageSize);
      return { ...tally, steps: built.steps, items, page: req.page, pageSize: req.pageSize };
    },

    /** Reads an uploaded list (CSV / XLSX body) and stores its known holders for `list` steps. */
    async uploadList(body: Readable, format: ListFormat, name: string | null, scope: Scope): Promise<ListUpload> {
      return uploadList(strapi.db.connection, engine(), { body, format, name, scope });
    },

    async exportCsv(req: AudienceRequest, scope: Scope): Promise<Readable & { total: number }> {
      const built = await service.build(req, scope);
      return Object.assign(engine().exportSet(built.set), { total: built.total });
    },
  };
  return service;
};
