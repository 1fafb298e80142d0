import { freePort } from '../../../libs/database/src/free-port.js';
import { enforcementScript } from '../../../libs/integration-events/src/testing/case-scripts.testkit.js';
import { FakeProducer } from '../../../libs/relay/src/testing/fake-producer.js';
import { openRelayWorld, type RelayWorld } from '../../../libs/relay/src/testing/relay-world.js';
import { relayHealth } from './relay-process.js';
import { RELAY_OFF, runRelay, type RunningRelayApp } from './run-relay.js';

function io() {
  const lines = { out: [] as string[], err: [] as string[], exit: [] as number[] };
  return {
    lines,
    io: { out: (l: string) => lines.out.push(l), err: (l: string) => lines.err.push(l), exit: (c: number) => lines.exit.push(c) },
  };
}

describe('relay app: start-up', () => {
  it('says the relay is off and exits 0 without KAFKA_BROKERS', async () => {
    const { lines, io: out } = io();
    expect(await runRelay([], { DATABASE_URL: 'postgres://db/x' }, out)).toBeNull();
    expect(lines.out).toEqual([RELAY_OFF]);
    expect(lines.exit).toEqual([0]);
  });

  it('exits 2 naming each variable to fix, and never asks for MASTER_KEY', async () => {
    const { lines, io: out } = io();
    await runRelay([], { KAFKA_BROKERS: 'broker:9092', RELAY_BATCH_SIZE: '0', KAFKA_SASL_USERNAME: 'u' }, out);
    expect(lines.exit).toEqual([2]);
    const message = lines.err.join('\n');
    expect(message).toContain('RELAY_BATCH_SIZE: an integer from 1 to 10000');
    expect(message).toContain('KAFKA_SASL_MECHANISM');
    expect(message).toContain('DATABASE_URL: required with KAFKA_BROKERS');
    expect(message).not.toContain('MASTER_KEY');
    const bad = io();
    await runRelay(['--publish-everything'], {}, bad.io);
    expect(bad.lines).toMatchObject({ err: ['Usage: relay [--example-consumer]'], exit: [2] });
  });
});

describe('relay app: running on the log with a fake producer', () => {
  let world: RelayWorld;
  let running: RunningRelayApp & { url?: string };
  const producer = new FakeProducer();
  beforeAll(async () => {
    world = await openRelayWorld();
    await world.write(enforcementScript());
  });
  afterAll(() => world.close());

  it('publishes as leader without MASTER_KEY, serves /health and /metrics, and stops cleanly', async () => {
    const { lines, io: out } = io();
    running = (await runRelay(
      [],
      { KAFKA_BROKERS: 'broker:9092', DATABASE_URL: world.url, PORT: String(await freePort()), RELAY_POLL_MS: '20' },
      out,
      { producer: () => producer },
    ))!;
    expect(lines.err).toEqual([]);
    expect(lines.out.join('\n')).toMatch(/leader; publishing/);
    const until = Date.now() + 10_000;
    while (producer.acknowledged.length < 14 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(producer.acknowledged).toHaveLength(14);
    const health = await fetch(`${running.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'up', role: 'leader', relay: { published: 14, lastError: null } });
    const metrics = await fetch(`${running.url}/metrics`);
    const text = await metrics.text();
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toContain('relay_messages_published_total 14');
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    // Nothing counts the events read: read minus published would show the unpublished (support) events.
    expect(text).not.toMatch(/relay_events_read/);
    expect(JSON.stringify(await (await fetch(`${running.url}/health`)).json())).not.toMatch(/"read"/);
    await running.close();
    expect((await world.checkpoints.list()).find((c) => c.relay === 'integration-events')).toMatchObject({ published: 14 });
  });

  it('reports down only when it leads and its batches have failed for a minute', () => {
    const status = {
      name: 'r',
      running: true,
      checkpoint: null,
      read: 0,
      published: 0,
      lastBatchAt: '2026-03-02T00:00:00.000Z',
      lastError: 'KafkaJSConnectionError',
    };
    const at = Date.parse('2026-03-02T00:00:30.000Z');
    expect(relayHealth(status, true, 0, at).up).toBe(true);
    expect(relayHealth(status, true, 0, at + 60_000).up).toBe(false);
    expect(relayHealth(status, false, 0, at + 60_000)).toMatchObject({ up: true, body: { role: 'standby' } });
    expect(relayHealth({ ...status, lastError: null }, true, 0, at + 60_000).up).toBe(true);
  });
});
