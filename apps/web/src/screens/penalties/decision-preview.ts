import {
  actIn,
  applicableBracket,
  competenceIn,
  tableById,
  type ActEntry,
  type ActTable,
  type CompetenceEntry,
  type FineBracket,
  type OffenderType,
  type PenaltyReference,
} from '../../../../../libs/penalties/src/domain/penalty-reference.js';

export interface RecordedViolation {
  referenceTable: string | null;
  act: string | null;
  multiplePeopleAtOnce: boolean;
  offenderType: OffenderType | null;
}

export interface DecisionPreview {
  table: ActTable;
  act: ActEntry;
  /** The fine range for this act, this offender type and this number of people (organisations × the multiplier). */
  bracket: FineBracket;
  competence: { entry: CompetenceEntry; limit: number; within: boolean } | null;
}

/**
 * What the official must see before deciding, from the same reference data and functions the
 * decision is checked with (libs/penalties): the act, its fine range, and the chosen position's
 * competence limit against the act's highest fine (Law on Handling Administrative Violations, art. 52.2).
 */
export function decisionPreview(
  reference: PenaltyReference,
  violation: RecordedViolation,
  position: string | null,
): DecisionPreview | null {
  const table = violation.referenceTable ? tableById(reference, violation.referenceTable) : null;
  const act = table && violation.act ? actIn(table, violation.act) : null;
  if (!table || !act || !violation.offenderType) return null;
  const bracket = applicableBracket(table, act, violation.multiplePeopleAtOnce, violation.offenderType);
  const entry = position ? competenceIn(table, position) : null;
  const limit = entry ? entry.individualLimit * (violation.offenderType === 'organisation' ? table.organisationMultiplier : 1) : 0;
  return { table, act, bracket, competence: entry ? { entry, limit, within: bracket.max <= limit } : null };
}

/** Why one person's sanction would be refused, before it is sent. */
export function sanctionProblem(
  bracket: FineBracket,
  sanction: 'fine' | 'warning',
  amount: number | null,
): 'warning_not_allowed' | 'out_of_range' | null {
  if (sanction === 'warning') return bracket.warningAllowed ? null : 'warning_not_allowed';
  if (amount === null || !Number.isInteger(amount) || amount < bracket.min || amount > bracket.max) return 'out_of_range';
  return null;
}
