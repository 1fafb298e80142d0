import type { Producer } from 'kafkajs';
import { ConfigError, loadConfig, type AppConfig } from '../../../libs/config/src/config.js';
import { createKafka, createRelayProducer } from '../../../libs/relay/src/kafka.js';
import { runUnitCounter, UnitCounter } from '../../../libs/relay/src/unit-counter.js';
import { PLATFORM_INTEGRATION } from '../../../libs/integration-events/src/platform-mapping.js';
import { startRelayProcess } from './relay-process.js';
import { relaySettings, type RelaySettings } from './relay-settings.js';
import { openPool } from '../../../libs/database/src/pool.js';

export interface ProcessIo {
  out(line: string): void;
  err(line: string): void;
  exit(code: number): void;
}

export interface RelayAppOptions {
  /** Default: a kafkajs producer on KAFKA_BROKERS. Tests pass a fake one. */
  producer?: (settings: RelaySettings) => Producer;
  leaderRetryMs?: number;
}

/** What is running, for main.ts to stop on a signal. */
export interface RunningRelayApp {
  url?: string;
  close(): Promise<void>;
}

export const RELAY_OFF =
  'Integration relay is off: KAFKA_BROKERS is not set, so no integration events are published. Set KAFKA_BROKERS=host:port,… (and DATABASE_URL) to turn it on.';

const USAGE = 'Usage: relay [--example-consumer]';

/**
 * `node dist/apps/relay/src/main.js`: publishes integration events to Kafka until stopped.
 * `--example-consumer`: runs the example consumer (integration events per contract and unit, deduplicated by an inbox in DATABASE_URL).
 * Without KAFKA_BROKERS it says the relay is off and exits 0. It never reads MASTER_KEY.
 * Bad configuration: exit 2, naming each variable to fix.
 */
export async function runRelay(
  argv: string[],
  env: Record<string, string | undefined>,
  io: ProcessIo,
  options: RelayAppOptions = {},
): Promise<RunningRelayApp | null> {
  const consumer = argv[0] === '--example-consumer';
  if (argv.length > (consumer ? 1 : 0)) {
    io.err(USAGE);
    io.exit(2);
    return null;
  }
  let config: AppConfig;
  try {
    config = loadConfig(env, undefined, { masterKey: 'unused' });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(error.message);
    io.exit(2);
    return null;
  }
  if (!config.kafkaBrokers) {
    io.out(RELAY_OFF);
    io.exit(0);
    return null;
  }
  const { settings, problems } = relaySettings(config.kafkaBrokers, env);
  if (!config.databaseUrl)
    problems.push(
      'DATABASE_URL: required with KAFKA_BROKERS (the database of the relay checkpoints, and of the event log with EVENT_STORE=postgres)',
    );
  if (problems.length > 0) {
    io.err(new ConfigError(problems).message);
    io.exit(2);
    return null;
  }
  try {
    if (consumer) return await startExampleConsumer(config.databaseUrl!, settings, io);
    const producer = options.producer?.(settings) ?? createRelayProducer(createKafka(settings.kafka));
    const running = await startRelayProcess(config, config.databaseUrl!, settings, producer, io.out, options.leaderRetryMs);
    io.out(`Integration relay on ${settings.kafka.brokers.join(',')} (health: ${running.url}/health, metrics: ${running.url}/metrics)`);
    return running;
  } catch (error) {
    io.err(`Start-up failed: ${(error as Error).message}`);
    io.exit(1);
    return null;
  }
}

async function startExampleConsumer(databaseUrl: string, settings: RelaySettings, io: ProcessIo): Promise<RunningRelayApp> {
  const pool = openPool({ connectionString: databaseUrl, max: 2, applicationName: 'pcm-relay-example-consumer' });
  const counter = new UnitCounter(pool);
  await counter.migrate();
  const kafkaConsumer = await runUnitCounter(createKafka(settings.kafka), counter, {
    groupId: 'pcm-example-unit-counter',
    topics: PLATFORM_INTEGRATION.topics(),
  });
  io.out(`Example consumer: counting integration events per unit from ${PLATFORM_INTEGRATION.topics().join(', ')}`);
  return {
    close: async () => {
      await kafkaConsumer.disconnect();
      await pool.end();
    },
  };
}
