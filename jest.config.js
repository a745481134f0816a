/**
 * Six projects: unit (pure rules), integration (services on a real database), e2e (HTTP through Supertest,
 * PDFs, SMTP), browser (Chromium), fuzz (generated requests to every state-changing API route) and ops (scale data,
 * faults, two instances; PostgreSQL only). `npm test` runs the first three; `npm run test:browser`,
 * `npm run test:fuzz` and `npm run test:ops` the others.
 * Every test file gets its own database: a clone of a migrated template on PostgreSQL (DATABASE_URL set), or
 * its own PGlite instance loaded from a migrated snapshot (see test/setup/global-setup.js).
 */
const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2023',
  },
  module: { type: 'commonjs' },
}];
// NestJS 12 ships ES modules; Jest on Node 20 needs them turned into CommonJS (STACK-NOTES.md §1).
const swcJs = ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2023' }, module: { type: 'commonjs' } }];

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc, '^.+\\.m?js$': swcJs },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  setupFiles: ['<rootDir>/test/setup/pin-time-zone.js'],
  rootDir: __dirname,
};

// One worker per core, at least two: on CI's 2 cores, one worker left a core idle while a file waited on PGlite (the
// whole `npm test` took about 20 minutes; with two, about 10). Each worker has its own databases, so files never share.
const workers = Math.max(2, require('node:os').availableParallelism());

module.exports = {
  maxWorkers: workers,
  globalSetup: '<rootDir>/test/setup/global-setup.js',
  globalTeardown: '<rootDir>/test/setup/global-teardown.js',
  testTimeout: 30000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'] },
    { ...common, displayName: 'fuzz', testMatch: ['<rootDir>/test/fuzz/**/*.fuzz-spec.ts'] },
    // Issue 21: scale data, faults (process killed, PostgreSQL restarted) and two instances behind nginx; PostgreSQL only.
    { ...common, displayName: 'ops', testMatch: ['<rootDir>/test/ops/**/*.ops-spec.ts'] },
  ],
};
