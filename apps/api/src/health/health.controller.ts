import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import type pg from 'pg';
import type { EventStore } from '../../../../libs/event-store/src/port.js';
import { projectionHealth } from '../../../../libs/projections/src/metrics.js';
import type { ProjectionRunner } from '../../../../libs/projections/src/projection-runner.js';
import { Public } from '../access/public.decorator.js';
import { DATABASE_RETRY_AFTER_SECONDS } from '../http/database-unavailable.js';
import { PROJECTION_RUNNER, PROJECTIONS_INLINE } from '../projections/projection-tokens.js';
import { DATABASE_POOL, EVENT_STORE } from '../tokens.js';

interface CheckResult {
  status: 'up' | 'down';
  detail?: string;
}

@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(DATABASE_POOL) private readonly database: pg.Pool,
    @Inject(PROJECTION_RUNNER) private readonly projections: ProjectionRunner,
    @Inject(PROJECTIONS_INLINE) private readonly inline: boolean,
  ) {}

  /**
   * 200 when the read-model database and the event store answer, 503 (with Retry-After) otherwise. The projections'
   * position, lag and events/s are reported; a lagging or failing projection does not make the API down.
   * With PROJECTIONS=off they are read from the database and marked as run by another process.
   */
  @Get()
  async health(@Res({ passthrough: true }) response: Response) {
    const [database, eventStore, projections] = await Promise.all([this.checkDatabase(), this.eventStore.health(), this.checkProjections()]);
    const status = database.status === 'up' && eventStore.status === 'up' ? 'up' : 'down';
    response.status(status === 'up' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    if (status !== 'up') response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    return { status, checks: { database, eventStore, projections } };
  }

  private async checkProjections() {
    try {
      const health = projectionHealth(await this.projections.status());
      if (this.inline) return { ...health, runHere: true };
      return {
        status: 'not_run_here' as const,
        runHere: false,
        detail: 'This process does not run the projections (PROJECTIONS=off): a separate projector process builds them. Their positions and lag are read from the database.',
        detailVi: 'Tiến trình này không dựng các bảng dữ liệu đọc (PROJECTIONS=off): một tiến trình projector riêng dựng chúng. Vị trí và độ trễ của chúng được đọc từ cơ sở dữ liệu.',
        projections: health.projections.map((p) => ({ ...p, role: 'not_run_here' as const })),
      };
    } catch {
      return { status: 'down' as const, detail: 'the projections could not be read' };
    }
  }

  private async checkDatabase(): Promise<CheckResult> {
    try {
      await this.database.query('select 1');
      return { status: 'up' };
    } catch {
      return { status: 'down', detail: 'the database did not answer' };
    }
  }
}
