/**
 * SMS through an SMPP 3.4 gateway (the `smpp` package): one transceiver bind that submits and
 * receives receipts and inbound SMS; a window of unanswered submit_sm; enquire_link keep-alive;
 * when the connection drops, reconnects with exponential back-off (sends meanwhile wait for it).
 */
import * as smpp from 'smpp';
import type { PDU, Session } from 'smpp';
import { SmsError, SmsEvents, type SmsMessage, type SmsProvider, type SmsSent } from '../provider';
import { Window } from '../limits';
import { parseReceipt } from '../receipt';
import { Reassembler, findConcat } from '../udh';
import { addressOf, bindHint, destination, encodeParts, isReceiptEsm, isTemporaryStatus, messageOf, source, statusName } from './smpp-codec';

export interface SmppOptions {
  host: string;
  port: number;
  systemId: string;
  password: string;
  /** Unanswered submit_sm at most (default 10). */
  window?: number;
  /** enquire_link interval (ms, default 30 s). */
  enquireLinkMs?: number;
  /** How long a bind, submit_sm or enquire_link waits for its answer (ms, default 30 s). */
  responseTimeoutMs?: number;
  /** First reconnect delay (ms, default 1 s), doubled per failed attempt up to `reconnectMaxMs` (default 60 s). */
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
  /** How long a send waits for a lost connection to come back (ms, default 30 s). */
  connectWaitMs?: number;
}

const timeout = <T>(promise: Promise<T>, ms: number, error: () => Error): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(error()), ms)));
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
};

export class SmppProvider extends SmsEvents implements SmsProvider {
  private readonly opts: Required<SmppOptions>;
  private readonly window: Window;
  private session: Session | null = null;
  private connecting: Promise<Session> | null = null;
  private everBound = false;
  private closed = false;
  private lastError: Error | null = null;
  /** Rejects of requests waiting for an answer, per session (a dropped session fails them). */
  private readonly pending = new Map<Session, Set<(error: Error) => void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inboundParts = new Reassembler();
  private ref = Math.floor(Math.random() * 256);
  /** Rejects once the provider is closed: sends waiting for a connection stop waiting. */
  private readonly whenClosed: Promise<never>;
  private signalClosed: (error: Error) => void = () => undefined;

  constructor(options: SmppOptions) {
    super();
    this.opts = {
      window: 10,
      enquireLinkMs: 30_000,
      responseTimeoutMs: 30_000,
      reconnectBaseMs: 1_000,
      reconnectMaxMs: 60_000,
      connectWaitMs: 30_000,
      ...options,
    };
    this.window = new Window(this.opts.window);
    this.whenClosed = new Promise<never>((_resolve, reject) => (this.signalClosed = reject));
    this.whenClosed.catch(() => undefined);
  }

  private get where(): string {
    return `${this.opts.host}:${this.opts.port}`;
  }

  /** Binds now (and keeps reconnecting), so receipts and replies arrive before the first send. */
  async open(): Promise<void> {
    await this.bound();
  }

  async send(msg: SmsMessage): Promise<SmsSent> {
    if (!msg.text) throw new SmsError('The SMS has no text', true, 'EMPTY');
    this.ref = (this.ref + 1) % 256;
    const parts = encodeParts(msg.text, this.ref);
    const common = { ...source(msg.from), ...destination(msg.to), registered_delivery: 1 };
    const messageIds = await Promise.all(parts.map((part) => this.window.run(() => this.submit({ ...common, ...part }))));
    return { messageIds };
  }

  private async submit(params: Record<string, unknown>): Promise<string> {
    const session = await this.bound();
    const resp = await this.request(session, 'submit_sm', params);
    if (resp.command_status === 0) return String(resp.message_id ?? '');
    const name = statusName(resp.command_status);
    throw new SmsError(`SMPP gateway ${this.where} refused the SMS: ${name}`, !isTemporaryStatus(name), name);
  }

  /** Sends a request PDU on `session`; resolves with its answer, whatever its status. */
  private request(session: Session, command: 'submit_sm' | 'enquire_link' | 'unbind', params: Record<string, unknown> = {}): Promise<PDU> {
    return new Promise<PDU>((resolve, reject) => {
      const waiting = this.pending.get(session) ?? new Set();
      this.pending.set(session, waiting);
      const done = () => {
        clearTimeout(timer);
        waiting.delete(fail);
      };
      const fail = (error: Error) => {
        done();
        reject(error);
      };
      const timer = setTimeout(
        () => fail(new SmsError(`SMPP gateway ${this.where} did not answer ${command} in time`, false, 'TIMEOUT')),
        this.opts.responseTimeoutMs,
      );
      waiting.add(fail);
      const pdu = new smpp.PDU(command, params);
      const written = session.send(pdu, (resp) => {
        done();
        resolve(resp);
      });
      if (!written) fail(new SmsError(`SMPP connection to ${this.where} is closed`, false, 'CONNECTION_LOST'));
    });
  }

