import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  'users-permissions': {
    config: {
      jwtManagement: 'refresh',
      sessions: { httpOnly: true },
    },
  },
  // Mail goes through Strapi's email plugin and nodemailer. With no SMTP_HOST the demo's maildev
  // (npm run demo) on 127.0.0.1:1025 receives it.
  email: {
    config: {
      provider: 'nodemailer',
      providerOptions: {
        host: env('SMTP_HOST', '127.0.0.1'),
        port: env.int('SMTP_PORT', 1025),
        secure: env.bool('SMTP_SECURE', false),
        ...(env('SMTP_USER') ? { auth: { user: env('SMTP_USER'), pass: env('SMTP_PASS') } } : {}),
        pool: true,
        maxConnections: env.int('SMTP_MAX_CONNECTIONS', 5),
      },
      settings: {
        defaultFrom: env('MAIL_DEFAULT_FROM', 'UiTPAS <no-reply@uitpas.local>'),
      },
    },
  },
  upload: {
    config: {
      // Header images of at most 5 MB; Strapi's image formats (sharp) add one 680 px wide for mails.
      sizeLimit: env.int('UPLOAD_SIZE_LIMIT', 5 * 1024 * 1024),
      breakpoints: { large: 1000, medium: 750, mail: 680, small: 500 },
      security: {
        allowedTypes: ['image/jpeg', 'image/png'],
        deniedTypes: ['image/svg+xml'],
      },
    },
  },
  segmentation: {
    enabled: true,
    resolve: './src/plugins/segmentation',
    config: {
      timeZone: env('SEGMENTATION_TIME_ZONE', 'Europe/Brussels'),
      demo: env.bool('SEGMENTATION_DEMO', false),
      // Load the audience index at start (a worker-only process, npm run worker, skips it).
      warmIndex: env.bool('SEGMENTATION_WARM_INDEX', true),
      // Signs the links in mails (unsubscribe, verification, tracking); derived from APP_KEYS when unset.
      secret: env('SEGMENTATION_SECRET', ''),
      // The address mails link to (images, unsubscribe, tracking, sender verification).
      publicUrl: env('PUBLIC_URL', `http://localhost:${env.int('PORT', 1337)}`),
      // Gets a copy of every test mail.
      monitorAddress: env('MAIL_MONITOR_ADDRESS', 'info@uitpas.local'),
      // The sending worker runs in every instance unless SEGMENTATION_WORKER=false; SEND_RATE caps
      // mails per second over all campaigns (0: as fast as the SMTP server accepts).
      worker: env.bool('SEGMENTATION_WORKER', true),
      sendRate: env.int('SEND_RATE', 0),
      // Deliveries a worker claims at once, and mails it has in flight at once.
      sendBatch: env.int('SEND_BATCH', 20),
      sendConcurrency: env.int('SEND_CONCURRENCY', 5),
      sendRetryBaseMs: env.int('SEND_RETRY_BASE_MS', 30_000),
      sendLeaseMs: env.int('SEND_LEASE_MS', 120_000),
      // Bearer token of the bounce/complaint webhook (POST /api/segmentation/webhooks/mail-events); unset: refused.
      webhookToken: env('SEGMENTATION_WEBHOOK_TOKEN', ''),
      // Opens and clicks within this many seconds of sending count as a machine's (prefetchers).
      machineOpenSeconds: env.int('TRACK_MACHINE_SECONDS', 10),
      // Test mails an admin user may send per 10 minutes.
      testMailsPer10Minutes: env.int('MAIL_TEST_LIMIT', 20),
      // Deadlines for receiving a request body, in ms (0: none): most routes, imports, media uploads.
      // HEADERS_TIMEOUT_MS: for the request line and headers.
      bodyTimeouts: {
        default: env.int('REQUEST_BODY_TIMEOUT_MS', 30_000),
        import: env.int('IMPORT_BODY_TIMEOUT_MS', 3_600_000),
        upload: env.int('UPLOAD_BODY_TIMEOUT_MS', 600_000),
      },
      headersTimeoutMs: env.int('HEADERS_TIMEOUT_MS', 20_000),
      // Strapi's public sign-up (/api/auth/local/register) stays off unless this is true.
      publicRegistration: env.bool('PUBLIC_REGISTRATION', false),
      // Per admin user: live counts and previews per minute, exports per 10 minutes, template
      // previews per minute (429 beyond).
      rateLimits: {
        evaluate: { limit: env.int('EVALUATE_LIMIT_PER_MINUTE', 600), windowSeconds: 60 },
        export: { limit: env.int('EXPORT_LIMIT_PER_10_MINUTES', 30), windowSeconds: 600 },
        preview: { limit: env.int('TEMPLATE_PREVIEW_LIMIT_PER_MINUTE', 120), windowSeconds: 60 },
      },
      // Sender verification mails per address and per requesting user in the window (429 beyond).
      verificationMails: {
        perAddress: env.int('SENDER_VERIFICATION_LIMIT_PER_ADDRESS', 3),
        perUser: env.int('SENDER_VERIFICATION_LIMIT_PER_USER', 3),
        windowSeconds: env.int('SENDER_VERIFICATION_WINDOW_SECONDS', 3600),
      },
    },
  },
});

export default config;
