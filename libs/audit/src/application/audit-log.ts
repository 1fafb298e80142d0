import type { ChainedEvent } from '../domain/chain-link.js';
import type { StreamHead } from '../domain/chain-scan.js';

export interface ScanProgress {
  events: number;
  /** Events in the log when the scan started, when the source knows it cheaply. */
  total: number | null;
  elapsedMs: number;
}

/** Receives the whole log from one consistent snapshot. */
export interface LogVisitor {
  /** Events, each stream in revision order (streams may interleave). */
  events(batch: readonly ChainedEvent[]): void;
  /** The head the store keeps for each stream apart from the events, if it keeps one. */
  recordedHead(head: StreamHead): void;
}

/** Read access to the raw, hash-chained log for auditing, whatever the adapter. */
export interface AuditLog {
  readonly source: string;
  /** Does the store keep stream heads apart from the events (so a cut tail shows without a checkpoint)? */
  readonly recordsHeads: boolean;
  scan(visitor: LogVisitor, onProgress?: (progress: ScanProgress) => void): Promise<void>;
}
