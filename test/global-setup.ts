/** Compiles the Strapi app (config, src, migrations) to dist/ once per jest run. */
import path from 'path';
import { compileStrapi } from '@strapi/strapi';

export default async function globalSetup(): Promise<void> {
  await compileStrapi({ appDir: path.resolve(__dirname, '..') });
}
