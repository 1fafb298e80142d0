import type { DynamicModule, Provider, Type } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DatabaseHealthIndicator, EventStoreHealthIndicator, ProjectionsHealthIndicator } from './health-indicators.js';
import { HealthController } from './health.controller.js';

/**
 * GET /health through @nestjs/terminus: its HealthCheckService runs the indicators of the database,
 * the event store and the projections. Terminus logs nothing (`logger: false`): a failing check
 * is in the 503 answer, and the outage itself is logged by the requests that meet it, with codes
 * only (a readiness probe every few seconds would otherwise log the whole answer each time).
 */
export function healthPart(): { imports: DynamicModule[]; controllers: Type<unknown>[]; providers: Provider[] } {
  return {
    imports: [TerminusModule.forRoot({ logger: false })],
    controllers: [HealthController],
    providers: [DatabaseHealthIndicator, EventStoreHealthIndicator, ProjectionsHealthIndicator],
  };
}
