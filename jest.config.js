/** Four suites: unit specs beside the code, integration specs on real PostgreSQL, end-to-end over HTTP, and the web app in a real browser. */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const shared = {
  testEnvironment: 'node',
  // Type checking is `npm run typecheck`; the test transform only transpiles.
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.spec.json' }] },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  rootDir: __dirname,
  setupFiles: ['<rootDir>/test/setup/environment.ts'],
};

module.exports = {
  // The global setup is transformed with the root config, so it needs the TypeScript transform too.
  transform: shared.transform,
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  maxWorkers: 2,
  // Generous for a loaded 2-core CI machine: each suite starts the app and hashes passwords with argon2.
  testTimeout: 30_000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'] },
    { ...shared, displayName: 'integration', testMatch: ['<rootDir>/libs/**/*.int-spec.ts', '<rootDir>/apps/**/*.int-spec.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'], testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/browser/'] },
    // The web app in Debian's chromium; its own setup builds apps/web when its sources changed.
    {
      ...shared, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/browser/setup/build-web.js',
    },
  ],
};
