import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import type pg from 'pg';
import type { EventStore } from '../../../../libs/event-store/src/port.js';
import { projectionHealth } from '../../../../libs/projections/src/metrics.js';
import type { ProjectionRunner } from '../../../../libs/projections/src/projection-runner.js';
import { Public } from '../access/public.decorator.js';
import { PROJECTION_RUNNER } from '../projections/projection-tokens.js';
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
  ) {}

  /**
   * 200 when the read-model database and the event store answer, 503 otherwise. The projections'
   * position, lag and events/s are reported; a lagging or failing projection does not make the API down.
   */
  @Get()
  async health(@Res({ passthrough: true }) response: Response) {
    const [database, eventStore, projections] = await Promise.all([this.checkDatabase(), this.eventStore.health(), this.checkProjections()]);
    const status = database.status === 'up' && eventStore.status === 'up' ? 'up' : 'down';
    response.status(status === 'up' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status, checks: { database, eventStore, projections } };
  }

  private async checkProjections() {
    try {
      return projectionHealth(await this.projections.status());
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
