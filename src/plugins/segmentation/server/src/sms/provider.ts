/**
 * The SMS provider boundary (issue 20), in the spirit of Strapi's email plugin: the `sms` service
 * (service.ts) sends through the provider chosen in the plugin's config, SMPP (providers/smpp.ts) or
 * an HTTP gateway (providers/http.ts). A provider reports delivery receipts and inbound SMS to the
 * listeners given to `onReceipt` and `onInbound`.
 */
import { EventEmitter } from 'events';

export interface SmsMessage {
  /** E.164, e.g. +32475123456. */
  to: string;
  /** Sender id: up to 11 letters and digits, or a number. */
  from: string;
  text: string;
  /** Our id for the message (e.g. the delivery's id). */
  reference: string;
}

export interface SmsSent {
  /** The gateway's id of each part, in order. */
  messageIds: string[];
}

export interface DeliveryReceipt {
  messageId: string;
  status: 'delivered' | 'failed';
  error?: string;
  at: Date;
}

export interface InboundSms {
  from: string;
  to: string;
  text: string;
  at: Date;
}

export type Unsubscribe = () => void;

export interface SmsProvider {
  /** Resolves once the gateway accepted every part; rejects with an SmsError. */
  send(msg: SmsMessage): Promise<SmsSent>;
  onReceipt(cb: (receipt: DeliveryReceipt) => void): Unsubscribe;
  onInbound(cb: (sms: InboundSms) => void): Unsubscribe;
  /** Connects ahead of the first send, so receipts and replies arrive (a no-op for gateways that call back). */
  open?(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A failed send. `permanent`: the message itself is refused (bad number, bad text) and sending it
 * again fails again, like an SMTP 5xx; otherwise it may go through later (throttled, gateway down,
 * connection lost), like a 4xx. `code` names the cause (an SMPP status name, an HTTP status, ...).
 */
export class SmsError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'SmsError';
  }
}

/** Whether an error from `send` is final for the message (the worker's `isPermanent` for SMS). */
export const isPermanentSmsError = (error: unknown): boolean => error instanceof SmsError && error.permanent;

/** Receipt and inbound listeners, shared by the providers. */
export class SmsEvents {
  private readonly emitter = new EventEmitter();

  onReceipt(cb: (receipt: DeliveryReceipt) => void): Unsubscribe {
    this.emitter.on('receipt', cb);
    return () => this.emitter.off('receipt', cb);
  }

  onInbound(cb: (sms: InboundSms) => void): Unsubscribe {
    this.emitter.on('inbound', cb);
    return () => this.emitter.off('inbound', cb);
  }

  receipt(receipt: DeliveryReceipt): void {
    this.emitter.emit('receipt', receipt);
  }

  inbound(sms: InboundSms): void {
    this.emitter.emit('inbound', sms);
  }

  clear(): void {
    this.emitter.removeAllListeners();
  }
}
