export * from './errors.js';
export { FIELD_LABELS, isProtected, type FieldLabel, type FieldSchema } from './field-labels.js';
export {
  ERASED_MARKER,
  decryptFields,
  encryptFields,
  isEncryptedField,
  type DecryptedData,
  type EncryptedField,
  type FieldCipherContext,
  type SealedFieldRef,
  type SealedFields,
} from './field-cipher.js';
export { assertSubjectId, isSubjectId, type KeyStore, type ShredRequest, type ShredResult, type SubjectOwner } from './key-store.js';
export { PostgresKeyStore, type PostgresKeyStoreOptions } from './postgres-key-store.js';
export { KEY_STORE_MIGRATIONS, migrateKeyStore } from './key-store-migrations.js';
export { KEY_SHREDDED_CHANNEL } from './shred-listener.js';
export { DEV_MASTER_KEY_FILE, loadOrCreateDevMasterKey, masterKeyFromBytes, parseMasterKey, type MasterKey } from './master-key.js';
