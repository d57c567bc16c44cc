/**
 * Channels (issue 20). A mailing's audience keeps, per generated holder, the channel it gets (one
 * byte: 0 none, 1 e-mail, 2 post, 3 SMS; in the members' order) and the channel changes staff made by
 * hand on the review page (re-applied when the audience is generated again). A delivery has a
 * channel: e-mail rows as before, SMS rows with the E.164 number and the parts sent, post rows for
 * each letter produced (`email` stays '' on rows of other channels). An SMS's parts and their
 * delivery receipts are kept per gateway message id.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('seg_mailing_audiences', (t) => {
    t.binary('channels').nullable();
    t.text('channel_changes').nullable();
  });
  await knex.schema.alterTable('seg_deliveries', (t) => {
    t.string('channel', 8).notNullable().defaultTo('email');
    t.string('phone', 20).nullable();
    t.integer('parts').nullable();
    // SMS: what the delivery receipts said of all its parts (null: none yet), see seg_sms_parts.
    t.string('receipt', 16).nullable();
  });
  // One row per SMS part the gateway accepted (its message id) and what its receipt said; a receipt
  // may come before the send is recorded, so either write creates the row.
  await knex.schema.createTable('seg_sms_parts', (t) => {
    t.string('message_id', 64).primary();
    t.integer('delivery_id').nullable().index();
    t.string('status', 16).nullable();
    t.bigInteger('at').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('seg_sms_parts');
  await knex.schema.alterTable('seg_deliveries', (t) => {
    t.dropColumn('receipt');
    t.dropColumn('channel');
    t.dropColumn('phone');
    t.dropColumn('parts');
  });
  await knex.schema.alterTable('seg_mailing_audiences', (t) => {
    t.dropColumn('channels');
    t.dropColumn('channel_changes');
  });
}
