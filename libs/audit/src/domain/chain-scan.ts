import { GENESIS_HASH } from '../../../event-store/src/hash-chain.js';
import type { ChainBreak } from '../../../event-store/src/port.js';
import { linkPreimage, sha256Hex, type ChainedEvent } from './chain-link.js';

/** A stream's last revision and the hash of that event. */
export interface StreamHead {
  streamId: string;
  revision: number;
  hash: string;
}

/** A stream head a signed checkpoint holds that the current log no longer has. */
export interface CheckpointMismatch {
  streamId: string;
  revision: number;
  /** missing: the log no longer reaches that revision (truncated or deleted); hash_differs: the history up to it was rewritten; chain_broken: the chain breaks before it. */
  reason: 'missing' | 'hash_differs' | 'chain_broken';
  expected: string;
  actual?: string;
}

export interface ScanReport {
  /** Every chain recomputes and ends at its recorded head (checkpoint heads are reported apart). */
  ok: boolean;
  events: number;
  streams: number;
  /** The first break in scan order (PostgreSQL: by stream id, then revision). */
  firstBreak: ChainBreak | null;
  /** Streams with a break (each stream's first); at most MAX_LISTED are listed. */
  brokenStreams: number;
  breaks: ChainBreak[];
  /** Set when the scan checked a checkpoint's heads. */
  checkpoint?: { heads: number; matched: number; mismatches: number; listed: CheckpointMismatch[] };
}

const MAX_LISTED = 100;

interface StreamState {
  nextRevision: number;
  lastHash: string;
  broken: boolean;
  headChecked: boolean;
}

/**
 * Recomputes every stream's hash chain from events fed in any interleaving, each stream in
 * revision order; checks the heads the store recorded (a cut tail) and, optionally, the heads a
 * signed checkpoint holds (a cut tail even after the recorded head was rewritten, or a history
 * rewritten with fresh hashes). A broken stream is reported once and skipped from then on.
 */
export class ChainScan {
  private readonly states = new Map<string, StreamState>();
  private events = 0;
  private readonly breaks: ChainBreak[] = [];
  private brokenStreams = 0;
  private readonly expected: Map<string, { revision: number; hash: string; seen: boolean }> | null;
  private readonly mismatches: CheckpointMismatch[] = [];
  private mismatchCount = 0;
  private matched = 0;

  constructor(checkpointHeads: readonly StreamHead[] | null = null) {
    this.expected = checkpointHeads
      ? new Map(checkpointHeads.map((h) => [h.streamId, { revision: h.revision, hash: h.hash, seen: false }]))
      : null;
  }

  get eventCount(): number {
    return this.events;
  }

  accept(event: ChainedEvent): void {
    this.events += 1;
    const state = this.stateOf(event.streamId);
    if (state.broken) return;
    if (event.revision !== state.nextRevision) {
      this.fail(state, {
        streamId: event.streamId,
        revision: state.nextRevision,
        reason: 'missing_revision',
        actual: String(event.revision),
      });
      return;
    }
    const computed = sha256Hex(linkPreimage(state.lastHash, event));
    if (computed !== event.hash) {
      this.fail(state, {
        streamId: event.streamId,
        revision: event.revision,
        reason: 'hash_mismatch',
        expected: computed,
        actual: event.hash,
      });
      return;
    }
    state.lastHash = computed;
    state.nextRevision += 1;
    const expected = this.expected?.get(event.streamId);
    if (expected && expected.revision === event.revision) {
      expected.seen = true;
      if (expected.hash === computed) this.matched += 1;
      else
        this.mismatch({
          streamId: event.streamId,
          revision: event.revision,
          reason: 'hash_differs',
          expected: expected.hash,
          actual: computed,
        });
    }
  }

  /** The head the store recorded for a stream must be where the chain ends. */
  recordedHead(head: StreamHead): void {
    const state = this.stateOf(head.streamId);
    state.headChecked = true;
    if (state.broken) return;
    const lastRevision = state.nextRevision - 1;
    if (lastRevision !== head.revision || state.lastHash !== head.hash) {
      this.fail(state, {
        streamId: head.streamId,
        revision: lastRevision + 1,
        reason: 'head_mismatch',
        expected: `${head.revision}:${head.hash}`,
        actual: `${lastRevision}:${state.lastHash}`,
      });
    }
  }

  /** Call after every event (and every recorded head, when the store keeps them) was fed. */
  finish(options: { headsRecorded: boolean }): ScanReport {
    if (options.headsRecorded) {
      for (const [streamId, state] of this.states) {
        if (!state.headChecked && !state.broken) {
          this.fail(state, {
            streamId,
            revision: state.nextRevision,
            reason: 'head_mismatch',
            expected: 'no recorded head',
            actual: `${state.nextRevision - 1}:${state.lastHash}`,
          });
        }
      }
    }
    if (this.expected) {
      for (const [streamId, expected] of this.expected) {
        if (expected.seen) continue;
        const state = this.states.get(streamId);
        const brokenBefore = state?.broken === true && state.nextRevision <= expected.revision;
        this.mismatch({
          streamId,
          revision: expected.revision,
          reason: brokenBefore ? 'chain_broken' : 'missing',
          expected: expected.hash,
        });
      }
    }
    return {
      ok: this.brokenStreams === 0,
      events: this.events,
      streams: this.states.size,
      firstBreak: this.breaks[0] ?? null,
      brokenStreams: this.brokenStreams,
      breaks: [...this.breaks],
      ...(this.expected
        ? { checkpoint: { heads: this.expected.size, matched: this.matched, mismatches: this.mismatchCount, listed: [...this.mismatches] } }
        : {}),
    };
  }

  /** The verified head of every stream whose chain is intact, sorted by stream id. */
  heads(): StreamHead[] {
    const heads: StreamHead[] = [];
    for (const [streamId, state] of this.states) {
      if (!state.broken && state.nextRevision > 0) heads.push({ streamId, revision: state.nextRevision - 1, hash: state.lastHash });
    }
    return heads.sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
  }

  private stateOf(streamId: string): StreamState {
    let state = this.states.get(streamId);
    if (!state) {
      state = { nextRevision: 0, lastHash: GENESIS_HASH, broken: false, headChecked: false };
      this.states.set(streamId, state);
    }
    return state;
  }

  private fail(state: StreamState, chainBreak: ChainBreak): void {
    state.broken = true;
    this.brokenStreams += 1;
    if (this.breaks.length < MAX_LISTED) this.breaks.push(chainBreak);
  }

  private mismatch(mismatch: CheckpointMismatch): void {
    this.mismatchCount += 1;
    if (this.mismatches.length < MAX_LISTED) this.mismatches.push(mismatch);
  }
}
