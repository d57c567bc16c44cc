/**
 * Templates become localised (Strapi i18n, issue 21): each entry's locale is its old `language`.
 * Strapi runs migrations before it syncs the schema, so on the first start after the change the
 * `locale` column is not there yet: it is added here (as Strapi makes it: a nullable string) and
 * filled from `language`. The start-up (templates/locales.ts) does the same for any entry still
 * without one, and creates the locales nl (default), fr, en and de. Idempotent.
 */
import type { Knex } from 'knex';

const TABLE = 'seg_mail_templates';

export async function up(knex: Knex): Promise<void> {
  if (!(await knex.schema.hasTable(TABLE)) || !(await knex.schema.hasColumn(TABLE, 'language'))) return;
  if (!(await knex.schema.hasColumn(TABLE, 'locale'))) {
    await knex.schema.alterTable(TABLE, (t) => {
      t.string('locale').nullable();
    });
  }
  await knex(TABLE)
    .whereNull('locale')
    .update({ locale: knex.raw('coalesce(language, ?)', ['nl']) });
}

export async function down(): Promise<void> {
  // The locale column is Strapi's (i18n); it stays.
}
