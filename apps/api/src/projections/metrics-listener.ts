import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import type { AppConfig } from '../../../../libs/config/src/config.js';
import { projectionMetricsRegistry } from '../../../../libs/projections/src/metrics.js';
import { startMetricsServer, type MetricsServer } from '../../../../libs/projections/src/metrics-server.js';
import type { ProjectionRunner } from '../../../../libs/projections/src/projection-runner.js';
import { APP_CONFIG } from '../tokens.js';
import { PROJECTION_RUNNER } from './projection-tokens.js';

/**
 * Prometheus metrics (prom-client: the process's default metrics and the projections' positions in
 * the log and lag, the same for every compartment: libs/projections/src/metrics.ts), from a
 * registry of this application's own, on a listener of their own, 127.0.0.1:METRICS_PORT,
 * never on the API's port (where GET /metrics is 404). It opens when the API starts listening, so
 * an application that is only initialised (the HTTP tests) opens no port; METRICS_PORT=off opens none.
 */
@Injectable()
export class MetricsListener implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server: Promise<MetricsServer | null> | null = null;
  private settle!: (server: MetricsServer | null) => void;
  private readonly started = new Promise<MetricsServer | null>((resolve) => (this.settle = resolve));

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
  ) {}

  onApplicationBootstrap(): void {
    const port = this.config.metricsPort;
    if (port === null) return this.settle(null);
    const http = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    http?.once('listening', () => {
      this.server = startMetricsServer(
        port,
        projectionMetricsRegistry(() => this.runner.status()),
      ).catch((error: Error) => {
        // The API serves its users without it; the operator sees why Prometheus gets nothing.
        this.logger.error(
          `could not listen on 127.0.0.1:${port} (${error.message}); /metrics is not served (set METRICS_PORT to a free port, or off)`,
        );
        return null;
      });
      void this.server.then(this.settle);
    });
  }

  /** Where /metrics is served once the API listens; null when METRICS_PORT=off or the port could not be opened. */
  url(): Promise<string | null> {
    return this.started.then((server) => server?.url ?? null);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await (await this.server)?.close();
  }
}
