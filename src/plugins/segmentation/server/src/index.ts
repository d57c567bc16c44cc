/**
 * The segmentation plugin's server: audience import, segment evaluation and export.
 * Folders name the jobs: segments/, imports/, templates/ (and senders), campaigns/, audiences/, holders/, tracking/, sms/.
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
import templateSchema from './templates/content-types/mail-template.json';
import senderSchema from './templates/content-types/sender-address.json';
import houseStyleSchema from './templates/content-types/house-style.json';
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
import mailingPeopleService from './campaigns/report/service';
import { registerCampaignMiddleware } from './campaigns/middleware';
import { CampaignWorker } from './campaigns/worker';
import { EventRecorder } from './tracking/recorder';
import { trackingHits } from './tracking/hits';
import accessService from './partners/access';
import auditService from './partners/audit';
import partnersController from './partners/controller';
import partnerPolicies from './partners/policies';
import { bodyTimeout } from './common/body-timeout';
import { defaultConfig, pluginConfig, validateConfig } from './config';
import { getService } from './services';
import setupService from './setup';
import audiencesService from './audiences/service';
import audiencesController from './audiences/controller';
import mailingAudiencesService from './audiences/mailing';
import mailingAudiencesController from './audiences/mailing-controller';
import holdersService from './holders/service';
import holdersController from './holders/controller';
import downloadsController from './downloads/controller';
import postDownloadsController from './downloads/post-controller';
import postService from './post/service';
import smsController from './sms/controller';
import smsService from './sms/service';
import houseStylesService from './templates/house-style-records';
import bouncesService from './bounces/service';
import { stopBounceIntake } from './bounces/intake';
import bouncesController from './bounces/controller';
import bounceAdminController from './bounces/admin-controller';
import eventMessagesService from './events/service';
import eventMessagesController from './events/controller';
import { eventScheduler } from './events/scheduler';
import ssoService from './sso/service';
import ssoController from './sso/controller';
import ssoAdminController from './sso/admin-controller';
import { guardPasswordLogin, passwordLogin } from './sso/password-login';

export default {
  config: {
    default: defaultConfig,
    validator: validateConfig,
  },
  contentTypes: {
    segment: { schema: segmentSchema },
    'mail-template': { schema: templateSchema },
    'sender-address': { schema: senderSchema },
    'house-style': { schema: houseStyleSchema },
    campaign: { schema: campaignSchema },
  },
  services: {
    segments: segmentsService,
    templates: templatesService,
    senders: sendersService,
    campaigns: campaignsService,
    mailingPeople: mailingPeopleService,
    tracking: trackingService,
    access: accessService,
    setup: setupService,
    audit: auditService,
    audiences: audiencesService,
    mailingAudiences: mailingAudiencesService,
    holders: holdersService,
    sms: smsService,
    houseStyles: houseStylesService,
    post: postService,
    bounces: bouncesService,
    eventMessages: eventMessagesService,
    sso: ssoService,
    eventScheduler: ({ strapi }: { strapi: Core.Strapi }) => eventScheduler(strapi),
    recorder: ({ strapi }: { strapi: Core.Strapi }) => new EventRecorder(strapi),
    worker: ({ strapi }: { strapi: Core.Strapi }) => {
      const config = pluginConfig(strapi);
      return new CampaignWorker(strapi, {
        batch: config.sendBatch,
        // An SMPP gateway takes `window` SMS unanswered at once: as many lanes keep the window full.
        concurrency: config.sms.provider === 'smpp' ? Math.max(config.sendConcurrency, config.sms.smpp.window) : config.sendConcurrency,
        leaseMs: config.sendLeaseMs,
        idleMs: config.sendIdleMs,
        maxAttempts: config.sendMaxAttempts,
        retryBaseMs: config.sendRetryBaseMs,
        rate: config.sendRate || null,
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
    audiences: audiencesController,
    mailingAudiences: mailingAudiencesController,
    holders: holdersController,
    downloads: downloadsController,
    postDownloads: postDownloadsController,
    sms: smsController,
    bounces: bouncesController,
    bounceAdmin: bounceAdminController,
    eventMessages: eventMessagesController,
    sso: ssoController,
    ssoAdmin: ssoAdminController,
  },
  policies: { ...partnerPolicies, passwordLogin },
  routes,
  // Open pixel and click redirect ahead of Strapi's stack: `plugin::segmentation.tracking` in config/middlewares.ts.
  middlewares: {
    tracking: (_config: unknown, { strapi }: { strapi: Core.Strapi }) => trackingHits(strapi).middleware(),
    bodyTimeout: (_config: unknown, { strapi }: { strapi: Core.Strapi }) => bodyTimeout(pluginConfig(strapi).bodyTimeouts),
  },

  register({ strapi }: { strapi: Core.Strapi }) {
    registerSegmentMiddleware(strapi);
    registerTemplateMiddleware(strapi);
    registerCampaignMiddleware(strapi);
    // Password login switched off by config (issue 23): a policy on Strapi's own login route.
    guardPasswordLogin(strapi);
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await stopBounceIntake(strapi);
    await getService(strapi, 'worker').stop();
    await getService(strapi, 'recorder').flush();
    await getService(strapi, 'sms').destroy();
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await registerPermissions(strapi);
    // Node's request timeout covers every route alike, and import bodies of several hundred MB take long:
    // it is off, and the bodyTimeout middleware (common/body-timeout.ts) sets a deadline per route instead.
    if (strapi.server?.httpServer) {
      strapi.server.httpServer.requestTimeout = 0;
      strapi.server.httpServer.headersTimeout = pluginConfig(strapi).headersTimeoutMs;
      // Open pixel and click redirects answered before koa (tracking/hits.ts).
      trackingHits(strapi).attach(strapi.server.httpServer);
    }
    // The rest needs the admin bootstrapped (roles, super admin); the app's bootstrap calls `setup.run()`.
  },
};
