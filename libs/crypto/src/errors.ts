/**
 * Errors carry a code (mapped to HTTP by the global filter) and never the protected value,
 * the key material or the master key.
 */

/** The subject was erased: its key is gone and a new one is never created. */
export class SubjectErasedError extends Error {
  readonly code = 'crypto.subject_erased';
  constructor(readonly subjectId: string) {
    super(`Subject ${subjectId} was erased: no key is created for it again`);
    this.name = 'SubjectErasedError';
  }
}

/** Not a pseudonymous subject id. The rejected text is not echoed: it may be a name. */
export class InvalidSubjectIdError extends Error {
  readonly code = 'crypto.invalid_subject_id';
  constructor() {
    super('subjectId: 1-100 characters of letters, digits, "_", ".", ":" or "-" (a pseudonymous id, never a name)');
    this.name = 'InvalidSubjectIdError';
  }
}

/** Every field of an event's data needs a label before the event may be appended. */
export class UnlabelledFieldError extends Error {
  readonly code = 'crypto.unlabelled_field';
  constructor(
    readonly eventType: string,
    readonly field: string,
  ) {
    super(`Event ${eventType}: field "${field}" has no sensitivity label; add it to the event's FieldSchema`);
    this.name = 'UnlabelledFieldError';
  }
}

/** The data or the schema cannot be encrypted as given (reserved key, dotted field name, bad label). */
export class InvalidFieldSchemaError extends Error {
  readonly code = 'crypto.invalid_field_schema';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidFieldSchemaError';
  }
}

/**
 * An encrypted field could not be opened although its subject is not erased: tampered or moved
 * ciphertext, a malformed envelope, or a key missing from the key store. Never means "erased".
 */
export class FieldDecryptionError extends Error {
  readonly code = 'crypto.field_decryption_failed';
  constructor(
    readonly eventType: string,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`Event ${eventType}: field "${field}" could not be decrypted (${reason})`);
    this.name = 'FieldDecryptionError';
  }
}

/** A stored data key could not be unwrapped: wrong MASTER_KEY or a tampered key row. */
export class KeyUnwrapError extends Error {
  readonly code = 'crypto.key_unwrap_failed';
  constructor(
    readonly subjectId: string,
    reason: string,
  ) {
    super(`The key of subject ${subjectId} could not be unwrapped: ${reason}`);
    this.name = 'KeyUnwrapError';
  }
}

/** MASTER_KEY is missing or malformed. The message names the variable, never its value. */
export class MasterKeyConfigError extends Error {
  readonly code = 'crypto.master_key_invalid';
  constructor(message: string) {
    super(message);
    this.name = 'MasterKeyConfigError';
  }
}

/** A shred needs the acting user and a reason. */
export class InvalidShredRequestError extends Error {
  readonly code = 'crypto.invalid_shred_request';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidShredRequestError';
  }
}
