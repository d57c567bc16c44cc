/**
 * Campaign tables: the per-recipient snapshot of a send (one row per holder, written when the send
 * starts, so later changes to the segment do not change it), tracking events, and the addresses no
 * later send may use (unsubscribed, hard-bounced, complained). Plain tables, not content types:
 * a campaign has tens of thousands of rows. Times are milliseconds since the epoch (bigint), which
 * compare and bucket the same way in every dialect.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('seg_deliveries', (t) => {
    t.increments('id').primary();
    t.integer('campaign_id').notNullable();
    t.integer('holder_id').notNullable();
    t.string('uid', 255).notNullable();
    t.string('email', 320).notNullable();
    // queued | sending | sent | failed | bounced | holdout | cancelled
    t.string('status', 16).notNullable();
    t.integer('attempts').notNullable().defaultTo(0);
    t.bigInteger('next_attempt_at').notNullable().defaultTo(0);
    t.string('claimed_by', 64).nullable();
    t.bigInteger('claimed_at').nullable();
    t.string('message_id', 255).nullable();
    // The template version (content hash) the mail was rendered from.
    t.string('template_version', 40).nullable();
    t.text('error').nullable();
    t.bigInteger('sent_at').nullable();
    t.unique(['campaign_id', 'holder_id']);
    t.index(['campaign_id', 'status', 'next_attempt_at']);
    t.index(['holder_id', 'sent_at']);
    t.unique(['campaign_id', 'uid']);
  });
  await knex.schema.createTable('seg_tracking_events', (t) => {
    t.increments('id').primary();
    t.integer('delivery_id').notNullable();
    t.integer('campaign_id').notNullable();
    // open | click | unsubscribe | delivered | bounce | complaint
    t.string('type', 16).notNullable();
    t.text('detail').nullable();
    t.boolean('machine').notNullable().defaultTo(false);
    t.bigInteger('at').notNullable();
    t.index(['campaign_id', 'type']);
    t.index(['delivery_id']);
  });
  await knex.schema.createTable('seg_suppressions', (t) => {
    t.increments('id').primary();
    t.string('email', 320).notNullable();
    // unsubscribed | hard_bounce | complaint
    t.string('reason', 16).notNullable();
    t.integer('campaign_id').nullable();
    t.bigInteger('at').notNullable();
    t.unique(['email', 'reason']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('seg_suppressions');
  await knex.schema.dropTableIfExists('seg_tracking_events');
  await knex.schema.dropTableIfExists('seg_deliveries');
}
