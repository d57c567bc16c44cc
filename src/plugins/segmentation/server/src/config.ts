/**
 * The plugin's configuration: every setting, its default and its check, in one schema. The app's
 * `config/plugins.ts` passes what the environment sets (numbers as the strings it holds, unset ones
 * as undefined); Strapi fills in `config.default` (this schema's defaults) and calls
 * `config.validator`, which parses with this schema, so a bad value stops start-up with a message
 * naming the setting, e.g. `segmentation.sendBatch: Expected a whole number of 1 or more, got "abc"`.
 * Code reads the settings through `pluginConfig(strapi)`, typed and parsed.
 */
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { isEmailAddress } from '../../shared/template';
import { isRegion } from '../../shared/phone';

const show = (value: unknown): string => {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'a list' : 'an object';
};

/** A setting from the environment arrives as a string: a number written in digits becomes that number, an empty one unset. */
const fromEnv = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : value;
};

/** A whole number of `min` or more. */
const whole = (min: number, fallback: number) =>
  z.preprocess(
    fromEnv,
    z
      .custom<number>((v) => typeof v === 'number' && Number.isInteger(v) && v >= min, {
        error: (issue) => `Expected a whole number of ${min} or more, got ${show(issue.input)}`,
      })
      .default(fallback),
  );

const flag = (fallback: boolean) => z.boolean({ error: (issue) => `Expected true or false, got ${show(issue.input)}` }).default(fallback);

const text = (fallback: string) => z.string({ error: (issue) => `Expected a text, got ${show(issue.input)}` }).default(fallback);

const isTimeZone = (zone: string) => zone === 'UTC' || Intl.supportedValuesOf('timeZone').includes(zone);

/** A sliding-window limit per admin user: at most `limit` requests per `windowSeconds`. */
const rateLimit = (limit: number, windowSeconds: number) => z.strictObject({ limit: whole(1, limit), windowSeconds: whole(1, windowSeconds) }).prefault({});

/** A whole number of 1 or more, or null (unset: the default null). */
const optionalWhole = () =>
  z.preprocess(
    fromEnv,
    z
      .custom<number | null>((v) => v === null || (typeof v === 'number' && Number.isInteger(v) && v >= 1), {
        error: (issue) => `Expected a whole number of 1 or more, or nothing, got ${show(issue.input)}`,
      })
      .default(null),
  );

/** An empty setting is unset (for texts where digits stay text). */
const emptyUnset = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** SMS (issue 20): the provider the `sms` service sends through (sms/service.ts) and its settings. */
const smsSchema = z
  .strictObject({
    /** smpp: an SMPP 3.4 gateway; http: a JSON gateway (sms/providers/http.ts); none: SMS off. */
    provider: z.preprocess(
      emptyUnset,
      z.enum(['smpp', 'http', 'none'], { error: (issue) => `Expected smpp, http or none, got ${show(issue.input)}` }).default('none'),
    ),
    /** The country national mobile numbers are read as. */
    defaultRegion: z.preprocess(
      emptyUnset,
      z
        .string({ error: (issue) => `Expected a country code, got ${show(issue.input)}` })
        .refine(isRegion, { error: (issue) => `Expected a country code such as BE, got ${show(issue.input)}` })
        .default('BE'),
    ),
    /** Sender id: up to 11 letters and digits, or a phone number. */
    from: z.preprocess(
      emptyUnset,
      z
        .string({ error: (issue) => `Expected a sender id, got ${show(issue.input)}` })
        .regex(/^([A-Za-z0-9 .-]{1,11}|\+?\d{3,15})$/, { error: (issue) => `Expected up to 11 letters and digits or a number, got ${show(issue.input)}` })
        .default('UiTPAS'),
    ),
    /** The opt-out line added under every campaign SMS; `{from}` is the sender id. */
    optOut: text('STOP? Sms STOP naar {from}'),
    /** SMS (each part counts) per second at most; null: as fast as the gateway accepts. */
    rate: optionalWhole(),
    smpp: z.strictObject({ host: text('127.0.0.1'), port: whole(1, 2775), systemId: text(''), password: text(''), window: whole(1, 10) }).prefault({}),
    /** url: where SMS are POSTed; authHeader: `Name: value` or an Authorization value; secret: signs the callbacks. */
    http: z.strictObject({ url: text(''), authHeader: text(''), secret: text('') }).prefault({}),
  })
  .refine((sms) => sms.provider !== 'http' || /^https?:\/\//i.test(sms.http.url), {
    error: 'Expected an http(s) URL for the http provider (SMS_HTTP_URL)',
    path: ['http', 'url'],
  })
  .prefault({});

/**
 * Bounces and complaints (issue 22): the per-delivery return path, the inbound SMTP listener for
 * the bounce domain, the IMAP poller of a bounce mailbox, and the suppression policy.
 */
