/**
 * The SMS benchmark's SMPP gateway, in its own process (started with child_process.fork): the
 * `smpp` package's server, binding any transceiver (any password) and answering every submit_sm at
 * once (or SMPP_SINK_LATENCY_MS later) with a message id; no delivery receipts. It counts submit_sm per destination number and keeps
 * an order-independent digest of what was sent (XOR of sha1(destination + "\n" + text)), so the
 * bench can check that every number got exactly one SMS and that tool and baseline sent the same
 * texts. The parent asks over IPC: 'count' -> { count, distinct, repeated, digest, sessions },
 * 'numbers' -> { numbers } (the distinct destinations, sorted), 'reset' -> zeroes them,
 * 'stop' -> exits.
 */
const { createHash } = require('crypto');
const smpp = require('smpp');

/** SMPP_SINK_LATENCY_MS: answer each submit_sm this long after it came, as a real gateway does (default: at once). */
const LATENCY_MS = Number(process.env.SMPP_SINK_LATENCY_MS || 0);

let count = 0;
let perNumber = new Map();
let digest = Buffer.alloc(20);
let sessions = 0;
let nextId = 1;

function record(pdu) {
  count += 1;
  const to = String(pdu.destination_addr);
  perNumber.set(to, (perNumber.get(to) || 0) + 1);
  const sm = pdu.short_message;
  const text = sm && typeof sm === 'object' && 'message' in sm ? String(sm.message) : String(sm);
  const h = createHash('sha1').update(`${to}\n${text}`).digest();
  for (let i = 0; i < 20; i++) digest[i] ^= h[i];
}

const server = smpp.createServer((session) => {
  sessions += 1;
  session.on('error', () => undefined);
  const bind = (pdu) => session.send(pdu.response({ system_id: 'bench-sink' }));
  session.on('bind_transceiver', bind);
  session.on('bind_transmitter', bind);
  session.on('enquire_link', (pdu) => session.send(pdu.response()));
  session.on('unbind', (pdu) => session.send(pdu.response(), () => session.close()));
  session.on('submit_sm', (pdu) => {
    record(pdu);
    const answer = () => session.send(pdu.response({ message_id: (nextId++).toString(16) }));
    if (LATENCY_MS > 0) setTimeout(answer, LATENCY_MS);
    else answer();
  });
});

server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('message', (message) => {
  if (message === 'count') {
    let repeated = 0;
    for (const n of perNumber.values()) if (n > 1) repeated += 1;
    process.send({ count, distinct: perNumber.size, repeated, digest: digest.toString('hex'), sessions });
  } else if (message === 'numbers') process.send({ numbers: [...perNumber.keys()].sort() });
  else if (message === 'reset') {
    count = 0;
    perNumber = new Map();
    digest = Buffer.alloc(20);
    process.send({ reset: true });
  } else if (message === 'stop') {
    for (const session of [...server.sessions]) session.destroy();
    server.close(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));
