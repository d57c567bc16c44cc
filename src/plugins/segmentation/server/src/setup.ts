/**
 * The `setup` service: what needs Strapi's admin bootstrapped first (its default roles, the super
 * admin): the tool's roles, the demo data, the sending worker, the audience index. Strapi bootstraps
 * this plugin before the admin, so the app's own bootstrap (src/index.ts) calls `run()`.
 */
import type { Core } from '@strapi/strapi';
import { pluginConfig } from './config';
import { getService } from './services';
import { listenToSms } from './sms/events';
import { startBounceIntake } from './bounces/intake';
import { seedDemo } from './demo/seed';
import { ensureTemplateLocales } from './templates/locales';
import { closePublicRegistration, seedRoles } from './partners/roles';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async run(): Promise<void> {
    const config = pluginConfig(strapi);
    await ensureTemplateLocales(strapi);
    await seedRoles(strapi);
    await getService(strapi, 'houseStyles').seed();
    await closePublicRegistration(strapi);
    if (config.demo) await seedDemo(strapi);
    if (config.worker) getService(strapi, 'worker').start();
    listenToSms(strapi, config.worker);
    if (config.worker) await startBounceIntake(strapi);
    // Warm the audience index in the background; requests wait for it if they come first.
    if (!config.warmIndex) return;
    getService(strapi, 'segments')
      .engine()
      .ensureFresh()
      .catch((error: Error) => {
        strapi.log.error(`[segmentation] loading the audience index failed: ${error.message}`);
      });
  },
});
