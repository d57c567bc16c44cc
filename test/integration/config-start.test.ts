/**
 * A bad plugin setting stops the app's start with a message naming the setting (the schema in
 * server/src/config.ts), before any database work; the settings from the environment reach the
 * running app parsed.
 */
import { startApp, type TestApp } from '../helpers/strapi';

const SETTINGS = [
  'SEND_BATCH',
  'SEND_RATE',
  'SEGMENTATION_TIME_ZONE',
  'EXPORT_LIMIT_PER_10_MINUTES',
  'PUBLIC_URL',
  'TRACK_MACHINE_SECONDS',
  'SEGMENTATION_WORKER',
  'SMS_PROVIDER',
  'SMPP_PORT',
  'SMPP_WINDOW',
  'SMS_RATE',
];
afterEach(() => {
  for (const name of SETTINGS) delete process.env[name];
});

test.each([
  [{ SEND_BATCH: 'abc' }, 'segmentation.sendBatch: Expected a whole number of 1 or more, got "abc"'],
  [{ SEND_RATE: '-1' }, 'segmentation.sendRate: Expected a whole number of 0 or more, got -1'],
  [{ SEGMENTATION_TIME_ZONE: 'Mars/Olympus_Mons' }, 'segmentation.timeZone: Expected a known time zone (e.g. Europe/Brussels), got "Mars/Olympus_Mons"'],
  [{ EXPORT_LIMIT_PER_10_MINUTES: '0' }, 'segmentation.rateLimits.export.limit: Expected a whole number of 1 or more, got 0'],
  [{ SMS_PROVIDER: 'pigeon' }, 'segmentation.sms.provider: Expected smpp, http or none, got "pigeon"'],
])('the app does not start with %j', async (env, message) => {
  await expect(startApp({ env })).rejects.toThrow(message);
});

describe('with good settings', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({
      env: {
        SEND_BATCH: '7',
        PUBLIC_URL: 'http://tool.test/',
        TRACK_MACHINE_SECONDS: '0',
        SEGMENTATION_WORKER: 'false',
        SMS_PROVIDER: 'smpp',
        SMPP_PORT: '2776',
        SMPP_WINDOW: '4',
        SMS_RATE: '',
      },
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  test('the plugin keeps them parsed: numbers as numbers, defaults filled in', () => {
    const config = app.strapi.config.get('plugin::segmentation') as Record<string, unknown>;
    expect(config).toMatchObject({
      sendBatch: 7,
      publicUrl: 'http://tool.test',
      machineOpenSeconds: 0,
      worker: false,
      sendConcurrency: 5,
      timeZone: 'Europe/Brussels',
      sms: { provider: 'smpp', rate: null, defaultRegion: 'BE', smpp: { host: '127.0.0.1', port: 2776, window: 4 } },
    });
    expect(app.strapi.plugin('segmentation').config('sendBatch')).toBe(7);
  });
});
