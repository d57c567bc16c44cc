/**
 * Jest's own module loader cannot require ES modules on Node 20 (Node itself can): the OpenID Connect
 * client (openid-client) and its two dependencies are ESM-only, so Jest compiles them to CommonJS
 * with esbuild first. The app outside Jest loads them as they are.
 */
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, { loader: 'js', format: 'cjs', target: 'node20', sourcemap: 'inline', sourcefile: filename });
    return { code, map };
  },
};
