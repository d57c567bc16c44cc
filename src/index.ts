import type { Core } from '@strapi/strapi';

export default {
  register() {},

  /**
   * Runs after every plugin's bootstrap (the admin's included): the segmentation plugin then seeds
   * its roles and the demo data and starts its worker (src/plugins/segmentation/server/src/index.ts).
   */
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await strapi.plugin('segmentation').service('setup').run();
  },
};
