/**
 * The records of one partner-owned content type (segments, templates, campaigns) as a caller with a
 * scope sees them: list with search, sort and pagination, find one, duplicate, remove. A record of
 * another partner does not exist for the caller (404), as if it did not exist at all.
 */
import type { Core, Modules, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { canSee, visibleFilter, type Scope } from './scope';

export type Populate = Modules.Documents.Params.Populate.Any<UID.ContentType>;
type Doc = Modules.Documents.AnyDocument;

export interface ScopedDocumentsConfig {
  uid: UID.ContentType;
  /** The record's name in a 404: `Segment` gives "Segment not found". */
  what: string;
  /** Fields `q` looks in (case-insensitive contains). */
  searchFields?: readonly string[];
  /** Sort fields whose default order is ascending (text); the others sort newest / largest first. */
  ascending?: readonly string[];
  /** Populate of `list` unless a call gives its own. */
  populate?: Populate;
}

export interface ListParams {
  q?: string;
  sort?: string;
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
  /** More filters, on top of the search and the scope (e.g. a campaign's segment). */
  filters?: Record<string, unknown>;
  populate?: Populate;
}

export interface ListPage<T> {
  results: T[];
  pagination: { page: number; pageSize: number; total: number; pageCount: number };
}

/** The query string of a list route: `?q&sort&order&page&pageSize`, `sort` one of `sorts`. */
export const listQuerySchema = <S extends string>(sorts: readonly [S, ...S[]]) =>
  z.strictObject({
    q: z.string().max(200).optional(),
    sort: z.enum(sorts).optional(),
    order: z.enum(['asc', 'desc']).optional(),
    page: z.coerce.number().int().min(1).optional(),
    pageSize: z.coerce.number().int().min(1).max(100).optional(),
  });

export function scopedDocuments(strapi: Core.Strapi, config: ScopedDocumentsConfig) {
  const documents = () => strapi.documents(config.uid);

  const scoped = {
    documents,

    /** A page of the records inside `scope`, newest change first unless asked otherwise. */
    async list(scope: Scope, params: ListParams = {}): Promise<ListPage<Doc>> {
      const { q, sort = 'updatedAt', page = 1, pageSize = 25 } = params;
      const order = params.order ?? (config.ascending?.includes(sort) ? 'asc' : 'desc');
      const search = q && config.searchFields?.length ? { $or: config.searchFields.map((field) => ({ [field]: { $containsi: q } })) } : {};
      const filters = { ...params.filters, ...search, ...visibleFilter(scope) };
      const [results, total] = await Promise.all([
        documents().findMany({
          filters,
          sort: `${sort}:${order}`,
          limit: pageSize,
          start: (page - 1) * pageSize,
          populate: params.populate ?? config.populate,
        }),
        documents().count({ filters }),
      ]);
      return { results, pagination: { page, pageSize, total, pageCount: Math.ceil(total / pageSize) } };
    },

    /** The record if the caller may see it; else 404, as if it did not exist. */
    async find(documentId: string, scope: Scope, populate?: Populate): Promise<Doc> {
      const doc = await documents().findOne({ documentId, ...(populate ? { populate } : {}) });
      if (!doc || !canSee(scope, (doc.cardSystem as string | null | undefined) ?? null)) throw new errors.NotFoundError(`${config.what} not found`);
      return doc;
    },

    /**
     * A copy named "<name> (kopie)" that stays with the original's partner (its card system), made
     * by `owner`. `copy` picks the fields to copy from the original (loaded with `populate`).
     */
    async duplicate(
      documentId: string,
      scope: Scope,
      owner: number | undefined,
      copy: (doc: Doc) => Record<string, unknown>,
      populate?: Populate,
    ): Promise<Doc> {
      const doc = await scoped.find(documentId, scope, populate);
      const data = { ...copy(doc), name: `${String(doc.name)} (kopie)`.slice(0, 255), cardSystem: doc.cardSystem ?? null, owner };
      return documents().create({ data });
    },

    /** Deletes a record the caller may see (else 404). */
    async remove(documentId: string, scope: Scope): Promise<{ documentId: string }> {
      await scoped.find(documentId, scope);
      await documents().delete({ documentId });
      return { documentId };
    },
  };
  return scoped;
}

export type ScopedDocuments = ReturnType<typeof scopedDocuments>;
