import { InvalidFieldSchemaError } from './errors.js';

/** Sensitivity of one field of an event's data (see the privacy model). */
export type FieldLabel = 'public' | 'internal' | 'personal' | 'sensitive';

export const FIELD_LABELS: readonly FieldLabel[] = ['public', 'internal', 'personal', 'sensitive'];

/**
 * Labels of an event type's data, by field name. A nested field is named by its dotted path
 * (`reporter.phone`); an object labelled as a whole (`reporter`) is encrypted as one value.
 */
export type FieldSchema = Readonly<Record<string, FieldLabel>>;

/** `personal` and `sensitive` values are encrypted with the data subject's key. */
export function isProtected(label: FieldLabel): boolean {
  return label === 'personal' || label === 'sensitive';
}

const FIELD_PATH = /^[^.]+(\.[^.]+)*$/;
const checked = new WeakMap<FieldSchema, ReadonlyMap<string, FieldLabel>>();

/**
 * Validates a schema once and returns it as a map, so that inherited names such as
 * `constructor` are never mistaken for labels.
 */
export function labelsOf(schema: FieldSchema): ReadonlyMap<string, FieldLabel> {
  const known = checked.get(schema);
  if (known) return known;
  const labels = new Map<string, FieldLabel>();
  for (const [path, label] of Object.entries(schema)) {
    if (!FIELD_PATH.test(path)) throw new InvalidFieldSchemaError(`FieldSchema: "${path}" is not a field name or a dotted path`);
    if (path.split('.').includes('$enc')) throw new InvalidFieldSchemaError(`FieldSchema: "${path}" uses the reserved field name "$enc"`);
    if (!FIELD_LABELS.includes(label))
      throw new InvalidFieldSchemaError(`FieldSchema: "${path}" has no valid label (one of ${FIELD_LABELS.join(', ')})`);
    labels.set(path, label);
  }
  for (const path of labels.keys()) {
    const parts = path.split('.');
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('.');
      if (labels.has(parent))
        throw new InvalidFieldSchemaError(`FieldSchema: "${path}" is inside "${parent}", which is already labelled as a whole`);
    }
  }
  checked.set(schema, labels);
  return labels;
}

/** True when some label names a field nested under `path`, so the object at `path` is walked into. */
export function hasNestedLabels(labels: ReadonlyMap<string, FieldLabel>, path: string): boolean {
  const prefix = `${path}.`;
  for (const key of labels.keys()) if (key.startsWith(prefix)) return true;
  return false;
}
