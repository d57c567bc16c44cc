/**
 * The segmentation plugin's server: audience import, segment evaluation and export.
 * Folders name the jobs: segments/, imports/, templates/ (and senders), campaigns/, tracking/.
 */
import type { Core } from '@strapi/strapi';
import segmentSchema from './segments/content-type/schema.json';
import segmentsService from './segments/service';
import segmentsController from './segments/controller';
import importController from './imports/controller';
import builderController from './segments/admin-controller';
import referenceController from './reference/controller';
import { registerPermissions } from './permissions';
import { registerSegmentMiddleware } from './segments/middleware';
import routes from './routes';
import { seedDemo } from './demo/seed';
import templateSchema from './templates/content-types/mail-template.json';
import senderSchema from './templates/content-types/sender-address.json';
import templatesService from './templates/service';
import sendersService from './templates/senders';
import templatesController from './templates/admin-controller';
import trackingController from './tracking/controller';
import trackingService from './tracking/service';
import { registerTemplateMiddleware } from './templates/middleware';
import campaignSchema from './campaigns/content-types/campaign.json';
import campaignsService from './campaigns/service';
import campaignsController from './campaigns/admin-controller';
import statsController from './campaigns/stats-controller';
import { registerCampaignMiddleware } from './campaigns/middleware';
import { CampaignWorker } from './campaigns/worker';
import { EventRecorder } from './tracking/recorder';
import { trackingHits } from './tracking/hits';
import accessService from './partners/access';
import auditService from './partners/audit';
import partnersController from './partners/controller';
import partnerPolicies from './partners/policies';
import { closePublicRegistration, seedRoles } from './partners/roles';
import { bodyTimeout, type BodyTimeouts } from './common/body-timeout';

export default {
  config: {
    default: {
      timeZone: 'Europe/Brussels',
      demo: false,
      publicUrl: 'http://localhost:1337',
      monitorAddress: 'info@uitpas.local',
      testMailsPer10Minutes: 20,
      worker: true,
      sendRate: 0,
      webhookToken: '',
      rateLimits: {},
      bodyTimeouts: { default: 30_000, import: 3_600_000, upload: 600_000 },
      headersTimeoutMs: 20_000,
      publicRegistration: false,
    },
    validator(config: { timeZone?: unknown }) {
      if (typeof config.timeZone !== 'string' || !Intl.supportedValuesOf('timeZone').includes(config.timeZone)) {
        if (config.timeZone !== 'UTC') throw new Error(`segmentation.timeZone '${String(config.timeZone)}' is not a known time zone`);
      }
    },
  },
  contentTypes: {
    segment: { schema: segmentSchema },
    'mail-template': { schema: templateSchema },
    'sender-address': { schema: senderSchema },
    campaign: { schema: campaignSchema },
  },
  services: {
    segments: segmentsService,
    templates: templatesService,
    senders: sendersService,
    campaigns: campaignsService,
    tracking: trackingService,
    access: accessService,
    setup: ({ strapi }: { strapi: Core.Strapi }) => ({
      /**
       * What needs Strapi's admin bootstrapped first (its default roles, the super admin): the tool's
       * roles, the demo data, the sending worker, the audience index. Strapi bootstraps this plugin
       * before the admin, so the app's own bootstrap (src/index.ts) calls this.
       */
      async run() {
        await seedRoles(strapi);
        await closePublicRegistration(strapi);
        if (strapi.plugin('segmentation').config('demo')) await seedDemo(strapi);
        if (strapi.plugin('segmentation').config('worker')) strapi.plugin('segmentation').service('worker').start();
        // Warm the audience index in the background; requests wait for it if they come first.
        if (strapi.plugin('segmentation').config('warmIndex') === false) return;
        strapi.plugin('segmentation').service('segments').engine().ensureFresh().catch((error: Error) => {
          strapi.log.error(`[segmentation] loading the audience index failed: ${error.message}`);
        });
      },
    }),
    audit: auditService,
    recorder: ({ strapi }: { strapi: Core.Strapi }) => new EventRecorder(strapi),
    worker: ({ strapi }: { strapi: Core.Strapi }) => {
      const config = (key: string, fallback: number) => Number(strapi.plugin('segmentation').config(key) ?? fallback) || fallback;
      return new CampaignWorker(strapi, {
        batch: config('sendBatch', 20),
        concurrency: config('sendConcurrency', 5),
        leaseMs: config('sendLeaseMs', 120_000),
        idleMs: config('sendIdleMs', 1_000),
        maxAttempts: config('sendMaxAttempts', 5),
        retryBaseMs: config('sendRetryBaseMs', 30_000),
        rate: Number(strapi.plugin('segmentation').config('sendRate')) || null,
      });
    },
  },
  controllers: {
    segments: segmentsController,
    import: importController,
    builder: builderController,
    reference: referenceController,
    templates: templatesController,
    tracking: trackingController,
    campaigns: campaignsController,
    stats: statsController,
    partners: partnersController,
  },
  policies: partnerPolicies,
  routes,
  // Open pixel and click redirect ahead of Strapi's stack: `plugin::segmentation.tracking` in config/middlewares.ts.
  middlewares: {
    tracking: (_config: unknown, { strapi }: { strapi: Core.Strapi }) => trackingHits(strapi).middleware(),
    bodyTimeout: (_config: unknown, { strapi }: { strapi: Core.Strapi }) => bodyTimeout(strapi.plugin('segmentation').config('bodyTimeouts') as BodyTimeouts),
  },

  register({ strapi }: { strapi: Core.Strapi }) {
    registerSegmentMiddleware(strapi);
    registerTemplateMiddleware(strapi);
    registerCampaignMiddleware(strapi);
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await strapi.plugin('segmentation').service('worker').stop();
    await strapi.plugin('segmentation').service('recorder').flush();
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await registerPermissions(strapi);
    // Node's request timeout covers every route alike, and import bodies of several hundred MB take long:
    // it is off, and the bodyTimeout middleware (common/body-timeout.ts) sets a deadline per route instead.
    if (strapi.server?.httpServer) {
      strapi.server.httpServer.requestTimeout = 0;
      strapi.server.httpServer.headersTimeout = Number(strapi.plugin('segmentation').config('headersTimeoutMs')) || 20_000;
      // Open pixel and click redirects answered before koa (tracking/hits.ts).
      trackingHits(strapi).attach(strapi.server.httpServer);
    }
    // The rest needs the admin bootstrapped (roles, super admin); the app's bootstrap calls `setup.run()`.
  },
};

