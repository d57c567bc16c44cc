/**
 * Event messages (issue 21): automatic e-mail or SMS to an event's ticket holders, due a number of
 * hours before its start or after its end, or at once. A message keeps its input (recipients and
 * consents as JSON text), its status (pending → sending → sent; cancelled, missed, failed), when it
 * is due (computed from the event's current start or end), the mailing that carried it and why it
 * was cancelled, missed or failed. Every change of state is a row of its history. Events get a
 * `cancelled` flag (the events import's optional `cancelled`). Times are ms since the epoch (bigint).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('seg_events', (t) => {
    t.boolean('cancelled').notNullable().defaultTo(false);
  });
  await knex.schema.createTable('seg_event_messages', (t) => {
    t.increments('id').primary();
    // By key: a message outlives its event row (a removed event cancels it, the row keeps the key).
    t.string('event_key', 255).notNullable().index();
    t.string('name', 255).notNullable();
    t.string('channel', 8).notNullable();
    t.string('template', 255).notNullable(); // documentId of a mail-template
    t.text('recipients').notNullable(); // JSON
    t.text('consents').notNullable(); // JSON
    t.string('language', 16).notNullable();
    t.string('timing', 8).notNullable();
    t.integer('hours').nullable();
    t.text('custom_text').notNullable();
    // pending | sending | sent | cancelled | missed | failed
    t.string('status', 16).notNullable();
    t.bigInteger('due_at').nullable();
    t.bigInteger('sent_at').nullable();
    t.integer('campaign_id').nullable();
    t.string('campaign_document_id', 255).nullable();
    t.integer('recipient_count').nullable();
    t.text('reason').nullable();
    t.string('card_system', 255).nullable();
    t.integer('owner').nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.index(['status', 'due_at']);
  });
  await knex.schema.createTable('seg_event_message_history', (t) => {
    t.increments('id').primary();
    t.integer('message_id').notNullable().index();
    t.bigInteger('at').notNullable();
    // created | edited | moved | cancelled | missed | sending | sent | failed
    t.string('what', 16).notNullable();
    t.text('detail').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('seg_event_message_history');
  await knex.schema.dropTableIfExists('seg_event_messages');
  await knex.schema.alterTable('seg_events', (t) => {
    t.dropColumn('cancelled');
  });
}
