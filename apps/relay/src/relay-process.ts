import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Producer } from 'kafkajs';
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
  return { up: !failing, body: { status: failing ? 'down' : 'up', role: leader ? 'leader' : 'standby', relay: status } };
}

function metrics(status: RelayStatus, leader: boolean): string {
  const lines = [
    ['relay_leader', 'gauge', 'Whether this process publishes (1) or stands by (0).', leader ? 1 : 0],
    ['relay_events_read_total', 'counter', 'Events of the log read by this process.', status.read],
    ['relay_messages_published_total', 'counter', 'Integration messages Kafka acknowledged from this process.', status.published],
    ['relay_failing', 'gauge', 'Whether the last batch failed.', status.lastError === null ? 0 : 1],
    [
      'relay_last_batch_timestamp_seconds',
      'gauge',
      'When the last batch went through.',
      status.lastBatchAt ? Date.parse(status.lastBatchAt) / 1000 : 0,
    ],
  ] as const;
  return lines.map(([name, type, help, value]) => `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name} ${value}\n`).join('');
}

function statusServer(status: () => RelayStatus, leader: () => boolean, startedAt: number): Server {
  return createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && path === '/health') {
      const health = relayHealth(status(), leader(), startedAt);
      response.writeHead(health.up ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(health.body));
      return;
    }
    if (request.method === 'GET' && path === '/metrics') {
      response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(metrics(status(), leader()));
      return;
    }
    response.writeHead(404, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ status: 404, title: 'Not found' }));
  });
}
