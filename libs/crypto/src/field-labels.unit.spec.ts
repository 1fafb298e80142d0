import { InvalidFieldSchemaError } from './errors.js';
import { FIELD_LABELS, hasNestedLabels, isProtected, labelsOf, type FieldSchema } from './field-labels.js';

describe('field labels', () => {
  it('protects exactly personal and sensitive', () => {
    expect(FIELD_LABELS.filter(isProtected)).toEqual(['personal', 'sensitive']);
  });

  it('refuses a label that is not one of the four', () => {
    const schema = { name: 'secret' } as unknown as FieldSchema;
    expect(() => labelsOf(schema)).toThrow(InvalidFieldSchemaError);
    expect(() => labelsOf(schema)).toThrow(/"name" has no valid label/);
  });

  it('refuses a nested label inside a field already labelled as a whole', () => {
    expect(() => labelsOf({ reporter: 'personal', 'reporter.phone': 'sensitive' })).toThrow(/"reporter.phone" is inside "reporter"/);
  });

  it('refuses empty path segments', () => {
    expect(() => labelsOf({ 'reporter..phone': 'personal' })).toThrow(/not a field name or a dotted path/);
  });

  it('refuses the reserved name "$enc", which holds the sealed fields in stored data', () => {
    expect(() => labelsOf({ $enc: 'public' })).toThrow(/reserved field name "\$enc"/);
    expect(() => labelsOf({ 'contact.$enc': 'personal' })).toThrow(InvalidFieldSchemaError);
  });

  it('never reads inherited properties as labels', () => {
    const labels = labelsOf({ note: 'internal' });
    expect(labels.get('constructor')).toBeUndefined();
    expect(labels.get('toString')).toBeUndefined();
  });

  it('knows which objects have labelled fields inside', () => {
    const labels = labelsOf({ 'reporter.phone': 'personal', reporterCount: 'public' });
    expect(hasNestedLabels(labels, 'reporter')).toBe(true);
    expect(hasNestedLabels(labels, 'reporterCount')).toBe(false);
  });
});
