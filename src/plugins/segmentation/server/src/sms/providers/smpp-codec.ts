/** What the SMPP provider puts in and reads from PDUs: addresses, encoded parts, status names and their classification. */
import * as smpp from 'smpp';
import type { PDU } from 'smpp';
import { splitSms, smsEncoding } from '../../../../shared/sms';
import { concatUdh } from '../udh';

const TON = { unknown: 0, international: 1, alphanumeric: 5 } as const;
const NPI = { unknown: 0, isdn: 1 } as const;
/** esm_class bit: short_message starts with a UDH. */
export const UDHI = 0x40;
/** esm_class message type of an SMSC delivery receipt. */
export const isReceiptEsm = (esmClass: unknown): boolean => (Number(esmClass) & 0x3c) === 0x04;

/** destination_addr of an E.164 number. */
export const destination = (to: string) => ({ destination_addr: to.replace(/^\+/, ''), dest_addr_ton: TON.international, dest_addr_npi: NPI.isdn });

/** source_addr of a sender id: a number (international) or up to 11 letters and digits (alphanumeric). */
export function source(from: string) {
  if (/^\+?\d{3,15}$/.test(from)) return { source_addr: from.replace(/^\+/, ''), source_addr_ton: TON.international, source_addr_npi: NPI.isdn };
  return { source_addr: from, source_addr_ton: TON.alphanumeric, source_addr_npi: NPI.unknown };
}

/** An address from a PDU, with + when it is international. */
export const addressOf = (addr: unknown, ton: unknown): string => {
  const text = String(addr ?? '');
  return Number(ton) === TON.international && /^\d+$/.test(text) ? `+${text}` : text;
};

/**
 * The submit_sm parameters of each part of `text`: GSM-7 (data_coding 0, one septet per octet, with
 * the package's GSM 03.38 encoder) or UCS-2 (data_coding 8, UTF-16 big endian); several parts carry
 * a concatenation UDH with reference `ref`.
 */
export function encodeParts(text: string, ref: number): Array<Record<string, unknown>> {
  const encoding = smsEncoding(text);
  const parts = splitSms(text, encoding);
  return parts.map((part, i) => {
    const payload = encoding === 'GSM-7' ? smpp.gsmCoder.encode(part, 0) : Buffer.from(part, 'utf16le').swap16();
    const multi = parts.length > 1;
    return {
      data_coding: encoding === 'GSM-7' ? 0 : 8,
      esm_class: multi ? UDHI : 0,
      short_message: multi ? Buffer.concat([concatUdh(ref, parts.length, i + 1), payload]) : payload,
    };
  });
}

/** The text and UDH elements of a deliver_sm (short_message or message_payload, as the package decoded them). */
export function messageOf(pdu: PDU): { text: string; udh?: Buffer[] } {
  const decoded = (pdu.message_payload ?? pdu.short_message) as { message?: unknown; udh?: Buffer[] } | string | Buffer | undefined;
  if (decoded === undefined || decoded === null) return { text: '' };
  if (typeof decoded === 'string') return { text: decoded };
  if (Buffer.isBuffer(decoded)) return { text: decoded.toString('latin1') };
  const message = decoded.message;
  return { text: Buffer.isBuffer(message) ? message.toString('latin1') : String(message ?? ''), udh: decoded.udh };
}

const statusNames = new Map(Object.entries(smpp.errors).map(([name, code]) => [code, name]));
export const statusName = (status: number): string => statusNames.get(status) ?? `0x${status.toString(16).padStart(8, '0')}`;

/** Statuses after which the same submit may succeed later; any other refusal is final for the message. */
const TEMPORARY = new Set(['ESME_RTHROTTLED', 'ESME_RMSGQFUL', 'ESME_RSYSERR', 'ESME_RX_T_APPN', 'ESME_RINVBNDSTS', 'ESME_RUNKNOWNERR', 'ESME_RSUBMITFAIL']);
export const isTemporaryStatus = (name: string): boolean => TEMPORARY.has(name) || !name.startsWith('ESME_');

const BIND_HINTS: Record<string, string> = {
  ESME_RINVPASWD: 'the password is wrong (segmentation.sms.smpp.password, SMPP_PASSWORD)',
  ESME_RINVSYSID: 'the system id is unknown (segmentation.sms.smpp.systemId, SMPP_SYSTEM_ID)',
  ESME_RBINDFAIL: 'the gateway refused the bind',
  ESME_RALYBND: 'already bound',
};
export const bindHint = (name: string): string => BIND_HINTS[name] ?? 'the gateway refused the bind';
