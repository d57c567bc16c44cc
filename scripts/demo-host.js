/**
 * The address `npm run demo` listens on: 127.0.0.1 (this machine only), unless HOST is set in the
 * environment of the command. A HOST in .env (older demos wrote 0.0.0.0 there) does not count.
 */
function demoHost(shellEnv) {
  const host = (shellEnv.HOST ?? '').trim();
  return host || '127.0.0.1';
}

module.exports = { demoHost };
