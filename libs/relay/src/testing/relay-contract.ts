import type { IHeaders, Producer } from 'kafkajs';
import { FieldSchemas } from '../../../access/src/application/case-records.js';
import { COMPARTMENT_OF, RESOURCE_KINDS } from '../../../access/src/domain/resources.js';
import { decryptFields, isEncryptedField } from '../../../crypto/src/index.js';
import type { JsonObject, JsonValue, RecordedEvent } from '../../../event-store/src/port.js';
import { PLATFORM_INTEGRATION } from '../../../integration-events/src/platform-mapping.js';
import { CONTEXTS, enforcementScript, supportScript } from '../../../integration-events/src/testing/case-scripts.testkit.js';
import { IntegrationRelay } from '../integration-relay.js';
import { HEADERS, parseIntegrationMessage } from '../kafka-message.js';
import type { RelayCheckpointStore } from '../relay-checkpoints.js';
import { openRelayWorld, type RelayWorld } from './relay-world.js';

/** A message as read back from the broker (or the fake), with where it was appended. */
export interface PublishedMessage {
  topic: string;
  partition: number;
  offset: number;
  key: string;
  value: string;
  headers: IHeaders;
}

/** The Kafka side of the contract: the fake producer, or a real broker when KAFKA_BROKERS is set. */
export interface RelayHarness {
  /** A connected producer to give the relay. */
  producer(): Promise<Pick<Producer, 'sendBatch'>>;
  /** The messages on the platform's topics whose key is one of `keys`, in offset order, once at least `atLeast` are there. */
  published(keys: ReadonlySet<string>, atLeast: number): Promise<PublishedMessage[]>;
  close(): Promise<void>;
}

const headerText = (headers: IHeaders, name: string) => String(headers[name]);

/** Drains the log: batches until one reads nothing. */
async function drain(relay: IntegrationRelay): Promise<void> {
  while ((await relay.publishNext()).read > 0);
}

/** The events the allow-list publishes, in log order. */
const mapped = (events: readonly RecordedEvent[]) => events.filter((e) => PLATFORM_INTEGRATION.mapperFor(e));

/** A checkpoint store that dies (like a killed process) on its first advance, after Kafka acknowledged the batch. */
function crashingOnFirstAdvance(real: RelayCheckpointStore): RelayCheckpointStore & { crashed: boolean } {
  const store = {
    crashed: false,
    load: (relay: string) => real.load(relay),
    advance: async (relay: string, from: string | null, to: string, published: number) => {
      if (!store.crashed) {
        store.crashed = true;
        throw new Error('process killed between the acknowledgement and the checkpoint');
      }
      return real.advance(relay, from, to, published);
    },
  };
  return store;
}

const UUID_INSIDE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}/;

/**
 * What must never leave: every string a protected (personal or sensitive) field holds once
 * decrypted, at any depth; and the free text of internal fields (names of businesses, addresses,
 * reasons, plans, findings), leaving out ids and dates, which public fields share by design.
 */
async function nonPublicValues(
  world: RelayWorld,
  events: readonly RecordedEvent[],
): Promise<{ protectedTexts: Set<string>; internalTexts: Set<string> }> {
  const labels = Object.values(CONTEXTS).reduce((all, context) => all.include(context.schemas), new FieldSchemas());
  const protectedTexts = new Set<string>();
  const internalTexts = new Set<string>();
  const leaves = (value: JsonValue | undefined, into: Set<string>) => {
    // Strings only: a short number (a birth year) would also match digits of ids by chance.
    if (typeof value === 'string' && value.length >= 6) into.add(value);
    else if (Array.isArray(value)) value.forEach((v) => leaves(v, into));
    else if (value && typeof value === 'object') Object.values(value).forEach((v) => leaves(v, into));
  };
  for (const event of events) {
    const opened = await decryptFields(event.data, world.keys, { eventType: event.type, eventId: event.id });
    const walk = (raw: JsonObject, plain: JsonObject) => {
      for (const [name, value] of Object.entries(raw)) {
        if (name === '$enc') continue;
        if (isEncryptedField(value)) leaves(plain[name], protectedTexts);
        else if (value && typeof value === 'object' && !Array.isArray(value)) walk(value, (plain[name] ?? {}) as JsonObject);
      }
    };
    walk(event.data, opened.data);
    const schema = labelsOf(labels, event.type);
    for (const [name, label] of Object.entries(schema ?? {})) {
      const value = event.data[name];
      if (label === 'internal' && typeof value === 'string' && value.length >= 8 && !UUID_INSIDE.test(value) && !DATE_LIKE.test(value))
        internalTexts.add(value);
    }
  }
  return { protectedTexts, internalTexts };
}

