import { GENESIS_HASH, eventHash } from './hash-chain.js';
import type { ChainBreak, RecordedEvent, VerifyReport } from './port.js';

/**
 * Recomputes hash chains from events fed stream by stream, each stream in revision order.
 * Adapter-independent: the PostgreSQL and KurrentDB adapters feed it their own reads.
 */
export class ChainVerifier {
  private streamId: string | null = null;
  private previousHash = GENESIS_HASH;
  private nextRevision = 0;
  private events = 0;
  private streams = 0;
  private firstBreak: ChainBreak | null = null;

  /** Returns false once a break is found (the caller may stop feeding). */
  accept(event: RecordedEvent): boolean {
    if (this.firstBreak) return false;
    if (event.streamId !== this.streamId) {
      this.streamId = event.streamId;
      this.previousHash = GENESIS_HASH;
      this.nextRevision = 0;
      this.streams += 1;
    }
    this.events += 1;
    if (event.revision !== this.nextRevision) {
      this.firstBreak = {
        streamId: event.streamId,
        revision: this.nextRevision,
        reason: 'missing_revision',
        actual: String(event.revision),
      };
      return false;
    }
    const expected = eventHash(this.previousHash, event);
    if (expected !== event.hash) {
      this.firstBreak = { streamId: event.streamId, revision: event.revision, reason: 'hash_mismatch', expected, actual: event.hash };
      return false;
    }
    this.previousHash = event.hash;
    this.nextRevision += 1;
    return true;
  }

  /** Compare a stream's recorded head (revision and hash) with what the chain ended on: catches a cut tail. */
  checkHead(streamId: string, headRevision: number, headHash: string): boolean {
    if (this.firstBreak) return false;
    const chainEndsHere = this.streamId === streamId;
    const lastRevision = chainEndsHere ? this.nextRevision - 1 : -1;
    const lastHash = chainEndsHere ? this.previousHash : GENESIS_HASH;
    if (lastRevision !== headRevision || lastHash !== headHash) {
      this.firstBreak = {
        streamId,
        revision: lastRevision + 1,
        reason: 'head_mismatch',
        expected: `${headRevision}:${headHash}`,
        actual: `${lastRevision}:${lastHash}`,
      };
      return false;
    }
    return true;
  }

  get progress() {
    return { events: this.events, streams: this.streams };
  }

  report(): VerifyReport {
    return { ok: this.firstBreak === null, events: this.events, streams: this.streams, firstBreak: this.firstBreak };
  }
}
