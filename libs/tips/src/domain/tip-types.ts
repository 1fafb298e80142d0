/**
 * Tips (tố giác, tin báo, kiến nghị khởi tố, phản ánh): commands, events and state.
 * Legal frame: Criminal Procedure Code 2015 (CPC) art. 144-149 and Joint Circular 01/2017/TTLT
 * on receiving and settling crime reports; see tip-rules.ts for the limits.
 */

export const TIP_CHANNELS = ['hotline', 'in_person', 'online', 'transferred_from_agency'] as const;
export type TipChannel = (typeof TIP_CHANNELS)[number];

/** tố giác, tin báo, kiến nghị khởi tố, phản ánh. */
export const TIP_KINDS = ['denunciation', 'report', 'prosecution_proposal', 'feedback'] as const;
export type TipKind = (typeof TIP_KINDS)[number];

export const TIP_CATEGORIES = [
  'buying_selling_sex',
  'brokering',
  'harbouring',
  'organising',
  'trafficking_for_sexual_exploitation',
  'involving_minor',
] as const;
export type TipCategory = (typeof TIP_CATEGORIES)[number];

/** Categories that are escalated as soon as a tip is classified under them. */
export const ESCALATING_CATEGORIES: readonly TipCategory[] = ['trafficking_for_sexual_exploitation', 'involving_minor'];

/** Why a tip goes to another agency: it is outside this agency's competence (CPC art. 145). */
export const TRANSFER_REASONS = ['not_competent_territory', 'not_competent_subject_matter'] as const;
export type TransferReason = (typeof TRANSFER_REASONS)[number];

/** The grounds CPC art. 147(2) gives for a longer verification. */
export const EXTENSION_REASONS = ['complex_circumstances', 'multiple_locations'] as const;
export type ExtensionReason = (typeof EXTENSION_REASONS)[number];

/** The only grounds on which settling a tip may be suspended (CPC art. 148(1)). */
export const SUSPENSION_GROUNDS = [
  'expert_examination_pending',
  'asset_valuation_pending',
  'foreign_legal_assistance_pending',
  'requested_documents_pending',
] as const;
export type SuspensionGround = (typeof SUSPENSION_GROUNDS)[number];

export const TIP_OUTCOMES = ['criminal_case_opened', 'not_opened', 'passed_to_administrative_handling', 'not_substantiated'] as const;
export type TipOutcome = (typeof TIP_OUTCOMES)[number];

/** Acts of Decree 282/2025 (ch. on prostitution) a tip may suggest to the sanctioning official. */
export const ADMINISTRATIVE_ACTS = ['32', '33', '34.1', '34.2', '34.3', '34.4', '34.5', '35.1', '35.2'] as const;
export type AdministrativeAct = (typeof ADMINISTRATIVE_ACTS)[number];

/**
 * What the procuracy decided on a file sent with a recommendation to prosecute (CPC 2015 art. 236):
 * truy tố (indicted), trả hồ sơ để điều tra bổ sung, tạm đình chỉ vụ án, đình chỉ vụ án.
 */
export const PROSECUTION_RESOLUTIONS = ['indicted', 'returned_for_further_investigation', 'suspended', 'discontinued'] as const;
export type ProsecutionResolution = (typeof PROSECUTION_RESOLUTIONS)[number];

export const TIP_STATUSES = [
  'none',
  'received',
  'classified',
  'assigned',
  'verifying',
  'extended',
  'suspended',
  'resumed',
  'transferred',
  'closed',
] as const;
export type TipStatus = (typeof TIP_STATUSES)[number];

// ---- commands (orders) ----

export interface ReporterIdentity {
  name: string;
  contact?: string;
}

export type TipCommand =
  | {
      type: 'ReceiveTip';
      /** The case id, recorded so later events (the penalty request) can name the tip. */
      tipId: string;
      jurisdiction: string;
      channel: TipChannel;
      kind: TipKind;
      /** When the tip reached the agency (defaults to now); the legal clock runs from here. */
      receivedAt?: string;
      allegation: string;
      anonymous: boolean;
      reporter?: ReporterIdentity;
      sourceAgency?: string;
    }
  | { type: 'ClassifyTip'; category: TipCategory; note?: string }
  | { type: 'TransferTip'; receivingAgency: string; reason: TransferReason; note?: string }
  | { type: 'AssignTip'; assigneeId: string }
  | { type: 'NotifyProcuracy'; procuracy: string; documentRef?: string }
  | { type: 'NotifyReporter'; method: string }
  | { type: 'StartVerification'; note?: string }
  | { type: 'ExtendVerification'; until: string; reason: ExtensionReason; procuracyDecisionRef?: string; note?: string }
  | { type: 'SuspendTip'; ground: SuspensionGround; note?: string }
  | { type: 'ResumeTip'; note?: string }
  | { type: 'CloseTip'; outcome: TipOutcome; suggestedAct?: AdministrativeAct; criminalCaseRef?: string; note?: string }
  | { type: 'HandOverToSanctioningOfficial'; sanctioningAuthority: string; documentRef?: string }
  /** The investigating unit sent the case file to the procuracy recommending prosecution (đề nghị truy tố). */
  | { type: 'RecordProsecutionFile'; sentOn: string; procuracy: string; fileRef?: string }
  /** What the procuracy decided on that file, and whether it was decided lawfully (see tips-context.ts). */
  | { type: 'RecordProsecutionOutcome'; resolvedOn: string; resolution: ProsecutionResolution; lawful: boolean };

// ---- events (past tense, fixed type strings); `at` is when the decision was recorded ----

