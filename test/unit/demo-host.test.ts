/** `npm run demo` prints its login for anyone to read: it listens on this machine only, unless HOST is set when it is started. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain Node script of the repository, not a module with types
const { demoHost } = require('../../scripts/demo-host') as { demoHost: (env: Record<string, string | undefined>) => string };

test('the demo binds 127.0.0.1 by default, and what HOST says when it is set', () => {
  expect(demoHost({})).toBe('127.0.0.1');
  expect(demoHost({ HOST: '' })).toBe('127.0.0.1');
  expect(demoHost({ HOST: '0.0.0.0' })).toBe('0.0.0.0');
  expect(demoHost({ HOST: ' ::1 ' })).toBe('::1');
});
