import type { FieldSchemas } from '../../../access/src/application/case-records.js';
import type { FieldLabel } from '../../../access/src/domain/resources.js';
import { ESTABLISHMENT_SCHEMAS } from '../../../establishments/src/establishments-context.js';
import { HOTSPOT_SCHEMAS } from '../../../hotspots/src/hotspots-context.js';
import { INSPECTION_SCHEMAS } from '../../../inspections/src/inspections-context.js';
import { PENALTY_FIELD_SCHEMAS } from '../../../penalties/src/penalties-context.js';
import { TIP_FIELD_SCHEMAS } from '../../../tips/src/tips-context.js';
import type { CaseIndexKind } from '../domain/case-entry.js';
import { sourceOfKind } from '../domain/case-index-sources.js';

/** The field labels of each enforcement context, as its `*-context.ts` registers them. */
export const ENFORCEMENT_SCHEMAS: Record<CaseIndexKind, FieldSchemas> = {
  tip: TIP_FIELD_SCHEMAS,
  establishment: ESTABLISHMENT_SCHEMAS,
  inspection: INSPECTION_SCHEMAS,
  hotspot: HOTSPOT_SCHEMAS,
  penalty_case: PENALTY_FIELD_SCHEMAS,
};

/** Every value of a field that is not labelled public starts with this; a stored value that holds it came from such a field. */
export const NOT_PUBLIC = 'not-public:';

/** The value a labelled history gives a field: its own name for a public field, a marked one for any other. */
export const valueOf = (type: string, field: string, label: FieldLabel) =>
  label === 'public' ? `${type}.${field}` : `${NOT_PUBLIC}${label}:${type}.${field}`;

/**
 * One event of every type the index reads for this kind, its opening event first, each field
 * filled by `valueOf`: what a test needs to tell which stored values came from which fields.
 */
export function labelledHistory(kind: CaseIndexKind): Array<{ type: string; data: Record<string, string> }> {
  const types = sourceOfKind(kind).eventTypes;
  return types.map((type) => ({
    type,
    data: Object.fromEntries(
      Object.entries(ENFORCEMENT_SCHEMAS[kind].of(type)).map(([field, label]) => [field, valueOf(type, field, label)]),
    ),
  }));
}