function labelsOf(labels: FieldSchemas, type: string): Record<string, string> | null {
  try {
    return labels.of(type);
  } catch {
    return null;
  }
}

/**
 * The relay's contract, run with the fake producer always and against a real broker when
 * KAFKA_BROKERS is set. Each test writes fresh cases through the real CaseCommands pipeline on a
 * database of its own, so it only ever looks at its own streams' messages.
 */
export function relayContract(open: () => Promise<RelayHarness>): void {
  let harness: RelayHarness;
  let world: RelayWorld;
  beforeEach(async () => {
    harness = await open();
    world = await openRelayWorld();
  });
  afterEach(async () => {
    await world.close();
    await harness.close();
  });

  it('publishes each mapped event once, keyed by its stream, with event-id and contract headers, in stream order per key', async () => {
    await world.write(enforcementScript());
    const log = await world.all();
    const expected = mapped(log);
    expect(expected).toHaveLength(14);
    expect(log.length).toBeGreaterThan(expected.length);
    const relay = new IntegrationRelay(world.store, await harness.producer(), world.checkpoints, { batchSize: 7 });
    await drain(relay);

    const messages = await harness.published(new Set(log.map((e) => e.streamId)), expected.length);
    expect(messages.map((m) => headerText(m.headers, HEADERS.eventId)).sort()).toEqual(expected.map((e) => e.id).sort());
    for (const message of messages) {
      const body = parseIntegrationMessage({ headers: message.headers, value: message.value });
      const source = log.find((e) => e.id === body.eventId)!;
      expect(message.key).toBe(source.streamId);
      expect(body.streamId).toBe(source.streamId);
      expect(headerText(message.headers, HEADERS.contractVersion)).toBe('1');
      expect(message.topic).toMatch(/^pcm\.(tips|penalties|establishments|inspections|hotspots)\.v1$/);
    }
    // Per key, the broker's offsets follow the stream's revisions.
    for (const key of new Set(messages.map((m) => m.key))) {
      const ofKey = messages.filter((m) => m.key === key).sort((a, b) => a.offset - b.offset);
      expect(new Set(ofKey.map((m) => `${m.topic}/${m.partition}`)).size).toBe(1);
      const revisions = ofKey.map((m) => log.find((e) => e.id === headerText(m.headers, HEADERS.eventId))!.revision);
      expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
    }
    expect(await world.checkpoints.load(relay.name)).toBe(log[log.length - 1]!.checkpoint);
  });

  it('after a crash between the acknowledgement and the checkpoint, sends the batch again with the same event ids, skips nothing, and the consumer applies each once', async () => {
    await world.write(enforcementScript());
    const log = await world.all();
    const expected = mapped(log);
    const producer = await harness.producer();
    const crashing = crashingOnFirstAdvance(world.checkpoints);
    const batchSize = 9;
    await expect(new IntegrationRelay(world.store, producer, crashing, { batchSize }).publishNext()).rejects.toThrow(/process killed/);
    expect(await world.checkpoints.load('integration-events')).toBeNull();

    await drain(new IntegrationRelay(world.store, producer, world.checkpoints, { batchSize }));
    const firstBatch = mapped(log.slice(0, batchSize)).map((e) => e.id);
    expect(firstBatch.length).toBeGreaterThan(0);
    const messages = await harness.published(new Set(log.map((e) => e.streamId)), expected.length + firstBatch.length);
    const ids = messages.map((m) => headerText(m.headers, HEADERS.eventId));
    expect(ids).toHaveLength(expected.length + firstBatch.length);
    expect([...new Set(ids)].sort()).toEqual(expected.map((e) => e.id).sort());
    for (const id of firstBatch) expect(ids.filter((i) => i === id)).toHaveLength(2);

    const outcomes = [];
    for (const message of messages.sort((a, b) => a.offset - b.offset)) outcomes.push(await world.counter.handle(message));
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(expected.length);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(firstBatch.length);
    const counts = await world.counter.counts();
    expect(counts.reduce((sum, c) => sum + c.events, 0)).toBe(expected.length);
    expect(counts.find((c) => c.contract === 'tip.received.v1')).toEqual({ contract: 'tip.received.v1', unit: '10015', events: 1 });
  });

  it('leaves the checkpoint where it was when a send fails, and sends the same batch on the next pass', async () => {
    await world.write(enforcementScript());
    const log = await world.all();
    const real = await harness.producer();
    let fail = true;
    const flaky: Pick<Producer, 'sendBatch'> = {
      sendBatch: (batch) => {
        if (!fail) return real.sendBatch(batch);
        fail = false;
        return Promise.reject(new Error('KafkaJSNumberOfRetriesExceeded: the broker did not answer'));
      },
    };
    const relay = new IntegrationRelay(world.store, flaky, world.checkpoints, { batchSize: 5 });
    await expect(relay.publishNext()).rejects.toThrow(/did not answer/);
    expect(await world.checkpoints.load(relay.name)).toBeNull();
    await drain(new IntegrationRelay(world.store, flaky, world.checkpoints, { batchSize: 5 }));
    const messages = await harness.published(new Set(log.map((e) => e.streamId)), mapped(log).length);
    expect(messages.map((m) => headerText(m.headers, HEADERS.eventId)).sort()).toEqual(
      mapped(log)
        .map((e) => e.id)
        .sort(),
    );
  });

  it('publishes no plaintext of any encrypted field, no free text, and nothing of the support compartment', async () => {
    await world.write([...enforcementScript(), ...supportScript()]);
    const log = await world.all();
    const supportKinds = RESOURCE_KINDS.filter((k) => COMPARTMENT_OF[k] === 'support');
    const supportStreams = log.filter((e) => supportKinds.some((k) => e.streamId.startsWith(`${k}-`)));
    expect(new Set(supportStreams.map((e) => e.streamId.split('-')[0]))).toEqual(new Set(['outreach_referral', 'support_case']));
    const { protectedTexts: plaintexts, internalTexts } = await nonPublicValues(world, log);
    // Every personal value the scripts wrote is there to look for: names, contacts, allegations, notes, health notes.
    expect(plaintexts.size).toBeGreaterThanOrEqual(25);
    expect(internalTexts.size).toBeGreaterThanOrEqual(5);
    const stored = log.map((e) => JSON.stringify(e.data)).join('\n');
    expect([...plaintexts].filter((p) => stored.includes(p))).toEqual([]);

    await drain(new IntegrationRelay(world.store, await harness.producer(), world.checkpoints));
    const messages = await harness.published(new Set(log.map((e) => e.streamId)), mapped(log).length);
    expect(messages).toHaveLength(mapped(log).length);
    const texts = messages.map((m) => `${m.topic}\n${m.key}\n${m.value}\n${JSON.stringify(m.headers)}`);
    const leaks = [...plaintexts, ...internalTexts].filter((p) => texts.some((t) => t.includes(p)));
    expect(leaks).toEqual([]);
    for (const event of supportStreams) {
      const caseId = event.streamId.slice(event.streamId.indexOf('-') + 1);
      expect(texts.filter((t) => t.includes(caseId) || t.includes(event.id))).toEqual([]);
    }
    for (const message of messages) expect(supportKinds.some((k) => message.key.startsWith(`${k}-`))).toBe(false);
  });
}
