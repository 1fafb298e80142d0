import type { IsoDay } from './calendar-day.js';

/**
 * The input of every indicator: record-level facts that a projection keeps from the event log,
 * one row per record (upserted by `key`, removed when the record is retracted or erased).
 * Facts keep record keys, not running totals, so that any period and any area can be asked for
 * and counted exactly: an establishment inspected twice counts once, a person served in two
 * communes counts once in the province. Person keys are pseudonymous (never a name, an
 * identity number or a birth date) and never leave this library: outputs carry counts only.
 *
 * Stretches of time (`from`, `to`) are half-open, like the status periods of the case contexts:
 * `to` is the day the state ended (the next one began), not included; null while it lasts. A
 * plan's `from`-`to` is the plan period as written, both days included.
 */

/** Where a record was made: a unit of the current tree, or of the tree before the 2025 reform (old codes are their own namespace). */
export interface UnitRef {
  code: string;
  era: 'current' | 'pre_2025';
}

export const HOTSPOT_STATUSES = ['identified', 'under_treatment', 'eradicated', 'reactivated'] as const;
export type HotspotStatus = (typeof HOTSPOT_STATUSES)[number];

export const AUDIENCES = [
  'general_public',
  'establishment_workers',
  'high_school_students',
  'officials',
  'youth',
  'migrant_workers',
  'women',
  'other',
] as const;
export type Audience = (typeof AUDIENCES)[number];

export const STAFF_LEVELS = ['province', 'district', 'commune'] as const;
export type StaffLevel = (typeof STAFF_LEVELS)[number];

/** Denominators no event can give: populations a unit reports for itself. */
export const REFERENCE_FIGURES = [
  'staffProvince',
  'staffDistrict',
  'staffCommune',
  'staffAll',
  'workersAtRiskEstablishments',
  'highSchoolStudents',
  'villages',
] as const;
export type ReferenceFigure = (typeof REFERENCE_FIGURES)[number];

export interface Keyed {
  /** The record's key (case id, activity id; for people a pseudonymous person key). */
  key: string;
  unit: UnitRef;
}

export type Fact =
  /** A tip received; `missedDeadline`: a legal time limit (classification, assignment, verification with its extensions) ran out before the step, as of the projection's clock. */
  | (Keyed & { fact: 'tip'; receivedOn: IsoDay; missedDeadline: boolean })
  /** A business of a kind easily misused (karaoke, massage, guesthouse …) listed and operating from `from` to `to`. */
  | (Keyed & { fact: 'establishment_at_risk'; from: IsoDay; to: IsoDay | null })
  /** An establishment showing signs of trouble (biểu hiện phức tạp), from `from` to `to`. */
  | (Keyed & { fact: 'establishment_with_signs'; from: IsoDay; to: IsoDay | null })
  /** One review / risk classification of an establishment (rà soát, phân loại). Key: establishment key plus the day. */
  | (Keyed & { fact: 'establishment_reviewed'; establishment: string; on: IsoDay })
  /** One inspection of an establishment. Key: the inspection id. */
  | (Keyed & { fact: 'establishment_inspected'; establishment: string; on: IsoDay })
  /** One status period of a complex spot (điểm phức tạp). Key: hotspot id plus the start day. */
  | (Keyed & { fact: 'hotspot_status'; hotspot: string; status: HotspotStatus; from: IsoDay; to: IsoDay | null })
  /** A crime related to prostitution handled under the law (case opened and pursued). */
  | (Keyed & { fact: 'crime_handled'; on: IsoDay })
  /** A file the investigation body sent for prosecution; `resolvedLawfully` null while pending. */
  | (Keyed & { fact: 'prosecution_file'; transferredOn: IsoDay; resolvedLawfully: boolean | null })
  /** A case or ring detected; `handled` once dealt with under the law. */
  | (Keyed & { fact: 'detected_case'; detectedOn: IsoDay; handled: boolean })
  /** A service user assessed in need of support, and whether eligible; open until `to`. Key: pseudonymous person key. */
  | (Keyed & { fact: 'support_need'; from: IsoDay; to: IsoDay | null; eligible: boolean })
  /** A service user using a support service on a day. Key: pseudonymous person key. */
  | (Keyed & { fact: 'support_access'; on: IsoDay })
  /** A person administratively penalised (decision issued) on a day. Key: pseudonymous person key. */
  | (Keyed & { fact: 'person_penalised'; on: IsoDay })
  /** A communication activity: audience, people reached, whether it is a form kept up regularly, villages (thôn) it reached. */
  | (Keyed & { fact: 'communication'; on: IsoDay; audience: Audience; reach: number; recurring: boolean; villages: readonly string[] })
  /** A training, with the number of distinct staff trained per level. */
  | (Keyed & { fact: 'training'; on: IsoDay; participants: Readonly<Partial<Record<StaffLevel, number>>> })
  /** A unit's own plan adopted, covering `from`-`to`. */
  | (Keyed & { fact: 'plan_adopted'; adoptedOn: IsoDay | null; from: IsoDay; to: IsoDay })
  /** The task integrated into socio-economic (and related) programmes, recorded on a day. */
  | (Keyed & { fact: 'integration'; on: IsoDay })
  /** A pilot model running from `from` to `to`. */
  | (Keyed & { fact: 'pilot_model'; from: IsoDay; to: IsoDay | null })
  /** A post on the topic on the unit's website. */
  | (Keyed & { fact: 'website_post'; on: IsoDay })
  /** Populations of an area (current unit codes) as of a day; `unit` is where it was recorded. */
  | (Keyed & {
      fact: 'reference_figures';
      area: readonly string[];
      asOf: IsoDay;
      figures: Readonly<Partial<Record<ReferenceFigure, number>>>;
    });

export type FactKind = Fact['fact'];
export type FactOf<K extends FactKind> = Extract<Fact, { fact: K }> & Keyed;

/** Facts about people: counted on distinct pseudonymous keys and published only through disclosure control. */
export const PERSON_FACTS: readonly FactKind[] = ['support_need', 'support_access', 'person_penalised'];

export const currentUnit = (code: string): UnitRef => ({ code, era: 'current' });
export const formerUnit = (code: string): UnitRef => ({ code, era: 'pre_2025' });
