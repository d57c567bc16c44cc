/**
 * Audience tables: the copy of the pass system that segments are evaluated on.
 *
 * These are plain, indexed tables (not content types): millions of rows do not belong in the
 * Content Manager. Every row carries `seq`, the data version of the import batch that last wrote
 * it, so that the in-memory segment index of every Strapi instance can refresh incrementally
 * (see src/plugins/segmentation/server/src/segments/store.ts).
 *
 * Derived at import time so that no query needs time-zone or string functions:
 * - seg_actions.day: the local calendar day (tool time zone) of `at`, as days since 1970-01-01;
 * - seg_holders.postcode: the normalised 4-digit postcode, or NULL when unreadable;
 * - seg_holders.has_email / has_phone: e-mail / phone non-empty after trimming.
 * Dates without time (birthdate, end dates) are ISO `YYYY-MM-DD` text: they sort and compare
 * correctly as text in every dialect.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('seg_meta', (t) => {
    t.string('key', 64).primary();
    t.bigInteger('value').notNullable().defaultTo(0);
  });
  await knex('seg_meta').insert({ key: 'data_version', value: 0 });

  const reference = (name: string, extra: (t: Knex.CreateTableBuilder) => void) =>
    knex.schema.createTable(name, (t) => {
      t.increments('id').primary();
      t.string('key', 255).notNullable().unique();
      t.string('name', 512).notNullable();
      extra(t);
      t.bigInteger('seq').notNullable().defaultTo(0);
    });

  await reference('seg_card_systems', () => undefined);
  await reference('seg_counters', (t) => {
    t.string('type', 255).nullable().index();
    t.integer('card_system_id').nullable().references('id').inTable('seg_card_systems');
  });
  await reference('seg_events', (t) => {
    t.integer('counter_id').nullable().references('id').inTable('seg_counters');
    t.string('starts_at', 40).nullable();
    t.string('ends_at', 40).nullable();
  });
  await knex.schema.createTable('seg_event_themes', (t) => {
    t.integer('event_id').notNullable().references('id').inTable('seg_events');
    t.string('theme', 255).notNullable();
    t.primary(['event_id', 'theme']);
    t.index(['theme']);
  });
  await reference('seg_advantages', (t) => {
    t.integer('counter_id').nullable().references('id').inTable('seg_counters');
    t.integer('points').nullable();
  });
  await reference('seg_associations', (t) => {
    t.integer('card_system_id').nullable().references('id').inTable('seg_card_systems');
  });

  await knex.schema.createTable('seg_holders', (t) => {
    t.increments('id').primary();
    t.string('uid', 255).notNullable().unique();
    t.string('first_name', 255).nullable();
    t.string('last_name', 255).nullable();
    t.string('email', 320).nullable();
    t.string('phone', 64).nullable();
    t.boolean('has_email').notNullable().defaultTo(false);
    t.boolean('has_phone').notNullable().defaultTo(false);
    t.string('birthdate', 10).nullable();
    t.string('postcode_raw', 255).nullable();
    t.string('postcode', 4).nullable().index();
    t.string('street', 512).nullable();
    t.string('city', 255).nullable();
    t.string('language', 2).nullable();
    t.integer('points').notNullable().defaultTo(0);
    t.boolean('kansenstatuut').notNullable().defaultTo(false);
    t.string('kansenstatuut_end_date', 10).nullable();
    t.text('consents').nullable(); // JSON array of consent keys
    t.string('mailing_preference', 8).notNullable().defaultTo('both');
    t.bigInteger('seq').notNullable().defaultTo(0);
    t.index(['seq', 'id']); // incremental refresh: keyset over (seq, id)
  });
  await knex.schema.createTable('seg_holder_card_systems', (t) => {
    t.integer('holder_id').notNullable().references('id').inTable('seg_holders');
    t.integer('card_system_id').notNullable().references('id').inTable('seg_card_systems');
    t.primary(['holder_id', 'card_system_id']);
    t.index(['card_system_id']);
  });
  await knex.schema.createTable('seg_memberships', (t) => {
    t.integer('holder_id').notNullable().references('id').inTable('seg_holders');
    t.integer('association_id').notNullable().references('id').inTable('seg_associations');
    t.string('end_date', 10).nullable();
    t.primary(['holder_id', 'association_id']);
    t.index(['association_id']);
  });

  await knex.schema.createTable('seg_actions', (t) => {
    t.bigIncrements('id').primary();
    t.string('key', 255).notNullable().unique();
    // References are resolved (and unknown ones rejected) by the import; no FK constraints here so
    // that bulk upserts of millions of actions stay fast.
    t.integer('holder_id').notNullable();
    t.string('type', 32).notNullable();
    t.string('at', 40).notNullable(); // ISO 8601 instant as given, normalised to UTC (Z)
    t.integer('day').notNullable(); // local calendar day, days since 1970-01-01
    t.integer('counter_id').nullable();
    t.integer('event_id').nullable();
    t.integer('advantage_id').nullable();
    t.integer('points').nullable();
    t.bigInteger('seq').notNullable().defaultTo(0);
    t.index(['seq', 'id']); // incremental refresh: keyset over (seq, id)
    // No other index: segments are evaluated on the in-memory index, and every index here costs
    // import speed. Per-holder queries (campaign conversion) add the index they need.
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const name of [
    'seg_actions',
    'seg_memberships',
    'seg_holder_card_systems',
    'seg_holders',
    'seg_associations',
    'seg_advantages',
    'seg_event_themes',
    'seg_events',
    'seg_counters',
    'seg_card_systems',
    'seg_meta',
  ]) {
    await knex.schema.dropTableIfExists(name);
  }
}