const bouncesSchema = z
  .strictObject({
    /** The return path's domain; empty: mails go out with the sender as return path (no VERP). */
    domain: text(''),
    /** The return path's local part before the `+token`. */
    prefix: z.preprocess(
      emptyUnset,
      z
        .string()
        .regex(/^[a-z0-9._-]{1,32}$/i, { error: (issue) => `Expected a local part of letters, digits, dots, dashes, got ${show(issue.input)}` })
        .default('bounces'),
    ),
    /** The inbound SMTP listener: port 0 is off. */
    smtp: z.strictObject({ host: text('0.0.0.0'), port: whole(0, 0), maxBytes: whole(1024, 10 * 1024 * 1024) }).prefault({}),
    /** The bounce mailbox: no host, no polling. processedMailbox empty: processed messages are deleted. */
    imap: z
      .strictObject({
        host: text(''),
        port: whole(1, 993),
        secure: flag(true),
        user: text(''),
        password: text(''),
        mailbox: text('INBOX'),
        processedMailbox: text(''),
        pollSeconds: whole(1, 60),
      })
      .prefault({}),
    /** The mail provider whose webhooks report bounces: its metadata header carries each mail's token. */
    provider: z.preprocess(
      emptyUnset,
      z
        .enum(['none', 'ses', 'sendgrid', 'postmark', 'mailgun'], {
          error: (issue) => `Expected none, ses, sendgrid, postmark or mailgun, got ${show(issue.input)}`,
        })
        .default('none'),
    ),
    /** SES through SNS: the topics taken (empty: any whose signature verifies). */
    ses: z.strictObject({ topicArns: text('') }).prefault({}),
    /** SendGrid's signed event webhook: the verification key (base64 DER, as SendGrid shows it). */
    sendgrid: z.strictObject({ publicKey: text('') }).prefault({}),
    /** Postmark's webhooks: the basic auth set on the webhook URL. */
    postmark: z.strictObject({ user: text(''), password: text('') }).prefault({}),
    /** Mailgun's webhooks: the HTTP webhook signing key. */
    mailgun: z.strictObject({ signingKey: text('') }).prefault({}),
    /** Soft bounces of one address within `softWindowDays` that suppress it. */
    softLimit: whole(1, 3),
    softWindowDays: whole(1, 30),
    /** Days the raw returned messages are kept for review. */
    keepRawDays: whole(1, 30),
  })
  .prefault({});

/** The default shared-mailbox patterns (issue 23): local parts no person's own account has. */
export const DEFAULT_SHARED_PATTERNS =
  'info@,admin@,administratie@,contact@,uitpas@,noreply@,no-reply@,secretariaat@,secretariat@,onthaal@,balie@,team@,office@,mail@,post@,support@,helpdesk@,communicatie@,marketing@,sales@,hello@,hallo@';

/**
 * Sign-in with UiTID (issue 23): any OpenID Connect issuer (sso/). `issuer` empty: the button is
 * off. Password login can be switched off, but for the super admin named in `breakGlass`.
 */
const uitidSchema = z
  .strictObject({
    /** The issuer's URL (its discovery document is at /.well-known/openid-configuration); empty: off. */
    issuer: z.preprocess(
      emptyUnset,
      z
        .string()
        .regex(/^https?:\/\/\S+$/i, { error: (issue) => `Expected an http(s) URL, got ${show(issue.input)}` })
        .default('')
        .transform((url) => url.replace(/\/+$/, '')),
    ),
    clientId: text(''),
    clientSecret: text(''),
    scopes: z.preprocess(emptyUnset, text('openid profile email')),
    /** The e-mail / password form of the login page; false: refused but for `breakGlass`. */
    passwordLogin: flag(true),
    /** The super admin's e-mail that may still log in with a password when `passwordLogin` is false. */
    breakGlass: text(''),
    /** Comma-separated shared-mailbox patterns: `info@` (a local part), `@domain`, or a whole address. */
    sharedPatterns: z.preprocess(emptyUnset, text(DEFAULT_SHARED_PATTERNS)),
    /** How long a started sign-in may take at the issuer, and an access request form stays valid (seconds). */
    flowSeconds: whole(1, 600),
  })
  .refine((u) => !u.issuer || (u.clientId && u.clientSecret), {
    error: 'Expected a client id and secret for the UiTID issuer (UITID_CLIENT_ID, UITID_CLIENT_SECRET)',
    path: ['clientId'],
  })
  .refine((u) => u.passwordLogin || u.issuer, { error: 'Password login can only be switched off with a UiTID issuer set', path: ['passwordLogin'] })
  .prefault({});

