/**
 * A real SMPP server on a free loopback port (the `smpp` package's own server), playing the gateway:
 * binds transceivers with a password, records every submit_sm (concatenated parts put together by
 * their UDH reference), answers with message ids, and sends delivery receipts and inbound SMS.
 */
import * as smpp from 'smpp';
import type { AddressInfo } from 'net';
import type { DecodedMessage, PDU, Session } from 'smpp';

export interface SmppReceived {
  from: string;
  to: string;
  text: string;
  encoding: 'GSM-7' | 'UCS-2';
  parts: number;
  messageIds: string[];
  registeredDelivery: number;
}

export interface SmppServerOptions {
  systemId?: string;
  password?: string;
}

/** Resolves once `check` holds; fails naming `what` after `ms`. */
export async function until(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`still waiting after ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const RECEIPT_STAT = { delivered: 'DELIVRD', failed: 'UNDELIV' } as const;

export async function startSmpp(opts: SmppServerOptions = {}) {
  const password = opts.password ?? 'secret';
  const received: SmppReceived[] = [];
  const partial = new Map<string, { ids: string[]; texts: string[] }>();
  const held: Array<() => void> = [];
  const bound: Session[] = [];
  let nextId = 0x1000;

  const state = {
    /** submit_sm PDUs received (parts, throttled ones included). */
    submits: 0,
    inFlight: 0,
    maxInFlight: 0,
    enquireLinks: 0,
    binds: 0,
    refusedBinds: 0,
    /** Refuse the next this many binds (ESME_RBINDFAIL) whatever the password. */
    refuseBinds: 0,
    /** When each bind arrived (ms since the epoch). */
    bindTimes: [] as number[],
    /** Answer the next this many submit_sm with ESME_RTHROTTLED. */
    throttle: 0,
    /** Keep submit_sm answers back until `releaseHeld()`. */
    hold: false,
  };

  const record = (pdu: PDU, id: string) => {
    const sm = pdu.short_message as DecodedMessage;
    const text = String(sm.message);
    const encoding = pdu.data_coding === 8 ? 'UCS-2' : 'GSM-7';
    const base = { from: String(pdu.source_addr), to: String(pdu.destination_addr), encoding, registeredDelivery: Number(pdu.registered_delivery) } as const;
    // The concatenation element: IEI 0x00, length 3, reference, total, sequence number.
    const concat = (sm.udh ?? []).find((e) => e[0] === 0x00 && e[1] === 3);
    if (!concat) return void received.push({ ...base, text, parts: 1, messageIds: [id] });
    const [ref, total, seq] = [concat[2], concat[3], concat[4]];
    const key = `${base.from}|${base.to}|${ref}`;
    const entry = partial.get(key) ?? { ids: [], texts: [] };
    entry.ids[seq - 1] = id;
    entry.texts[seq - 1] = text;
    partial.set(key, entry);
    if (entry.texts.filter((t) => t !== undefined).length < total) return;
    partial.delete(key);
    received.push({ ...base, text: entry.texts.join(''), parts: total, messageIds: entry.ids });
  };

  const server = smpp.createServer((session: Session) => {
    session.on('error', () => undefined);
    session.on('close', () => bound.includes(session) && bound.splice(bound.indexOf(session), 1));
    session.on('bind_transceiver', (pdu: PDU) => {
      state.bindTimes.push(Date.now());
      if (state.refuseBinds > 0) {
        state.refuseBinds--;
        state.refusedBinds++;
        session.send(pdu.response({ command_status: smpp.errors.ESME_RBINDFAIL }));
        return;
      }
      if (pdu.password !== password || (opts.systemId && pdu.system_id !== opts.systemId)) {
        state.refusedBinds++;
        session.send(pdu.response({ command_status: smpp.errors.ESME_RINVPASWD }));
        return;
      }
      state.binds++;
      bound.push(session);
      session.send(pdu.response({ system_id: 'test-smsc' }));
    });
    session.on('enquire_link', (pdu: PDU) => {
      state.enquireLinks++;
      session.send(pdu.response());
    });
    session.on('unbind', (pdu: PDU) => session.send(pdu.response(), () => session.close()));
    session.on('submit_sm', (pdu: PDU) => {
      state.submits++;
      if (state.throttle > 0) {
        state.throttle--;
        session.send(pdu.response({ command_status: smpp.errors.ESME_RTHROTTLED }));
        return;
      }
      state.inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      const answer = () => {
        const id = (nextId++).toString(16);
        record(pdu, id);
        state.inFlight--;
        session.send(pdu.response({ message_id: id }));
      };
      if (state.hold) held.push(answer);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  /** Sends a deliver_sm on the newest bound session; resolves with the client's deliver_sm_resp. */
  const deliver = (params: Record<string, unknown>): Promise<PDU> => {
    const session = bound[bound.length - 1];
    if (!session) throw new Error('no bound SMPP session');
    return new Promise((resolve) => session.deliver_sm(params, resolve));
  };

  return {
    port,
    received,
    state,
    /** Client sessions bound now. */
    get sessions() {
      return bound.length;
    },
    /** Answers the submit_sm held back so far. */
    releaseHeld() {
      held.splice(0).forEach((answer) => answer());
    },
    get held() {
      return held.length;
    },
    waitFor: async (n: number, ms = 5_000) => {
      await until(() => received.length >= n, `${n} SMS at the SMPP server (have ${received.length})`, ms);
      return received;
    },
    /** A delivery receipt for `messageId` in the standard text form (SMPP 3.4 appendix B). */
    receipt: (messageId: string, status: 'delivered' | 'failed', to = '32475123456') =>
      deliver({
        source_addr: to,
        source_addr_ton: 1,
        destination_addr: 'UiTPAS',
        esm_class: 0x04,
        data_coding: 0,
        short_message: `id:${messageId} sub:001 dlvrd:${status === 'delivered' ? '001' : '000'} submit date:2612071200 done date:2612071201 stat:${RECEIPT_STAT[status]} err:${status === 'delivered' ? '000' : '001'} text:Hallo`,
      }),
    /** An SMS from a phone (`from` without +, international). */
    inbound: (from: string, text: string, to = '8850') =>
      deliver({
        source_addr: from,
        source_addr_ton: 1,
        destination_addr: to,
        esm_class: 0,
        data_coding: /^[\x20-\x7e]*$/.test(text) ? 0 : 8,
        short_message: text,
      }),
    /** A concatenated SMS from a phone, its parts (UDH, 8-bit reference `ref`) sent last first. */
    inboundParts: async (from: string, texts: string[], ref = 42, to = '8850') => {
      for (let i = texts.length - 1; i >= 0; i--) {
        const udh = Buffer.from([0x05, 0x00, 0x03, ref, texts.length, i + 1]);
        await deliver({
          source_addr: from,
          source_addr_ton: 1,
          destination_addr: to,
          esm_class: 0x40,
          data_coding: 8,
          short_message: { udh, message: texts[i] },
        });
      }
    },
    /** Cuts every client connection (as a gateway restart would). */
    dropSessions() {
      for (const session of [...server.sessions]) session.destroy();
    },
    async close() {
      for (const session of [...server.sessions]) session.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type TestSmpp = Awaited<ReturnType<typeof startSmpp>>;

/** The tool's settings for sending SMS through `smpp` (bound as uitpas/geheim, sender UiTPAS, the opt-out line with 8850). */
export const smppEnv = (smpp: TestSmpp): Record<string, string> => ({
  SMS_PROVIDER: 'smpp',
  SMPP_HOST: '127.0.0.1',
  SMPP_PORT: String(smpp.port),
  SMPP_SYSTEM_ID: 'uitpas',
  SMPP_PASSWORD: 'geheim',
  SMS_FROM: 'UiTPAS',
  SMS_OPT_OUT: 'STOP? Sms STOP naar 8850',
});
