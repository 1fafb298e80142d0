import type { ActCode, AdditionalMeasure, OffenderType, OfficialPosition } from './penalty-reference.js';

/**
 * Administrative penalty cases for prostitution-related acts (Decree 282/2025/NĐ-CP; Law on
 * Handling Administrative Violations): violation recorded → (explanation) → decided → delivered →
 * paid / under enforcement, complaints lodged without stopping enforcement; or closed without a
 * decision. People penalised are keyed by pseudonymous subject ids; their identity is personal.
 */
export const SANCTIONS = ['warning', 'fine'] as const;
export type SanctionKind = (typeof SANCTIONS)[number];

export const ENFORCEMENT_MEASURES = ['salary_deduction', 'bank_account_deduction', 'asset_seizure', 'other'] as const;
export type EnforcementMeasure = (typeof ENFORCEMENT_MEASURES)[number];

export const CLOSURE_REASONS = ['time_barred', 'no_violation', 'transferred_for_prosecution'] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export interface PersonInput {
  /** Pseudonymous subject id; a new one is made when absent. */
  subjectId: string | null;
  fullName: string;
  idNumber: string | null;
  address: string | null;
}

export interface SanctionInput {
  subjectId: string;
  sanction: SanctionKind;
  /** VND; null for a warning. */
  amount: number | null;
}

export type PenaltyCommand =
  | {
      kind: 'record_violation';
      jurisdiction: string;
      violationDate: string;
      recordedOn: string;
      act: ActCode;
      multiplePeopleAtOnce: boolean;
      offenderType: OffenderType;
      people: PersonInput[];
      /** The tip passed to administrative handling, by id only. */
      tipId: string | null;
      summary: string | null;
    }
  | { kind: 'request_explanation'; subjectId: string }
  | { kind: 'extend_explanation'; reason: string }
  | { kind: 'record_explanation'; subjectId: string; receivedOn: string; explanation: string }
  | { kind: 'require_verification'; reason: string }
  | { kind: 'extend_decision_deadline'; reason: string }
  /** The official's position is not part of the command: it comes from the verified identity (DecisionContext.grants). */
  | { kind: 'decide'; decisionNumber: string; sanctions: SanctionInput[]; additionalMeasures: AdditionalMeasure[] }
  | { kind: 'deliver'; deliveredOn: string }
  | { kind: 'record_payment'; subjectId: string; paidOn: string; amountPaid: number }
  | { kind: 'order_enforcement'; subjectId: string; measure: EnforcementMeasure }
  | { kind: 'record_complaint'; subjectId: string; receivedOn: string }
  | { kind: 'close'; reason: ClosureReason };

export type ViolationRecorded = {
  type: 'penalty.violation_recorded';
  data: {
    jurisdiction: string;
    violationDate: string;
    recordedOn: string;
    act: ActCode;
    multiplePeopleAtOnce: boolean;
    offenderType: OffenderType;
    referenceTable: string;
    explanationRight: boolean;
    tipId: string | null;
    summary: unknown;
    /** The officer who drew up the record: the case's assignee. */
    assigneeId: string;
  };
};
/** One per person penalised, so each identity is encrypted with that person's own key. */
export type PersonRecorded = {
  type: 'penalty.person_recorded';
  data: { subjectId: string; fullName: unknown; idNumber: unknown; address: unknown };
};
export type ExplanationRequested = { type: 'penalty.explanation_requested'; data: { subjectId: string; requestedOn: string } };
export type ExplanationExtended = { type: 'penalty.explanation_extended'; data: { reason: string; dueOn: string } };
export type ExplanationReceived = {
  type: 'penalty.explanation_received';
  data: { subjectId: string; receivedOn: string; explanation: unknown };
};
export type VerificationRequired = { type: 'penalty.verification_required'; data: { reason: string; dueOn: string } };
export type DecisionDeadlineExtended = { type: 'penalty.decision_deadline_extended'; data: { reason: string; dueOn: string } };
/**
 * Schema version 2 (from 2026-12): the de-identified totals (warningCount, fineCount, fineTotal in
 * VND) beside the per-person sanctions. Version 1 events lack them; libs/upcasting adds them on read.
 */
