import { createHash, randomUUID } from 'node:crypto';
import type { FieldSchemas } from '../../../access/src/application/case-records.js';
import { caseStream } from '../../../access/src/application/case-records.js';
import {
  AccessDeniedError,
  type JurisdictionScope,
  type PolicyPoint,
  type RequestContext,
} from '../../../access/src/application/policy-point.js';
import type { Action, ResourceDescriptor, ResourceKind } from '../../../access/src/domain/resources.js';
import type { Principal } from '../../../access/src/domain/roles.js';
import { encryptFields, type KeyStore } from '../../../crypto/src/index.js';
import { WrongExpectedRevisionError } from '../../../event-store/src/errors.js';
import type { EventMetadataInput, EventStore, JsonObject, NewEvent, RecordedEvent } from '../../../event-store/src/port.js';
import { PLATFORM_UPCASTERS, toCurrentDomainEvent } from '../../../upcasting/src/platform-upcasters.js';
import { DomainError, type Decider, type DomainEvent } from '../domain/decider.js';

/** What a bounded context tells the pipeline about itself. */
export interface CaseContext<C, E extends DomainEvent, S> {
  kind: ResourceKind;
  decider: Decider<C, E, S>;
  schemas: FieldSchemas;
  /** The command creates the case (the stream must not exist yet). */
  creates(command: C): boolean;
  /** write, or assign for commands only supervisors may give. */
  action(command: C): Action;
  /**
   * Jurisdiction and assignees of an existing case: from its own events (the folded state) only,
   * never from a command, so a request cannot say where the record it acts on belongs.
   */
  scope(state: S): CaseScope;
  /**
   * Where the case a creating command opens will belong; the policy point checks that it lies inside
   * the caller's scope, and from then on it is fixed by the case's events. Only asked when
   * `creates(command)`; any other command answers NO_SCOPE, which lies in no one's scope.
   */
  newCaseScope(command: C): CaseScope;
  /** The pseudonymous data subject whose key encrypts this event's personal fields. */
  subjectOf(state: S, event: E, caseId: string): string;
}

export interface CaseScope {
  jurisdiction: string;
  assignees: string[];
}

/** A jurisdiction no grant covers: what newCaseScope answers for a command that creates nothing. */
export const NO_SCOPE = '!none';

export interface CommandRequest<C> {
  caseId: string;
  command: C;
  caller: RequestContext & { principal: Principal };
  /** From If-Match: the revision the client last saw; a mismatch is a 409. */
  expectedRevision: number | null;
  /** From Idempotency-Key: the same key from the same user returns the first result. */
  idempotencyKey: string;
}

export interface CommandResult {
  caseId: string;
  revision: number;
  events: string[];
  duplicate: boolean;
  /** Global position of the last event appended (or replayed); absent when nothing was appended. */
  checkpoint?: string;
}

/**
 * Load the stream, fold, authorise, decide, encrypt, append with the expected revision —
 * the one way every case command runs.
 */
