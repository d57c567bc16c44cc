/**
 * What the tool does with what the SMS gateway reports (issue 20): a delivery receipt marks the part
 * (and, once all parts are known, the SMS) delivered or failed; an inbound STOP (`STOP`, `stop`,
 * `Stop`, `STOP ALL`, ...) withdraws SMS from that number for all later mailings and is written to
 * the audit log. Listening starts with the worker; an SMPP gateway is bound at once, so replies
 * arrive also when nothing is being sent.
 */
import type { Core } from '@strapi/strapi';
import { isStop } from '../../../shared/sms';
import { normaliseMobile } from '../../../shared/phone';
import { pluginConfig } from '../config';
import { recordReceipt, stopNumber } from '../campaigns/sms-queries';
import { getService } from '../services';
import type { DeliveryReceipt, InboundSms } from './provider';

export function listenToSms(strapi: Core.Strapi): void {
  const sms = getService(strapi, 'sms');
  if (!sms.enabled()) return;
  const log = (what: string) => (error: Error) => strapi.log.error(`[segmentation] SMS ${what}: ${error.message}`);
  sms.onReceipt((receipt: DeliveryReceipt) => {
    recordReceipt(strapi.db.connection, receipt.messageId, receipt.status, receipt.at.getTime()).catch(log('receipt'));
  });
  sms.onInbound((message: InboundSms) => {
    inbound(strapi, message).catch(log('reply'));
  });
  sms.open().catch(log('gateway'));
}

/** A reply: STOP withdraws SMS from the number; anything else is only logged. */
export async function inbound(strapi: Core.Strapi, message: InboundSms): Promise<void> {
  const phone = normaliseMobile(message.from, pluginConfig(strapi).sms.defaultRegion) ?? message.from;
  if (!isStop(message.text)) {
    strapi.log.info(`[segmentation] SMS reply from ${phone} (not STOP), not acted on`);
    return;
  }
  const { campaignId, isNew } = await stopNumber(strapi.db.connection, phone, message.at.getTime());
  if (!isNew) return;
  await getService(strapi, 'audit').record(
    { action: 'sms.stop', subject: { type: 'phone', id: phone, label: phone }, rows: 1, details: { campaign: campaignId, text: message.text.slice(0, 160) } },
    { type: 'system', id: null, label: 'SMS gateway' },
  );
}