export type TipEvent =
  | {
      type: 'tip.received';
      data: {
        at: string;
        tipId: string;
        jurisdiction: string;
        channel: TipChannel;
        kind: TipKind;
        receivedAt: string;
        anonymous: boolean;
        allegation: unknown;
        sourceAgency: string | null;
      };
    }
  | { type: 'tip.reporter_recorded'; data: { at: string; reporterSubjectId: string; reporterName: unknown; reporterContact: unknown } }
  | { type: 'tip.classified'; data: { at: string; category: TipCategory; note: unknown } }
  | { type: 'tip.escalated'; data: { at: string; escalationReason: TipCategory; escalatedTo: 'provincial_police' } }
  | { type: 'tip.transferred'; data: { at: string; receivingAgency: string; transferReason: TransferReason; note: unknown } }
  | { type: 'tip.assigned'; data: { at: string; assigneeId: string } }
  | { type: 'tip.procuracy_notified'; data: { at: string; procuracy: string; documentRef: string | null } }
  | { type: 'tip.reporter_notified'; data: { at: string; notificationMethod: string } }
  | { type: 'tip.verification_started'; data: { at: string; note: unknown } }
  | {
      type: 'tip.verification_extended';
      data: {
        at: string;
        extendedUntil: string;
        dueAt: string;
        extensionReason: ExtensionReason;
        byProcuracy: boolean;
        procuracyDecisionRef: string | null;
        note: unknown;
      };
    }
  | { type: 'tip.suspended'; data: { at: string; suspensionGround: SuspensionGround; note: unknown } }
  | { type: 'tip.resumed'; data: { at: string; dueAt: string; note: unknown } }
  | { type: 'tip.closed'; data: { at: string; outcome: TipOutcome; criminalCaseRef: string | null; note: unknown } }
  | { type: 'tip.penalty_case_requested'; data: PenaltyCaseRequested }
  | { type: 'tip.file_handed_over'; data: { at: string; sanctioningAuthority: string; documentRef: string | null } }
  | { type: 'tip.prosecution_file_sent'; data: { at: string; sentOn: string; procuracy: string; fileRef: string | null } }
  | { type: 'tip.prosecution_file_resolved'; data: { at: string; resolvedOn: string; resolution: ProsecutionResolution; lawful: boolean } };

/**
 * What the penalty context needs to open a case after a tip is passed to administrative handling:
 * no reporter data, no allegation text.
 */
export type PenaltyCaseRequested = {
  at: string;
  tipId: string;
  jurisdiction: string;
  suggestedAct: AdministrativeAct;
  category: TipCategory | null;
};

export type TipEventType = TipEvent['type'];

export const TIP_EVENT_TYPES = [
  'tip.received',
  'tip.reporter_recorded',
  'tip.classified',
  'tip.escalated',
  'tip.transferred',
  'tip.assigned',
  'tip.procuracy_notified',
  'tip.reporter_notified',
  'tip.verification_started',
  'tip.verification_extended',
  'tip.suspended',
  'tip.resumed',
  'tip.closed',
  'tip.penalty_case_requested',
  'tip.file_handed_over',
  'tip.prosecution_file_sent',
  'tip.prosecution_file_resolved',
] as const satisfies readonly TipEventType[];

// ---- state ----

export interface Extension {
  at: string;
  dueAt: string;
  byProcuracy: boolean;
}

export interface Suspension {
  at: string;
  ground: SuspensionGround;
  resumedAt: string | null;
  /** The limit after resumption (CPC art. 149). */
  resumedDueAt: string | null;
}

export interface TipState {
  status: TipStatus;
  id: string | null;
  jurisdiction: string;
  channel: TipChannel | null;
  kind: TipKind | null;
  receivedAt: string | null;
  anonymous: boolean;
  allegation: unknown;
  sourceAgency: string | null;
  reporter: { subjectId: string; name: unknown; contact: unknown } | null;
  category: TipCategory | null;
  classifiedAt: string | null;
  escalated: boolean;
  escalationReason: TipCategory | null;
  transfer: { at: string; receivingAgency: string; reason: TransferReason } | null;
  assigneeId: string | null;
  assignedAt: string | null;
  procuracyNotifiedAt: string | null;
  reporterNotifiedAt: string | null;
  verificationStartedAt: string | null;
  extensions: Extension[];
  suspensions: Suspension[];
  closure: { at: string; outcome: TipOutcome } | null;
  penaltyCaseRequest: { at: string; suggestedAct: AdministrativeAct } | null;
  handedOverAt: string | null;
  /** The file sent for prosecution after a criminal case was opened, and the procuracy's decision on it. */
  prosecutionFile: ProsecutionFile | null;
}

export interface ProsecutionFile {
  sentOn: string;
  procuracy: string;
  resolvedOn: string | null;
  resolution: ProsecutionResolution | null;
  lawful: boolean | null;
}

export const INITIAL_TIP_STATE: TipState = {
  status: 'none',
  id: null,
  jurisdiction: '',
  channel: null,
  kind: null,
  receivedAt: null,
  anonymous: false,
  allegation: null,
  sourceAgency: null,
  reporter: null,
  category: null,
  classifiedAt: null,
  escalated: false,
  escalationReason: null,
  transfer: null,
  assigneeId: null,
  assignedAt: null,
  procuracyNotifiedAt: null,
  reporterNotifiedAt: null,
  verificationStartedAt: null,
  extensions: [],
  suspensions: [],
  closure: null,
  penaltyCaseRequest: null,
  handedOverAt: null,
  prosecutionFile: null,
};
