/**
 * Partners: which card systems each admin user and each API token works for (their scope), and the
 * audit log of exports, sends, sender approvals and scope changes. Plain tables, read and written by
 * the plugin's `access` and `audit` services; the audit log has no update or delete path.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('seg_access', (t) => {
    // 'user' (admin::user id) or 'token' (admin::api-token id)
    t.string('subject_type', 8).notNullable();
    t.integer('subject_id').notNullable();
    t.string('card_system', 255).notNullable();
    t.primary(['subject_type', 'subject_id', 'card_system']);
  });
  await knex.schema.createTable('seg_audit_log', (t) => {
    t.increments('id').primary();
    t.bigInteger('at').notNullable();
    t.string('actor_type', 8).notNullable();
    t.integer('actor_id').nullable();
    t.string('actor_label', 255).notNullable();
    t.string('action', 64).notNullable();
    t.string('subject_type', 64).nullable();
    t.string('subject_id', 64).nullable();
    t.string('subject_label', 255).nullable();
    t.integer('rows').nullable();
    t.text('details').nullable();
    t.index(['at']);
    t.index(['action', 'at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('seg_audit_log');
  await knex.schema.dropTableIfExists('seg_access');
}
