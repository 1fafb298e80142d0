/**
 * Shapes of the reference data that penalty decisions are checked against, and the lookups by
 * date. The figures themselves are data, in ./reference/: decrees change, so every table carries
 * the dates it is in force, and a case is checked against the table in force on the day that matters.
 */

/** Acts as numbered in Decree 282/2025/NĐ-CP (the same codes a tip suggests when it is passed on). */
export const ACT_CODES = ['32', '33', '34.1', '34.2', '34.3', '34.4', '34.5', '35.1', '35.2'] as const;
export type ActCode = (typeof ACT_CODES)[number];

export const OFFICIAL_POSITIONS = [
  'police_officer_on_duty',
  'police_station_or_team_head',
  'commune_people_committee_chair',
  'commune_police_chief',
  'provincial_police_department_head',
  'provincial_people_committee_chair',
  'provincial_police_director',
] as const;
export type OfficialPosition = (typeof OFFICIAL_POSITIONS)[number];

export const ADDITIONAL_MEASURES = ['confiscation', 'expulsion', 'return_illegal_gains', 'security_permit_withdrawal'] as const;
export type AdditionalMeasure = (typeof ADDITIONAL_MEASURES)[number];

export const OFFENDER_TYPES = ['individual', 'organisation'] as const;
export type OffenderType = (typeof OFFENDER_TYPES)[number];

/** A fine bracket for individuals, in VND; organisations pay `organisationMultiplier` times. */
export interface FineBracket {
  min: number;
  max: number;
  /** A warning may be given instead of a fine. */
  warningAllowed: boolean;
}

export interface ActEntry {
  code: ActCode;
  titleEn: string;
  titleVi: string;
  bracket: FineBracket;
  /** The bracket when the act involves two or more people at once; null when the decree has none. */
  withMultiplePeople: FineBracket | null;
  additionalMeasures: readonly AdditionalMeasure[];
}

export interface CompetenceEntry {
  position: OfficialPosition;
  titleEn: string;
  titleVi: string;
  /** The highest fine (VND) this official may impose on an individual for one act. */
  individualLimit: number;
  /** The platform roles whose identity may hold this position. */
  statedBy: readonly string[];
  /** The levels of scope at which the position exists: a commune scope cannot hold a provincial position. */
  heldAt: readonly ScopeLevel[];
}

export type ScopeLevel = 'country' | 'province' | 'commune';

export interface ActTable {
  id: string;
  sourceEn: string;
  sourceVi: string;
  /** First day in force (YYYY-MM-DD). */
  effectiveFrom: string;
  /** First day no longer in force, or null while in force. */
  effectiveUntil: string | null;
  /** Fines and competence limits for organisations are this many times those for individuals. */
  organisationMultiplier: number;
  acts: readonly ActEntry[];
  competence: readonly CompetenceEntry[];
}

/** Time limits of the Law on Handling Administrative Violations (and the complaint window). */
export interface ProcedureRules {
  id: string;
  sourceEn: string;
  sourceVi: string;
  effectiveFrom: string;
  limitationMonths: number;
  explanationWorkingDays: number;
  explanationExtensionWorkingDays: number;
  /** The right to explain applies when the act's highest fine for an individual reaches this (organisations: × multiplier), or a permit may be withdrawn. */
  explanationFineThreshold: number;
  decisionWorkingDays: number;
  decisionMonthsWithExplanationOrVerification: number;
  decisionExtensionMonths: number;
  deliveryWorkingDays: number;
  paymentDays: number;
  /** Late-payment fee per day, as a fraction of the unpaid fine. */
  lateFeeRatePerDay: number;
  complaintDays: number;
}

export interface PenaltyReference {
  tables: readonly ActTable[];
  procedure: ProcedureRules;
}

/** The act table in force on a date, or null when none covers it. */
export function tableInForce(reference: PenaltyReference, date: string): ActTable | null {
  return reference.tables.find((t) => t.effectiveFrom <= date && (t.effectiveUntil === null || date < t.effectiveUntil)) ?? null;
}

export function tableById(reference: PenaltyReference, id: string): ActTable | null {
  return reference.tables.find((t) => t.id === id) ?? null;
}

export function actIn(table: ActTable, code: string): ActEntry | null {
  return table.acts.find((a) => a.code === code) ?? null;
}

export function competenceIn(table: ActTable, position: string): CompetenceEntry | null {
  return table.competence.find((c) => c.position === position) ?? null;
}

/** The bracket that applies to a recorded act, scaled for the offender type. */
export function applicableBracket(table: ActTable, act: ActEntry, multiplePeople: boolean, offender: OffenderType): FineBracket {
  const bracket = multiplePeople && act.withMultiplePeople ? act.withMultiplePeople : act.bracket;
  const factor = offender === 'organisation' ? table.organisationMultiplier : 1;
  return { min: bracket.min * factor, max: bracket.max * factor, warningAllowed: bracket.warningAllowed };
}

/** Does the offender have the right to explain (Law on Handling Administrative Violations, art. 61.1)? */
export function explanationRightApplies(procedure: ProcedureRules, table: ActTable, act: ActEntry, multiplePeople: boolean): boolean {
  const individual = applicableBracket(table, act, multiplePeople, 'individual');
  return individual.max >= procedure.explanationFineThreshold || act.additionalMeasures.includes('security_permit_withdrawal');
}
