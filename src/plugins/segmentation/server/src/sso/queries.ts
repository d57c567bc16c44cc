/** The SQL of sign-in with UiTID (tables in database/migrations/2026.12.08T03.00.00.uitid-sign-in.ts). */
import type { Knex } from 'knex';

export interface FlowRow {
  id: string;
  kind: 'signin' | 'request' | 'ticket';
  verifier: string | null;
  nonce: string | null;
  identity_id: number | null;
  expires_at: number;
}

export interface IdentityRow {
  id: number;
  issuer: string;
  sub: string;
  user_id: number | null;
  email: string | null;
  name: string | null;
}

export interface RequestRow {
  id: number;
  identity_id: number;
  email: string;
  firstname: string;
  lastname: string;
  organisation: string;
  reason: string;
  status: 'pending' | 'approved' | 'refused';
  created_at: number | string;
  decided_at: number | string | null;
  decided_by: string | null;
  refusal: string | null;
  user_id: number | null;
}

/** Stores a flow; expired ones are removed on the way (starting sign-ins needs no login). */
export async function insertFlow(knex: Knex, flow: FlowRow): Promise<void> {
  await knex('seg_sso_flows').where('expires_at', '<', Date.now()).delete();
  await knex('seg_sso_flows').insert(flow);
}

/**
 * Takes a flow once: deleted as it is read, so a second use (a replayed callback, a form sent twice)
 * finds nothing. Expired ones are removed on the way.
 */
export async function takeFlow(knex: Knex, id: string, kinds: FlowRow['kind'][], now: number): Promise<FlowRow | null> {
  await knex('seg_sso_flows').where('expires_at', '<', now).delete();
  const row = (await knex('seg_sso_flows').where({ id }).whereIn('kind', kinds).first()) as FlowRow | undefined;
  if (!row) return null;
  const deleted = await knex('seg_sso_flows').where({ id }).delete();
  return deleted === 1 && Number(row.expires_at) >= now ? row : null;
}

export async function findIdentity(knex: Knex, issuer: string, sub: string): Promise<IdentityRow | null> {
  return ((await knex('seg_identities').where({ issuer, sub }).first()) as IdentityRow | undefined) ?? null;
}

export async function identityById(knex: Knex, id: number): Promise<IdentityRow | null> {
  return ((await knex('seg_identities').where({ id }).first()) as IdentityRow | undefined) ?? null;
}

export async function insertIdentity(knex: Knex, row: Omit<IdentityRow, 'id'> & { created_at: number }): Promise<IdentityRow> {
  await knex('seg_identities').insert(row);
  return (await findIdentity(knex, row.issuer, row.sub))!;
}

export async function updateIdentity(
  knex: Knex,
  id: number,
  data: Partial<Pick<IdentityRow, 'email' | 'name' | 'user_id'>> & { last_sign_in_at?: number },
): Promise<void> {
  await knex('seg_identities').where({ id }).update(data);
}

/** Another identity (another person) linked to the admin user with this e-mail, or whose e-mail it is. */
export async function identitiesWithEmail(knex: Knex, email: string): Promise<IdentityRow[]> {
  return (await knex('seg_identities').whereRaw('lower(email) = ?', [email.toLowerCase()])) as IdentityRow[];
}

export async function insertRequest(knex: Knex, row: Omit<RequestRow, 'id'>): Promise<number> {
  const [inserted] = await knex('seg_access_requests').insert(row).returning('id');
  return typeof inserted === 'object' ? (inserted as { id: number }).id : Number(inserted);
}

export async function pendingRequestOf(knex: Knex, identityId: number): Promise<RequestRow | null> {
  return ((await knex('seg_access_requests').where({ identity_id: identityId, status: 'pending' }).first()) as RequestRow | undefined) ?? null;
}

export async function listRequests(knex: Knex, status?: RequestRow['status']): Promise<RequestRow[]> {
  const q = knex('seg_access_requests').orderBy('id', 'desc').limit(500);
  if (status) q.where({ status });
  return (await q) as RequestRow[];
}

export async function requestById(knex: Knex, id: number): Promise<RequestRow | null> {
  return ((await knex('seg_access_requests').where({ id }).first()) as RequestRow | undefined) ?? null;
}

/** Decides a pending request; false when it was decided already (by someone else meanwhile). */
export async function decideRequest(
  knex: Knex,
  id: number,
  data: Pick<RequestRow, 'status' | 'decided_at' | 'decided_by' | 'refusal' | 'user_id'>,
): Promise<boolean> {
  return (await knex('seg_access_requests').where({ id, status: 'pending' }).update(data)) === 1;
}

/** Whether an identity is linked to the admin user `userId`. */
export async function userHasIdentity(knex: Knex, userId: number): Promise<boolean> {
  return Boolean(await knex('seg_identities').where({ user_id: userId }).first('id'));
}
