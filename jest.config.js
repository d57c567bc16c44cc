/** Jest runs TypeScript through ts-jest in transpile-only mode; `npm run typecheck` does the types. */
const ESM_PACKAGES = ['openid-client', 'oauth4webapi', 'jose'];

module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/\\.tmp/', '/dist/', '/test/e2e/artifacts/'],
  modulePathIgnorePatterns: ['<rootDir>/\\.tmp/', '<rootDir>/dist/', '<rootDir>/src/plugins/segmentation/dist/'],
  watchPathIgnorePatterns: ['<rootDir>/\\.tmp/'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
    // ESM-only packages (the UiTID sign-in's OpenID Connect client) compiled to CommonJS for Jest.
    [`/node_modules/(${ESM_PACKAGES.join('|')})/.+\\.js$`]: '<rootDir>/test/esm-transform.js',
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  globalSetup: '<rootDir>/test/global-setup.ts',
  testTimeout: 120000,
};
