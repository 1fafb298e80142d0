import type { EventStore } from '../../../event-store/src/port.js';
import type { AuditLog, LogVisitor, ScanProgress } from '../application/audit-log.js';

const PAGE = 2000;

/**
 * Any adapter through the event store port: the global log read front to back (streams
 * interleaved, each in revision order). The port exposes no stream heads apart from the events,
 * so a cut tail shows only against a signed checkpoint. Used for KurrentDB.
 */
export class EventStoreAuditLog implements AuditLog {
  readonly recordsHeads = false;

  constructor(
    private readonly store: EventStore,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  get source(): string {
    return `${this.store.adapter} (through the event store port)`;
  }

  async scan(visitor: LogVisitor, onProgress?: (progress: ScanProgress) => void): Promise<void> {
    const started = this.clock();
    let checkpoint: string | null = null;
    let seen = 0;
    for (;;) {
      const page = await this.store.readAll(checkpoint, PAGE);
      visitor.events(page.events);
      seen += page.events.length;
      checkpoint = page.checkpoint;
      onProgress?.({ events: seen, total: null, elapsedMs: this.clock() - started });
      if (page.events.length < PAGE) return;
    }
  }
}
