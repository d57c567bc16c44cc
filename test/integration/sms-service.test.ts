/** The `sms` service over a real SMPP server: numbers normalised, the configured sender, the rate, SMS off, closing. */
import { defaultConfig } from '../../src/plugins/segmentation/server/src/config';
import { smsService, type SmsSettings } from '../../src/plugins/segmentation/server/src/sms/service';
import { SmsError, type DeliveryReceipt } from '../../src/plugins/segmentation/server/src/sms/provider';
import { startSmpp, until, type TestSmpp } from '../helpers/smpp';

let server: TestSmpp;
const services: Array<ReturnType<typeof smsService>> = [];

const settings = (patch: Partial<SmsSettings> = {}): SmsSettings => {
  const base = defaultConfig().sms;
  return { ...base, provider: 'smpp', from: 'UiTPAS', smpp: { ...base.smpp, port: server.port, systemId: 'uitpas', password: 'secret' }, ...patch };
};
const service = (patch: Partial<SmsSettings> = {}) => {
  const made = smsService(settings(patch));
  services.push(made);
  return made;
};

beforeEach(async () => {
  server = await startSmpp({ password: 'secret' });
});
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.destroy()));
  await server.close();
});

test('a national number is sent to as E.164, from the configured sender', async () => {
  const sms = service();
  const receipts: DeliveryReceipt[] = [];
  sms.onReceipt((r) => receipts.push(r));
  const { messageIds } = await sms.send({ to: '0475 12 34 56', text: 'Hallo', reference: 'd-1' });
  expect((await server.waitFor(1))[0]).toMatchObject({ to: '32475123456', from: 'UiTPAS', text: 'Hallo' });
  await server.receipt(messageIds[0], 'delivered');
  await until(() => receipts.length === 1, 'the receipt through the service');
});

test('a landline or garbage is a permanent error and never reaches the gateway', async () => {
  const sms = service();
  for (const to of ['09 123 45 67', 'n/a']) {
    await expect(sms.send({ to, text: 'Hallo', reference: 'd-1' })).rejects.toMatchObject({ permanent: true, code: 'INVALID_NUMBER' });
  }
  expect(server.state.binds).toBe(0);
});

test('with SMS off, sending is refused and nothing connects', async () => {
  const sms = service({ provider: 'none' });
  expect(sms.enabled()).toBe(false);
  const error = await sms.send({ to: '+32475123456', text: 'Hallo', reference: 'd-1' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SmsError);
  expect(error).toMatchObject({ code: 'SMS_OFF' });
});

test('the rate spaces the SMS: 5 parts at 20 per second take at least 200 ms', async () => {
  const sms = service({ rate: 20 });
  const start = Date.now();
  await sms.send({ to: '+32475123456', text: 'a'.repeat(153 * 3), reference: 'long' });
  await Promise.all(['b', 'c'].map((text) => sms.send({ to: '+32475123456', text, reference: text })));
  expect(Date.now() - start).toBeGreaterThanOrEqual(190); // slots at 0, 50, ..., 200 ms (timers may fire a ms early)
  expect(server.state.submits).toBe(5);
});

test('destroy closes the provider: the gateway sees the session end', async () => {
  const sms = service();
  await sms.send({ to: '+32475123456', text: 'Hallo', reference: 'd-1' });
  expect(server.sessions).toBe(1);
  await sms.destroy();
  await until(() => server.sessions === 0, 'the session to end');
});
