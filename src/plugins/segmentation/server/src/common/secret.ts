/**
 * The key that signs the tool's links (tracking/tokens.ts): `SEGMENTATION_SECRET`, or else derived
 * from the app's own APP_KEYS, so that a link stays valid across restarts and instances.
 */
import { createHash } from 'crypto';
import type { Core } from '@strapi/strapi';
import { pluginConfig } from '../config';

export function secretOf(strapi: Core.Strapi): string {
  const configured = pluginConfig(strapi).secret;
  if (configured) return configured;
  const keys = (strapi.config.get('server.app.keys') as string[] | undefined) ?? [];
  if (keys.length === 0) throw new Error('Set SEGMENTATION_SECRET (or APP_KEYS) to sign the links in mails');
  return createHash('sha256')
    .update(`segmentation:${keys.join(',')}`)
    .digest('hex');
}

/** The tool's public address, without a trailing slash. */
export function publicUrlOf(strapi: Core.Strapi): string {
  return pluginConfig(strapi).publicUrl;
}