export class CaseCommands {
  constructor(
    private readonly store: EventStore,
    private readonly keys: KeyStore,
    private readonly policy: PolicyPoint,
    private readonly jurisdictions: JurisdictionScope,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async execute<C, E extends DomainEvent, S>(context: CaseContext<C, E, S>, request: CommandRequest<C>): Promise<CommandResult> {
    const stream = caseStream(context.kind, request.caseId);
    const history = await this.store.readStream(stream);
    const firstId = eventIdFor(request, stream, 0);
    const earlier = history.findIndex((e) => e.id === firstId);
    if (earlier >= 0) return this.replay(request.caseId, history, earlier, request, stream);

    const revision = history.length - 1;
    if (!context.creates(request.command) && history.length === 0) {
      // Answered exactly as a case the caller may not see: asked about at the root, then the policy point's one 404.
      await this.policy.authorize(
        request.caller.principal,
        context.action(request.command),
        { kind: context.kind, id: 'unknown', jurisdiction: 'VN', assignees: [], fields: {} },
        request.caller,
      );
      throw new AccessDeniedError(404);
    }
    const state = history.reduce((s, e) => context.decider.evolve(s, toDomain<E>(e)), context.decider.initialState);
    const scope = history.length === 0 ? context.newCaseScope(request.command) : context.scope(state);
    const resource: ResourceDescriptor = { kind: context.kind, id: request.caseId, ...scope, fields: {} };
    await this.policy.authorize(request.caller.principal, context.action(request.command), resource, request.caller);
    if (context.creates(request.command) && history.length > 0) {
      throw new DomainError('invalid_state', 'case.already_exists', 'A case with this id already exists', 'Đã có hồ sơ với mã này');
    }
    // Only after the policy allowed it: a stale revision must not tell a caller who may not see the case that it exists.
    if (request.expectedRevision !== null && request.expectedRevision !== revision) {
      throw new WrongExpectedRevisionError(stream, request.expectedRevision, revision);
    }

    const now = this.clock();
    const covering = request.caller.principal.grants.filter((g) => this.jurisdictions.contains(g.scope, scope.jurisdiction));
    const decided = context.decider.decide(request.command, state, {
      now,
      actorId: request.caller.principal.userId,
      roles: covering.map((g) => g.role),
      grants: covering,
      newId: randomUUID,
    });
    const events = await sealCaseEvents(context, state, request.caseId, decided, this.keys, (index) => eventIdFor(request, stream, index), {
      actorId: request.caller.principal.userId,
      role: request.caller.principal.grants[0]?.role ?? 'none',
      jurisdiction: scope.jurisdiction,
      purpose: request.caller.purpose,
      correlationId: request.caller.correlationId,
      causationId: null,
      occurredAt: now.toISOString(),
    });
    if (events.length === 0) return { caseId: request.caseId, revision, events: [], duplicate: false };
    const appended = await this.store.append(stream, events, revision < 0 ? 'no_stream' : revision);
    return {
      caseId: request.caseId,
      revision: appended.revision,
      events: decided.map((e) => e.type),
      duplicate: appended.duplicate,
      checkpoint: appended.checkpoint,
    };
  }

  private replay(caseId: string, history: RecordedEvent[], first: number, request: CommandRequest<unknown>, stream: string): CommandResult {
    const mine: RecordedEvent[] = [];
    for (let i = first; i < history.length && history[i]!.id === eventIdFor(request, stream, i - first); i++) mine.push(history[i]!);
    const last = mine[mine.length - 1]!;
    return { caseId, revision: last.revision, events: mine.map((e) => e.type), duplicate: true, checkpoint: last.checkpoint };
  }
}

/**
 * The decided events as the store keeps them: each event's personal and sensitive fields
 * encrypted with the key of its data subject (`context.subjectOf` on the state the command was
 * decided on), with its id and the command's metadata. Shared by every writer of case events.
 */
export async function sealCaseEvents<C, E extends DomainEvent, S>(
  context: CaseContext<C, E, S>,
  decidedOn: S,
  caseId: string,
  decided: readonly E[],
  keys: Pick<KeyStore, 'keyFor'>,
  eventId: (index: number) => string,
  metadata: EventMetadataInput,
): Promise<NewEvent[]> {
  const events: NewEvent[] = [];
  for (const [index, event] of decided.entries()) {
    const id = eventId(index);
    // The record is kept with a new subject's key: an erasure or a data-subject request reads the subject's authority from it.
    const data = await encryptFields(
      event.data as JsonObject,
      context.schemas.of(event.type),
      context.subjectOf(decidedOn, event, caseId),
      keys,
      { eventType: event.type, eventId: id },
      { kind: context.kind, recordId: caseId },
    );
    events.push({ id, type: event.type, schemaVersion: PLATFORM_UPCASTERS.currentVersion(event.type), data, metadata });
  }
  return events;
}

/** The id of a case created by a request: the same user retrying with the same key gets the same case. */
export function caseIdFor(userId: string, idempotencyKey: string, kind: ResourceKind): string {
  return uuidFrom(`case\n${userId}\n${idempotencyKey}\n${kind}`);
}

/** Deterministic event ids from (user, idempotency key, stream, position): a retried request appends nothing new. */
export function eventIdFor(request: Pick<CommandRequest<unknown>, 'idempotencyKey' | 'caller'>, stream: string, index: number): string {
  return uuidFrom(`event\n${request.caller.principal.userId}\n${request.idempotencyKey}\n${stream}\n${index}`);
}

/** A name-based UUID (version 5 layout over SHA-256); callers namespace `name` so that ids of different origins never meet. */
export function uuidFrom(name: string): string {
  const hash = createHash('sha256').update(name).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A stored event as the decider folds it: upcast to its type's current schema version. */
export function toDomain<E extends DomainEvent>(event: RecordedEvent): E {
  return toCurrentDomainEvent<E>(event);
}
