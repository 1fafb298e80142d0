/** One database per test run: test/global-setup.ts starts an embedded PostgreSQL unless DATABASE_URL is set. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
    },
    module: { type: 'commonjs' },
  },
];
// Suites that need a server this machine cannot run: only collected when it is configured.
// test/global-setup.ts prints which were left out, so they never count as passed.
const externalSuites = [];
if (!process.env.KURRENTDB_URL) externalSuites.push('/kurrentdb-event-store\\.int\\.spec\\.ts$');
if (!process.env.KAFKA_BROKERS) externalSuites.push('/kafka-relay\\.int\\.spec\\.ts$');

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'],
  // .mjs too: test/support/ensure-browser.mjs, which Node runs as it is, is imported by the tests.
  transform: { '^.+\\.(t|m?j)s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|jose)/)'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', ...externalSuites],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 60000,
};
