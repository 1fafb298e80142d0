/**
 * Dependency rules, checked by `npm run lint:deps` (part of `npm test`, so CI fails on a violation).
 * Domain code is pure: decide/evolve functions that import no framework, database or broker.
 */
const FRAMEWORKS_AND_ENGINES = '(^|/)node_modules/(@nestjs/|typeorm/|pg/|pg-[a-z-]+/|kafkajs/|@kurrent/|@eventstore/|express/)';
const DOMAIN = '(^libs/[^/]+/src/domain/|^test/fixtures/dependency-rules/domain/)';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'Domain code (libs/<context>/src/domain) must not import NestJS, TypeORM, pg, kafkajs, Express or an event-store client.',
      from: { path: DOMAIN },
      to: { path: FRAMEWORKS_AND_ENGINES },
    },
    {
      name: 'event-store-core-is-engine-free',
      severity: 'error',
      comment: 'The event-store port and its shared logic know no engine; only adapters under postgres/ and kurrentdb/ do.',
      from: { path: '^libs/event-store/src/(port|errors|hash-chain|chain-verifier|validation|subscription)\\.ts$' },
      to: { path: FRAMEWORKS_AND_ENGINES },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|\\.spec\\.ts$)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.cjs', '.mjs', '.json'],
    },
  },
};
