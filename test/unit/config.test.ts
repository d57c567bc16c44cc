/** The plugin configuration schema: defaults, settings from the environment, and bad values named by their setting. */
import type { Core } from '@strapi/strapi';
import { defaultConfig, parsePluginConfig, pluginConfig, validateConfig } from '../../src/plugins/segmentation/server/src/config';

test('with nothing configured every setting has its default', () => {
  const config = parsePluginConfig({});
  expect(config).toEqual(defaultConfig());
  expect(config).toMatchObject({
    timeZone: 'Europe/Brussels',
    publicUrl: 'http://localhost:1337',
    sendRate: 0,
    sendBatch: 20,
    sendConcurrency: 5,
    sendLeaseMs: 120_000,
    sendIdleMs: 1_000,
    sendMaxAttempts: 5,
    sendRetryBaseMs: 30_000,
    machineOpenSeconds: 10,
    testMailsPer10Minutes: 20,
    worker: true,
    warmIndex: true,
    demo: false,
    bodyTimeouts: { default: 30_000, import: 3_600_000, upload: 600_000 },
    headersTimeoutMs: 20_000,
    rateLimits: { evaluate: { limit: 600, windowSeconds: 60 }, export: { limit: 30, windowSeconds: 600 }, preview: { limit: 120, windowSeconds: 60 } },
    verificationMails: { perAddress: 3, perUser: 3, windowSeconds: 3600 },
  });
});

test('settings from the environment: digits become numbers, empty ones keep the default', () => {
  const config = parsePluginConfig({
    sendBatch: '4',
    sendRate: ' 0 ',
    machineOpenSeconds: '0',
    sendConcurrency: '',
    publicUrl: 'https://tool.uitpas.test//',
    timeZone: 'UTC',
    rateLimits: { export: { limit: '6' } },
    bodyTimeouts: { default: '1500' },
  });
  expect(config.sendBatch).toBe(4);
  expect(config.sendRate).toBe(0);
  expect(config.machineOpenSeconds).toBe(0);
  expect(config.sendConcurrency).toBe(5);
  expect(config.publicUrl).toBe('https://tool.uitpas.test');
  expect(config.timeZone).toBe('UTC');
  expect(config.rateLimits.export).toEqual({ limit: 6, windowSeconds: 600 });
  expect(config.rateLimits.evaluate).toEqual({ limit: 600, windowSeconds: 60 });
  expect(config.bodyTimeouts).toEqual({ default: 1500, import: 3_600_000, upload: 600_000 });
});

test.each([
  [{ sendBatch: 'abc' }, 'segmentation.sendBatch: Expected a whole number of 1 or more, got "abc"'],
  [{ sendBatch: '12abc' }, 'segmentation.sendBatch: Expected a whole number of 1 or more, got "12abc"'],
  [{ sendBatch: 0 }, 'segmentation.sendBatch: Expected a whole number of 1 or more, got 0'],
  [{ sendRate: -1 }, 'segmentation.sendRate: Expected a whole number of 0 or more, got -1'],
  [{ sendRate: '-1' }, 'segmentation.sendRate: Expected a whole number of 0 or more, got -1'],
  [{ sendConcurrency: 2.5 }, 'segmentation.sendConcurrency: Expected a whole number of 1 or more, got 2.5'],
  [{ sendLeaseMs: Number.NaN }, 'segmentation.sendLeaseMs: Expected a whole number of 1 or more, got NaN'],
  [{ timeZone: 'Mars/Olympus_Mons' }, 'segmentation.timeZone: Expected a known time zone (e.g. Europe/Brussels), got "Mars/Olympus_Mons"'],
  [{ publicUrl: 'tool.uitpas.test' }, 'segmentation.publicUrl: Expected an http(s) URL, got "tool.uitpas.test"'],
  [{ monitorAddress: 'monitor' }, 'segmentation.monitorAddress: Expected an e-mail address, got "monitor"'],
  [{ worker: 'yes' }, 'segmentation.worker: Expected true or false, got "yes"'],
  [{ secret: 42 }, 'segmentation.secret: Expected a text, got 42'],
  [{ rateLimits: { export: { limit: '0' } } }, 'segmentation.rateLimits.export.limit: Expected a whole number of 1 or more, got 0'],
  [{ bodyTimeouts: { import: 'an hour' } }, 'segmentation.bodyTimeouts.import: Expected a whole number of 0 or more, got "an hour"'],
  [{ verificationMails: { windowSeconds: {} } }, 'segmentation.verificationMails.windowSeconds: Expected a whole number of 1 or more, got an object'],
  [{ sendBatchSize: 10 }, 'segmentation: Unrecognized key: "sendBatchSize"'],
  [{ rateLimits: { search: { limit: 5 } } }, 'segmentation.rateLimits: Unrecognized key: "search"'],
])('a bad value is refused naming its setting: %j', (config, message) => {
  expect(() => parsePluginConfig(config)).toThrow(message);
});

