#!/usr/bin/env node
/**
 * The demo's SMS gateway (`npm run demo` starts it, as it starts maildev for mail): an SMPP server
 * on 127.0.0.1:2775 (SMPP_PORT) that accepts any bind, keeps every SMS in memory (concatenated
 * parts put together by their UDH reference) and sends a DELIVRD receipt a moment after each part;
 * and a web page on http://localhost:1081 (SMS_INBOX_PORT) listing them, newest first, with a form
 * to send an SMS from a phone to the tool (e.g. STOP).
 */
const http = require('http');
const smpp = require('smpp');

const smppPort = Number(process.env.SMPP_PORT || 2775);
const webPort = Number(process.env.SMS_INBOX_PORT || 1081);
const RECEIPT_DELAY_MS = 1500;
/** The page keeps the newest this many. */
const KEEP = 1000;

/** Received SMS, newest first: { to, from, text, encoding, parts, at }; and inbound ones sent from the page. */
const messages = [];
const partial = new Map();
const sessions = new Set();
let nextId = 1;

const stamp = (date) => date.toISOString().slice(2, 16).replace(/[-T:]/g, '');

function receipt(session, pdu, id) {
  const now = new Date();
  const text = `id:${id} sub:001 dlvrd:001 submit date:${stamp(now)} done date:${stamp(now)} stat:DELIVRD err:000 text:`;
  const params = { source_addr: pdu.destination_addr, source_addr_ton: pdu.dest_addr_ton, destination_addr: pdu.source_addr, esm_class: 0x04, data_coding: 0 };
  setTimeout(() => session.deliver_sm({ ...params, short_message: text, receipted_message_id: id, message_state: 2 }), RECEIPT_DELAY_MS);
}

function add(message) {
  messages.unshift(message);
  messages.length = Math.min(messages.length, KEEP);
}

function store(pdu) {
  const sm = pdu.short_message || {};
  const text = String(sm.message ?? '');
  const encoding = pdu.data_coding === 8 ? 'UCS-2' : 'GSM-7';
  const base = { to: String(pdu.destination_addr), from: String(pdu.source_addr), encoding, at: new Date(), direction: 'out' };
  const concat = (sm.udh || []).find((e) => e[0] === 0x00 && e[1] === 3);
  if (!concat) return add({ ...base, text, parts: 1 });
  const [ref, total, seq] = [concat[2], concat[3], concat[4]];
  const key = `${base.from}|${base.to}|${ref}`;
  const texts = partial.get(key) || [];
  texts[seq - 1] = text;
  partial.set(key, texts);
  if (texts.filter((t) => t !== undefined).length < total) return;
  partial.delete(key);
  add({ ...base, text: texts.join(''), parts: total });
}

const server = smpp.createServer((session) => {
  session.on('error', () => undefined);
  session.on('close', () => sessions.delete(session));
  for (const bind of ['bind_transceiver', 'bind_transmitter', 'bind_receiver']) {
    session.on(bind, (pdu) => {
      if (bind !== 'bind_transmitter') sessions.add(session);
      session.send(pdu.response({ system_id: 'sms-inbox' }));
    });
  }
  session.on('enquire_link', (pdu) => session.send(pdu.response()));
  session.on('unbind', (pdu) => session.send(pdu.response(), () => session.close()));
  session.on('submit_sm', (pdu) => {
    const id = (nextId++).toString(16).padStart(8, '0');
    store(pdu);
    session.send(pdu.response({ message_id: id }));
    if (pdu.registered_delivery & 1) receipt(session, pdu, id);
  });
});
server.listen(smppPort, '127.0.0.1');

const esc = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const rows = () =>
  messages
    .map(
      (m) =>
        `<tr class="${m.direction}"><td>${esc(m.at.toLocaleString('nl-BE'))}</td><td>${esc(m.from)}</td><td>${esc(m.to)}</td>` +
        `<td class="text">${esc(m.text)}</td><td>${esc(m.encoding)}</td><td>${m.parts}</td></tr>`,
    )
    .join('') || '<tr><td colspan="6">No SMS yet.</td></tr>';

const page = () => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Demo SMS inbox</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4em;text-align:left;vertical-align:top}
.text{white-space:pre-wrap;max-width:40em}tr.in{background:#eef6ff}form{margin:1em 0;padding:1em;background:#f5f5f5}input{margin-right:.5em}</style></head><body>
<h1>Demo SMS inbox</h1><p>Every SMS the tool sends through SMPP 127.0.0.1:${smppPort}, newest first (blue: sent from a phone to the tool).</p>
<form method="post" action="/inbound">Send an SMS to the tool: from <input name="from" value="+32475123456" size="14">
to <input name="to" value="UiTPAS" size="10"> text <input name="text" value="STOP" size="30"> <button>Send</button></form>
<table><thead><tr><th>Time</th><th>From</th><th>To</th><th>Text</th><th>Encoding</th><th>Parts</th></tr></thead><tbody id="rows">${rows()}</tbody></table>
<script>setInterval(()=>fetch('/rows').then(r=>r.text()).then(h=>{document.getElementById('rows').innerHTML=h}),2000)</script></body></html>`;

function inbound(fields) {
  const from = String(fields.get('from') || '').replace(/[^\d+]/g, '');
  const text = String(fields.get('text') || '');
  const to = String(fields.get('to') || '');
  const params = { source_addr: from.replace(/^\+/, ''), source_addr_ton: from.startsWith('+') ? 1 : 0, destination_addr: to, esm_class: 0 };
  const coding = /^[\x20-\x7e\n\r]*$/.test(text) ? 0 : 8;
  for (const session of sessions) session.deliver_sm({ ...params, data_coding: coding, short_message: text });
  add({ from, to, text, encoding: coding ? 'UCS-2' : 'GSM-7', parts: 1, at: new Date(), direction: 'in' });
}

http
  .createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/inbound') {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        inbound(new URLSearchParams(body));
        res.writeHead(303, { location: '/' }).end();
      });
      return;
    }
    if (req.url === '/rows') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(rows());
    if (req.url === '/messages.json') return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(messages));
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page());
  })
  .listen(webPort, '127.0.0.1');

console.log(`SMS inbox: SMPP on 127.0.0.1:${smppPort}, web page on http://localhost:${webPort}`);