  /** The bound session: the current one, or one being (re)connected. */
  private async bound(): Promise<Session> {
    if (this.closed) throw new SmsError('The SMPP provider is closed', false, 'CLOSED');
    if (this.session) return this.session;
    if (!this.connecting) this.connecting = this.connectOnce().finally(() => (this.connecting = null));
    const unreachable = () =>
      new SmsError(`SMPP gateway ${this.where} unreachable${this.lastError ? `: ${this.lastError.message}` : ''}`, false, 'UNREACHABLE');
    return timeout(Promise.race([this.connecting, this.whenClosed]), this.opts.connectWaitMs, unreachable);
  }

  /** Connects and binds as transceiver, once. */
  private connectOnce(): Promise<Session> {
    return new Promise<Session>((resolve, reject) => {
      const session = smpp.connect({ host: this.opts.host, port: this.opts.port });
      let settled = false;
      const fail = (error: SmsError) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.lastError = error;
        session.destroy();
        reject(error);
      };
      const timer = setTimeout(
        () => fail(new SmsError(`SMPP gateway ${this.where} did not answer the bind in time`, false, 'TIMEOUT')),
        this.opts.responseTimeoutMs,
      );
      session.on('error', (error: NodeJS.ErrnoException) => fail(new SmsError(`SMPP connection to ${this.where} failed: ${error.message}`, false, error.code)));
      session.on('close', () => fail(new SmsError(`SMPP connection to ${this.where} closed before the bind`, false, 'CONNECTION_LOST')));
      session.on('connect', () => {
        session.bind_transceiver({ system_id: this.opts.systemId, password: this.opts.password, interface_version: 0x34 }, (resp) => {
          if (resp.command_status !== 0) {
            const name = statusName(resp.command_status);
            // Not the message's fault: temporary, so that sends go through once the setting is fixed.
            return fail(new SmsError(`SMPP bind to ${this.where} as "${this.opts.systemId}" refused (${name}): ${bindHint(name)}`, false, name));
          }
          if (settled || this.closed) return session.destroy();
          settled = true;
          clearTimeout(timer);
          this.attach(session);
          resolve(session);
        });
      });
    });
  }

  /** Serves a bound session: answers the gateway's requests, keeps it alive, reconnects when it drops. */
  private attach(session: Session): void {
    this.session = session;
    this.everBound = true;
    this.lastError = null;
    session.on('deliver_sm', (pdu: PDU) => this.delivered(session, pdu));
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => session.send(pdu.response(), () => session.close()));
    const keepAlive = setInterval(() => {
      this.request(session, 'enquire_link').catch(() => session.destroy());
    }, this.opts.enquireLinkMs);
    session.on('close', () => {
      clearInterval(keepAlive);
      if (this.session === session) this.session = null;
      const lost = new SmsError(`SMPP connection to ${this.where} lost`, false, 'CONNECTION_LOST');
      for (const fail of [...(this.pending.get(session) ?? [])]) fail(lost);
      this.pending.delete(session);
      if (!this.closed) this.reconnect(0);
    });
  }

  /** Reconnects after a drop, waiting `reconnectBaseMs * 2^attempt` (at most `reconnectMaxMs`) first. */
  private reconnect(attempt: number): void {
    const delay = Math.min(this.opts.reconnectBaseMs * 2 ** attempt, this.opts.reconnectMaxMs);
    let wake: () => void = () => undefined;
    const waited = new Promise<void>((resolve) => (wake = resolve));
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      wake();
    }, delay);
    this.timers.add(timer);
    // Sends in the meantime wait for this attempt (bound() finds it in `connecting`).
    const attemptDone = waited.then(() => {
      if (this.closed) throw new SmsError('The SMPP provider is closed', false, 'CLOSED');
      return this.connectOnce();
    });
    this.connecting = attemptDone;
    attemptDone.then(
      () => {
        if (this.connecting === attemptDone) this.connecting = null;
      },
      () => {
        if (this.connecting === attemptDone) this.connecting = null;
        if (!this.closed && !this.session) this.reconnect(attempt + 1);
      },
    );
  }

  /** A deliver_sm: a delivery receipt, or an inbound SMS (concatenated ones once complete). Always answered. */
  private delivered(session: Session, pdu: PDU): void {
    session.send(pdu.response());
    const { text, udh } = messageOf(pdu);
    if (isReceiptEsm(pdu.esm_class)) {
      const receipt = parseReceipt(text, { messageId: pdu.receipted_message_id, state: pdu.message_state });
      if (receipt) this.receipt(receipt);
      return;
    }
    const from = addressOf(pdu.source_addr, pdu.source_addr_ton);
    const to = addressOf(pdu.destination_addr, pdu.dest_addr_ton);
    const concat = findConcat(udh);
    const whole = concat ? this.inboundParts.add(`${from}|${to}`, concat, text) : text;
    if (whole !== null) this.inbound({ from, to, text: whole, at: new Date() });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.signalClosed(new SmsError('The SMPP provider is closed', false, 'CLOSED'));
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const session = this.session;
    this.session = null;
    if (session) {
      await timeout(this.request(session, 'unbind'), 2_000, () => new Error('unbind')).catch(() => undefined);
      if (!session.socket.destroyed) await new Promise<void>((resolve) => session.destroy(resolve));
    }
    this.clear();
  }

  /** Whether a bind has succeeded since the provider was made (for health reports). */
  get connected(): boolean {
    return this.everBound && this.session !== null;
  }
}
