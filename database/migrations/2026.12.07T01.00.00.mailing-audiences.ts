/**
 * A mailing's audience (issue 19): its steps, the manual changes made on the review page, its wave
 * group (a pilot, then the rest) and, once generated, the holders it fixed. The holders are one
 * binary value (ascending ids, audiences/member-codec.ts) with, per holder, the index of the step that added it,
 * so generating 500,000 holders writes one row. `version` grows with every generation: a send
 * checks it did not change between reading the holders and starting.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('seg_mailing_audiences', (t) => {
    t.integer('campaign_id').primary();
    t.text('steps').notNullable();
    t.text('manual').notNullable();
    t.string('wave_group', 120).nullable().index();
    t.boolean('leave_out_earlier').notNullable().defaultTo(false);
    t.integer('version').notNullable().defaultTo(0);
    t.bigInteger('generated_at').nullable();
    // JSON: per step (and manual step) added / removed, holders left out as earlier recipients, segment marks.
    t.text('generation').nullable();
    t.binary('members').nullable();
    t.binary('added_by').nullable();
  });
  // Stored as they are: the varint form hardly compresses, and trying cost more than the write itself.
  if (knex.client.config.client === 'pg') {
    await knex.raw('ALTER TABLE seg_mailing_audiences ALTER COLUMN members SET STORAGE EXTERNAL, ALTER COLUMN added_by SET STORAGE EXTERNAL');
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('seg_mailing_audiences');
}
