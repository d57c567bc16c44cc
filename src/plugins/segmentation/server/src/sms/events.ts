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

/** What is being written of receipts and replies now (a callback route waits for it before it answers). */
const pending = new Set<Promise<void>>();

export async function smsEventsWritten(): Promise<void> {
  while (pending.size) await Promise.all([...pending]);
}

/**
 * Acts on what the gateway reports. `bind`: connect to an SMPP gateway now (the instances that send;
 * an HTTP gateway calls back whichever instance its callback URL reaches).
 */
export function listenToSms(strapi: Core.Strapi, bind: boolean): void {
  const sms = getService(strapi, 'sms');
  if (!sms.enabled()) return;
  const log = (what: string) => (error: Error) => {
    strapi.log.error(`[segmentation] SMS ${what}: ${error.message}`);
  };
  const track = (work: Promise<void>, what: string) => {
    const done = work.catch(log(what)).finally(() => pending.delete(done));
    pending.add(done);
  };
  sms.onReceipt((receipt: DeliveryReceipt) => track(recordReceipt(strapi.db.connection, receipt.messageId, receipt.status, receipt.at.getTime()), 'receipt'));
  sms.onInbound((message: InboundSms) => track(inbound(strapi, message), 'reply'));
  if (bind) sms.open().catch(log('gateway'));
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
