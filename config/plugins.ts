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
      // Header images and mail attachments (PDF) of at most 5 MB; Strapi's image formats (sharp) add one 680 px wide for mails.
      sizeLimit: env.int('UPLOAD_SIZE_LIMIT', 5 * 1024 * 1024),
      breakpoints: { large: 1000, medium: 750, mail: 680, small: 500 },
      security: {
        allowedTypes: ['image/jpeg', 'image/png', 'application/pdf'],
        deniedTypes: ['image/svg+xml'],
      },
    },
  },
  // The tool's settings: their defaults, checks and meaning are in one schema,
  // src/plugins/segmentation/server/src/config.ts. Unset variables leave the default; numbers are passed
  // as written, so that a bad one (SEND_BATCH=abc) stops the start naming the setting.
  segmentation: {
    enabled: true,
    resolve: './src/plugins/segmentation',
    config: {
      timeZone: env('SEGMENTATION_TIME_ZONE'),
      demo: env.bool('SEGMENTATION_DEMO'),
      warmIndex: env.bool('SEGMENTATION_WARM_INDEX'),
      secret: env('SEGMENTATION_SECRET'),
      publicUrl: env('PUBLIC_URL', `http://localhost:${env.int('PORT', 1337)}`),
      monitorAddress: env('MAIL_MONITOR_ADDRESS'),
      contactAddress: env('PROGRAMME_CONTACT_ADDRESS'),
      worker: env.bool('SEGMENTATION_WORKER'),
      sendRate: env('SEND_RATE'),
      sendBatch: env('SEND_BATCH'),
      sendConcurrency: env('SEND_CONCURRENCY'),
      sendRetryBaseMs: env('SEND_RETRY_BASE_MS'),
      sendLeaseMs: env('SEND_LEASE_MS'),
      webhookToken: env('SEGMENTATION_WEBHOOK_TOKEN'),
      machineOpenSeconds: env('TRACK_MACHINE_SECONDS'),
      testMailsPer10Minutes: env('MAIL_TEST_LIMIT'),
      attachmentMaxMegabytes: env('MAIL_ATTACHMENT_MAX_MB'),
      bodyTimeouts: {
        default: env('REQUEST_BODY_TIMEOUT_MS'),
        import: env('IMPORT_BODY_TIMEOUT_MS'),
        upload: env('UPLOAD_BODY_TIMEOUT_MS'),
      },
      headersTimeoutMs: env('HEADERS_TIMEOUT_MS'),
      publicRegistration: env.bool('PUBLIC_REGISTRATION'),
      rateLimits: {
        evaluate: { limit: env('EVALUATE_LIMIT_PER_MINUTE') },
        export: { limit: env('EXPORT_LIMIT_PER_10_MINUTES') },
        preview: { limit: env('TEMPLATE_PREVIEW_LIMIT_PER_MINUTE') },
      },
      verificationMails: {
        perAddress: env('SENDER_VERIFICATION_LIMIT_PER_ADDRESS'),
        perUser: env('SENDER_VERIFICATION_LIMIT_PER_USER'),
        windowSeconds: env('SENDER_VERIFICATION_WINDOW_SECONDS'),
      },
      // SMS (issue 20): off unless SMS_PROVIDER is smpp or http; npm run demo starts a demo SMPP gateway.
      events: { graceHours: env('EVENT_MESSAGE_GRACE_HOURS') },
      // Sign-in with UiTID (issue 23): any OpenID Connect issuer; off without UITID_ISSUER.
      uitid: {
        issuer: env('UITID_ISSUER'),
        clientId: env('UITID_CLIENT_ID'),
        clientSecret: env('UITID_CLIENT_SECRET'),
        scopes: env('UITID_SCOPES'),
        passwordLogin: env.bool('UITID_PASSWORD_LOGIN'),
        breakGlass: env('UITID_BREAK_GLASS'),
        sharedPatterns: env('UITID_SHARED_PATTERNS'),
        flowSeconds: env('UITID_FLOW_SECONDS'),
      },
      sms: {
        provider: env('SMS_PROVIDER'),
        defaultRegion: env('SMS_DEFAULT_REGION'),
        from: env('SMS_FROM'),
        optOut: env('SMS_OPT_OUT'),
        rate: env('SMS_RATE'),
        smpp: {
          host: env('SMPP_HOST'),
          port: env('SMPP_PORT'),
          systemId: env('SMPP_SYSTEM_ID'),
          password: env('SMPP_PASSWORD'),
          window: env('SMPP_WINDOW'),
        },
        http: {
          url: env('SMS_HTTP_URL'),
          authHeader: env('SMS_HTTP_AUTH_HEADER'),
          secret: env('SMS_HTTP_SECRET'),
        },
      },
      // Bounces and complaints (issue 22): VERP return path, inbound SMTP listener, IMAP bounce mailbox.
      bounces: {
        domain: env('BOUNCE_DOMAIN'),
        prefix: env('BOUNCE_PREFIX'),
        smtp: { host: env('BOUNCE_SMTP_HOST'), port: env('BOUNCE_SMTP_PORT') },
        imap: {
          host: env('BOUNCE_IMAP_HOST'),
          port: env('BOUNCE_IMAP_PORT'),
          secure: env.bool('BOUNCE_IMAP_SECURE', true),
          user: env('BOUNCE_IMAP_USER'),
          password: env('BOUNCE_IMAP_PASSWORD'),
          mailbox: env('BOUNCE_IMAP_MAILBOX'),
          processedMailbox: env('BOUNCE_IMAP_PROCESSED_MAILBOX'),
          pollSeconds: env('BOUNCE_IMAP_POLL_SECONDS'),
        },
        provider: env('BOUNCE_PROVIDER'),
        ses: { topicArns: env('BOUNCE_SES_TOPIC_ARNS') },
        sendgrid: { publicKey: env('BOUNCE_SENDGRID_PUBLIC_KEY') },
        postmark: { user: env('BOUNCE_POSTMARK_USER'), password: env('BOUNCE_POSTMARK_PASSWORD') },
        mailgun: { signingKey: env('BOUNCE_MAILGUN_SIGNING_KEY') },
        softLimit: env('BOUNCE_SOFT_LIMIT'),
        softWindowDays: env('BOUNCE_SOFT_WINDOW_DAYS'),
      },
    },
  },
});

export default config;
