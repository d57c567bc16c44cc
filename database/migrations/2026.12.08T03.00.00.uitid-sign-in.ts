/**
 * Sign-in with UiTID (issue 23).
 * - seg_sso_flows: a started sign-in (state, PKCE verifier, nonce) until the issuer calls back, and
 *   an access request form's ticket; each single use, with an expiry.
 * - seg_identities: a person at an issuer (issuer, sub), linked to the admin user it signs in as
 *   (none until an access request is approved). Never matched by e-mail.
 * - seg_access_requests: what a person asked for and what an administrator decided.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('seg_sso_flows', (t) => {
    t.string('id', 64).primary();
    /** signin | request (the state of a sign-in) or ticket (an access request form) */
    t.string('kind', 8).notNullable();
    t.string('verifier', 128).nullable();
    t.string('nonce', 64).nullable();
    t.integer('identity_id').nullable();
    t.bigInteger('expires_at').notNullable().index();
  });
  await knex.schema.createTable('seg_identities', (t) => {
    t.increments('id');
    t.string('issuer', 500).notNullable();
    t.string('sub', 255).notNullable();
    t.integer('user_id').nullable().index();
    t.string('email', 320).nullable();
    t.string('name', 255).nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('last_sign_in_at').nullable();
    t.unique(['issuer', 'sub']);
  });
  await knex.schema.createTable('seg_access_requests', (t) => {
    t.increments('id');
    t.integer('identity_id').notNullable().index();
    t.string('email', 320).notNullable();
    t.string('firstname', 255).notNullable();
    t.string('lastname', 255).notNullable();
    t.string('organisation', 255).notNullable();
    t.text('reason').notNullable();
    /** pending | approved | refused */
    t.string('status', 16).notNullable().index();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('decided_at').nullable();
    t.string('decided_by', 255).nullable();
    t.text('refusal').nullable();
    t.integer('user_id').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('seg_access_requests');
  await knex.schema.dropTableIfExists('seg_identities');
  await knex.schema.dropTableIfExists('seg_sso_flows');
}
