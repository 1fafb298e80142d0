/**
 * Checks of establishments by the interdisciplinary team "Đội 178" (Decree 178/2004/NĐ-CP):
 * planned (scheduled, or unannounced, possibly triggered by a tip) → conducted by a team of at
 * least 3 members from police, health, culture and other agencies → linked to the penalty case
 * opened on its violations → closed.
 */
export const INSPECTION_MODES = ['scheduled', 'unannounced'] as const;
export type InspectionMode = (typeof INSPECTION_MODES)[number];

export const MEMBER_AGENCIES = ['police', 'health', 'culture', 'other'] as const;
export type MemberAgency = (typeof MEMBER_AGENCIES)[number];

export const FINDINGS = ['compliant', 'violations'] as const;
export type Findings = (typeof FINDINGS)[number];

/** Decree 178/2004/NĐ-CP: an interdisciplinary check is carried out by at least 3 team members. */
export const MIN_TEAM_SIZE = 3;

export interface TeamMember {
  agency: MemberAgency;
  /** Personal: encrypted with the member's own key. */
  name: string;
  /** The member's pseudonymous subject id; a new one is made when absent. */
  subjectId: string | null;
}

export type InspectionCommand =
  | {
      kind: 'plan';
      establishmentId: string;
      /** Commune or province code: the case's jurisdiction. */
      jurisdiction: string;
      mode: InspectionMode;
      /** Only the tip's id, never its content; only for unannounced checks. */
      triggeringTipId: string | null;
      plannedDate: string;
    }
  | { kind: 'conduct'; conductedOn: string; members: TeamMember[]; findings: Findings; violationDescription: string | null }
  | { kind: 'link_penalty_case'; penaltyCaseId: string }
  | { kind: 'close'; note: string | null };

export type InspectionPlanned = {
  type: 'inspection.planned';
  data: { establishmentId: string; jurisdiction: string; mode: InspectionMode; triggeringTipId: string | null; plannedDate: string };
};
/** One per member of the team, so that each member's name is encrypted with that member's key. */
export type InspectionTeamMemberRecorded = {
  type: 'inspection.team_member_recorded';
  data: { memberSubjectId: string; memberAgency: MemberAgency; memberName: unknown };
};
export type InspectionConducted = {
  type: 'inspection.conducted';
  data: { conductedOn: string; teamSize: number; findings: Findings; violationDescription: string | null };
};
export type InspectionPenaltyLinked = { type: 'inspection.penalty_linked'; data: { penaltyCaseId: string } };
export type InspectionClosed = { type: 'inspection.closed'; data: { closureNote: string | null } };

export type InspectionEvent =
  InspectionPlanned | InspectionTeamMemberRecorded | InspectionConducted | InspectionPenaltyLinked | InspectionClosed;

export type InspectionStatus = 'unplanned' | 'planned' | 'conducted' | 'penalty_linked' | 'closed';

export interface InspectionState {
  status: InspectionStatus;
  establishmentId: string | null;
  jurisdiction: string;
  mode: InspectionMode | null;
  triggeringTipId: string | null;
  plannedDate: string | null;
  conductedOn: string | null;
  members: Array<{ subjectId: string; agency: MemberAgency; name: unknown }>;
  findings: Findings | null;
  violationDescription: string | null;
  penaltyCaseId: string | null;
  closureNote: string | null;
}

export const INITIAL_INSPECTION: InspectionState = {
  status: 'unplanned',
  establishmentId: null,
  jurisdiction: '',
  mode: null,
  triggeringTipId: null,
  plannedDate: null,
  conductedOn: null,
  members: [],
  findings: null,
  violationDescription: null,
  penaltyCaseId: null,
  closureNote: null,
};
