import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

/**
 * The only address a metrics listener binds to: /metrics is never served on a process's public
 * port, and no setting widens this one (a scraper elsewhere goes through an authenticating proxy
 * beside the process, e.g. kube-rbac-proxy in infra/k8s/platform.yaml).
 */
export const METRICS_HOST = '127.0.0.1';

export interface MetricsServer {
  /** http://127.0.0.1:<port>/metrics */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * A listener of its own for Prometheus: GET /metrics answers the registry's metrics in its
 * exposition format and content type (prom-client's; 503 when collecting fails, e.g. the database
 * is down); anything else is 404.
 */
export async function startMetricsServer(port: number, registry: Registry): Promise<MetricsServer> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' || path !== '/metrics') {
      response.writeHead(404, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ status: 404, title: 'Not found' }));
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' }).end(text),
      () =>
        response
          .writeHead(503, { 'content-type': 'application/problem+json' })
          .end(JSON.stringify({ status: 503, title: 'Metrics unavailable', detail: 'the database did not answer' })),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, METRICS_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // The address the socket really has, not the one asked for.
  const bound = server.address() as AddressInfo;
  return {
    url: `http://${bound.address}:${bound.port}/metrics`,
    port: bound.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
