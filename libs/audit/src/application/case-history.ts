import { BREAK_GLASS_STREAM_PREFIX, SIGN_IN_STREAM } from '../../../access/src/application/access-events.js';
import type { CaseRecords } from '../../../access/src/application/case-records.js';
import { AccessDeniedError, type PolicyPoint } from '../../../access/src/application/policy-point.js';
import type { FieldLabel, ResourceDescriptor, ResourceKind } from '../../../access/src/domain/resources.js';
import type { Decider, DomainEvent } from '../../../case-kernel/src/domain/decider.js';
import type { KeyStore } from '../../../crypto/src/index.js';
import { GENESIS_HASH } from '../../../event-store/src/hash-chain.js';
import { toCurrentDomainEvent } from '../../../upcasting/src/platform-upcasters.js';
import type { ChainBreak, EventStore, RecordedEvent } from '../../../event-store/src/port.js';
import { linkPreimage, sha256Hex } from '../domain/chain-link.js';
import { CHECKPOINT_STREAM } from './checkpoint-archive.js';
import type { Caller } from './log-audit.js';
import { openEvent } from './open-event.js';

export type CaseFold = Pick<Decider<unknown, DomainEvent, unknown>, 'initialState' | 'evolve'>;

/** One change to a record: who, in which role, when, which event, which fields (values as the caller may see them). */
export interface Change {
  revision: number;
  type: string;
  /** The schema version the event was written in; values are shown as written, the state folds them upcast. */
  schemaVersion: number;
  recordedAt: string;
  occurredAt: string;
  actorId: string;
  role: string;
  purpose: string;
  fieldsChanged: string[];
  values: Record<string, unknown>;
}

export interface AsOfView {
  kind: ResourceKind;
  id: string;
  /** The moment asked for (ISO-8601, UTC). */
  at: string;
  /** How the moment is applied: the events up to the last one whose recordedAt is at or before it. */
  rule: 'recordedAt <= at';
  /** Revision of the last event applied; -1 when nothing was recorded yet at that moment. */
  revision: number;
  /** The case's latest revision now, so a reader knows how much came after. */
  currentRevision: number;
  state: unknown;
  redactedFields: string[];
  erasedFields: string[];
  history: Change[];
}

export interface ReplayedEvent extends Change {
  id: string;
  correlationId: string;
  causationId: string | null;
  hash: string;
  /** The link recomputes: this event and every one before it in the stream are intact. */
  chainOk: boolean;
}

export interface ReplayView {
  streamId: string;
  resource: { kind: ResourceKind; id: string | null };
  redactedFields: string[];
  events: ReplayedEvent[];
  chain: { ok: boolean; firstBreak: ChainBreak | null };
  /** The case state after the last event (case streams only). */
  state?: unknown;
}

const CASE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The state after these changes, each upcast to its type's current version first, as CaseReader folds. */
function foldChanges(fold: CaseFold, changes: readonly Change[]): unknown {
  return changes.reduce(
    (state, c) => fold.evolve(state, toCurrentDomainEvent({ type: c.type, schemaVersion: c.schemaVersion, data: c.values })),
    fold.initialState,
  );
}
const STREAM_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/;

/**
 * Auditors' views of history: a case as it was known at a moment, and a whole stream replayed
 * with its hash links. Both go through the policy point as case reads do (the access is
 * recorded; hidden fields are redacted before anything is decrypted).
 */
export class CaseHistory {
  constructor(
    private readonly store: EventStore,
    private readonly records: CaseRecords,
    private readonly policy: PolicyPoint,
    private readonly keys: KeyStore,
    private readonly folds: ReadonlyMap<ResourceKind, CaseFold>,
  ) {}

  /**
   * The state after the last event recorded at or before `at`, folded from exactly the events
   * up to it (by revision: the stream's order decides, not a later clock), with who changed what.
   */
  async asOf(kind: ResourceKind, id: string, at: Date, caller: Caller): Promise<AsOfView> {
    const fold = this.folds.get(kind);
    const found = fold && CASE_ID.test(id) ? await this.records.describe(kind, id) : null;
    if (!fold || !found) return this.unknown(kind, caller);
    let last = -1;
    for (const [index, event] of found.events.entries()) if (Date.parse(event.metadata.recordedAt) <= at.getTime()) last = index;
    const events = found.events.slice(0, last + 1);
    // Decided (and recorded) on the case as it is now, exactly as a case read: every field it holds.
    const decision = await this.policy.authorize(caller.principal, 'read', found.resource, caller);
    const { changes, erased } = await this.open(events, new Set(decision.redact));
    const state = foldChanges(fold, changes);
    return {
      kind,
      id,
      at: at.toISOString(),
      rule: 'recordedAt <= at',
      revision: events.length - 1,
      currentRevision: found.events.length - 1,
      state,
      redactedFields: decision.redact,
      erasedFields: erased,
      history: changes,
    };
  }

