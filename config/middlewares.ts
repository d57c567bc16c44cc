import type { Core } from '@strapi/strapi';

/**
 * Browsers may call the API with credentials only from these origins: the public address of the
 * tool (PUBLIC_URL, where the admin panel is served too), localhost on its port, and any listed in
 * CORS_ORIGINS (comma-separated). Any other origin gets no CORS headers at all.
 */
export function allowedOrigins(env: Core.Config.Shared.ConfigParams['env']): string[] {
  const port = env.int('PORT', 1337);
  const listed = env
    .array('CORS_ORIGINS', [])
    .map((o) => o.trim())
    .filter(Boolean);
  const own = [env('PUBLIC_URL', `http://localhost:${port}`), `http://localhost:${port}`, `http://127.0.0.1:${port}`];
  return [...new Set([...own, ...listed].map((url) => new URL(url).origin))];
}

/**
 * Images the admin panel may show: Strapi's defaults plus the tool's public address, so a mail
 * preview (whose media point at PUBLIC_URL) shows its images also when the admin is opened on
 * another host name. The preview route also serves the tool's uploads from the admin's own origin.
 */
export function imageSources(env: Core.Config.Shared.ConfigParams['env']): string[] {
  const publicUrl = env('PUBLIC_URL', `http://localhost:${env.int('PORT', 1337)}`);
  return [...new Set(["'self'", 'data:', 'blob:', 'https://market-assets.strapi.io', new URL(publicUrl).origin])];
}

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => [
  // Open pixel and click redirects of mails: answered first, without the rest of the stack.
  'plugin::segmentation.tracking',
  // A deadline for receiving each request body (longer for imports and uploads): slow bodies are cut off.
  'plugin::segmentation.bodyTimeout',
  'strapi::logger',
  'strapi::errors',
  { name: 'strapi::security', config: { contentSecurityPolicy: { useDefaults: true, directives: { 'img-src': imageSources(env) } } } },
  { name: 'strapi::cors', config: { origin: allowedOrigins(env), credentials: true } },
  'strapi::poweredBy',
  'strapi::query',
  // `text: false`: CSV/NDJSON import bodies (hundreds of MB) are streamed by the import route,
  // never buffered by the body parser. `includeUnparsed`: the SMS gateway's callback signs the raw body.
  { name: 'strapi::body', config: { text: false, includeUnparsed: true, formidable: { maxFileSize: env.int('UPLOAD_SIZE_LIMIT', 5 * 1024 * 1024) } } },
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
