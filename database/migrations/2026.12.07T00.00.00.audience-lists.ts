/**
 * Uploaded lists of holders (audience steps with `list`): the holders' ids as one binary value
 * (little-endian 32-bit integers; 500,000 holders are 2 MB), and the scope of who uploaded it: a list
 * made within some card systems may be used only by callers who see all of them.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('seg_audience_lists', (t) => {
    t.increments('id').primary();
    t.string('key', 32).notNullable().unique();
    t.string('name', 255).nullable();
    // JSON list of card-system keys; NULL = made by a caller who sees every card system.
    t.text('scope').nullable();
    t.integer('count').notNullable();
    t.binary('holders').notNullable();
    t.bigInteger('created_at').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('seg_audience_lists');
}
