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
  payload: Record<string, unknown>;
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
  return { stream, seq, kind, key, unit_code: unit.code, unit_era: unit.era, day_from: firstDay(fact), day_to: to, payload };
}

/** A row of the facts table back as the fact it was made from. */
export function rowFact(row: Pick<FactRow, 'kind' | 'key' | 'unit_code' | 'unit_era' | 'payload'>): Fact {
  return { ...row.payload, fact: row.kind, key: row.key, unit: { code: row.unit_code, era: row.unit_era } } as unknown as Fact;
}
