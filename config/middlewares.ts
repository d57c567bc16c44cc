import type { Core } from '@strapi/strapi';

const config: Core.Config.Middlewares = [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  // `text: false`: CSV/NDJSON import bodies (hundreds of MB) are streamed by the import route,
  // never buffered by the body parser.
  { name: 'strapi::body', config: { text: false } },
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
