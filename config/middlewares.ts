import type { Core } from '@strapi/strapi';

/** Uploads (header images) above this many bytes are refused before anything is stored. */
const UPLOAD_LIMIT = Number(process.env.UPLOAD_SIZE_LIMIT ?? 5 * 1024 * 1024);

const config: Core.Config.Middlewares = [
  // Open pixel and click redirects of mails: answered first, without the rest of the stack.
  'plugin::segmentation.tracking',
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  // `text: false`: CSV/NDJSON import bodies (hundreds of MB) are streamed by the import route,
  // never buffered by the body parser.
  { name: 'strapi::body', config: { text: false, formidable: { maxFileSize: UPLOAD_LIMIT } } },
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
