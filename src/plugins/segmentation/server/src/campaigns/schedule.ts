/**
 * Scheduling is sending: a campaign saved as `scheduled` with a `scheduledAt` is started by the
 * worker on its own, so setting, changing or clearing a schedule, editing a scheduled campaign and
 * starting a send by a status change all need the send right (`campaigns.send`), on every save path
 * (the plugin's routes and the Content Manager both go through the document-service middleware,
 * which asks `checkSave`). Who scheduled it is stored (`scheduledBy`): the worker's start is
 * audited in their name, and refused when they may no longer send.
 */
import type { Core } from '@strapi/strapi';
import { ACTIONS } from '../permissions';
import { outOfScope } from '../common/scope';
import type { Actor } from '../partners/audit';
import { scheduledStart, TRANSITIONS } from '../../../shared/campaign-lifecycle';

export interface CampaignState {
  status: string;
  scheduledAt?: string | Date | null;
}

/** Who saves: an internal call (no request: seeding, scripts, the worker), an admin user, or another request (refused). */
export type Saver = { kind: 'internal' } | { kind: 'user'; id: number; maySend: boolean } | { kind: 'other' };

/** The moment a campaign in this state starts by itself (ms), or null: it does not. */
export const scheduleOf = (state: CampaignState): number | null => scheduledStart(state);

/** Why this save needs the send right, or null when it does not. `stored` is null for a new campaign. */
export function sendRightNeeded(stored: CampaignState | null, next: CampaignState): string | null {
  if (next.status === TRANSITIONS.start.to) return 'Starting a send needs the right to send campaigns';
  if (stored && scheduleOf(stored) !== null) return 'This campaign is scheduled: only someone who may send campaigns can change or unschedule it';
  if (scheduleOf(next) !== null) return 'Scheduling a campaign sends it: that needs the right to send campaigns';
  return null;
}

/** The saver of the current document-service call, from the request it runs in. */
export function saverOf(strapi: Core.Strapi): Saver {
  const ctx = strapi.requestContext.get() as
    { state?: { user?: { id: number }; userAbility?: { can(action: string): boolean }; auth?: { strategy?: { name?: string } } } } | undefined;
  if (!ctx) return { kind: 'internal' };
  const state = ctx.state ?? {};
  if (state.auth?.strategy?.name === 'admin' && state.user)
    return { kind: 'user', id: state.user.id, maySend: Boolean(state.userAbility?.can(ACTIONS.campaignsSend)) };
  return { kind: 'other' };
}

/**
 * Refuses (403, path `scheduledAt`) a save that needs the send right the saver lacks; answers the
 * `scheduledBy` to store: the saver when the campaign ends up scheduled by them, null when it ends
 * up unscheduled, undefined to leave it as it is (an internal save of a scheduled campaign).
 */
export function checkSave(saver: Saver, stored: CampaignState | null, next: CampaignState): number | null | undefined {
  const reason = sendRightNeeded(stored, next);
  if (reason && saver.kind !== 'internal' && !(saver.kind === 'user' && saver.maySend)) {
    throw outOfScope(reason, [{ path: ['scheduledAt'], message: reason }]);
  }
  if (scheduleOf(next) === null) return null;
  return saver.kind === 'user' ? saver.id : undefined;
}

/** The scheduler as the audit log names them, and whether they may still send (active, holding the send right). */
export async function schedulerOf(strapi: Core.Strapi, userId: number): Promise<{ actor: Actor; maySend: boolean }> {
  const user = (await strapi.db.query('admin::user').findOne({ where: { id: userId } })) as {
    id: number;
    email?: string;
    isActive?: boolean;
    blocked?: boolean;
  } | null;
  if (!user) return { actor: { type: 'user', id: userId, label: `user ${userId} (deleted)` }, maySend: false };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Strapi's admin permission service has no exported type
  const ability = await (strapi.service('admin::permission') as any).engine.generateUserAbility(user);
  return {
    actor: { type: 'user', id: user.id, label: user.email ?? `user ${user.id}` },
    maySend: Boolean(user.isActive) && !user.blocked && Boolean(ability.can(ACTIONS.campaignsSend)),
  };
}
