/**
 * SMPP delivery receipts (SMPP 3.4 appendix B): the text of a deliver_sm with esm_class 0x04,
 * `id:IIII sub:001 dlvrd:001 submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DELIVRD err:000 text:...`.
 * The TLVs receipted_message_id and message_state, when present, take precedence over the text.
 */
import type { DeliveryReceipt } from './provider';

/** message_state TLV values (SMPP 3.4 5.2.28) by their receipt `stat:` name. */
const STATES: Record<number, string> = { 1: 'ENROUTE', 2: 'DELIVRD', 3: 'EXPIRED', 4: 'DELETED', 5: 'UNDELIV', 6: 'ACCEPTD', 7: 'UNKNOWN', 8: 'REJECTD' };
/** Final states that are no delivery. ENROUTE and ACCEPTD are not final: no receipt for them. */
const FAILED = new Set(['EXPIRED', 'DELETED', 'UNDELIV', 'UNKNOWN', 'REJECTD']);

/** The receipt's fields, `submit date` and `done date` included (keys lower case). */
export function receiptFields(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  const pattern = /(id|sub|dlvrd|submit date|done date|stat|err|text):\s*(.*?)(?=\s+(?:id|sub|dlvrd|submit date|done date|stat|err|text):|$)/gis;
  for (const match of text.matchAll(pattern)) fields[match[1].toLowerCase()] = match[2].trim();
  return fields;
}

/**
 * The receipt in `text` (with the TLVs' values when given), or null when it is not final or names
 * no message. `at` is when it arrived: the done date's time zone is the gateway's own.
 */
export function parseReceipt(text: string, tlv: { messageId?: unknown; state?: unknown } = {}, at = new Date()): DeliveryReceipt | null {
  const fields = receiptFields(text);
  const messageId = typeof tlv.messageId === 'string' && tlv.messageId ? tlv.messageId : fields.id;
  const stat = (typeof tlv.state === 'number' ? STATES[tlv.state] : undefined) ?? fields.stat?.toUpperCase();
  if (!messageId || !stat) return null;
  if (stat === 'DELIVRD') return { messageId, status: 'delivered', at };
  if (!FAILED.has(stat)) return null;
  const err = fields.err && !/^0+$/.test(fields.err) ? ` err:${fields.err}` : '';
  return { messageId, status: 'failed', error: `${stat}${err}`, at };
}
