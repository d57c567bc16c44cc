/**
 * The languages of templates are Strapi i18n locales: nl (the default), fr, en and de. At start-up
 * the missing ones are made (through the i18n plugin's locales service) and Dutch is the default;
 * templates of before localisations get the locale of their `language` (the migration
 * 2026.12.08T01.00.00.template-locales does it too where it can: it runs before Strapi adds the
 * column). Idempotent: a second start changes nothing.
 */
import type { Core } from '@strapi/strapi';

export const TEMPLATE_LOCALES = [
  { code: 'nl', name: 'Nederlands (nl)' },
  { code: 'fr', name: 'Français (fr)' },
  { code: 'en', name: 'English (en)' },
  { code: 'de', name: 'Deutsch (de)' },
] as const;

const TABLE = 'seg_mail_templates';

interface LocalesService {
  findByCode(code: string): Promise<{ id: number } | null>;
  create(locale: { code: string; name: string }): Promise<unknown>;
  getDefaultLocale(): Promise<string | null | undefined>;
  setDefaultLocale(locale: { code: string }): Promise<unknown>;
}

export async function ensureTemplateLocales(strapi: Core.Strapi): Promise<void> {
  const locales = strapi.plugin('i18n').service('locales') as LocalesService;
  for (const locale of TEMPLATE_LOCALES) {
    if (!(await locales.findByCode(locale.code))) await locales.create({ ...locale });
  }
  if ((await locales.getDefaultLocale()) !== 'nl') await locales.setDefaultLocale({ code: 'nl' });
  await localesFromLanguage(strapi.db.connection);
}

/**
 * Entries without a locale, or with another than their `language` (a template of before
 * localisations), get their language as locale — unless the template already has that one.
 */
export async function localesFromLanguage(knex: Core.Strapi['db']['connection']): Promise<number> {
  if (!(await knex.schema.hasColumn(TABLE, 'locale'))) return 0;
  const rows = (await knex(TABLE).select('id', 'document_id', 'locale', 'language')) as {
    id: number;
    document_id: string | null;
    locale: string | null;
    language: string | null;
  }[];
  const taken = new Set(rows.filter((r) => r.locale).map((r) => `${r.document_id}\u0000${r.locale}`));
  let changed = 0;
  for (const r of rows) {
    const wanted = r.language || 'nl';
    if (r.locale === wanted) continue;
    const key = `${r.document_id}\u0000${wanted}`;
    if (taken.has(key)) continue;
    await knex(TABLE).where({ id: r.id }).update({ locale: wanted });
    taken.delete(`${r.document_id}\u0000${r.locale}`);
    taken.add(key);
    changed++;
  }
  return changed;
}