  /** Every event of a stream in order, with its metadata, hash, whether its link recomputes, and its data as the caller may see it. */
  async replay(streamId: string, caller: Caller): Promise<ReplayView> {
    const caseKind = this.caseKindOf(streamId);
    const target = caseKind
      ? await this.records.describe(caseKind.kind, caseKind.id)
      : STREAM_ID.test(streamId)
        ? await this.otherStream(streamId)
        : null;
    // A case stream that does not exist is answered as a case read would answer it.
    if (!target) return this.unknown(caseKind?.kind ?? 'event_log', caller);
    const decision = await this.policy.authorize(caller.principal, 'read', target.resource, caller);
    const { changes } = await this.open(target.events, new Set(decision.redact));
    let previous = GENESIS_HASH;
    let firstBreak: ChainBreak | null = null;
    const events = target.events.map((event, index): ReplayedEvent => {
      const intact = firstBreak === null && event.revision === index && sha256Hex(linkPreimage(previous, event)) === event.hash;
      if (!intact && firstBreak === null)
        firstBreak = { streamId, revision: index, reason: event.revision === index ? 'hash_mismatch' : 'missing_revision' };
      previous = event.hash;
      return {
        ...changes[index]!,
        id: event.id,
        correlationId: event.metadata.correlationId,
        causationId: event.metadata.causationId,
        hash: event.hash,
        chainOk: intact,
      };
    });
    const fold =
      target.resource.kind !== 'event_log' && target.resource.kind !== 'access_log' ? this.folds.get(target.resource.kind) : undefined;
    const state = fold ? foldChanges(fold, changes) : undefined;
    return {
      streamId,
      resource: { kind: target.resource.kind, id: target.resource.id },
      redactedFields: decision.redact,
      events,
      chain: { ok: firstBreak === null, firstBreak },
      ...(fold ? { state } : {}),
    };
  }

  /** A case stream is "<kind>-<id>" for a kind with a fold. */
  private caseKindOf(streamId: string): { kind: ResourceKind; id: string } | null {
    for (const kind of this.folds.keys()) {
      const id = streamId.startsWith(`${kind}-`) ? streamId.slice(kind.length + 1) : null;
      if (id !== null && CASE_ID.test(id)) return { kind, id };
    }
    return null;
  }

  /** Any other stream, for the policy: an access trail, the checkpoints, or (fail closed) anything else. */
  private async otherStream(streamId: string): Promise<{ resource: ResourceDescriptor; events: RecordedEvent[] } | null> {
    const events = await this.store.readStream(streamId);
    if (events.length === 0) return null;
    const names = new Set(events.flatMap((e) => Object.keys(e.data)));
    const labelled = (label: FieldLabel) => Object.fromEntries([...names].map((name) => [name, label]));
    if (streamId.startsWith('access-') || streamId.startsWith(BREAK_GLASS_STREAM_PREFIX) || streamId === SIGN_IN_STREAM) {
      // Access events carry ids, roles and field names, never a record's values.
      return {
        resource: {
          kind: 'access_log',
          id: streamId,
          jurisdiction: events[0]!.metadata.jurisdiction,
          assignees: [],
          fields: labelled('internal'),
        },
        events,
      };
    }
    // A stream whose fields have no labels here reads as sensitive: the auditor sees metadata and hashes only.
    return {
      resource: {
        kind: 'event_log',
        id: streamId,
        jurisdiction: 'VN',
        assignees: [],
        fields: labelled(streamId === CHECKPOINT_STREAM ? 'internal' : 'sensitive'),
      },
      events,
    };
  }

  private async open(events: readonly RecordedEvent[], hidden: ReadonlySet<string>): Promise<{ changes: Change[]; erased: string[] }> {
    const erased = new Set<string>();
    const changes: Change[] = [];
    for (const event of events) {
      const opened = await openEvent(event, hidden, this.keys);
      opened.erasedFields.forEach((f) => erased.add(f));
      const { metadata: m } = event;
      changes.push({
        revision: event.revision,
        type: event.type,
        schemaVersion: event.schemaVersion,
        recordedAt: m.recordedAt,
        occurredAt: m.occurredAt,
        actorId: m.actorId,
        role: m.role,
        purpose: m.purpose,
        fieldsChanged: Object.keys(opened.data),
        values: opened.data,
      });
    }
    return { changes, erased: [...erased] };
  }

  /** A record the caller cannot know about, answered as one that does not exist; the attempt is recorded. */
  private async unknown(kind: ResourceKind, caller: Caller): Promise<never> {
    await this.policy.authorize(caller.principal, 'read', { kind, id: 'unknown', jurisdiction: 'VN', assignees: [], fields: {} }, caller);
    throw new AccessDeniedError(404);
  }
}
