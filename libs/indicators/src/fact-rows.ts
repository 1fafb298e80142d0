import type { Fact } from '../../statistics/src/domain/facts.js';

/** A fact as a row of the facts table: kind, key, unit and the day it starts on as columns (for the indexes), the rest as payload. */
export interface FactRow {
  stream: string;
  seq: number;
  kind: string;
  key: string;
  unit_code: string;
  unit_era: string;
  day_from: string | null;
  day_to: string | null;
  /** The record a fact points at (the establishment inspected or reviewed, the hotspot of a status stretch), for the indexes. */
  ref: string | null;
  /** A hotspot stretch's status, a communication's audience. */
  tag: string | null;
  /** Handled (detected case), resolved lawfully (prosecution file), eligible (support need), recurring (communication). */
  flag: boolean | null;
  payload: Record<string, unknown>;
}

/** The columns beside the payload that the indicator statements filter and count on (the payload keeps them too). */
function columns(fact: Fact): Pick<FactRow, 'ref' | 'tag' | 'flag'> {
  switch (fact.fact) {
    case 'establishment_inspected':
    case 'establishment_reviewed':
      return { ref: fact.establishment, tag: null, flag: null };
    case 'hotspot_status':
      return { ref: fact.hotspot, tag: fact.status, flag: null };
    case 'communication':
      return { ref: null, tag: fact.audience, flag: fact.recurring };
    case 'detected_case':
      return { ref: null, tag: null, flag: fact.handled };
    case 'prosecution_file':
      return { ref: null, tag: null, flag: fact.resolvedLawfully };
    case 'support_need':
      return { ref: null, tag: null, flag: fact.eligible };
    default:
      return { ref: null, tag: null, flag: null };
  }
}

function firstDay(fact: Fact): string | null {
  switch (fact.fact) {
    case 'tip':
      return fact.receivedOn;
    case 'detected_case':
      return fact.detectedOn;
    case 'prosecution_file':
      return fact.transferredOn;
    case 'reference_figures':
      return fact.asOf;
    case 'establishment_at_risk':
    case 'establishment_with_signs':
    case 'hotspot_status':
    case 'support_need':
    case 'plan_adopted':
    case 'pilot_model':
      return fact.from;
    default:
      return fact.on;
  }
}

export function factRow(stream: string, seq: number, fact: Fact): FactRow {
  const { fact: kind, key, unit, ...payload } = fact;
  const to = 'to' in fact ? (fact.to as string | null) : null;
  return {
    stream,
    seq,
    kind,
    key,
    unit_code: unit.code,
    unit_era: unit.era,
    day_from: firstDay(fact),
    day_to: to,
    ...columns(fact),
    payload,
  };
}

/** A row of the facts table back as the fact it was made from. */
export function rowFact(row: Pick<FactRow, 'kind' | 'key' | 'unit_code' | 'unit_era' | 'payload'>): Fact {
  return { ...row.payload, fact: row.kind, key: row.key, unit: { code: row.unit_code, era: row.unit_era } } as unknown as Fact;
}
