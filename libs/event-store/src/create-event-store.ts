import type { AppConfig } from '../../config/src/config.js';
import type { EventStore } from './port.js';
import { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store.js';
import { PostgresEventStore } from './postgres/postgres-event-store.js';

/** The adapter chosen by EVENT_STORE; PostgreSQL shares the read-model database by default, KurrentDB is the production option. */
export async function createEventStore(config: AppConfig, databaseUrl: string): Promise<EventStore> {
  switch (config.eventStore) {
    case 'postgres':
      return PostgresEventStore.connect(databaseUrl, config.databasePoolSize);
    case 'kurrentdb':
      // loadConfig guarantees KURRENTDB_URL with EVENT_STORE=kurrentdb.
      return KurrentDbEventStore.connect(config.kurrentDbUrl!);
    default: {
      const unknown: never = config.eventStore;
      throw new Error(`Unknown event store ${String(unknown)}`);
    }
  }
}
