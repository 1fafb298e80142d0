/**
 * Requests of a data subject about their personal data (Law 91/2025/QH15 on Personal Data
 * Protection; Decree 356/2025/ND-CP): to view it, correct it, restrict or object to its processing,
 * or delete it. Filed by support staff or the data-protection officer (DPO) and handled by the DPO
 * against legal time limits; a deletion is carried out by crypto-shredding the subject's key.
 * The request names the subject only by a pseudonymous id and holds no personal data itself, so
 * it survives the erasure it records.
 */
export const REQUEST_KINDS = ['view', 'correct', 'restrict', 'object', 'delete'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export const REQUEST_CHANNELS = ['in_person', 'written', 'phone', 'online'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

export const REFUSAL_REASONS = [
  'identity_not_verified',
  'not_the_data_subject',
  'law_requires_processing',
  'manifestly_unfounded_or_repeated',
  'other',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export const DSR_LIMITS = { outcome: 500, explanation: 500 } as const;

export interface ErasureDone {
  /** When the subject's key was shredded (the first time, if it had been shredded before). */
  erasedAt: string;
  alreadyErased: boolean;
  /** The keys the shred deleted (none when the subject had been erased before). */
  destroyedKeyIds: string[];
}

export type DataSubjectRequestCommand =
  | { kind: 'file'; subjectId: string; jurisdiction: string; requestKind: RequestKind; channel: RequestChannel; receivedAt: string }
  | { kind: 'acknowledge' }
  /** A deletion is decided (and recorded) before the key is shredded: shredding cannot be undone. */
  | { kind: 'authorise_erasure' }
  /** For a deletion, `erasure` states that the subject's key was shredded; null for the other kinds. */
  | { kind: 'complete'; outcome: string; erasure: ErasureDone | null }
  | { kind: 'refuse'; reason: RefusalReason; explanation: string };

export type RequestFiled = {
  type: 'data_subject_request.filed';
  data: {
    subjectId: string;
    jurisdiction: string;
    requestKind: RequestKind;
    channel: RequestChannel;
    receivedAt: string;
    /** The limits as they were when the request was filed, with their legal basis. */
    acknowledgeBy: string;
    actBy: string;
    actLimit: string;
    legalBasis: string;
  };
};
export type RequestAcknowledged = { type: 'data_subject_request.acknowledged'; data: { acknowledgedAt: string } };
/** `authorisedBy` is absent on requests authorised before the four-eyes rule. */
export type ErasureAuthorised = {
  type: 'data_subject_request.erasure_authorised';
  data: { erasureAuthorisedAt: string; authorisedBy?: string };
};
export type ErasureExecuted = {
  type: 'data_subject_request.erasure_executed';
  data: { erasedSubjectId: string; erasedAt: string; alreadyErased: boolean; destroyedKeyIds?: string[] };
};
export type RequestCompleted = { type: 'data_subject_request.completed'; data: { completedAt: string; outcome: string } };
export type RequestRefused = {
  type: 'data_subject_request.refused';
  data: { refusedAt: string; refusalReason: RefusalReason; explanation: string };
};

export type DataSubjectRequestEvent =
  RequestFiled | RequestAcknowledged | ErasureAuthorised | ErasureExecuted | RequestCompleted | RequestRefused;
export type DataSubjectRequestEventType = DataSubjectRequestEvent['type'];

export type RequestStatus = 'received' | 'acknowledged' | 'completed' | 'refused';

export interface DataSubjectRequestState {
  status: RequestStatus | null;
  subjectId: string | null;
  jurisdiction: string;
  requestKind: RequestKind | null;
  channel: RequestChannel | null;
  receivedAt: string | null;
  acknowledgeBy: string | null;
  actBy: string | null;
  actLimit: string | null;
  legalBasis: string | null;
  acknowledgedAt: string | null;
  erasureAuthorisedAt: string | null;
  /** The data-protection officer who authorised the erasure; another one carries it out. */
  erasureAuthorisedBy: string | null;
  erasure: ErasureDone | null;
  completedAt: string | null;
  outcome: string | null;
  refusedAt: string | null;
  refusalReason: RefusalReason | null;
  explanation: string | null;
}

export const INITIAL_DATA_SUBJECT_REQUEST: DataSubjectRequestState = {
  status: null,
  subjectId: null,
  jurisdiction: '',
  requestKind: null,
  channel: null,
  receivedAt: null,
  acknowledgeBy: null,
  actBy: null,
  actLimit: null,
  legalBasis: null,
  acknowledgedAt: null,
  erasureAuthorisedAt: null,
  erasureAuthorisedBy: null,
  erasure: null,
  completedAt: null,
  outcome: null,
  refusedAt: null,
  refusalReason: null,
  explanation: null,
};
