/**
 * Sign-in with UiTID (issue 23): the rules. A person is their issuer's (issuer, sub), never an
 * e-mail: the first sign-in stores the identity and leads to an access request; an administrator's
 * approval creates the admin user linked to it; later sign-ins find the user through it (a changed
 * e-mail at the issuer updates that user). Shared-mailbox addresses and addresses another person
 * uses are refused. Every started sign-in and form is single use and expires (queries.ts).
 */
import { randomBytes } from 'crypto';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { pluginConfig } from '../config';
import { getService } from '../services';
import { parsePatterns, sharedMailboxPattern, type AccessRequestForm, type AccessRequestRow } from '../../../shared/access-requests';
import { authorizationUrl, exchangeCode, type Person } from './client';
import { REFUSALS, type Refusal } from './refusals';
import * as q from './queries';

interface AdminUser {
  id: number;
  email: string;
  isActive: boolean;
  blocked?: boolean | null;
}

export type CallbackOutcome =
  { type: 'signin'; userId: number } | { type: 'form'; ticket: string; person: Person } | { type: 'refused'; refusal: Refusal; detail?: string };

export type RequestOutcome = { type: 'sent'; email: string } | { type: 'refused'; refusal: Refusal; detail?: string };

const token = () => randomBytes(24).toString('base64url');
const iso = (ms: number | string | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;
  const settings = () => pluginConfig(strapi).uitid;
  const users = () => strapi.db.query('admin::user');
  const audit = () => getService(strapi, 'audit');

  /** The admin user whose address `email` is (case aside), if any. */
  const ownerOf = async (email: string) => (await users().findOne({ where: { email: { $eqi: email } }, select: ['id'] })) as { id: number } | null;

  /**
   * Why `email` may not be an account's address (for the identity `identityId`), or null.
   * `claim`: an access request may name an admin user made before UiTID (a password account no
   * identity is linked to); an administrator's approval links it, never the e-mail alone.
   */
  const addressProblem = async (
    email: string | null,
    identityId: number | null,
    userId: number | null,
    claim = false,
  ): Promise<{ refusal: Refusal; detail?: string } | null> => {
    if (!email) return { refusal: 'noEmail' };
    const pattern = sharedMailboxPattern(email, parsePatterns(settings().sharedPatterns));
    if (pattern) return { refusal: 'shared', detail: pattern };
    const owner = await ownerOf(email);
    if (owner && owner.id !== userId && !(claim && !(await q.userHasIdentity(knex(), owner.id)))) return { refusal: 'taken' };
    const others = (await q.identitiesWithEmail(knex(), email)).filter((i) => i.id !== identityId);
    if (others.length) return { refusal: 'taken' };
    return null;
  };

  const mail = async (to: string, subject: string, text: string) => {
    try {
      await strapi.plugin('email').service('email').send({ to, subject, text });
    } catch (error) {
      strapi.log.warn(`UiTID access request: the mail to ${to} failed: ${(error as Error).message}`);
    }
  };

  const service = {
    enabled: () => Boolean(settings().issuer),

    redirectUri: () => `${pluginConfig(strapi).publicUrl}/api/segmentation/uitid/callback`,

    /** The issuer's URL to send the browser to; `kind` request: the sign-in of a "Toegang aanvragen" link. */
    async start(kind: 'signin' | 'request'): Promise<string> {
      const flow = await authorizationUrl(settings(), service.redirectUri());
      const expires = Date.now() + settings().flowSeconds * 1000;
      await q.insertFlow(knex(), { id: flow.state, kind, verifier: flow.verifier, nonce: flow.nonce, identity_id: null, expires_at: expires });
      return flow.url;
    },

    /** The issuer sent the browser back to `url`: who it is, and what happens next. */
    async callback(url: URL): Promise<CallbackOutcome> {
      if (url.searchParams.get('error')) return { type: 'refused', refusal: 'issuerError', detail: url.searchParams.get('error') ?? undefined };
      const state = url.searchParams.get('state') ?? '';
      const flow = await q.takeFlow(knex(), state, ['signin', 'request'], Date.now());
      if (!flow) return { type: 'refused', refusal: 'flow' };
      let person: Person;
      try {
        person = await exchangeCode(settings(), url, { state: flow.id, verifier: flow.verifier ?? '', nonce: flow.nonce ?? '' });
      } catch (error) {
        strapi.log.warn(`UiTID sign-in refused: ${(error as Error).message}`);
        return { type: 'refused', refusal: 'checks' };
      }
      // An address the issuer says it has not verified could be anyone's.
      if (person.emailVerified === false) return { type: 'refused', refusal: 'unverified' };
      const found = await q.findIdentity(knex(), person.issuer, person.sub);
      if (found?.user_id) return service.signIn(found, person);
      const problem = await addressProblem(person.email, found?.id ?? null, null, true);
      if (problem) return { type: 'refused', ...problem };
      const name = [person.firstname, person.lastname].filter(Boolean).join(' ') || null;
      const identity =
        found ?? (await q.insertIdentity(knex(), { issuer: person.issuer, sub: person.sub, user_id: null, email: person.email, name, created_at: Date.now() }));
      if (found) await q.updateIdentity(knex(), found.id, { email: person.email, name });
      if (await q.pendingRequestOf(knex(), identity.id)) return { type: 'refused', refusal: 'pending' };
      const ticket = token();
      await q.insertFlow(knex(), {
        id: ticket,
        kind: 'ticket',
        verifier: null,
        nonce: null,
        identity_id: identity.id,
        expires_at: Date.now() + settings().flowSeconds * 1000,
      });
      return { type: 'form', ticket, person };
    },

    /** A known identity signs in as its user: refused when the user is gone or blocked; a changed e-mail is taken over. */
    async signIn(identity: q.IdentityRow, person: Person): Promise<CallbackOutcome> {
      const user = (await users().findOne({ where: { id: identity.user_id } })) as AdminUser | null;
      if (!user) return { type: 'refused', refusal: 'deleted' };
      if (!user.isActive || user.blocked) return { type: 'refused', refusal: 'blocked' };
      if (person.email && person.email !== user.email.toLowerCase()) {
        const problem = await addressProblem(person.email, identity.id, user.id);
        if (problem) return { type: 'refused', ...problem };
        await users().update({ where: { id: user.id }, data: { email: person.email } });
      }
      await q.updateIdentity(knex(), identity.id, { email: person.email ?? identity.email, last_sign_in_at: Date.now() });
      return { type: 'signin', userId: user.id };
    },

    /** The access request form sent with its ticket (taken once it is accepted). */
    async submitRequest(ticket: string, form: AccessRequestForm): Promise<RequestOutcome> {
      const flow = await q.takeFlow(knex(), ticket, ['ticket'], Date.now());
      const identity = flow?.identity_id ? await q.identityById(knex(), flow.identity_id) : null;
      if (!identity?.email) return { type: 'refused', refusal: 'ticket' };
      if (identity.user_id || (await q.pendingRequestOf(knex(), identity.id))) return { type: 'refused', refusal: 'pending' };
      const problem = await addressProblem(identity.email, identity.id, null, true);
      if (problem) return { type: 'refused', ...problem };
      const id = await q.insertRequest(knex(), {
        identity_id: identity.id,
        email: identity.email,
        ...form,
        status: 'pending',
        created_at: Date.now(),
        decided_at: null,
        decided_by: null,
        refusal: null,
        user_id: null,
      });
      await audit().record(
        { action: 'access.request', subject: { type: 'access-request', id, label: identity.email }, details: { organisation: form.organisation } },
        { type: 'system', id: null, label: `UiTID ${identity.email}` },
      );
      return { type: 'sent', email: identity.email };
    },

    async list(status?: AccessRequestRow['status']): Promise<AccessRequestRow[]> {
      return (await q.listRequests(knex(), status)).map((r) => ({
        id: r.id,
        email: r.email,
        firstname: r.firstname,
        lastname: r.lastname,
        organisation: r.organisation,
        reason: r.reason,
        status: r.status,
        createdAt: iso(r.created_at)!,
        decidedAt: iso(r.decided_at),
        decidedBy: r.decided_by,
        refusal: r.refusal,
        userId: r.user_id,
      }));
    },

    /** Approves a pending request: the admin user, with `roleId` and `cardSystems`, linked to the identity. */
    async approve(id: number, input: { roleId: number; cardSystems: string[] }, decidedBy: string): Promise<AccessRequestRow> {
      const request = await pending(id);
      const role = await strapi.db.query('admin::role').findOne({ where: { id: input.roleId }, select: ['id', 'name'] });
      if (!role)
        throw new errors.ValidationError(`Unknown role ${input.roleId}`, { errors: [{ path: ['roleId'], message: 'Unknown role', name: 'ValidationError' }] });
      const known = new Set((await getService(strapi, 'access').choices(null)).map((c) => c.key));
      const unknown = input.cardSystems.filter((k) => !known.has(k));
      if (unknown.length) throw new errors.ValidationError(`Unknown card system ${unknown.map((k) => `'${k}'`).join(', ')}`);
      const problem = await addressProblem(request.email, request.identity_id, null, true);
      if (problem) throw new errors.ApplicationError(REFUSALS[problem.refusal].en, { refusal: problem.refusal });
      // A password account with this address (made before UiTID, no identity linked) becomes this person's.
      const existing = await ownerOf(request.email);
      const user =
        existing ??
        ((await strapi.service('admin::user').create({
          email: request.email,
          firstname: request.firstname,
          lastname: request.lastname,
          roles: [role.id],
          isActive: true,
          registrationToken: null,
        })) as AdminUser);
      if (!(await q.decideRequest(knex(), id, { status: 'approved', decided_at: Date.now(), decided_by: decidedBy, refusal: null, user_id: user.id }))) {
        if (!existing) await users().delete({ where: { id: user.id } });
        throw new errors.ApplicationError('This request was decided meanwhile');
      }
      if (existing) await users().update({ where: { id: existing.id }, data: { roles: [role.id] } });
      await getService(strapi, 'access').link('user', user.id, input.cardSystems);
      await q.updateIdentity(knex(), request.identity_id, { user_id: user.id });
      await audit().record({
        action: 'access.approve',
        subject: { type: 'access-request', id, label: request.email },
        details: { userId: user.id, role: role.name, cardSystems: input.cardSystems, existingAccount: Boolean(existing) },
      });
      const url = `${pluginConfig(strapi).publicUrl}/admin`;
      await mail(
        request.email,
        'Je toegang tot de UiTPAS-mailingtool / Your access to the UiTPAS mailing tool',
        `Je aanvraag is goedgekeurd. Meld je aan met UiTID op ${url}\n\nYour request was approved. Sign in with UiTID at ${url}\n`,
      );
      return (await service.list()).find((r) => r.id === id)!;
    },

    /** Refuses a pending request with the reason the person is told. */
    async refuse(id: number, reason: string, decidedBy: string): Promise<AccessRequestRow> {
      const request = await pending(id);
      if (!(await q.decideRequest(knex(), id, { status: 'refused', decided_at: Date.now(), decided_by: decidedBy, refusal: reason, user_id: null })))
        throw new errors.ApplicationError('This request was decided meanwhile');
      await audit().record({ action: 'access.refuse', subject: { type: 'access-request', id, label: request.email }, details: { reason } });
      await mail(
        request.email,
        'Je aanvraag voor de UiTPAS-mailingtool / Your request for the UiTPAS mailing tool',
        `Je aanvraag werd geweigerd. Reden: ${reason}\n\nYour request was refused. Reason: ${reason}\n`,
      );
      return (await service.list()).find((r) => r.id === id)!;
    },
  };

  const pending = async (id: number) => {
    const request = await q.requestById(knex(), id);
    if (!request) throw new errors.NotFoundError('Access request not found');
    if (request.status !== 'pending') throw new errors.ApplicationError(`This request was ${request.status} already`);
    return request;
  };

  return service;
};