export const configSchema = z
  .strictObject({
    /** The calendar of the pass system: the local day of each action, "last year", ages. */
    timeZone: z
      .string({ error: (issue) => `Expected a time zone, got ${show(issue.input)}` })
      .refine(isTimeZone, { error: (issue) => `Expected a known time zone (e.g. Europe/Brussels), got ${show(issue.input)}` })
      .default('Europe/Brussels'),
    /** Load the demo data set and users on first start (npm run demo). */
    demo: flag(false),
    /** Load the audience index at start (a worker-only process, npm run worker, skips it). */
    warmIndex: flag(true),
    /** Signs the links in mails (unsubscribe, verification, tracking); derived from APP_KEYS when empty (common/secret.ts). */
    secret: text(''),
    /** The address mails link to (images, unsubscribe, tracking, sender verification); without a trailing slash. */
    publicUrl: z
      .string({ error: (issue) => `Expected an http(s) URL, got ${show(issue.input)}` })
      .regex(/^https?:\/\/[^\s/]+(\/\S*)?$/i, { error: (issue) => `Expected an http(s) URL, got ${show(issue.input)}` })
      .default('http://localhost:1337')
      .transform((url) => url.replace(/\/+$/, '')),
    /** Gets a copy of every test mail. */
    monitorAddress: z
      .string({ error: (issue) => `Expected an e-mail address, got ${show(issue.input)}` })
      .refine(isEmailAddress, { error: (issue) => `Expected an e-mail address, got ${show(issue.input)}` })
      .default('info@uitpas.local'),
    /** The programme's contact address, shown on the admin's Help page. */
    contactAddress: z
      .string({ error: (issue) => `Expected an e-mail address, got ${show(issue.input)}` })
      .refine(isEmailAddress, { error: (issue) => `Expected an e-mail address, got ${show(issue.input)}` })
      .default('info@uitpas.local'),
    /** Test mails an admin user may send per 10 minutes. */
    testMailsPer10Minutes: whole(0, 20),
    /** The largest file an e-mail template may attach (megabytes). */
    attachmentMaxMegabytes: whole(1, 5),
    /** Run the sending worker in this instance. */
    worker: flag(true),
    /** Mails per second over all campaigns (0: as fast as the SMTP server accepts). */
    sendRate: whole(0, 0),
    /** Deliveries a worker claims at once. */
    sendBatch: whole(1, 20),
    /** Mails a worker has in flight at once. */
    sendConcurrency: whole(1, 5),
    /** How long a worker holds claimed deliveries before another may take them over (ms). */
    sendLeaseMs: whole(1, 120_000),
    /** How long an idle worker waits before looking for work again (ms). */
    sendIdleMs: whole(1, 1_000),
    /** Attempts at a mail before a temporary failure counts as final. */
    sendMaxAttempts: whole(1, 5),
    /** The first retry's delay after a temporary failure (ms), doubled for each next one. */
    sendRetryBaseMs: whole(0, 30_000),
    /** Bearer token of the bounce/complaint webhook (POST /api/segmentation/webhooks/mail-events); empty: refused. */
    webhookToken: text(''),
    /** Opens and clicks within this many seconds of sending count as a machine's (prefetchers). */
    machineOpenSeconds: whole(0, 10),
    /** Deadlines for receiving a request body, in ms (0: none): most routes, imports, media uploads (common/body-timeout.ts). */
    bodyTimeouts: z.strictObject({ default: whole(0, 30_000), import: whole(0, 3_600_000), upload: whole(0, 600_000) }).prefault({}),
    /** The deadline for a request's line and headers (ms). */
    headersTimeoutMs: whole(1, 20_000),
    /** Strapi's public sign-up (/api/auth/local/register) stays off unless this is true. */
    publicRegistration: flag(false),
    /** Per admin user: live counts and previews, exports, template previews (429 beyond). */
    rateLimits: z.strictObject({ evaluate: rateLimit(600, 60), export: rateLimit(30, 600), preview: rateLimit(120, 60) }).prefault({}),
    /** Sender verification mails per address and per requesting user in the window (429 beyond). */
    verificationMails: z.strictObject({ perAddress: whole(1, 3), perUser: whole(1, 3), windowSeconds: whole(1, 3600) }).prefault({}),
    sms: smsSchema,
    bounces: bouncesSchema,
    /** Event messages (issue 21): one due longer ago than this (the tool was down) is not sent but marked missed. */
    events: z.strictObject({ graceHours: whole(0, 6) }).prefault({}),
    uitid: uitidSchema,
  })
  .prefault({});

export type PluginConfig = z.infer<typeof configSchema>;
export type RateLimitBucket = keyof PluginConfig['rateLimits'];

/** Every problem of `config`, each naming its setting; or the parsed configuration. */
export function parsePluginConfig(config: unknown): PluginConfig {
  const parsed = configSchema.safeParse(config);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${['segmentation', ...issue.path.map(String)].join('.')}: ${issue.message}`);
  throw new Error(problems.join('; '));
}

/** The settings that apply when nothing is configured: the plugin's `config.default`. */
export const defaultConfig = (): PluginConfig => configSchema.parse({});

/**
 * The plugin's `config.validator`: stops start-up on a bad value. Strapi keeps the object it passes
 * as the plugin's configuration, so it is replaced by its parsed form in place (numbers as numbers).
 */
export function validateConfig(config: Record<string, unknown>): void {
  const parsed = parsePluginConfig(config);
  for (const key of Object.keys(config)) delete config[key];
  Object.assign(config, parsed);
}

const parsedConfigs = new WeakMap<object, PluginConfig>();

/** The plugin's settings, typed. */
export function pluginConfig(strapi: Core.Strapi): PluginConfig {
  const raw = (strapi.config.get('plugin::segmentation') ?? {}) as object;
  let config = parsedConfigs.get(raw);
  if (!config) {
    config = parsePluginConfig(raw);
    parsedConfigs.set(raw, config);
  }
  return config;
}
