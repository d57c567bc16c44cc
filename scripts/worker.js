#!/usr/bin/env node
/**
 * `npm run worker`: a sending worker without the web server, for running more senders next to the
 * Strapi instances (they share campaigns through the database without duplicates on Postgres).
 * Loads the compiled app from dist/ (npm run build), starts the worker, and on SIGTERM/SIGINT lets
 * the mails in flight finish (claimed ones not yet started are put back) before it exits. A
 * `kill -9` is survived too: its claimed deliveries are queued again once their lease runs out
 * (SEND_LEASE_MS).
 */
const path = require('path');
const fs = require('fs');
const { createStrapi, compileStrapi } = require('@strapi/strapi');

const appDir = path.resolve(__dirname, '..');
const distDir = path.join(appDir, 'dist');

async function main() {
  if (!fs.existsSync(path.join(distDir, 'config', 'plugins.js'))) await compileStrapi({ appDir });
  process.env.SEGMENTATION_WORKER = 'true';
  process.env.SEGMENTATION_WARM_INDEX = process.env.SEGMENTATION_WARM_INDEX ?? 'false';
  const app = await createStrapi({ appDir, distDir, autoReload: false, serveAdminPanel: false }).load();
  const worker = app.plugin('segmentation').service('worker');
  console.log(`sending worker ${worker.id} started`);
  // Strapi's own SIGTERM/SIGINT handler destroys the app, and the plugin's destroy stops the worker
  // after the mails in flight (a second destroy from here would throw and kill the process at once).
  for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => console.log(`${signal}: finishing the mails in flight`));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