export type PenaltyDecided = {
  type: 'penalty.decided';
  data: {
    decidedOn: string;
    decisionNumber: string;
    /** The position the decider's identity held, and the competence limit (VND) applied with it; absent on decisions recorded before limits were kept. */
    position: OfficialPosition;
    competenceLimit?: number;
    referenceTable: string;
    sanctions: SanctionInput[];
    additionalMeasures: AdditionalMeasure[];
    warningCount: number;
    fineCount: number;
    fineTotal: number;
  };
};
export type DecisionDelivered = { type: 'penalty.decision_delivered'; data: { deliveredOn: string; late: boolean } };
export type FinePaid = {
  type: 'penalty.fine_paid';
  data: { subjectId: string; paidOn: string; fine: number; lateDays: number; lateFee: number; amountPaid: number };
};
export type EnforcementOrdered = {
  type: 'penalty.enforcement_ordered';
  data: { subjectId: string; measure: EnforcementMeasure; orderedOn: string };
};
export type ComplaintLodged = { type: 'penalty.complaint_lodged'; data: { subjectId: string; receivedOn: string } };
export type PenaltyCaseClosed = { type: 'penalty.closed_without_decision'; data: { reason: ClosureReason; closedOn: string } };

export type PenaltyEvent =
  | ViolationRecorded
  | PersonRecorded
  | ExplanationRequested
  | ExplanationExtended
  | ExplanationReceived
  | VerificationRequired
  | DecisionDeadlineExtended
  | PenaltyDecided
  | DecisionDelivered
  | FinePaid
  | EnforcementOrdered
  | ComplaintLodged
  | PenaltyCaseClosed;
export type PenaltyEventType = PenaltyEvent['type'];

/** none → recorded → decided → delivered → settled (every fine paid); recorded → closed. */
export const PENALTY_STATUSES = ['none', 'recorded', 'decided', 'delivered', 'settled', 'closed'] as const;
export type PenaltyStatus = (typeof PENALTY_STATUSES)[number];

export interface PenaltyState {
  status: PenaltyStatus;
  jurisdiction: string;
  violationDate: string | null;
  recordedOn: string | null;
  act: ActCode | null;
  multiplePeopleAtOnce: boolean;
  offenderType: OffenderType | null;
  referenceTable: string | null;
  explanationRight: boolean;
  tipId: string | null;
  summary: unknown;
  assigneeId: string | null;
  people: Array<{ subjectId: string; fullName: unknown; idNumber: unknown; address: unknown }>;
  explanation: {
    requestedBy: string[];
    extended: boolean;
    received: Array<{ subjectId: string; receivedOn: string; explanation: unknown }>;
  };
  verificationRequired: boolean;
  decisionDeadlineExtended: boolean;
  decision: PenaltyDecided['data'] | null;
  deliveredOn: string | null;
  deliveredLate: boolean;
  payments: Array<FinePaid['data']>;
  enforcement: Array<EnforcementOrdered['data']>;
  complaints: Array<ComplaintLodged['data']>;
  closure: PenaltyCaseClosed['data'] | null;
}

export const INITIAL_PENALTY_STATE: PenaltyState = {
  status: 'none',
  jurisdiction: '',
  violationDate: null,
  recordedOn: null,
  act: null,
  multiplePeopleAtOnce: false,
  offenderType: null,
  referenceTable: null,
  explanationRight: false,
  tipId: null,
  summary: null,
  assigneeId: null,
  people: [],
  explanation: { requestedBy: [], extended: false, received: [] },
  verificationRequired: false,
  decisionDeadlineExtended: false,
  decision: null,
  deliveredOn: null,
  deliveredLate: false,
  payments: [],
  enforcement: [],
  complaints: [],
  closure: null,
};
