/**
 * Mail templates as a caller sees them (the templates service's list / find / create / update /
 * duplicate / remove): only their partners' records, each with a sender of its own partner or a
 * programme-wide one (senders.ts `assertUsable`).
 *
 * A template is one Strapi document with a localisation per language (Strapi's i18n, locales nl,
 * fr, en, de): the texts per language, the rest shared (content-types/mail-template.json,
 * docs/decisions.md). `language` is the locale of the entry. The list shows one row per template
 * (its main localisation: Dutch when it has one, else the first), with the languages it has.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { TEMPLATE_LANGUAGES, type TemplateInput } from '../../../shared/template';
import { canSee, partnerFor, visibleFilter, type Scope } from '../common/scope';
import { listQuerySchema, scopedDocuments, type ListParams, type ListPage, type Populate } from '../common/scoped-documents';
import { getService } from '../services';

export const TEMPLATE_UID = 'plugin::segmentation.mail-template';
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

export const templateListQuery = listQuerySchema(['name', 'subject', 'updatedAt']);

const POPULATE: Populate = { owner: { fields: ['firstname', 'lastname'] }, image: true, sender: true, attachments: true };
const NOT_INPUT = ['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'locale', 'owner', 'cardSystem', 'locales', 'localizations'];

type Doc = Record<string, unknown> & { documentId: string; locale?: string | null };

/** A stored template as the editor's input (relations as ids / documentIds). */
const asInput = (doc: Record<string, unknown>) => ({
  ...Object.fromEntries(Object.entries(doc).filter(([k]) => !NOT_INPUT.includes(k))),
  ...(doc.locale ? { language: doc.locale } : {}),
  image: (doc.image as { id?: number } | null | undefined)?.id ?? null,
  sender: (doc.sender as { documentId?: string } | null | undefined)?.documentId ?? null,
  attachments: ((doc.attachments as { id: number }[] | null | undefined) ?? []).map((f) => f.id),
});

/** The languages in their fixed order (nl, fr, en, de), then any other. */
export function orderLocales(locales: Iterable<string>): string[] {
  const set = new Set(locales);
  return [...TEMPLATE_LANGUAGES.filter((l) => set.has(l)), ...[...set].filter((l) => !(TEMPLATE_LANGUAGES as readonly string[]).includes(l)).sort()];
}

/** The template's main localisation: Dutch when it has one, else the first of the fixed order. */
export const mainLocale = (locales: Iterable<string>): string | undefined => orderLocales(locales)[0];

/**
 * The localisation a holder gets: `forced` (a campaign's language other than 'holder') when the
 * template has it, else the holder's language when the template has it, else the main one.
 */
export function localeFor(locales: readonly string[], holderLanguage: string | null | undefined, forced?: string | null): string | undefined {
  if (forced && forced !== 'holder' && locales.includes(forced)) return forced;
  if (!forced || forced === 'holder') {
    if (holderLanguage && locales.includes(holderLanguage.toLowerCase())) return holderLanguage.toLowerCase();
  }
  return mainLocale(locales);
}

const notFound = () => new errors.NotFoundError('Template not found');

const isLanguage = (l: unknown): l is TemplateLanguage => typeof l === 'string' && (TEMPLATE_LANGUAGES as readonly string[]).includes(l);

