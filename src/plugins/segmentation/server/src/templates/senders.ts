/**
 * Approved sender addresses. A partner requests an address; a signed link mailed to the address
 * itself verifies it; an administrator (the "manage senders" permission) approves it. Only an
 * approved address may be a template's sender. Status changes happen here only (the document
 * middleware refuses them elsewhere), written with the query engine.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { SenderRequest, SenderStatus } from '../../../shared/template';
import { publicUrlOf, secretOf } from '../common/secret';
import { SlidingWindow } from '../common/rate-limit';
import { pluginConfig } from '../config';
import { canSee, partnerFor, type Scope } from '../common/scope';
import { signToken, verifyToken } from '../tracking/tokens';
import { getService } from '../services';

export const SENDER_UID = 'plugin::segmentation.sender-address';
const VERIFY_DAYS = 7;

/** Sender addresses a caller may use: their partners' and the programme-wide ones (no card system). */
export const senderVisible = (scope: Scope, cardSystem: string | null | undefined): boolean => !cardSystem || canSee(scope, cardSystem);

export interface SenderAddress {
  id: number;
  documentId: string;
  email: string;
  displayName: string | null;
  cardSystem: string | null;
  status: SenderStatus;
}

const texts = {
  subject: 'Bevestig je afzenderadres voor UiTPAS-mailings / Confirm your sender address',
  body: (email: string, url: string) =>
    `Iemand vroeg om ${email} te gebruiken als afzender van UiTPAS-mailings.\nBevestig dit adres via deze link (${VERIFY_DAYS} dagen geldig):\n${url}\n\n` +
    `Someone asked to use ${email} as the sender of UiTPAS mailings.\nConfirm the address with this link (valid for ${VERIFY_DAYS} days):\n${url}\n`,
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const query = () => strapi.db.query(SENDER_UID);
  // Verification mails per address and per requesting user in a window (plugin config `verificationMails`).
  const limits = pluginConfig(strapi).verificationMails;
  const perAddress = new SlidingWindow(limits.perAddress, limits.windowSeconds * 1000);
  const perUser = new SlidingWindow(limits.perUser, limits.windowSeconds * 1000);

  /** Takes one verification mail of the address's and the user's allowance, or refuses (429) saying when to try again. */
  const reserveVerification = (email: string, userId: number | undefined) => {
    const now = Date.now();
    const keys: [SlidingWindow, string][] = [
      [perAddress, email.toLowerCase()],
      ...(userId === undefined ? [] : [[perUser, `user:${userId}`] as [SlidingWindow, string]]),
    ];
    const retryAt = Math.max(0, ...keys.map(([w, key]) => w.retryAt(key, 1, now) ?? 0));
    if (retryAt) {
      const minutes = Math.max(1, Math.ceil((retryAt - now) / 60_000));
      throw new errors.RateLimitError(`Too many verification mails: try again in ${minutes} minute${minutes === 1 ? '' : 's'}`, {
        retryAt: new Date(retryAt).toISOString(),
      });
    }
    for (const [w, key] of keys) w.take(key, 1, now);
  };
  const find = async (documentId: string): Promise<SenderAddress> => {
    const sender = (await query().findOne({ where: { documentId } })) as SenderAddress | null;
    if (!sender) throw new errors.NotFoundError('Sender address not found');
    return sender;
  };
  const setStatus = (documentId: string, data: Record<string, unknown>) => query().update({ where: { documentId }, data });

  const mailVerification = async (sender: SenderAddress) => {
    const url = service.verificationUrl(sender);
    await strapi
      .plugin('email')
      .service('email')
      .send({ to: sender.email, subject: texts.subject, text: texts.body(sender.email, url) });
  };

  const service = {
    find,

    /** The sender if it may send (approved), else null. */
    async approved(documentId: string): Promise<SenderAddress | null> {
      const sender = (await query().findOne({ where: { documentId } })) as SenderAddress | null;
      return sender?.status === 'approved' ? sender : null;
    },

    /**
     * A sender a template of partner `cardSystem` (null: programme-wide) may use, for a caller with
     * `scope`: the template partner's own or a programme-wide one, visible to the caller. Else 400 on `sender`.
     * The rule of saving a template and of sending a test mail.
     */
    async assertUsable(documentId: string | null | undefined, cardSystem: string | null, scope: Scope): Promise<void> {
      if (!documentId) return;
      const found = (await query().findOne({ where: { documentId }, select: ['cardSystem'] })) as { cardSystem: string | null } | null;
      if (found && senderVisible(scope, found.cardSystem) && (!found.cardSystem || !cardSystem || found.cardSystem === cardSystem)) return;
      throw new errors.ValidationError('This sender address belongs to another partner', {
        errors: [{ path: ['sender'], message: 'Choose an approved sender address of your own card system', name: 'ValidationError' }],
      });
    },

    /** The addresses a caller with `scope` may see (theirs and the programme-wide ones), by status if given. */
    async list(scope: Scope, status?: string): Promise<SenderAddress[]> {
      const partner = scope === null ? {} : { $or: [{ cardSystem: { $null: true } }, { cardSystem: { $in: scope.length ? scope : ['\u0000none'] } }] };
      return (await query().findMany({ where: { ...(status ? { status } : {}), ...partner }, orderBy: { email: 'asc' }, limit: 500 })) as SenderAddress[];
    },

    /**
     * A new address (status requested) and its verification mail (which counts against the limits).
     * A partner requests one for its own card system; an administrator may also file a programme-wide one.
     */
    async request(input: SenderRequest, scope: Scope, userId: number | undefined): Promise<SenderAddress> {
      input = { ...input, cardSystem: partnerFor(scope, input.cardSystem) };
      const existing = await query().findOne({ where: { email: { $eqi: input.email } } });
      if (existing)
        throw new errors.ValidationError('This address was already requested', {
          errors: [{ path: ['email'], message: 'Already requested', name: 'ValidationError' }],
        });
      reserveVerification(input.email, userId);
      const created = (await strapi.documents(SENDER_UID).create({ data: { ...input, requestedBy: userId } })) as unknown as SenderAddress;
      await mailVerification(created);
      return created;
    },

    verificationUrl(sender: SenderAddress): string {
      const exp = Math.floor(Date.now() / 1000) + VERIFY_DAYS * 86_400;
      const token = signToken(secretOf(strapi), { k: 'sender', d: sender.documentId, e: sender.email.toLowerCase(), exp });
      return `${publicUrlOf(strapi)}/api/segmentation/senders/verify?token=${encodeURIComponent(token)}`;
    },

    /**
     * Sends the verification mail again, of an address the caller with `scope` may see (else 404); at
     * most `verificationMails.perAddress` per address and `perUser` per user in the window.
     */
    async sendVerification(documentId: string, scope: Scope, userId: number | undefined): Promise<void> {
      const sender = await find(documentId);
      if (!senderVisible(scope, sender.cardSystem)) throw new errors.NotFoundError('Sender address not found');
      if (sender.status !== 'requested') throw new errors.ApplicationError(`This address is ${sender.status}, not waiting for verification`);
      reserveVerification(sender.email, userId);
      await mailVerification(sender);
    },

    /** Follows a verification link: a requested address becomes verified. */
    async verify(token: string): Promise<SenderAddress | null> {
      const payload = verifyToken<{ k: string; d: string; e: string }>(secretOf(strapi), token, 'sender');
      if (!payload) return null;
      const sender = (await query().findOne({ where: { documentId: payload.d } })) as SenderAddress | null;
      if (!sender || sender.email.toLowerCase() !== payload.e) return null; // the address changed since
      if (sender.status === 'requested') await setStatus(sender.documentId, { status: 'verified', verifiedAt: new Date() });
      return find(sender.documentId);
    },

    async approve(documentId: string, userId: number | undefined): Promise<SenderAddress> {
      const sender = await find(documentId);
      if (sender.status !== 'verified') throw new errors.ApplicationError(`Only a verified address can be approved; this one is ${sender.status}`);
      await setStatus(documentId, { status: 'approved', approvedAt: new Date(), approvedBy: userId ?? null });
      await getService(strapi, 'audit').record({
        action: 'sender.approve',
        subject: { type: 'sender', id: documentId, label: sender.email },
        details: { cardSystem: sender.cardSystem },
      });
      return find(documentId);
    },

    async reject(documentId: string, userId: number | undefined): Promise<SenderAddress> {
      const sender = await find(documentId);
      await setStatus(documentId, { status: 'rejected', approvedAt: null, approvedBy: userId ?? null });
      await getService(strapi, 'audit').record({
        action: 'sender.reject',
        subject: { type: 'sender', id: documentId, label: sender.email },
        details: { cardSystem: sender.cardSystem },
      });
      return find(documentId);
    },
  };
  return service;
};