test('every bad value is reported at once', () => {
  expect(() => parsePluginConfig({ sendBatch: 'abc', sendRate: -1, timeZone: 'Nowhere' })).toThrow(
    'segmentation.timeZone: Expected a known time zone (e.g. Europe/Brussels), got "Nowhere"; segmentation.sendRate: Expected a whole number of 0 or more, got -1; segmentation.sendBatch: Expected a whole number of 1 or more, got "abc"',
  );
});

test('the validator leaves the parsed configuration in the object Strapi keeps', () => {
  const raw: Record<string, unknown> = { ...defaultConfig(), sendBatch: '7', publicUrl: 'http://tool.test/' };
  validateConfig(raw);
  expect(raw.sendBatch).toBe(7);
  expect(raw.publicUrl).toBe('http://tool.test');
  expect(() => validateConfig({ sendBatch: 'abc' })).toThrow('segmentation.sendBatch');
});

test('pluginConfig reads the plugin namespace of the app configuration, parsed once', () => {
  const stored: Record<string, unknown> = { sendBatch: '3' };
  const get = jest.fn((path: string) => (path === 'plugin::segmentation' ? stored : undefined));
  const strapi = { config: { get } } as unknown as Core.Strapi;
  expect(pluginConfig(strapi).sendBatch).toBe(3);
  expect(pluginConfig(strapi)).toBe(pluginConfig(strapi));
});

describe('sms (issue 20)', () => {
  test('SMS is off by default, with a Belgian region, the UiTPAS sender, no rate limit and a window of 10', () => {
    expect(defaultConfig().sms).toEqual({
      provider: 'none',
      defaultRegion: 'BE',
      from: 'UiTPAS',
      optOut: 'STOP? Sms STOP naar {from}',
      rate: null,
      smpp: { host: '127.0.0.1', port: 2775, systemId: '', password: '', window: 10 },
      http: { url: '', authHeader: '', secret: '' },
    });
  });

  test('settings from the environment: numbers parsed, empty ones unset, a numeric sender stays text', () => {
    const { sms } = parsePluginConfig({
      sms: { provider: 'smpp', from: '3288500000', rate: '5', defaultRegion: '', smpp: { port: '2776', window: '', systemId: 'u', password: 'p' } },
    });
    expect(sms).toMatchObject({ provider: 'smpp', from: '3288500000', rate: 5, defaultRegion: 'BE', smpp: { port: 2776, window: 10, systemId: 'u' } });
    expect(parsePluginConfig({ sms: { provider: '', rate: '' } }).sms).toMatchObject({ provider: 'none', rate: null });
  });

  test.each([
    [{ provider: 'sms-o-matic' }, 'segmentation.sms.provider: Expected smpp, http or none, got "sms-o-matic"'],
    [{ rate: '0' }, 'segmentation.sms.rate: Expected a whole number of 1 or more, or nothing, got 0'],
    [{ defaultRegion: 'XX' }, 'segmentation.sms.defaultRegion: Expected a country code such as BE, got "XX"'],
    [{ from: 'UiTPAS Gent Stad' }, 'segmentation.sms.from: Expected up to 11 letters and digits or a number, got "UiTPAS Gent Stad"'],
    [{ smpp: { window: '0' } }, 'segmentation.sms.smpp.window: Expected a whole number of 1 or more, got 0'],
    [{ provider: 'http' }, 'segmentation.sms.http.url: Expected an http(s) URL for the http provider (SMS_HTTP_URL)'],
  ])('a bad SMS setting is refused naming it: %j', (sms, message) => {
    expect(() => parsePluginConfig({ sms })).toThrow(message);
  });
});
