/** Jest runs TypeScript through ts-jest in transpile-only mode; `npm run typecheck` does the types. */
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/\\.tmp/', '/dist/', '/test/e2e/artifacts/'],
  modulePathIgnorePatterns: ['<rootDir>/\\.tmp/', '<rootDir>/dist/', '<rootDir>/src/plugins/segmentation/dist/'],
  watchPathIgnorePatterns: ['<rootDir>/\\.tmp/'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
  },
  globalSetup: '<rootDir>/test/global-setup.ts',
  testTimeout: 120000,
};
