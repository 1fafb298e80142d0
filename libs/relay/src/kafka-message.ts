import type { IHeaders, Message } from 'kafkajs';
import type { ContractValue, IntegrationEvent } from '../../integration-events/src/contract.js';

/** Headers every integration message carries; consumers dedupe by `event-id`. */
export const HEADERS = {
  eventId: 'event-id',
  contract: 'contract',
  contractVersion: 'contract-version',
  contentType: 'content-type',
} as const;

/** The message body: the contract, the envelope a consumer needs, and the payload. */
export interface IntegrationMessageBody {
  contract: string;
  version: number;
  eventId: string;
  streamId: string;
  occurredOn: string;
  data: Record<string, ContractValue>;
}

export function toKafkaMessage(event: IntegrationEvent): Message {
  const body: IntegrationMessageBody = {
    contract: event.contract,
    version: event.version,
    eventId: event.eventId,
    streamId: event.key,
    occurredOn: event.occurredOn,
    data: { ...event.data },
  };
  return {
    key: event.key,
    value: JSON.stringify(body),
    headers: {
      [HEADERS.eventId]: event.eventId,
      [HEADERS.contract]: event.contract,
      [HEADERS.contractVersion]: String(event.version),
      [HEADERS.contentType]: 'application/json',
    },
  };
}

export class InvalidIntegrationMessageError extends Error {
  constructor(problem: string) {
    super(`Not an integration message: ${problem}`);
    this.name = 'InvalidIntegrationMessageError';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function header(headers: IHeaders | undefined, name: string): string {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) throw new InvalidIntegrationMessageError(`no ${name} header`);
  return first.toString();
}

/** What a consumer reads from a Kafka message, checked: the headers must agree with the body. */
export function parseIntegrationMessage(message: Pick<Message, 'headers' | 'value'>): IntegrationMessageBody {
  const eventId = header(message.headers, HEADERS.eventId);
  if (!UUID.test(eventId)) throw new InvalidIntegrationMessageError('the event-id header is not a UUID');
  if (message.value === null || message.value === undefined) throw new InvalidIntegrationMessageError('no value');
  let body: IntegrationMessageBody;
  try {
    body = JSON.parse(message.value.toString()) as IntegrationMessageBody;
  } catch {
    throw new InvalidIntegrationMessageError('the value is not JSON');
  }
  if (
    body.eventId !== eventId ||
    body.contract !== header(message.headers, HEADERS.contract) ||
    String(body.version) !== header(message.headers, HEADERS.contractVersion)
  ) {
    throw new InvalidIntegrationMessageError('the headers and the body disagree');
  }
  if (typeof body.data !== 'object' || body.data === null) throw new InvalidIntegrationMessageError('no data');
  return body;
}
