/**
 * seg_actions: the incremental refresh no longer walks a (seq, id) index over every row.
 *
 * Every index on seg_actions is paid for by every imported action (a COPY of 2M rows: 6.0 s into a
 * table with only its primary key, 9.2 s with the (seq, id) index added, 11.8-13.1 s with it and the
 * unique key). The refresh of the audience index (segments/store.ts) now finds
 *  - new rows by id: ids come from the table's sequence only inside an import batch, after the
 *    batch took the data-version lock, so the rows of a later version always have higher ids than
 *    every row committed before; a walk of the primary key from the highest id loaded finds them;
 *  - stored rows an import changed by `revised_seq`, the data version of the batch that last changed
 *    them (NULL for a row never changed since it was inserted), under a partial index that holds
 *    only those rows: a first load pays nothing for it.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('seg_actions', (t) => {
    t.bigInteger('revised_seq').nullable();
  });
  await knex.raw('CREATE INDEX seg_actions_revised ON seg_actions (revised_seq, id) WHERE revised_seq IS NOT NULL');
  // Rows changed before this migration: every instance loads the index whole when it starts.
  await knex.schema.alterTable('seg_actions', (t) => {
    t.dropIndex(['seq', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('seg_actions', (t) => {
    t.index(['seq', 'id']);
  });
  await knex.raw('DROP INDEX seg_actions_revised');
  await knex.schema.alterTable('seg_actions', (t) => {
    t.dropColumn('revised_seq');
  });
}
