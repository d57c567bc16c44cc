/** A real SMTP server on a free loopback port (smtp-server), keeping every mail it receives, parsed. */
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface Received {
  envelopeTo: string[];
  /** The envelope sender (MAIL FROM): where bounces go. */
  envelopeFrom: string;
  mail: ParsedMail;
}

export interface TestSmtp {
  port: number;
  received: Received[];
  /** Messages whose data arrived and whose answer is not given yet. */
  holding: number;
  /** Client connections open now. */
  connections: number;
  /** Waits until at least `n` mails arrived (or fails after `ms`). */
  waitFor(n: number, ms?: number): Promise<Received[]>;
  close(): Promise<void>;
}

/** Decides per recipient address (and how often it was tried): null accepts, else an SMTP error. */
export type RcptRule = (address: string, attempt: number) => { code: number; message: string } | null;

export interface SmtpOptions {
  rcpt?: RcptRule;
  /** Waits this long before answering 250 to a message (a slow server). */
  replyDelayMs?: number;
  /** Called with each message before it is answered (e.g. to kill the sender at that moment). */
  beforeReply?: (mail: Received, accepted: number) => void | Promise<void>;
}

/**
 * Like a real MTA, a message counts as received only once the 250 reply is given: when the client
 * is gone before that (killed while waiting), the message is dropped (RFC 5321 4.1.1.4).
 */
export async function startSmtp(opts: SmtpOptions = {}): Promise<TestSmtp> {
  const received: Received[] = [];
  const tries = new Map<string, number>();
  const closed = new Set<string>();
  const server = new SMTPServer({
    onRcptTo(address, _session, callback) {
      const attempt = (tries.get(address.address) ?? 0) + 1;
      tries.set(address.address, attempt);
      const refusal = opts.rcpt?.(address.address, attempt);
      if (!refusal) return callback();
      callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
    },
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      api.connections++;
      callback();
    },
    onClose(session) {
      closed.add(session.id);
      api.connections--;
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          const from = session.envelope.mailFrom;
          const item = { envelopeTo: session.envelope.rcptTo.map((r) => r.address), envelopeFrom: from ? from.address : '', mail };
          api.holding++;
          try {
            await opts.beforeReply?.(item, received.length);
            if (opts.replyDelayMs) await new Promise((r) => setTimeout(r, opts.replyDelayMs));
          } finally {
            api.holding--;
          }
          if (closed.has(session.id)) return callback(new Error('client gone'));
          received.push(item);
          callback();
        })
        .catch(callback);
    },
  });
  // A client killed mid-message (the crash tests SIGKILL a worker) resets its socket: smtp-server
  // reports that as an 'error' event, which would otherwise end the test process.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  const api: TestSmtp = {
    port,
    received,
    holding: 0,
    connections: 0,
    async waitFor(n, ms = 10_000) {
      const until = Date.now() + ms;
      while (received.length < n) {
        if (Date.now() > until) throw new Error(`expected ${n} mails, got ${received.length}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return api;
}
