import { randomUUID } from 'node:crypto';
import type { KeyStore } from '../../../crypto/src/index.js';
import type { EventStore, JsonObject } from '../../../event-store/src/port.js';
import {
  confirmErasure,
  erasureStream,
  evolveErasure,
  NO_ERASURE,
  requestErasure,
  assertMayConfirmErasure,
  type ErasureEvent,
  type ErasureState,
} from '../domain/erasure.js';
import type { Caller, SubjectRecord, SubjectRecords } from './subject-records.js';

export interface ErasureView {
  subjectId: string;
  status: ErasureState['status'];
  requestedBy: string | null;
  requestedAt: string | null;
  confirmedBy: string | null;
  erasedAt: string | null;
  /** The keys the erasure destroyed. */
  destroyedKeyIds: string[];
  /** Global position of the event that recorded the erasure: from there on the subject's fields read "erased". */
  position: string | null;
}

/** Every erasure may name subjects of both case compartments; its authority is the subject's record. */
const ERASABLE = ['enforcement', 'support'] as const;

/**
 * Erasure by crypto-shredding, outside a data-subject request: requested by one data-protection
 * officer, confirmed (and carried out) by another, both inside the scope of the subject's record.
 */
export class Erasures {
  constructor(
    private readonly store: EventStore,
    private readonly keys: Pick<KeyStore, 'shred'>,
    private readonly subjects: SubjectRecords,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async request(subjectId: string, reason: string, caller: Caller): Promise<ErasureView> {
    const subject = await this.subjects.authorize(subjectId, 'erasure_request', 'write', caller, ERASABLE);
    const { state, revision } = await this.load(subjectId);
    const event = requestErasure(state, subjectId, reason, caller.principal.userId, this.clock());
    await this.append(subject, event, revision, caller);
    return view(subjectId, evolveErasure(state, event), null);
  }

  async confirm(subjectId: string, caller: Caller): Promise<ErasureView> {
    const subject = await this.subjects.authorize(subjectId, 'erasure_request', 'write', caller, ERASABLE);
    const { state, revision } = await this.load(subjectId);
    assertMayConfirmErasure(state, caller.principal.userId);
    const shredded = await this.keys.shred(subjectId, { actorId: caller.principal.userId, reason: state.reason! });
    const event = confirmErasure(state, subjectId, caller.principal.userId, shredded);
    const appended = await this.append(subject, event, revision, caller);
    return view(subjectId, evolveErasure(state, event), appended.checkpoint);
  }

  async status(subjectId: string, caller: Caller): Promise<ErasureView> {
    await this.subjects.authorize(subjectId, 'erasure_request', 'read', caller, ERASABLE);
    const { state, events } = await this.load(subjectId);
    const erased = events.find((e) => e.type === 'data_subject.erased');
    return view(subjectId, state, erased?.checkpoint ?? null);
  }

  private async load(subjectId: string) {
    const events = await this.store.readStream(erasureStream(subjectId));
    const state = events.reduce((s, e) => evolveErasure(s, e), NO_ERASURE);
    return { state, events, revision: events.length - 1 };
  }

  private append(subject: SubjectRecord, event: ErasureEvent, revision: number, caller: Caller) {
    return this.store.append(
      erasureStream(subject.subjectId),
      [
        {
          id: randomUUID(),
          type: event.type,
          schemaVersion: 1,
          data: event.data as unknown as JsonObject,
          metadata: {
            actorId: caller.principal.userId,
            role: 'data_protection_officer',
            jurisdiction: subject.jurisdiction,
            purpose: caller.purpose,
            correlationId: caller.correlationId,
            causationId: null,
            occurredAt: this.clock().toISOString(),
          },
        },
      ],
      revision < 0 ? 'no_stream' : revision,
    );
  }
}

function view(subjectId: string, state: ErasureState, position: string | null): ErasureView {
  return {
    subjectId,
    status: state.status,
    requestedBy: state.requestedBy,
    requestedAt: state.requestedAt,
    confirmedBy: state.confirmedBy,
    erasedAt: state.erasedAt,
    destroyedKeyIds: state.destroyedKeyIds,
    position,
  };
}
