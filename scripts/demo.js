#!/usr/bin/env node
/**
 * `npm run demo`: the tool on a fresh machine with no services — SQLite, demo data, a demo login.
 * 1. writes .env with random secrets on first run (secrets only ever come from the environment);
 * 2. compiles the plugin and builds the admin panel when it is missing or older than its sources;
 * 3. starts maildev (SMTP on 127.0.0.1:1025, web inbox on http://localhost:1080) unless SMTP_HOST
 *    points elsewhere, so test mails arrive somewhere a newcomer can read them;
 * 4. starts the demo SMS gateway (scripts/sms-inbox.js: SMPP on 127.0.0.1:2775, web page on
 *    http://localhost:1081) unless SMS_PROVIDER is set, and points the tool's SMS at it;
 * 5. starts a local OpenID Connect provider standing in for UiTID (scripts/oidc-provider.mjs on
 *    http://127.0.0.1:4011, demo accounts an.peeters, jonas.maes, info.gedeeld) unless UITID_ISSUER is
 *    set, so "Aanmelden met UiTID" on the login page works out of the box;
 * 6. starts Strapi on http://localhost:1337 with SEGMENTATION_DEMO=true, which loads the demo data
 *    set on first start and prints the demo login. It listens on 127.0.0.1 only (the demo login is
 *    printed for all to read), unless HOST is set in the environment.
 */
const { spawn, spawnSync } = require('child_process');
const { randomBytes } = require('crypto');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const { demoHost } = require('./demo-host');
// Taken before .env is read: only a HOST set by the person starting the demo opens it to the network.
const host = demoHost(process.env);
const envFile = path.join(root, '.env');
const rnd = () => randomBytes(16).toString('base64');

if (!fs.existsSync(envFile)) {
  const lines = [
    'PORT=1337',
    `APP_KEYS=${rnd()},${rnd()},${rnd()},${rnd()}`,
    `API_TOKEN_SALT=${rnd()}`,
    `ADMIN_JWT_SECRET=${rnd()}`,
    `TRANSFER_TOKEN_SALT=${rnd()}`,
    `JWT_SECRET=${rnd()}`,
    `ENCRYPTION_KEY=${rnd()}`,
    `SEGMENTATION_SECRET=${rnd()}`,
  ];
  fs.writeFileSync(envFile, `${lines.join('\n')}\n`, { mode: 0o600 });
  console.log('Wrote .env with fresh random secrets.');
}
fs.mkdirSync(path.join(root, 'public', 'uploads'), { recursive: true });

function newestMtime(dir) {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function run(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('npm', ['run', 'build:plugin']);
const built = path.join(root, 'dist', 'build', 'index.html');
const sources = Math.max(newestMtime(path.join(root, 'src')), newestMtime(path.join(root, 'config')));
if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < sources) {
  console.log('Building the admin panel (about a minute)...');
  run('npx', ['strapi', 'build']);
}

const children = [];
require('dotenv').config({ path: envFile });
if (!process.env.SMTP_HOST) {
  const smtpPort = process.env.SMTP_PORT ?? '1025';
  const webPort = process.env.MAILDEV_WEB_PORT ?? '1080';
  const maildev = spawn(
    process.execPath,
    [
      path.join(root, 'node_modules', 'maildev', 'dist', 'bin', 'maildev.js'),
      '--smtp',
      smtpPort,
      '--ip',
      '127.0.0.1',
      '--web',
      webPort,
      '--web-ip',
      '127.0.0.1',
    ],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  children.push(maildev);
  console.log(`\n  Demo inbox (maildev): http://localhost:${webPort}  (SMTP 127.0.0.1:${smtpPort}; test mails arrive here)\n`);
}

const smsEnv = {};
if (!process.env.SMS_PROVIDER) {
  const smppPort = process.env.SMPP_PORT ?? '2775';
  const webPort = process.env.SMS_INBOX_PORT ?? '1081';
  const inbox = spawn(process.execPath, [path.join(root, 'scripts', 'sms-inbox.js')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, SMPP_PORT: smppPort, SMS_INBOX_PORT: webPort },
  });
  children.push(inbox);
  Object.assign(smsEnv, { SMS_PROVIDER: 'smpp', SMPP_HOST: '127.0.0.1', SMPP_PORT: smppPort });
  console.log(`  Demo SMS inbox:       http://localhost:${webPort}  (SMPP 127.0.0.1:${smppPort}; SMS arrive here, send STOP from here)\n`);
}

// Sign-in with UiTID (issue 23): a local OpenID Connect provider (scripts/oidc-provider.mjs) with
// demo accounts stands in for UiTID, unless UITID_ISSUER points at a real one.
const uitidEnv = {};
if (!process.env.UITID_ISSUER) {
  const oidcPort = process.env.OIDC_PORT ?? '4011';
  const appPort = process.env.PORT ?? '1337';
  const publicUrl = (process.env.PUBLIC_URL ?? `http://localhost:${appPort}`).replace(/\/+$/, '');
  const callback = (base) => `${base}/api/segmentation/uitid/callback`;
  const provider = spawn(process.execPath, [path.join(root, 'scripts', 'oidc-provider.mjs')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      OIDC_PORT: oidcPort,
      OIDC_CLIENT_ID: 'uitpas-tool',
      OIDC_CLIENT_SECRET: 'demo-secret',
      OIDC_REDIRECT_URIS: [...new Set([callback(publicUrl), callback(`http://localhost:${appPort}`), callback(`http://127.0.0.1:${appPort}`)])].join(','),
    },
  });
  children.push(provider);
  Object.assign(uitidEnv, { UITID_ISSUER: `http://127.0.0.1:${oidcPort}`, UITID_CLIENT_ID: 'uitpas-tool', UITID_CLIENT_SECRET: 'demo-secret' });
  console.log(`  Demo UiTID (OpenID Connect): http://127.0.0.1:${oidcPort}  ("Aanmelden met UiTID" on the login page; any password)`);
  console.log('    an.peeters, jonas.maes: ask for access, then sign in; info.gedeeld: a shared address, refused\n');
}

const child = spawn('npx', ['strapi', 'start'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ...smsEnv, ...uitidEnv, HOST: host, SEGMENTATION_DEMO: 'true', STRAPI_TELEMETRY_DISABLED: 'true' },
});
children.push(child);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => children.forEach((c) => c.kill(sig)));
child.on('exit', (code) => {
  children.forEach((c) => c.kill());
  process.exit(code ?? 0);
});
