import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Producer } from 'kafkajs';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { AppConfig } from '../../../libs/config/src/config.js';
import { createEventStore } from '../../../libs/event-store/src/create-event-store.js';
import { Leadership } from '../../../libs/projections/src/leadership.js';
import { IntegrationRelay, type RelayStatus } from '../../../libs/relay/src/integration-relay.js';
import { PostgresRelayCheckpoints } from '../../../libs/relay/src/relay-checkpoints.js';
import type { RelaySettings } from './relay-settings.js';
import { openPool } from '../../../libs/database/src/pool.js';

export interface RunningRelay {
  relay: IntegrationRelay;
  url: string;
  isLeader(): boolean;
  close(): Promise<void>;
}

/** The advisory lock that makes one relay process the publisher; the others stand by. */
const LEADER_LOCK = 'relay:integration-events';
/** A leader whose batches have failed for this long reports itself down. */
const FAILING_FOR_MS = 60_000;

/**
 * The relay process: the event store (EVENT_STORE), its checkpoint table in DATABASE_URL, the
 * producer, leadership (only the holder of the lock publishes; a standby takes over when the
 * leader's connection goes), and /health and /metrics on HOST:PORT.
 */
export async function startRelayProcess(
  config: AppConfig,
  databaseUrl: string,
  settings: RelaySettings,
  producer: Producer,
  log: (line: string) => void,
  leaderRetryMs = 5000,
): Promise<RunningRelay> {
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => undefined);
  };
  try {
    const store = await createEventStore(config, databaseUrl);
    closers.push(() => store.close());
    const pool = openPool({ connectionString: databaseUrl, max: 2, applicationName: 'pcm-relay' });
    closers.push(() => pool.end());
    const checkpoints = new PostgresRelayCheckpoints(pool);
    await checkpoints.migrate();
    await producer.connect();
    closers.push(() => producer.disconnect());
    const relay = new IntegrationRelay(store, producer, checkpoints, {
      batchSize: settings.batchSize,
      pollIntervalMs: settings.pollIntervalMs,
      log,
    });
    const leadership = new Leadership({ connectionString: databaseUrl });
    let leader = false;
    const startedAt = Date.now();
    const campaign = async () => {
      if (leadership.takeLoss() && leader) {
        leader = false;
        await relay.stop();
        log('relay: lost the leader lock; standing by');
      }
      if (!leader && (await leadership.acquire([LEADER_LOCK])).has(LEADER_LOCK)) {
        leader = true;
        relay.start();
        log('relay: leader; publishing integration events');
      }
    };
    await campaign();
    const timer = setInterval(
      () => void campaign().catch((error: Error) => log(`relay: leadership check failed (${error.message})`)),
      leaderRetryMs,
    );
    closers.push(async () => {
      clearInterval(timer);
      await relay.stop();
      await leadership.release();
    });
    const server = statusServer(
      () => relay.status(),
      () => leader,
      startedAt,
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
    closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const address = server.address() as AddressInfo;
    return { relay, url: `http://${config.host}:${address.port}`, isLeader: () => leader, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Down when this process leads and no batch has gone through for FAILING_FOR_MS while batches fail. */
export function relayHealth(
  status: RelayStatus,
  leader: boolean,
  startedAt: number,
  now = Date.now(),
): { up: boolean; body: Record<string, unknown> } {
  const lastGood = status.lastBatchAt ? Date.parse(status.lastBatchAt) : startedAt;
  const failing = leader && status.lastError !== null && now - lastGood > FAILING_FOR_MS;
  // The count of events read is left out, as in the metrics: it would show unpublished (support) activity.
  const { read: _read, ...shown } = status;
  return { up: !failing, body: { status: failing ? 'down' : 'up', role: leader ? 'leader' : 'standby', relay: shown } };
}

/**
 * The relay's Prometheus metrics, on a prom-client registry of its own with the default process
 * metrics. No count of events read: read minus published would count the events no integration
 * contract publishes, support events among them (issue 13); what is published is enforcement only.
 */
export function relayMetrics(status: () => RelayStatus, leader: () => boolean): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const gauge = (name: string, help: string, value: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(value());
      },
    });
  gauge('relay_leader', 'Whether this process publishes (1) or stands by (0).', () => (leader() ? 1 : 0));
  new Counter({
    name: 'relay_messages_published_total',
    help: 'Integration messages Kafka acknowledged from this process.',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(status().published);
    },
  });
  gauge('relay_failing', 'Whether the last batch failed.', () => (status().lastError === null ? 0 : 1));
  gauge('relay_last_batch_timestamp_seconds', 'When the last batch went through.', () => {
    const at = status().lastBatchAt;
    return at ? Date.parse(at) / 1000 : 0;
  });
  return registry;
}

function statusServer(status: () => RelayStatus, leader: () => boolean, startedAt: number): Server {
  const registry = relayMetrics(status, leader);
  return createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && path === '/health') {
      const health = relayHealth(status(), leader(), startedAt);
      response.writeHead(health.up ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(health.body));
      return;
    }
    if (request.method === 'GET' && path === '/metrics') {
      registry.metrics().then(
        (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
        () => response.writeHead(503, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
      );
      return;
    }
    response.writeHead(404, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ status: 404, title: 'Not found' }));
  });
}
