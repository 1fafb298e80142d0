import type { AppConfig } from '../../config/src/config.js';
import type { EventStore } from './port.js';
import { PostgresEventStore } from './postgres/postgres-event-store.js';

/** The adapter chosen by EVENT_STORE; PostgreSQL shares the read-model database by default. */
export async function createEventStore(config: AppConfig, databaseUrl: string): Promise<EventStore> {
  switch (config.eventStore) {
    case 'postgres':
      return PostgresEventStore.connect(databaseUrl, config.databasePoolSize);
    case 'kurrentdb':
      throw new Error('EVENT_STORE=kurrentdb: adapter not wired yet');
    default: {
      const unknown: never = config.eventStore;
      throw new Error(`Unknown event store ${String(unknown)}`);
    }
  }
}
