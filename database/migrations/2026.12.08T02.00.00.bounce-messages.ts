/**
 * Bounces and complaints (issue 22). Every message that comes back — through the bounce domain's
 * SMTP listener, the bounce mailbox, or a provider's webhook — is kept with what it was classified
 * as and the delivery it named, for the Bounces page and the soft-bounce count; its raw text is
 * emptied after `keepRawDays`. `fingerprint` (the returned message's Message-ID, or a hash of it)
 * makes a message read twice (a poll after a crash, a webhook retried) count once.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('seg_bounce_messages', (t) => {
    t.increments('id');
    t.bigInteger('received_at').notNullable().index();
    /** smtp, imap, ses, sendgrid, postmark, mailgun, webhook */
    t.string('source', 16).notNullable();
    t.string('fingerprint', 128).notNullable().unique();
    /** bounce, complaint, delayed, delivered, autoreply, unknown */
    t.string('kind', 16).notNullable();
    /** hard, soft, blocked (bounces only) */
    t.string('severity', 8).nullable();
    t.string('status', 16).nullable();
    t.text('diagnostic').nullable();
    t.string('recipient', 320).nullable().index();
    t.integer('delivery_id').nullable().index();
    t.integer('campaign_id').nullable().index();
    t.string('subject', 500).nullable();
    t.string('sender', 320).nullable();
    t.text('raw').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('seg_bounce_messages');
}
