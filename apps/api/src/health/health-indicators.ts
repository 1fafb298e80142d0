import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type pg from 'pg';
import type { EventStore, StoreHealth } from '../../../../libs/event-store/src/port.js';
import { projectionHealth } from '../../../../libs/projections/src/metrics.js';
import type { ProjectionRunner } from '../../../../libs/projections/src/projection-runner.js';
import { PROJECTION_RUNNER, PROJECTIONS_INLINE } from '../projections/projection-tokens.js';
import { DATABASE_POOL, EVENT_STORE } from '../tokens.js';

/** The read-model database: `select 1` on the API's pool. Down makes /health 503. */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(DATABASE_POOL) private readonly pool: pg.Pool,
  ) {}

  async isHealthy<const TKey extends string>(key: TKey) {
    const indicator = this.indicators.check(key);
    try {
      await this.pool.query('select 1');
      return indicator.up();
    } catch {
      // Never the server's message: it may name hosts or users.
      return indicator.down({ detail: 'the database did not answer' });
    }
  }
}

/** The event store, through the port's own health check (PostgreSQL: its schema version; KurrentDB: a read of the log's last event). Down makes /health 503. */
@Injectable()
export class EventStoreHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async isHealthy<const TKey extends string>(key: TKey) {
    const indicator = this.indicators.check(key);
    // The port answers down rather than throwing; an adapter that throws is down all the same.
    const { status, adapter, detail } = await this.store
      .health()
      .catch((): StoreHealth => ({ status: 'down', adapter: this.store.adapter, detail: 'the event store did not answer' }));
    const data = { adapter, ...(detail === undefined ? {} : { detail }) };
    return status === 'up' ? indicator.up(data) : indicator.down(data);
  }
}

/**
 * The projections, from the runner's status: each one's position, lag and events/s. A projection
 * whose last batch failed makes the check `degraded` (terminus: still 200, the runner retries and
 * the API keeps serving commands and the other read models; readiness must not take every API pod
 * out of the load balancer for one read model). With PROJECTIONS=off they are built by another
 * process: up, each with the role `not_run_here`, positions read from the database. Down only
 * when the status cannot be read at all.
 */
@Injectable()
export class ProjectionsHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(PROJECTIONS_INLINE) private readonly inline: boolean,
  ) {}

  async isHealthy<const TKey extends string>(key: TKey) {
    const indicator = this.indicators.check(key);
    let health: ReturnType<typeof projectionHealth>;
    try {
      health = projectionHealth(await this.runner.status());
    } catch {
      return indicator.down({ detail: 'the projections could not be read' });
    }
    if (!this.inline) {
      return indicator.up({
        runHere: false,
        detail:
          'This process does not run the projections (PROJECTIONS=off): a separate projector process builds them. Their positions and lag are read from the database.',
        detailVi:
          'Tiến trình này không dựng các bảng dữ liệu đọc (PROJECTIONS=off): một tiến trình projector riêng dựng chúng. Vị trí và độ trễ của chúng được đọc từ cơ sở dữ liệu.',
        projections: health.projections.map((p) => ({ ...p, role: 'not_run_here' as const })),
      });
    }
    const data = { runHere: true, projections: health.projections };
    if (health.status === 'up') return indicator.up(data);
    const failing = health.projections.filter((p) => p.lastError !== null).map((p) => p.name);
    return indicator.degraded({ ...data, detail: `failing, retried by the runner: ${failing.join(', ')}` });
  }
}
