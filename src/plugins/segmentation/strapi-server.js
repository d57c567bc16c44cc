'use strict';

// The server is written in TypeScript (server/src) and compiled by `npm run build:plugin`.
// Strapi must `require` JavaScript: a TypeScript entry would silently load as an empty object.
let compiled;
try {
  compiled = require('./dist/server/src/index.js');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('dist/server')) {
    throw new Error('The segmentation plugin is not compiled: run `npm run build:plugin` first.', { cause: error });
  }
  throw error;
}
module.exports = compiled.default || compiled;