export function templateRecords(strapi: Core.Strapi) {
  const scoped = scopedDocuments(strapi, {
    uid: TEMPLATE_UID,
    what: 'Template',
    searchFields: ['name', 'subject'],
    ascending: ['name', 'subject'],
    populate: POPULATE,
  });
  const senders = () => getService(strapi, 'senders');
  const rows = () => strapi.db.query(TEMPLATE_UID);

  /** The locales a template has (in the fixed order) and its partner; 404 when the caller may not see it. */
  const localesOf = async (documentId: string, scope: Scope): Promise<{ locales: string[]; cardSystem: string | null }> => {
    const found = (await rows().findMany({ where: { documentId }, select: ['locale', 'cardSystem'] })) as {
      locale: string | null;
      cardSystem: string | null;
    }[];
    if (found.length === 0 || !canSee(scope, found[0]!.cardSystem ?? null)) throw notFound();
    return { locales: orderLocales(found.map((r) => r.locale ?? 'nl')), cardSystem: found[0]!.cardSystem ?? null };
  };

  /** The localisation asked for, else the main one; 404 when the template does not have it. */
  const localeOf = (locales: string[], requested: string | undefined): string => {
    if (requested === undefined) return mainLocale(locales)!;
    if (!locales.includes(requested)) throw new errors.NotFoundError(`The template has no localisation '${requested}'`);
    return requested;
  };

  const one = async (documentId: string, locale: string, locales: string[]): Promise<Doc & { language: string; locales: string[] }> => {
    const doc = (await scoped.documents().findOne({ documentId, locale, populate: POPULATE })) as Doc | null;
    if (!doc) throw notFound();
    return { ...doc, language: doc.locale ?? locale, locales };
  };

  const records = {
    localesOf,

    /**
     * A page of the templates the caller may see: one row per template (its main localisation,
     * with `locales`); a template is found by the name or subject of any of its localisations.
     */
    async list(scope: Scope, query: ListParams): Promise<ListPage<Doc & { locales: string[] }>> {
      const { q, sort = 'updatedAt', page = 1, pageSize = 25 } = query;
      const order = query.order ?? (sort === 'name' || sort === 'subject' ? 'asc' : 'desc');
      const search = q ? { $or: ['name', 'subject'].map((field) => ({ [field]: { $containsi: q } })) } : {};
      const matching = (await rows().findMany({
        where: { ...search, ...visibleFilter(scope) },
        select: ['documentId', 'locale'],
      })) as { documentId: string; locale: string | null }[];
      const localesByDoc = new Map<string, string[]>();
      for (const r of matching) localesByDoc.set(r.documentId, [...(localesByDoc.get(r.documentId) ?? []), r.locale ?? 'nl']);
      // Every localisation of a found template (the search may have matched only one).
      const all = localesByDoc.size
        ? ((await rows().findMany({ where: { documentId: { $in: [...localesByDoc.keys()] } }, select: ['documentId', 'locale'] })) as {
            documentId: string;
            locale: string | null;
          }[])
        : [];
      localesByDoc.clear();
      for (const r of all) localesByDoc.set(r.documentId, [...(localesByDoc.get(r.documentId) ?? []), r.locale ?? 'nl']);
      const byLocale = new Map<string, string[]>();
      for (const [documentId, locales] of localesByDoc) {
        const main = mainLocale(locales)!;
        byLocale.set(main, [...(byLocale.get(main) ?? []), documentId]);
      }
      const docs: Doc[] = [];
      for (const [locale, documentIds] of byLocale) {
        docs.push(
          ...((await scoped.documents().findMany({
            locale,
            filters: { documentId: { $in: documentIds } },
            populate: POPULATE,
          })) as Doc[]),
        );
      }
      const key = (d: Doc) => d[sort] as string | null | undefined;
      docs.sort((a, b) => {
        const x = key(a) ?? '';
        const y = key(b) ?? '';
        const c = sort === 'updatedAt' ? (new Date(x).getTime() || 0) - (new Date(y).getTime() || 0) : String(x).localeCompare(String(y));
        return (order === 'asc' ? c : -c) || (a.id as number) - (b.id as number);
      });
      const total = docs.length;
      const results = docs
        .slice((page - 1) * pageSize, page * pageSize)
        .map((d) => ({ ...d, language: d.locale ?? 'nl', locales: orderLocales(localesByDoc.get(d.documentId) ?? []) }));
      return { results, pagination: { page, pageSize, total, pageCount: Math.ceil(total / pageSize) } };
    },

    /** A template the caller may see, in the localisation asked for (else its main one), with its fields as the editor's input. */
    async findOne(documentId: string, scope: Scope, locale?: string) {
      const { locales } = await localesOf(documentId, scope);
      const doc = await one(documentId, localeOf(locales, locale), locales);
      return { ...doc, input: asInput(doc) };
    },

    /** A new template of the partner asked for (or the caller's only one), made by `owner`, in its `language`. */
    async create(data: TemplateInput, requested: string | null | undefined, scope: Scope, owner: number | undefined) {
      const cardSystem = partnerFor(scope, requested);
      await senders().assertUsable(data.sender, cardSystem, scope);
      const locale = data.language ?? 'nl';
      const doc = (await scoped.documents().create({ locale, data: { ...data, language: locale, cardSystem, owner }, populate: POPULATE })) as Doc;
      return { ...doc, language: locale, locales: [locale] };
    },

    /**
     * Saves a template the caller may see; it stays with its partner unless `requested` names another
     * of the caller's. The localisation saved: `locale` when given (made when the template does not
     * have it yet), else the input's `language` when the caller gave one (a template in one language
     * moves to the other, as before localisations), else the main one. The shared fields change in
     * every localisation (Strapi's i18n copies them).
     */
    async update(documentId: string, data: TemplateInput, requested: string | null | undefined, scope: Scope, locale?: string, languageGiven = false) {
      const { locales, cardSystem: current } = await localesOf(documentId, scope);
      const cardSystem = requested === undefined ? current : partnerFor(scope, requested);
      await senders().assertUsable(data.sender, cardSystem, scope);
      let target = locale ?? (languageGiven ? (data.language ?? 'nl') : mainLocale(locales)!);
      if (!isLanguage(target)) throw new errors.ValidationError(`Unknown language '${target}'`);
      const moveFrom = locale === undefined && languageGiven && locales.length === 1 && locales[0] !== target ? locales[0] : undefined;
      const saved = (await scoped.documents().update({
        documentId,
        locale: target,
        data: { ...data, language: target, cardSystem },
        populate: POPULATE,
      })) as Doc | null;
      if (!saved) throw notFound();
      const now = orderLocales(new Set([...locales, target]));
      if (moveFrom) {
        await records.relink(documentId, moveFrom, target);
        await scoped.documents().delete({ documentId, locale: moveFrom });
        now.splice(now.indexOf(moveFrom), 1);
      }
      target = saved.locale ?? target;
      return { ...saved, language: target, locales: now };
    },

    /** The copy (every localisation) stays with the original's partner (and so may keep its sender). */
    async duplicate(documentId: string, scope: Scope, owner: number | undefined) {
      const { locales, cardSystem } = await localesOf(documentId, scope);
      let copy: Doc | null = null;
      for (const locale of locales) {
        const doc = await one(documentId, locale, locales);
        const data = { ...asInput(doc), language: locale, name: `${String(doc.name)} (kopie)`.slice(0, 255), cardSystem, owner };
        copy = copy
          ? ((await scoped.documents().update({ documentId: copy.documentId, locale, data })) as Doc)
          : ((await scoped.documents().create({ locale, data })) as Doc);
      }
      const main = mainLocale(locales)!;
      const doc = (await scoped.documents().findOne({ documentId: copy!.documentId, locale: main })) as Doc;
      return { ...doc, language: main, locales };
    },

    /** Deletes a template the caller may see (else 404); with `locale` only that localisation (the last one: the template). */
    async remove(documentId: string, scope: Scope, locale?: string) {
      const { locales } = await localesOf(documentId, scope);
      if (locale === undefined || (locales.length === 1 && locales[0] === locale)) {
        await scoped.documents().delete({ documentId, locale: '*' });
        return { documentId };
      }
      localeOf(locales, locale);
      const left = locales.filter((l) => l !== locale);
      await records.relink(documentId, locale, mainLocale(left)!);
      await scoped.documents().delete({ documentId, locale });
      return { documentId, locale, locales: left };
    },

    /**
     * Mailings link a template's entry of one localisation (Strapi relations point at entries): the
     * mailings linked to the `from` entry are linked to the `to` entry, before `from` goes.
     */
    async relink(documentId: string, from: string, to: string): Promise<void> {
      const [a, b] = await Promise.all([
        rows().findOne({ where: { documentId, locale: from }, select: ['id'] }) as Promise<{ id: number } | null>,
        rows().findOne({ where: { documentId, locale: to }, select: ['id'] }) as Promise<{ id: number } | null>,
      ]);
      if (!a || !b) return;
      const knex = strapi.db.connection;
      for (const model of Object.values(strapi.contentTypes)) {
        const meta = strapi.db.metadata.get(model.uid);
        for (const attribute of Object.values(meta.attributes) as {
          type: string;
          target?: string;
          joinTable?: { name: string; inverseJoinColumn: { name: string } };
        }[]) {
          if (attribute.type !== 'relation' || attribute.target !== TEMPLATE_UID || !attribute.joinTable || model.uid === TEMPLATE_UID) continue;
          const { name, inverseJoinColumn } = attribute.joinTable;
          await knex(name)
            .where(inverseJoinColumn.name, a.id)
            .update({ [inverseJoinColumn.name]: b.id });
        }
      }
    },

    /**
     * A template as a relation value of another content type (a mailing's template): its entry of the
     * main localisation (Strapi links entries, and a template need not have Dutch). Unknown: as given.
     */
    async relationTo(documentId: string | null | undefined): Promise<string | { documentId: string; locale: string } | null | undefined> {
      if (!documentId) return documentId;
      const found = (await rows().findMany({ where: { documentId }, select: ['locale'] })) as { locale: string | null }[];
      const main = mainLocale(found.map((r) => r.locale ?? 'nl'));
      return main ? { documentId, locale: main } : documentId;
    },
  };
  return records;
}
