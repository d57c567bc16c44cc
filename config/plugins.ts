import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  'users-permissions': {
    config: {
      jwtManagement: 'refresh',
      sessions: { httpOnly: true },
    },
  },
  upload: {
    config: {
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
    },
  },
});

export default config;
