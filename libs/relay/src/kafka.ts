import { Kafka, logLevel, type Producer, type SASLOptions } from 'kafkajs';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  ssl: boolean;
  sasl: { mechanism: 'scram-sha-256' | 'scram-sha-512' | 'plain'; username: string; password: string } | null;
}

export type KafkaSettingsResult = { settings: KafkaSettings; problems: string[] };

/**
 * Connection settings beside KAFKA_BROKERS (validated by libs/config): KAFKA_CLIENT_ID,
 * KAFKA_SSL=true, and SASL with KAFKA_SASL_MECHANISM / KAFKA_SASL_USERNAME / KAFKA_SASL_PASSWORD.
 * Problems name the variable, never its value.
 */
export function kafkaSettings(brokers: string[], env: Record<string, string | undefined>, defaultClientId: string): KafkaSettingsResult {
  const problems: string[] = [];
  const text = (name: string) => env[name]?.trim() || null;
  const ssl = text('KAFKA_SSL');
  if (ssl !== null && ssl !== 'true' && ssl !== 'false') problems.push('KAFKA_SSL: true or false');
  const mechanism = text('KAFKA_SASL_MECHANISM');
  const username = text('KAFKA_SASL_USERNAME');
  const password = text('KAFKA_SASL_PASSWORD');
  let sasl: KafkaSettings['sasl'] = null;
  if (mechanism !== null || username !== null || password !== null) {
    if (mechanism !== 'scram-sha-256' && mechanism !== 'scram-sha-512' && mechanism !== 'plain')
      problems.push('KAFKA_SASL_MECHANISM: scram-sha-256, scram-sha-512 or plain');
    if (username === null || password === null) problems.push('KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD: both required with SASL');
    if (problems.length === 0)
      sasl = { mechanism: mechanism as 'scram-sha-256' | 'scram-sha-512' | 'plain', username: username!, password: password! };
  }
  return { settings: { brokers, clientId: text('KAFKA_CLIENT_ID') ?? defaultClientId, ssl: ssl === 'true', sasl }, problems };
}

export function createKafka(settings: KafkaSettings): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    ssl: settings.ssl,
    sasl: (settings.sasl ?? undefined) as SASLOptions | undefined,
    logLevel: logLevel.WARN,
  });
}

/**
 * The relay's producer: topics are never created by a send (they are provisioned with their
 * replication, see infra/), and one request at a time, so a retried request cannot overtake the
 * next and reorder a stream's events. kafkajs' idempotent mode is experimental: duplicates are
 * removed on the consumer side (Inbox) instead.
 */
export function createRelayProducer(kafka: Kafka): Producer {
  return kafka.producer({ allowAutoTopicCreation: false, maxInFlightRequests: 1, idempotent: false });
}
