/**
 * The campaign lifecycle as data, defined once for the server (service, worker, document
 * middleware, queries), the admin pages and the tests, as `definition.ts` defines segments.
 * Browser-safe: no imports. The content type's enum (campaigns/content-types/campaign.json) is
 * this list; a unit test holds them equal.
 *
 *   draft ⇄ scheduled           (saving, with or without a time: the only statuses that can be edited)
 *   draft, scheduled → sending  (start: the recipients are snapshotted)
 *   scheduled → failed          (fail: a due schedule could not start)
 *   sending → paused → sending  (pause, resume; a failed campaign can be resumed too)
 *   sending → sent              (finish: the worker found nothing left to send)
 *   draft, scheduled, sending, paused → cancelled
 *
 * Each move is a compare-and-set on the status (`from` → `to`): of two concurrent calls, one wins.
 * The statuses of single mails (seg_deliveries) are a different list, at the end of this file.
 */

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'sending', 'paused', 'sent', 'cancelled', 'failed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

const named = <S extends string>(list: readonly S[]) => Object.freeze(Object.fromEntries(list.map((s) => [s, s]))) as { readonly [K in S]: K };

/** Each status by name (`STATUS.sending`), so a typo does not compile. */
export const STATUS = named(CAMPAIGN_STATUSES);

/** Statuses whose fields may still be edited (nothing was sent): a save moves between them. */
export const EDITABLE = [STATUS.draft, STATUS.scheduled] as const satisfies readonly CampaignStatus[];

/** Statuses the worker sends mails of. */
export const ACTIVE = [STATUS.sending] as const satisfies readonly CampaignStatus[];

/**
 * Statuses a send stops in while the worker may still finish the mails it had claimed (a paused
 * or cancelled campaign's count can still grow a little; the admin's progress watches it settle).
 */
export const WINDING_DOWN = [STATUS.paused, STATUS.cancelled] as const satisfies readonly CampaignStatus[];

interface Transition {
  readonly from: readonly CampaignStatus[];
  readonly to: CampaignStatus;
  /** The past participle, for messages ("A sent campaign cannot be paused"). */
  readonly done: string;
}

/** The actions and the moves they make. */
export const TRANSITIONS = {
  /** A save with a time to start: sends by itself when due (the send right is needed). */
  schedule: { from: EDITABLE, to: STATUS.scheduled, done: 'scheduled' },
  /** A save without a time. */
  unschedule: { from: EDITABLE, to: STATUS.draft, done: 'unscheduled' },
  /** The send starts (its button, a save with status `sending`, a due schedule). */
  start: { from: EDITABLE, to: STATUS.sending, done: 'started' },
  pause: { from: [STATUS.sending], to: STATUS.paused, done: 'paused' },
  resume: { from: [STATUS.paused, STATUS.failed], to: STATUS.sending, done: 'resumed' },
  cancel: { from: [STATUS.draft, STATUS.scheduled, STATUS.sending, STATUS.paused], to: STATUS.cancelled, done: 'cancelled' },
  /** The worker: nothing left to send. */
  finish: { from: ACTIVE, to: STATUS.sent, done: 'finished' },
  /** The worker: a due scheduled campaign that could not be started. */
  fail: { from: [STATUS.scheduled], to: STATUS.failed, done: 'failed' },
} as const satisfies Record<string, Transition>;

export type CampaignAction = keyof typeof TRANSITIONS;

const has = (list: readonly string[], status: string | null | undefined) => status != null && list.includes(status);

/** Whether `action` may move a campaign in `status`. */
export const allows = (action: CampaignAction, status: string | null | undefined): boolean => has(TRANSITIONS[action].from, status);
export const isEditable = (status: string | null | undefined): boolean => has(EDITABLE, status);
export const isActive = (status: string | null | undefined): boolean => has(ACTIVE, status);
export const isWindingDown = (status: string | null | undefined): boolean => has(WINDING_DOWN, status);

/** Statuses no action leaves: nothing more happens to the campaign (sent, cancelled). */
export const FINAL: readonly CampaignStatus[] = CAMPAIGN_STATUSES.filter((s) => !Object.values(TRANSITIONS).some((t) => has(t.from, s)));
export const isFinal = (status: string | null | undefined): boolean => has(FINAL, status);

/** The status a save gives an editable campaign: scheduled when it has a time to start, else draft. */
export const statusOnSave = (scheduledAt: unknown): CampaignStatus => (scheduledAt ? TRANSITIONS.schedule.to : TRANSITIONS.unschedule.to);

/** The moment a campaign in this state starts by itself (ms), or null: it does not. */
export function scheduledStart(state: { status: string; scheduledAt?: string | Date | null }): number | null {
  if (state.status !== STATUS.scheduled || !state.scheduledAt) return null;
  const at = new Date(state.scheduledAt).getTime();
  return Number.isNaN(at) ? null : at;
}

// ---- single mails (seg_deliveries) ------------------------------------------------------------

/**
 * A mail of a started campaign: queued → sending (claimed by a worker) → sent | failed, or back to
 * queued (a retry, a pause, a dead worker's lease); cancelled with its campaign; bounced after a
 * bounce report. `holdout` rows are the control group: never sent.
 */
export const DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'failed', 'bounced', 'cancelled', 'holdout'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const DELIVERY = named(DELIVERY_STATUSES);

/** Still to be sent: waiting, or claimed by a worker. */
export const DELIVERY_OPEN = [DELIVERY.queued, DELIVERY.sending] as const satisfies readonly DeliveryStatus[];
/** Accepted by the SMTP server: a later bounce is still a sent mail. */
export const DELIVERY_ACCEPTED = [DELIVERY.sent, DELIVERY.bounced] as const satisfies readonly DeliveryStatus[];
