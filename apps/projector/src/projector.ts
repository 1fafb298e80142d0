import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WorkingCalendar } from '../../../libs/case-kernel/src/domain/working-calendar.js';
import { VN_PUBLIC_HOLIDAYS } from '../../../libs/case-kernel/src/domain/vn-public-holidays.js';
import type { AppConfig } from '../../../libs/config/src/config.js';
import { openPool } from '../../../libs/database/src/pool.js';
import { projectionHealth, projectionMetricsRegistry } from '../../../libs/projections/src/metrics.js';
import { startMetricsServer } from '../../../libs/projections/src/metrics-server.js';
import type { Projection } from '../../../libs/projections/src/projection.js';
import { ProjectionRunner, type ProjectionRunnerOptions } from '../../../libs/projections/src/projection-runner.js';
import { openPlatformStorage } from '../../api/src/platform-storage.js';
import { platformProjections } from './platform-projections.js';

export interface ProjectorOptions {
  /** Default: the platform's projections. */
  projections?: Projection[];
  runner?: ProjectionRunnerOptions;
}

/** The projector's METRICS_PORT default: not the API's (9464), so both can run on one machine. */
export const PROJECTOR_METRICS_PORT = 9465;

export interface RunningProjector {
  runner: ProjectionRunner;
  /** Where /health is served (HOST:PORT). */
  url: string;
  /** http://127.0.0.1:METRICS_PORT/metrics; null with METRICS_PORT=off. */
  metricsUrl: string | null;
  close(): Promise<void>;
}

/**
 * The projector alone: the same storage as the API (DATABASE_URL, or the embedded PostgreSQL
 * under DATA_DIR, adopted when the API already runs it), the runner, /health on HOST:PORT and
 * /metrics on 127.0.0.1:METRICS_PORT only.
 */
export async function startProjector(
  config: AppConfig,
  log: (line: string) => void,
  options: ProjectorOptions = {},
): Promise<RunningProjector> {
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => undefined);
  };
  try {
    const storage = await openPlatformStorage(config, log, { leaveAdoptedServerRunning: true, keyStorePoolSize: 1 });
    closers.push(() => storage.close());
    const pool = openPool({
      connectionString: storage.databaseUrl,
      max: Math.max(2, Math.min(config.databasePoolSize, 4)),
      applicationName: 'pcm-projector',
      log,
    });
    closers.push(() => pool.end());
    const projections = options.projections ?? platformProjections(new WorkingCalendar(VN_PUBLIC_HOLIDAYS), config);
    const runner = new ProjectionRunner(storage.eventStore, pool, projections, { log, ...options.runner });
    await runner.start();
    closers.push(() => runner.stop());
    const server = statusServer(runner);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
    closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const address = server.address() as AddressInfo;
    const metrics =
      config.metricsPort === null
        ? null
        : await startMetricsServer(
            config.metricsPort,
            projectionMetricsRegistry(() => runner.status()),
          );
    if (metrics) closers.push(() => metrics.close());
    return { runner, url: `http://${config.host}:${address.port}`, metricsUrl: metrics?.url ?? null, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** GET /health (JSON); nothing else (/metrics has its own loopback listener). */
function statusServer(runner: ProjectionRunner): Server {
  return createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' || path !== '/health') {
      response.writeHead(404, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ status: 404, title: 'Not found' }));
      return;
    }
    runner.status().then(
      (statuses) => {
        const health = projectionHealth(statuses);
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status: 'up', checks: { projections: health } }));
      },
      () => {
        response
          .writeHead(503, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status: 'down', checks: { projections: { status: 'down', detail: 'the database did not answer' } } }));
      },
    );
  });
}
