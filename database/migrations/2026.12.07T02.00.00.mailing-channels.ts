/**
 * Channels (issue 20). A mailing's audience keeps, per generated holder, the channel it gets (one
 * byte: 0 none, 1 e-mail, 2 post, 3 SMS; in the members' order) and the channel changes staff made by
 * hand on the review page (re-applied when the audience is generated again). A delivery has a
 * channel: e-mail rows as before, SMS rows with the E.164 number and the parts sent, post rows for
 * each letter produced (`email` stays '' on rows of other channels).
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
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('seg_deliveries', (t) => {
    t.dropColumn('channel');
    t.dropColumn('phone');
    t.dropColumn('parts');
  });
  await knex.schema.alterTable('seg_mailing_audiences', (t) => {
    t.dropColumn('channels');
    t.dropColumn('channel_changes');
  });
}
