export * from './port.js';
export * from './errors.js';
export { canonicalJson, canonicalBody, linkHash, eventHash, GENESIS_HASH } from './hash-chain.js';
export { ChainVerifier } from './chain-verifier.js';
export { PostgresEventStore, encodeCheckpoint } from './postgres/postgres-event-store.js';
export { migrateEventStore, EVENT_STORE_MIGRATIONS } from './postgres/migrations.js';
export { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store.js';
