/**
 * Mail templates as a caller sees them (the templates service's list / find / create / update /
 * duplicate / remove): only their partners' records, each with a sender of its own partner or a
 * programme-wide one (senders.ts `assertUsable`).
 */
import type { Core } from '@strapi/strapi';
import type { TemplateInput } from '../../../shared/template';
import { partnerFor, type Scope } from '../common/scope';
import { listQuerySchema, scopedDocuments, type ListParams, type Populate } from '../common/scoped-documents';
import { getService } from '../services';

export const TEMPLATE_UID = 'plugin::segmentation.mail-template';

export const templateListQuery = listQuerySchema(['name', 'subject', 'updatedAt']);

const POPULATE: Populate = { owner: { fields: ['firstname', 'lastname'] }, image: true, sender: true, attachments: true };
const NOT_INPUT = ['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'locale', 'owner', 'cardSystem'];

/** A stored template as the editor's input (relations as ids / documentIds). */
const asInput = (doc: Record<string, unknown>) => ({
  ...Object.fromEntries(Object.entries(doc).filter(([k]) => !NOT_INPUT.includes(k))),
  image: (doc.image as { id?: number } | null | undefined)?.id ?? null,
  sender: (doc.sender as { documentId?: string } | null | undefined)?.documentId ?? null,
  attachments: ((doc.attachments as { id: number }[] | null | undefined) ?? []).map((f) => f.id),
});

export function templateRecords(strapi: Core.Strapi) {
  const scoped = scopedDocuments(strapi, {
    uid: TEMPLATE_UID,
    what: 'Template',
    searchFields: ['name', 'subject'],
    ascending: ['name', 'subject'],
    populate: POPULATE,
  });
  const senders = () => getService(strapi, 'senders');

  return {
    list: (scope: Scope, query: ListParams) => scoped.list(scope, query),

    /** A template the caller may see, with its fields as the editor's input. */
    async findOne(documentId: string, scope: Scope) {
      const doc = await scoped.find(documentId, scope, POPULATE);
      return { ...doc, input: asInput(doc) };
    },

    /** A new template of the partner asked for (or the caller's only one), made by `owner`. */
    async create(data: TemplateInput, requested: string | null | undefined, scope: Scope, owner: number | undefined) {
      const cardSystem = partnerFor(scope, requested);
      await senders().assertUsable(data.sender, cardSystem, scope);
      return scoped.documents().create({ data: { ...data, cardSystem, owner }, populate: POPULATE });
    },

    /** Saves a template the caller may see; it stays with its partner unless `requested` names another of the caller's. */
    async update(documentId: string, data: TemplateInput, requested: string | null | undefined, scope: Scope) {
      const existing = await scoped.find(documentId, scope);
      const cardSystem = requested === undefined ? ((existing.cardSystem as string | null | undefined) ?? null) : partnerFor(scope, requested);
      await senders().assertUsable(data.sender, cardSystem, scope);
      return scoped.documents().update({ documentId, data: { ...data, cardSystem }, populate: POPULATE });
    },

    /** The copy stays with the original's partner (and so may keep its sender). */
    duplicate: (documentId: string, scope: Scope, owner: number | undefined) => scoped.duplicate(documentId, scope, owner, asInput, POPULATE),

    remove: (documentId: string, scope: Scope) => scoped.remove(documentId, scope),
  };
}
