import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PROMETHEUS_CONTENT_TYPE, projectionMetrics } from '../../../../libs/projections/src/metrics.js';
import type { ProjectionRunner } from '../../../../libs/projections/src/projection-runner.js';
import { Public } from '../access/public.decorator.js';
import { PROJECTION_RUNNER } from './projection-tokens.js';

/** Prometheus metrics: position, lag and throughput of each projection. Counts of events only, nothing about cases. */
@ApiTags('operations')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner) {}

  @Get()
  @Header('Content-Type', PROMETHEUS_CONTENT_TYPE)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Prometheus text exposition of the projections’ position, lag and events/s' })
  async metrics(): Promise<string> {
    return projectionMetrics(await this.runner.status());
  }
}
