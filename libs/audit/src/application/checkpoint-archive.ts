import type { EventMetadataInput } from '../../../event-store/src/port.js';
import type { SignedCheckpoint } from '../domain/checkpoint.js';

/** The stream that records every checkpoint published, and its event type. */
export const CHECKPOINT_STREAM = 'audit-checkpoints';
export const CHECKPOINT_SIGNED = 'audit.checkpoint_signed';

export interface CheckpointSummary {
  id: string;
  createdAt: string;
  root: string;
  keyId: string;
  streams: number;
  events: number;
}

export interface CheckpointArchive {
  save(checkpoint: SignedCheckpoint, metadata: EventMetadataInput): Promise<void>;
  get(id: string): Promise<SignedCheckpoint | null>;
  /** Newest first. */
  list(limit: number): Promise<CheckpointSummary[]>;
}
