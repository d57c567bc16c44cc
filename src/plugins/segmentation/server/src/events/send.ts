/**
 * Sending an event message = materialising it into a mailing, so tracking, statistics, SMS,
 * crash-safety and exactly-once per recipient come from the campaign pipeline: a campaign of the
 * event's partner with the message's template and channel, its audience the recipients taken now
 * (one step of their UIDs), the consent rule of service messages (`message`: the e-mail and SMS
 * consents are not required; suppressions and STOP still apply), the language and custom text as
 * campaign attributes; generated and started at once.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../services';
import { CAMPAIGN_UID } from '../campaigns/service';
import type { EventRow, MessageRow } from './queries';
import { inputOf } from './records';
import { messageValuesOf } from './message-text';
import { recipientIds, uidsOf } from './recipients';

export interface Materialised {
  campaignId: number | null;
  documentId: string | null;
  count: number;
}

const NOBODY = 'Nobody to send to after exclusions';

export async function materialise(strapi: Core.Strapi, message: MessageRow, event: EventRow, onCampaign: (id: number, documentId: string) => Promise<void>) {
  const db = strapi.db.connection;
  const input = inputOf(message);
  const ids = await recipientIds(db, getService(strapi, 'segments').engine(), event.key, input, event.card_system_key);
  if (ids.length === 0) return { campaignId: null, documentId: null, count: 0 } satisfies Materialised;
  const uids = await uidsOf(db, ids);
  const campaigns = getService(strapi, 'campaigns');
  const created = (await campaigns.create(
    {
      name: `${event.name} — ${message.name}`.slice(0, 255),
      segment: null,
      channel: input.channel,
      ...(input.channel === 'sms' ? { smsTemplate: input.template } : { template: input.template }),
      cardSystem: event.card_system_key,
    },
    null,
    message.owner ?? undefined,
  )) as { id: number; documentId: string };
  await strapi.db.query(CAMPAIGN_UID).update({
    where: { id: created.id },
    data: { consentRule: 'message', language: input.language, customText: input.customText, messageValues: messageValuesOf(event, input) },
  });
  await onCampaign(created.id, created.documentId);
  const audiences = getService(strapi, 'mailingAudiences');
  await audiences.setSteps(created.documentId, { steps: [{ mode: 'add', uids }] }, null);
  await audiences.generate(created.documentId, null);
  try {
    const started = (await campaigns.start(created.documentId, null)) as { total?: number | null };
    return { campaignId: created.id, documentId: created.documentId, count: Number(started.total ?? 0) } satisfies Materialised;
  } catch (error) {
    if (!(error instanceof errors.ValidationError && error.message === NOBODY)) throw error;
    await campaigns.cancel(created.documentId);
    return { campaignId: created.id, documentId: created.documentId, count: 0 } satisfies Materialised;
  }
}
