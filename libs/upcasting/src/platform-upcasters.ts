import type { DomainEvent } from '../../case-kernel/src/domain/decider.js';
import { penaltyDecidedV1ToV2 } from './upcasters/penalty-decided.v2.js';
import { UpcasterRegistry, type VersionedEvent } from './upcaster-registry.js';

/**
 * Every upcaster of the platform's events. A new schema version of an event type is one more
 * upcaster here (with its unit test), and the decider writing the new shape; nothing stored changes.
 */
export const PLATFORM_UPCASTERS = new UpcasterRegistry([penaltyDecidedV1ToV2]);

/** A stored event as its context's `evolve` expects it: the current version's type and data. */
export function toCurrentDomainEvent<E extends DomainEvent>(event: VersionedEvent, registry: UpcasterRegistry = PLATFORM_UPCASTERS): E {
  const current = registry.upcast(event);
  return { type: current.type, data: current.data } as E;
}
