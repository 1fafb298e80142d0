import type { ExpectedRevision } from './port.js';

/** Actual revision of a stream that does not exist. */
export const NO_STREAM_REVISION = -1;

/** Optimistic concurrency failed: the stream was not where the caller expected it. Mapped to HTTP 409. */
export class WrongExpectedRevisionError extends Error {
  readonly code = 'event_store.wrong_expected_revision';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** -1 when the stream does not exist. */
    readonly actual: number,
  ) {
    super(`Stream ${streamId}: expected revision ${String(expected)}, actual ${actual === NO_STREAM_REVISION ? 'no stream' : actual}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** Some, but not all, event ids of a batch are already in the stream, or in another order: not a safe retry. */
export class DuplicateEventIdError extends Error {
  readonly code = 'event_store.duplicate_event_id';
  constructor(
    readonly streamId: string,
    readonly eventId: string,
  ) {
    super(`Stream ${streamId}: event ${eventId} is already stored, and the batch is not an exact retry`);
    this.name = 'DuplicateEventIdError';
  }
}

/** The caller passed something the store cannot accept (bad stream id, empty batch, bad checkpoint). */
export class InvalidRequestError extends Error {
  readonly code = 'event_store.invalid_request';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRequestError';
  }
}

export function isExactRevision(expected: ExpectedRevision): expected is number {
  return typeof expected === 'number';
}

/** Pure check shared by adapters that do not enforce the expectation in the database. */
export function expectationHolds(expected: ExpectedRevision, actual: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === NO_STREAM_REVISION;
    case 'stream_exists':
      return actual !== NO_STREAM_REVISION;
    default:
      return expected === actual;
  }
}
