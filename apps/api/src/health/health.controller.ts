import { Controller, Get, HttpStatus, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthCheckStatus, type HealthCheckResult } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '../access/public.decorator.js';
import { DATABASE_RETRY_AFTER_SECONDS } from '../http/database-unavailable.js';
import { DatabaseHealthIndicator, EventStoreHealthIndicator, ProjectionsHealthIndicator } from './health-indicators.js';

/** The checks in the order they are reported. */
const CHECKS = ['database', 'eventStore', 'projections'] as const;

@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly eventStore: EventStoreHealthIndicator,
    private readonly projections: ProjectionsHealthIndicator,
  ) {}

  /**
   * 200 when the read-model database and the event store answer, 503 (with Retry-After) when one
   * does not (or the process is shutting down). The projections' position, lag and events/s are
   * reported; a lagging or failing projection (`degraded`) does not make the API down. With
   * PROJECTIONS=off they are read from the database and marked as run by another process.
   *
   * Terminus runs the indicators; its answer (`ok`/`degraded`/`error` with info/error/details) is
   * given in the shape clients already read: `status` up or down, and each check under `checks`.
   */
  @Get()
  @HealthCheck({ swaggerDocumentation: false })
  async check(@Res({ passthrough: true }) response: Response) {
    let result: HealthCheckResult;
    try {
      result = await this.health.check([
        () => this.database.isHealthy('database'),
        () => this.eventStore.isHealthy('eventStore'),
        () => this.projections.isHealthy('projections'),
      ]);
    } catch (error) {
      // Terminus answers a failed check (or one during shutdown) by throwing its result.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      result = error.getResponse() as HealthCheckResult;
    }
    const up = result.status === HealthCheckStatus.OK || result.status === HealthCheckStatus.DEGRADED;
    response.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    if (!up) response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    const checks = Object.fromEntries(CHECKS.filter((name) => name in result.details).map((name) => [name, result.details[name]]));
    return { status: up ? ('up' as const) : ('down' as const), checks };
  }
}
