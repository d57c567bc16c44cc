/** The SMPP provider against a real SMPP server (test/helpers/smpp.ts): encodings, concatenation, receipts, inbound, errors, reconnect. */
import { SmppProvider, type SmppOptions } from '../../src/plugins/segmentation/server/src/sms/providers/smpp';
import { SmsError, type DeliveryReceipt, type InboundSms } from '../../src/plugins/segmentation/server/src/sms/provider';
import { isStop, smsParts } from '../../src/plugins/segmentation/shared/sms';
import { startSmpp, until, type TestSmpp } from '../helpers/smpp';

let server: TestSmpp;
const providers: SmppProvider[] = [];

const provider = (opts: Partial<SmppOptions> = {}) => {
  const made = new SmppProvider({ host: '127.0.0.1', port: server.port, systemId: 'uitpas', password: 'secret', reconnectBaseMs: 20, ...opts });
  providers.push(made);
  return made;
};
const sms = (text: string, to = '+32475123456') => ({ to, from: 'UiTPAS', text, reference: 'd-1' });
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => Promise.reject(new Error('resolved')),
    (error: unknown) => error as SmsError,
  );

beforeEach(async () => {
  server = await startSmpp({ password: 'secret' });
});
afterEach(async () => {
  await Promise.all(providers.splice(0).map((p) => p.close()));
  await server.close();
});

test('a GSM-7 text arrives as GSM-7 in one part, to the number without +, asking for a receipt', async () => {
  const sent = await provider().send(sms('Hallo Anna, je UiTPAS-punten: 12 € [korting]!'));
  const [got] = await server.waitFor(1);
  expect(got).toEqual({
    from: 'UiTPAS',
    to: '32475123456',
    text: 'Hallo Anna, je UiTPAS-punten: 12 € [korting]!',
    encoding: 'GSM-7',
    parts: 1,
    messageIds: sent.messageIds,
    registeredDelivery: 1,
  });
  expect(sent.messageIds).toHaveLength(1);
});

test('a text with a character outside GSM 03.38 arrives as UCS-2', async () => {
  await provider().send(sms('Ça va? Здравствуйте 😀'));
  const [got] = await server.waitFor(1);
  expect(got).toMatchObject({ text: 'Ça va? Здравствуйте 😀', encoding: 'UCS-2', parts: 1 });
});

test('a long text goes as 3 concatenated parts that the gateway puts back together, in GSM-7 and in UCS-2', async () => {
  const p = provider();
  const gsm = Array.from({ length: 30 }, (_, i) => `woord${i} {x}`).join(' ');
  const ucs = 'Привет! '.repeat(20) + '😀'.repeat(3);
  expect([smsParts(gsm).segments, smsParts(ucs).segments]).toEqual([3, 3]);
  const [a, b] = await Promise.all([p.send(sms(gsm)), p.send(sms(ucs, '+31612345678'))]);
  const got = await server.waitFor(2);
  expect(got.find((r) => r.to === '32475123456')).toMatchObject({ text: gsm, encoding: 'GSM-7', parts: 3, messageIds: a.messageIds });
  expect(got.find((r) => r.to === '31612345678')).toMatchObject({ text: ucs, encoding: 'UCS-2', parts: 3, messageIds: b.messageIds });
  expect(new Set([...a.messageIds, ...b.messageIds]).size).toBe(6);
});

test('delivery receipts reach onReceipt with the message id and the outcome; deliver_sm is answered', async () => {
  const p = provider();
  const receipts: DeliveryReceipt[] = [];
  p.onReceipt((r) => receipts.push(r));
  const { messageIds } = await p.send(sms('Hallo'));
  const resp = await server.receipt(messageIds[0], 'delivered');
  expect(resp.command).toBe('deliver_sm_resp');
  expect(resp.command_status).toBe(0);
  await server.receipt('abc123', 'failed');
  await until(() => receipts.length === 2, 'two receipts');
  expect(receipts[0]).toMatchObject({ messageId: messageIds[0], status: 'delivered' });
  expect(receipts[1]).toMatchObject({ messageId: 'abc123', status: 'failed', error: 'UNDELIV err:001' });
  expect(receipts[1].at).toBeInstanceOf(Date);
});

test('an inbound STOP reaches onInbound with the sender as E.164', async () => {
  const p = provider();
  const inbound: InboundSms[] = [];
  p.onInbound((m) => inbound.push(m));
  const receipts: DeliveryReceipt[] = [];
  p.onReceipt((r) => receipts.push(r));
  await p.send(sms('Hallo'));
  await server.inbound('32475123456', 'Stop.');
  await until(() => inbound.length === 1, 'the inbound SMS');
  expect(inbound[0]).toMatchObject({ from: '+32475123456', to: '8850', text: 'Stop.' });
  expect(isStop(inbound[0].text)).toBe(true);
  expect(receipts).toEqual([]);
});

