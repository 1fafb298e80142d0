import type { CaseRecords } from '../../../access/src/application/case-records.js';
import { AccessDeniedError, REDACTED, type PolicyPoint, type RequestContext } from '../../../access/src/application/policy-point.js';
import type { Principal } from '../../../access/src/domain/roles.js';
import type { ResourceKind } from '../../../access/src/domain/resources.js';
import { decryptFields, type KeyStore } from '../../../crypto/src/index.js';
import type { JsonObject } from '../../../event-store/src/port.js';
import { toCurrentDomainEvent } from '../../../upcasting/src/platform-upcasters.js';
import type { Decider, DomainEvent } from '../domain/decider.js';

export interface CaseRead<S> {
  state: S;
  revision: number;
  /** Fields the caller may not see: they hold the redaction marker in the state. */
  redactedFields: string[];
  /** Fields whose data subject was erased: they hold { erased: true }. */
  erasedFields: string[];
}

/**
 * Reads a case for a caller through the policy point: hidden fields are replaced by the
 * redaction marker before anything is decrypted, then the events are folded into the state.
 * The access is recorded; a case the caller may not know about is a 404.
 */
export class CaseReader {
  constructor(
    private readonly records: CaseRecords,
    private readonly policy: PolicyPoint,
    private readonly keys: KeyStore,
  ) {}

  async read<E extends DomainEvent, S>(
    kind: ResourceKind,
    id: string,
    decider: Pick<Decider<unknown, E, S>, 'initialState' | 'evolve'>,
    caller: RequestContext & { principal: Principal },
  ): Promise<CaseRead<S>> {
    const found = /^[A-Za-z0-9_-]{1,64}$/.test(id) ? await this.records.describe(kind, id) : null;
    if (!found) {
      await this.policy.authorize(caller.principal, 'read', { kind, id: 'unknown', jurisdiction: 'VN', assignees: [], fields: {} }, caller);
      throw new AccessDeniedError(404);
    }
    const decision = await this.policy.authorize(caller.principal, 'read', found.resource, caller);
    const hidden = new Set(decision.redact);
    const erased = new Set<string>();
    let state = decider.initialState;
    for (const event of found.events) {
      const visible = Object.fromEntries(Object.entries(event.data).filter(([name]) => !hidden.has(name))) as JsonObject;
      const opened = await decryptFields(visible, this.keys, { eventType: event.type, eventId: event.id });
      opened.erasedFields.forEach((f) => erased.add(f));
      const data = { ...opened.data } as Record<string, unknown>;
      for (const name of Object.keys(event.data)) if (hidden.has(name)) data[name] = REDACTED;
      state = decider.evolve(state, toCurrentDomainEvent<E>({ type: event.type, schemaVersion: event.schemaVersion, data }));
    }
    return { state, revision: found.events[found.events.length - 1]!.revision, redactedFields: decision.redact, erasedFields: [...erased] };
  }
}
