import { kafkaSettings, type KafkaSettings } from '../../../libs/relay/src/kafka.js';

/** The relay's own settings, beside libs/config's (which validates KAFKA_BROKERS, DATABASE_URL, EVENT_STORE…). */
export interface RelaySettings {
  kafka: KafkaSettings;
  batchSize: number;
  pollIntervalMs: number;
}

export function relaySettings(brokers: string[], env: Record<string, string | undefined>): { settings: RelaySettings; problems: string[] } {
  const { settings: kafka, problems } = kafkaSettings(brokers, env, 'pcm-relay');
  const integer = (name: string, fallback: number, min: number, max: number) => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}: an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  return {
    settings: { kafka, batchSize: integer('RELAY_BATCH_SIZE', 500, 1, 10_000), pollIntervalMs: integer('RELAY_POLL_MS', 500, 10, 60_000) },
    problems,
  };
}
