/** The HTTP SMS provider against a local HTTP server: request shape, error classification, signed callbacks. */
import http from 'http';
import type { AddressInfo } from 'net';
import { HttpSmsProvider, SmsCallbackError, signBody, type HttpSmsOptions } from '../../src/plugins/segmentation/server/src/sms/providers/http';
import { SmsError, type DeliveryReceipt, type InboundSms } from '../../src/plugins/segmentation/server/src/sms/provider';

interface Hit {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

let server: http.Server;
let url: string;
const hits: Hit[] = [];
/** What the gateway answers next: status and body. */
let answer: { status: number; body: string } = { status: 200, body: '{"messageIds":["gw-1"]}' };

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => {
      hits.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: JSON.parse(data) });
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms/send`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  hits.length = 0;
  answer = { status: 200, body: '{"messageIds":["gw-1"]}' };
});

const provider = (opts: Partial<HttpSmsOptions> = {}) => new HttpSmsProvider({ url, authHeader: 'Bearer t0ken', secret: 'shh', ...opts });
const msg = { to: '+32475123456', from: 'UiTPAS', text: 'Hallo €', reference: 'delivery-7' };
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => Promise.reject(new Error('resolved')),
    (error: unknown) => error as SmsError,
  );

test('posts the message as JSON with the auth header and returns the gateway ids', async () => {
  answer = { status: 202, body: '{"messageIds":["a1","a2"]}' };
  await expect(provider().send(msg)).resolves.toEqual({ messageIds: ['a1', 'a2'] });
  expect(hits).toHaveLength(1);
  expect(hits[0]).toMatchObject({ method: 'POST', url: '/sms/send', body: msg });
  expect(hits[0].headers).toMatchObject({ authorization: 'Bearer t0ken', 'content-type': 'application/json' });
});

test('a named auth header is sent under its own name', async () => {
  await provider({ authHeader: 'X-Api-Key: k3y' }).send(msg);
  expect(hits[0].headers['x-api-key']).toBe('k3y');
  expect(hits[0].headers.authorization).toBeUndefined();
});

test('a 4xx is a permanent error, a 5xx a temporary one, a 429 temporary', async () => {
  answer = { status: 400, body: '{"error":"invalid number"}' };
  expect(await rejection(provider().send(msg))).toMatchObject({ permanent: true, code: 'HTTP_400', message: expect.stringContaining('invalid number') });
  answer = { status: 503, body: 'down' };
  expect(await rejection(provider().send(msg))).toMatchObject({ permanent: false, code: 'HTTP_503' });
  answer = { status: 429, body: '' };
  expect(await rejection(provider().send(msg))).toMatchObject({ permanent: false, code: 'HTTP_429' });
});

test('an answer without message ids is a temporary error', async () => {
  answer = { status: 200, body: 'OK' };
  const error = await rejection(provider().send(msg));
  expect(error).toBeInstanceOf(SmsError);
  expect(error).toMatchObject({ permanent: false, code: 'BAD_RESPONSE' });
});

test('a gateway that cannot be reached is a temporary error', async () => {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const error = await rejection(provider({ url: `http://127.0.0.1:${port}/` }).send(msg));
  expect(error).toMatchObject({ permanent: false, code: 'ECONNREFUSED' });
});

describe('callbacks', () => {
  const body = JSON.stringify([
    { type: 'receipt', messageId: 'gw-1', status: 'delivered', at: '2026-12-07T10:00:00Z' },
    { type: 'receipt', messageId: 'gw-2', status: 'failed', error: 'absent subscriber' },
    { type: 'inbound', from: '+32475123456', to: '8850', text: 'STOP' },
  ]);

  const listening = () => {
    const p = provider();
    const receipts: DeliveryReceipt[] = [];
    const inbound: InboundSms[] = [];
    p.onReceipt((r) => receipts.push(r));
    p.onInbound((m) => inbound.push(m));
    return { p, receipts, inbound };
  };

  test('a correctly signed callback emits its receipts and inbound SMS', () => {
    const { p, receipts, inbound } = listening();
    expect(p.handleCallback(body, signBody(body, 'shh'))).toEqual({ receipts: 2, inbound: 1 });
    expect(receipts).toEqual([
      { messageId: 'gw-1', status: 'delivered', at: new Date('2026-12-07T10:00:00Z') },
      { messageId: 'gw-2', status: 'failed', error: 'absent subscriber', at: expect.any(Date) },
    ]);
    expect(inbound).toEqual([{ from: '+32475123456', to: '8850', text: 'STOP', at: expect.any(Date) }]);
  });

  test('the bare hex signature and a Buffer body are accepted', () => {
    const { p, receipts } = listening();
    p.handleCallback(Buffer.from(body), signBody(body, 'shh').slice('sha256='.length).toUpperCase());
    expect(receipts).toHaveLength(2);
  });

  test.each([
    ['missing', undefined],
    ['signed with another secret', signBody(body, 'other')],
    ['garbage', 'sha256=xyz'],
  ])('a callback with a %s signature is refused with 401 and emits nothing', (_what, signature) => {
    const { p, receipts, inbound } = listening();
    expect(() => p.handleCallback(body, signature)).toThrow(expect.objectContaining({ status: 401 }));
    expect([receipts, inbound]).toEqual([[], []]);
  });

  test('a tampered body no longer matches its signature', () => {
    const { p, receipts } = listening();
    const tampered = body.replace('gw-1', 'gw-9');
    expect(() => p.handleCallback(tampered, signBody(body, 'shh'))).toThrow(SmsCallbackError);
    expect(receipts).toEqual([]);
  });

  test('without a configured secret every callback is refused', () => {
    const p = provider({ secret: '' });
    expect(() => p.handleCallback(body, signBody(body, ''))).toThrow(expect.objectContaining({ status: 401 }));
  });

  test('a signed body that is no receipt or inbound SMS is refused with 400', () => {
    const { p } = listening();
    const bad = JSON.stringify({ type: 'receipt', messageId: 'x', status: 'maybe' });
    expect(() => p.handleCallback(bad, signBody(bad, 'shh'))).toThrow(expect.objectContaining({ status: 400 }));
  });
});
