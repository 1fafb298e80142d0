import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type pg from 'pg';
import type { AuditServices } from '../../../../libs/audit/src/infrastructure/audit-services.js';
import type { AppConfig } from '../../../../libs/config/src/config.js';
import { APP_CONFIG, DATABASE_POOL } from '../tokens.js';
import { AUDIT_SERVICES } from './audit-tokens.js';

/** Held while publishing, so that of several API instances one publishes each round. */
const PUBLISHER_LOCK = 7_212_007_002;

/** Publishes a signed checkpoint every AUDIT_CHECKPOINT_MINUTES (off when unset). */
@Injectable()
export class CheckpointTimer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuditCheckpoints');
  private timer: NodeJS.Timeout | null = null;
  private publishing = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(AUDIT_SERVICES) private readonly audit: AuditServices,
    @Inject(DATABASE_POOL) private readonly pool: pg.Pool,
  ) {}

  onApplicationBootstrap(): void {
    const minutes = this.config.audit.checkpointMinutes;
    if (minutes === null) return;
    this.timer = setInterval(() => void this.publish(), minutes * 60_000);
    this.timer.unref();
    this.logger.log(`Publishing a signed checkpoint of the event log every ${minutes} min`);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One round: skipped when another instance holds the lock or the last round still runs; failures are logged, never thrown. */
  async publish(): Promise<void> {
    if (this.publishing) return;
    this.publishing = true;
    try {
      const client = await this.pool.connect();
      try {
        const locked = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [PUBLISHER_LOCK]);
        if (!locked.rows[0]!.locked) return;
        try {
          const checkpoint = await this.audit.log.publishScheduled();
          const keys = await this.audit.keys();
          this.logger.log(
            `Checkpoint ${checkpoint.id}: root ${checkpoint.root}, ${checkpoint.streams} streams, ${checkpoint.events} events, key ${checkpoint.keyId} (${keys.origin})`,
          );
        } finally {
          await client.query('select pg_advisory_unlock($1)', [PUBLISHER_LOCK]);
        }
      } finally {
        client.release();
      }
    } catch (error) {
      this.logger.error(`Checkpoint not published: ${(error as Error).message}`);
    } finally {
      this.publishing = false;
    }
  }
}
