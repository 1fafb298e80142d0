import type { FieldSchemas } from '../../access/src/application/case-records.js';
import type { ResourceKind } from '../../access/src/domain/resources.js';

/** Codes, counts, flags and dates only: a contract never carries free text. */
export type ContractValue = string | number | boolean | null;

/** A versioned, de-identified contract other agencies' systems consume. */
export interface IntegrationContract {
  /** e.g. `tip.received`; with `version`, what the `contract` and `contract-version` headers say. */
  name: string;
  version: number;
  /** `pcm.<context>.v<major>`: one topic per context and major version. */
  topic: string;
  /** Exactly these payload fields, every one present (null when unknown). */
  fields: readonly string[];
}

/** An event as a mapper sees it: its type and its public fields (see publicView). */
export interface PublicEvent {
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface MapperInput {
  event: PublicEvent;
  /** The latest earlier event of `type` in the same stream, or null; only types the mapper `reads`. */
  latest(type: string): PublicEvent | null;
}

/** One entry of the allow-list: how one domain event type becomes one contract. */
export interface IntegrationMapper {
  /** The domain event type (in its current schema version, after upcasting). */
  source: string;
  /** The kind of case whose streams carry it: must be in the enforcement compartment. */
  kind: ResourceKind;
  /** The field labels of the source's context: only `public` fields are visible to `map`. */
  schemas: FieldSchemas;
  contract: IntegrationContract;
  /** Earlier event types of the stream `map` looks up (the relay reads the stream only for these). */
  reads: readonly string[];
  map(input: MapperInput): Record<string, ContractValue>;
}

/** What the relay publishes for one domain event. */
export interface IntegrationEvent {
  topic: string;
  /** The stream id: Kafka keeps one stream's events in order on one partition. */
  key: string;
  eventId: string;
  contract: string;
  version: number;
  /** The Vietnamese calendar day the domain event happened (never a finer time). */
  occurredOn: string;
  data: Readonly<Record<string, ContractValue>>;
}

export class ContractViolationError extends Error {
  readonly code = 'integration.contract_violation';
  constructor(contract: IntegrationContract, problem: string) {
    super(`Contract ${contract.name} v${contract.version}: ${problem}`);
    this.name = 'ContractViolationError';
  }
}

const CODE = /^[A-Za-z0-9._:+-]{0,64}$/;

/** Checks a mapped payload against its contract: the declared fields exactly, and only codes, numbers, flags or null. */
export function checkPayload(
  contract: IntegrationContract,
  payload: Record<string, ContractValue>,
): Readonly<Record<string, ContractValue>> {
  const keys = Object.keys(payload);
  const missing = contract.fields.filter((f) => !keys.includes(f));
  const extra = keys.filter((k) => !contract.fields.includes(k));
  if (missing.length > 0 || extra.length > 0)
    throw new ContractViolationError(
      contract,
      `fields differ (missing: ${missing.join(', ') || 'none'}; not in the contract: ${extra.join(', ') || 'none'})`,
    );
  const checked: Record<string, ContractValue> = {};
  for (const field of contract.fields) {
    const value = payload[field];
    const ok =
      value === null ||
      typeof value === 'boolean' ||
      (typeof value === 'number' && Number.isFinite(value)) ||
      (typeof value === 'string' && CODE.test(value));
    if (!ok)
      throw new ContractViolationError(
        contract,
        `${field} must be a code (letters, digits, . _ : + -, at most 64), a finite number, a boolean or null`,
      );
    checked[field] = value!;
  }
  return Object.freeze(checked);
}
