import type { KeyObject } from 'node:crypto';
import { InvalidSubjectIdError } from './errors.js';

/** Who erased a subject and why. The reason is kept with the erasure: no personal data in it. */
export interface ShredRequest {
  actorId: string;
  reason: string;
}

export interface ShredResult {
  subjectId: string;
  erasedAt: Date;
  /** The subject had been erased before; the first erasure's record is kept. */
  alreadyErased: boolean;
  /** Ids of the keys this shred deleted (none when the subject was erased before or never had a key). */
  destroyedKeyIds: string[];
}

/**
 * The record a subject's key was first made for (a case's kind and id), kept when the key is
 * created and after it is shredded. Authority over the subject is read from that record, never
 * from a request that names the subject.
 */
export interface SubjectOwner {
  kind: string;
  recordId: string;
}

/**
 * Per-subject data keys (AES-256). Erasing a subject deletes its key (crypto-shredding): every
 * field encrypted with it becomes unreadable, in old events and in backups of the log alike.
 */
export interface KeyStore {
  /**
   * The subject's key, created on first use. Throws SubjectErasedError for an erased subject.
   * `owner`: the record being written, kept with a new key (see SubjectOwner).
   */
  keyFor(subjectId: string, owner?: SubjectOwner): Promise<KeyObject>;
  /** The record the subject's key was made for, or null when the subject never had a key with an owner. */
  ownerOf(subjectId: string): Promise<SubjectOwner | null>;
  /** The subject's key if it exists; never creates one. */
  existingKey(subjectId: string): Promise<KeyObject | 'erased' | 'none'>;
  /** Deletes the subject's key and records the erasure; repeating it is harmless. */
  shred(subjectId: string, request: ShredRequest): Promise<ShredResult>;
  close(): Promise<void>;
}

const SUBJECT_ID = /^[A-Za-z0-9_.:-]{1,100}$/;

export function isSubjectId(value: unknown): value is string {
  return typeof value === 'string' && SUBJECT_ID.test(value);
}

export function assertSubjectId(subjectId: unknown): asserts subjectId is string {
  if (!isSubjectId(subjectId)) throw new InvalidSubjectIdError();
}