test('an inbound SMS in concatenated parts reaches onInbound once, put together', async () => {
  const p = provider();
  const inbound: InboundSms[] = [];
  p.onInbound((m) => inbound.push(m));
  await p.send(sms('Hallo'));
  await server.inboundParts('31612345678', ['Ik wil ', 'geen berichten ', 'meer — dank je']);
  await until(() => inbound.length === 1, 'the inbound SMS');
  await server.inbound('31612345678', 'STOP');
  await until(() => inbound.length === 2, 'the next inbound SMS');
  expect(inbound.map((m) => [m.from, m.text])).toEqual([
    ['+31612345678', 'Ik wil geen berichten meer — dank je'],
    ['+31612345678', 'STOP'],
  ]);
});

test('a throttled submit is a temporary error, and the next one goes through', async () => {
  const p = provider();
  server.state.throttle = 1;
  const error = await rejection(p.send(sms('Hallo')));
  expect(error).toBeInstanceOf(SmsError);
  expect(error).toMatchObject({ permanent: false, code: 'ESME_RTHROTTLED' });
  await p.send(sms('Hallo'));
  expect((await server.waitFor(1))[0].text).toBe('Hallo');
});

test('a wrong password fails the bind with a clear error', async () => {
  const error = await rejection(provider({ password: 'wrong' }).send(sms('Hallo')));
  expect(error).toBeInstanceOf(SmsError);
  expect(error.code).toBe('ESME_RINVPASWD');
  expect(error.message).toMatch(/bind .* refused \(ESME_RINVPASWD\): the password is wrong/);
  expect(server.state.refusedBinds).toBe(1);
  expect(server.received).toEqual([]);
});

test('an unreachable gateway is a temporary error', async () => {
  const port = server.port;
  await server.close();
  server = await startSmpp();
  const error = await rejection(provider({ port: port === server.port ? port + 1 : port }).send(sms('Hallo')));
  expect(error).toMatchObject({ permanent: false });
  expect(error.message).toMatch(/SMPP connection to 127\.0\.0\.1:\d+ failed/);
});

test('after the gateway drops the session the provider binds again and the next send succeeds', async () => {
  const p = provider();
  await p.send(sms('een'));
  expect(server.state.binds).toBe(1);
  server.dropSessions();
  await until(() => server.state.binds === 2 && server.sessions === 1, 'the provider to bind again');
  await p.send(sms('twee'));
  expect((await server.waitFor(2)).map((r) => r.text)).toEqual(['een', 'twee']);
});

test('reconnect attempts back off exponentially: 100, 200, 400 ms apart after a base of 50', async () => {
  const p = provider({ reconnectBaseMs: 50 });
  await p.send(sms('een'));
  server.state.refuseBinds = 3;
  server.dropSessions();
  await until(() => server.state.binds === 2, 'the fourth attempt to bind', 10_000);
  const times = server.state.bindTimes.slice(1);
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  expect(gaps).toHaveLength(3);
  // A timer fires no earlier than asked; allow a few ms of clock rounding.
  expect(gaps[0]).toBeGreaterThanOrEqual(95);
  expect(gaps[1]).toBeGreaterThanOrEqual(195);
  expect(gaps[2]).toBeGreaterThanOrEqual(395);
  await p.send(sms('twee'));
});

test('closing the provider ends the wait of a send for a reconnect', async () => {
  const p = provider({ reconnectBaseMs: 60_000 });
  await p.send(sms('een'));
  server.dropSessions();
  await until(() => !p.connected, 'the provider to see the connection gone');
  const waiting = rejection(p.send(sms('twee')));
  await p.close();
  expect(await waiting).toMatchObject({ code: 'CLOSED', permanent: false });
});

test('a send while the connection is down waits for the reconnect', async () => {
  const p = provider({ reconnectBaseMs: 200 });
  await p.send(sms('een'));
  server.dropSessions();
  await until(() => !p.connected, 'the provider to see the connection gone');
  await p.send(sms('twee'));
  expect(server.state.binds).toBe(2);
  expect(server.received.map((r) => r.text)).toEqual(['een', 'twee']);
});

test('no more than `window` submit_sm are unanswered at once', async () => {
  const p = provider({ window: 2 });
  server.state.hold = true;
  const sends = Promise.all(['a', 'b', 'c', 'd', 'e'].map((t) => p.send(sms(t))));
  for (let answered = 0; answered < 5; answered = server.received.length) {
    await until(() => server.held >= Math.min(2, 5 - answered), 'submits to be held');
    server.releaseHeld();
  }
  await sends;
  expect(server.received.map((r) => r.text).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  expect(server.state.maxInFlight).toBe(2);
});

test('enquire_link keeps the bind alive', async () => {
  const p = provider({ enquireLinkMs: 30 });
  await p.send(sms('Hallo'));
  await until(() => server.state.enquireLinks >= 3, 'three enquire_link');
  expect(p.connected).toBe(true);
});
