/**
 * Compiles the Strapi app (config, src, migrations) to dist/ once per jest run, unless `npm test`
 * (scripts/test.js) already did for its two runs (SKIP_COMPILE=1).
 */
import path from 'path';
import { compileStrapi } from '@strapi/strapi';

export default async function globalSetup(): Promise<void> {
  if (process.env.SKIP_COMPILE === '1') return;
  await compileStrapi({ appDir: path.resolve(__dirname, '..') });
}
