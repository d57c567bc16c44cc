/**
 * Segment service: validation (shape + keys), evaluation with a scope, saved segments (records.ts:
 * the caller's partners' only) and their counts. Controllers (HTTP) and the document middleware
 * (Content Manager saves) both go through here.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { collectValidReferences, validateDefinitionShape, type SegmentDefinition } from '../../../shared/definition';
import { describeProblems, validationError } from '../common/errors';
import { SegmentEngine, type EvaluateOptions } from './engine';
import { canSee, narrow, type Scope } from '../common/scope';
import { evaluateBody, problemsOf, savedQuery } from './requests';
import { SEGMENT_UID, segmentRecords } from './records';
import { pluginConfig } from '../config';

export { SEGMENT_UID };

export type { Scope };

export interface EvaluationRequest {
  definition: SegmentDefinition;
  asOf?: string;
  page: number;
  pageSize: number;
  /** A saved segment's partner narrows the caller's scope to its card system. */
  scope?: Scope;
  /** Evaluated in the segment's own scope, so its last counts may be recorded. */
  ownScope?: boolean;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  let engine: SegmentEngine | null = null;

  const service = {
    engine(): SegmentEngine {
      if (!engine) {
        const { timeZone } = pluginConfig(strapi);
        engine = new SegmentEngine(strapi.db.connection, { timeZone });
      }
      return engine;
    },

    /**
     * Shape, then keys; throws a 400 listing every problem. A definition with a bad shape somewhere
     * still has the keys of its well-formed filters checked, so one answer holds both kinds.
     */
    async validate(definition: unknown): Promise<SegmentDefinition> {
      const shape = validateDefinitionShape(definition);
      if (!shape.ok) {
        const problems = [...shape.errors, ...(await service.engine().unknownKeys(collectValidReferences(definition)))];
        throw validationError(`Invalid segment definition: ${describeProblems(problems)}`, problems);
      }
      const unknown = await service.engine().unknownReferences(shape.value);
      if (unknown.length) throw validationError(`Invalid segment definition: ${describeProblems(unknown)}`, unknown);
      return shape.value;
    },

    ...segmentRecords(strapi, (definition: unknown): Promise<SegmentDefinition> => service.validate(definition)),

    /** Parses a preview/export body ({definition, asOf?, page?, pageSize?}). */
    async parseBody(body: unknown): Promise<EvaluationRequest> {
      const parsed = evaluateBody.safeParse(body ?? {});
      if (!parsed.success) {
        const problems = problemsOf(parsed.error);
        throw validationError(`Invalid request: ${describeProblems(problems)}`, problems);
      }
      if (parsed.data.definition === undefined) {
        throw validationError('Invalid request: definition is required', [{ path: ['definition'], message: 'Required' }]);
      }
      const definition = await service.validate(parsed.data.definition);
      return { definition, asOf: parsed.data.asOf, page: parsed.data.page ?? 1, pageSize: parsed.data.pageSize ?? 50 };
    },

    /**
     * Loads a saved segment the caller may see (else 404, also for another partner's) and parses the
     * query (?asOf, ?page, ?pageSize) for it; the evaluation runs in the segment's partner.
     */
    async parseSaved(
      documentId: string,
      query: unknown,
      scope: Scope,
    ): Promise<EvaluationRequest & { documentId: string; name: string; cardSystem: string | null }> {
      const parsed = savedQuery.safeParse(query ?? {});
      if (!parsed.success) {
        const problems = problemsOf(parsed.error);
        throw validationError(`Invalid request: ${describeProblems(problems)}`, problems);
      }
      const segment = await strapi.documents(SEGMENT_UID).findOne({ documentId });
      const cardSystem = (segment?.cardSystem as string | null | undefined) ?? null;
      if (!segment || !canSee(scope, cardSystem)) {
        throw new errors.NotFoundError(`Segment '${documentId}' not found`);
      }
      const definition = await service.validate(segment.definition);
      const narrowed = narrow(scope, cardSystem);
      return {
        documentId,
        name: String(segment.name ?? ''),
        cardSystem,
        definition,
        asOf: parsed.data.asOf,
        page: parsed.data.page ?? 1,
        pageSize: parsed.data.pageSize ?? 50,
        scope: narrowed,
        ownScope: cardSystem !== null || scope === null,
      };
    },

    options(req: EvaluationRequest, scope: Scope): EvaluateOptions {
      return { asOf: req.asOf, scope: req.scope !== undefined ? req.scope : scope };
    },

    async preview(req: EvaluationRequest, scope: Scope) {
      return service.engine().preview(req.definition, { ...service.options(req, scope), page: req.page, pageSize: req.pageSize });
    },

    async exportCsv(req: EvaluationRequest, scope: Scope) {
      return service.engine().exportCsv(req.definition, service.options(req, scope));
    },

    /** Preview of a saved segment; records its last counts when evaluated for today. */
    async savedPreview(documentId: string, query: unknown, scope: Scope) {
      const req = await service.parseSaved(documentId, query, scope);
      const result = await service.preview(req, scope);
      if (!req.asOf && req.ownScope) await service.recordCounts(documentId, result);
      return result;
    },

    /** CSV of a saved segment; records its last counts when evaluated for today. */
    async savedExport(documentId: string, query: unknown, scope: Scope) {
      const req = await service.parseSaved(documentId, query, scope);
      const stream = await service.exportCsv(req, scope);
      if (!req.asOf && req.ownScope) await service.recordCounts(documentId, stream);
      return Object.assign(stream, { segmentName: req.name });
    },

    /** Saved segments remember their last counts (as evaluated today, not for a past asOf). */
    async recordCounts(documentId: string, counts: { total: number; withEmail: number }): Promise<void> {
      await strapi.db.query(SEGMENT_UID).update({
        where: { documentId },
        data: { lastTotal: counts.total, lastWithEmail: counts.withEmail, lastEvaluatedAt: new Date() },
      });
    },
  };
  return service;
};
