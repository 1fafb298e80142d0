import type { FieldSchema } from '../../../../libs/crypto/src/field-labels.js';
import { isProtected } from '../../../../libs/crypto/src/field-labels.js';
import { REDACTED_KEYS } from '../../../../libs/logging/src/logger.js';
import { CASE_MODULES } from '../case-modules.js';

/** Every personal or sensitive field a case context labels (FieldSchemas keeps them in a private map: read it as the registry it is). */
function protectedFields(): Array<{ eventType: string; path: string }> {
  const fields: Array<{ eventType: string; path: string }> = [];
  for (const module of CASE_MODULES) {
    for (const context of module.contexts) {
      const registry = Reflect.get(context.schemas, 'schemas') as Map<string, FieldSchema>;
      for (const [eventType, schema] of registry)
        for (const [path, label] of Object.entries(schema)) if (isProtected(label)) fields.push({ eventType, path });
    }
  }
  return fields;
}

describe('logs: every personal and sensitive field of the case contexts is redacted by name', () => {
  it('finds the labelled fields of every context', () => {
    const fields = protectedFields();
    expect(new Set(fields.map((f) => f.eventType.split('.')[0])).size).toBeGreaterThanOrEqual(6);
    expect(fields.map((f) => f.path)).toEqual(expect.arrayContaining(['reporterName', 'fullName', 'idNumber', 'ownerName', 'birthYear']));
  });

  it('has each of them (or the object that holds it) in the logger’s redaction keys', () => {
    const missing = protectedFields().filter(({ path }) => {
      const segments = path.split('.');
      return !REDACTED_KEYS.includes(segments[0]!) && !REDACTED_KEYS.includes(segments.at(-1)!);
    });
    expect(missing).toEqual([]);
  });
});
