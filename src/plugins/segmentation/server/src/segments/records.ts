/**
 * Saved segments as a caller sees them (the segments service's list / find / create / update /
 * duplicate / remove): only their partners' records, and a definition naming only the card systems
 * of the partner it is saved under.
 */
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import type { SegmentDefinition } from '../../../shared/definition';
import { assertDefinitionInScope, narrow, partnerFor, type Scope } from '../common/scope';
import { listQuerySchema, scopedDocuments, type ListParams, type Populate } from '../common/scoped-documents';

export const SEGMENT_UID = 'plugin::segmentation.segment';

export const segmentListQuery = listQuerySchema(['name', 'lastTotal', 'lastEvaluatedAt', 'updatedAt']);

export const segmentInput = z.strictObject({
  name: z.string().trim().min(1, 'A name is required').max(255),
  description: z.string().max(5000).nullable().optional(),
  definition: z.unknown(),
  cardSystem: z.string().min(1).max(255).nullable().optional(),
});
export type SegmentInput = z.infer<typeof segmentInput>;

const POPULATE: Populate = { owner: { fields: ['firstname', 'lastname'] } };

/** Adds each segment's most recent mailing (name, status), for the list's "linked mailing" column. */
async function withLatestMailing(strapi: Core.Strapi, segments: { documentId: string }[]) {
  if (segments.length === 0) return segments;
  const campaigns = (await strapi.documents('plugin::segmentation.campaign').findMany({
    filters: { segment: { documentId: { $in: segments.map((s) => s.documentId) } } },
    fields: ['name', 'status', 'updatedAt'],
    populate: { segment: { fields: ['documentId'] } },
    sort: { updatedAt: 'desc' },
  })) as unknown as { documentId: string; name: string; status: string; segment?: { documentId: string } }[];
  const latest = new Map<string, { documentId: string; name: string; status: string }>();
  for (const c of campaigns)
    if (c.segment && !latest.has(c.segment.documentId)) latest.set(c.segment.documentId, { documentId: c.documentId, name: c.name, status: c.status });
  return segments.map((s) => ({ ...s, mailing: latest.get(s.documentId) ?? null }));
}

/** `validate`: the segments service's shape-and-keys check of a definition. */
export function segmentRecords(strapi: Core.Strapi, validate: (definition: unknown) => Promise<SegmentDefinition>) {
  const scoped = scopedDocuments(strapi, { uid: SEGMENT_UID, what: 'Segment', searchFields: ['name', 'description'], ascending: ['name'], populate: POPULATE });

  /** Validates a definition for saving under a partner: it may only name that partner's card systems. */
  const checkedDefinition = async (definition: unknown, scope: Scope, cardSystem: string | null): Promise<SegmentDefinition> => {
    const valid = await validate(definition);
    assertDefinitionInScope(valid, narrow(scope, cardSystem));
    return valid;
  };

  return {
    checkedDefinition,

    /** A page of the segments the caller may see, each with its latest mailing. */
    async list(scope: Scope, query: ListParams) {
      const page = await scoped.list(scope, query);
      return { ...page, results: await withLatestMailing(strapi, page.results) };
    },

    findOne: (documentId: string, scope: Scope) => scoped.find(documentId, scope, POPULATE),

    /** A new segment of the partner asked for (or the caller's only one), made by `owner`. */
    async create(input: SegmentInput, scope: Scope, owner: number | undefined) {
      const cardSystem = partnerFor(scope, input.cardSystem);
      const definition = await checkedDefinition(input.definition, scope, cardSystem);
      return scoped.documents().create({ data: { ...input, definition, cardSystem, owner }, populate: POPULATE });
    },

    /** Saves a segment the caller may see; it stays with its partner unless the input names another of the caller's. */
    async update(documentId: string, input: SegmentInput, scope: Scope) {
      const existing = await scoped.find(documentId, scope);
      const cardSystem = input.cardSystem === undefined ? ((existing.cardSystem as string | null | undefined) ?? null) : partnerFor(scope, input.cardSystem);
      const definition = await checkedDefinition(input.definition, scope, cardSystem);
      return scoped.documents().update({ documentId, data: { ...input, definition, cardSystem }, populate: POPULATE });
    },

    duplicate: (documentId: string, scope: Scope, owner: number | undefined) =>
      scoped.duplicate(documentId, scope, owner, (doc) => ({ description: doc.description, definition: doc.definition })),

    remove: (documentId: string, scope: Scope) => scoped.remove(documentId, scope),
  };
}
