/**
 * Businesses easily misused for prostitution (karaoke, massage, hotels, guesthouses, bars,
 * dim-light cafés) kept in a commune's registry: registered, classified by risk, bound by the
 * owner's commitment to the commune People's Committee, linked to the inspections and penalty
 * cases about them, and closed.
 */
export const ESTABLISHMENT_TYPES = ['karaoke', 'massage', 'hotel', 'guesthouse', 'bar', 'cafe_dim_light', 'other'] as const;
export type EstablishmentType = (typeof ESTABLISHMENT_TYPES)[number];

export const RISK_CLASSES = ['low', 'medium', 'high'] as const;
export type RiskClass = (typeof RISK_CLASSES)[number];

export type EstablishmentCommand =
  | {
      kind: 'register';
      /** The commune (post-2025 code) where the establishment operates: the case's jurisdiction. */
      commune: string;
      establishmentType: EstablishmentType;
      businessName: string;
      address: string;
      businessLicenceNumber: string | null;
      securityPermitNumber: string | null;
      /** The owner's or manager's pseudonymous subject id; a new one is made when absent. */
      ownerSubjectId: string | null;
      ownerName: string;
      ownerContact: string;
    }
  | { kind: 'classify_risk'; riskClass: RiskClass; reason: string }
  | { kind: 'sign_commitment'; signedOn: string; commune: string }
  | { kind: 'link_inspection'; inspectionId: string }
  | { kind: 'link_penalty_case'; penaltyCaseId: string }
  | { kind: 'close'; closedOn: string; reason: string };

export type EstablishmentRegistered = {
  type: 'establishment.registered';
  data: {
    commune: string;
    establishmentType: EstablishmentType;
    businessName: string;
    address: string;
    businessLicenceNumber: string | null;
    securityPermitNumber: string | null;
    ownerSubjectId: string;
    /** Personal: encrypted with the owner's key; a redaction or erasure marker once read back. */
    ownerName: unknown;
    ownerContact: unknown;
  };
};
export type EstablishmentRiskClassified = { type: 'establishment.risk_classified'; data: { riskClass: RiskClass; riskReason: string } };
export type EstablishmentCommitmentSigned = {
  type: 'establishment.commitment_signed';
  data: { commitmentSignedOn: string; commitmentCommune: string };
};
export type EstablishmentInspectionLinked = { type: 'establishment.inspection_linked'; data: { inspectionId: string } };
export type EstablishmentPenaltyLinked = { type: 'establishment.penalty_linked'; data: { penaltyCaseId: string } };
export type EstablishmentClosed = { type: 'establishment.closed'; data: { closedOn: string; closureReason: string } };

export type EstablishmentEvent =
  | EstablishmentRegistered
  | EstablishmentRiskClassified
  | EstablishmentCommitmentSigned
  | EstablishmentInspectionLinked
  | EstablishmentPenaltyLinked
  | EstablishmentClosed;

export type EstablishmentStatus = 'unregistered' | 'registered' | 'closed';

export interface EstablishmentState {
  status: EstablishmentStatus;
  commune: string;
  establishmentType: EstablishmentType | null;
  businessName: string | null;
  address: string | null;
  businessLicenceNumber: string | null;
  securityPermitNumber: string | null;
  ownerSubjectId: string | null;
  ownerName: unknown;
  ownerContact: unknown;
  risk: { riskClass: RiskClass; reason: string } | null;
  /** How many times the risk class was set (re-classification is allowed). */
  riskClassifications: number;
  commitments: Array<{ signedOn: string; commune: string }>;
  inspectionIds: string[];
  penaltyCaseIds: string[];
  closure: { closedOn: string; reason: string } | null;
}

export const INITIAL_ESTABLISHMENT: EstablishmentState = {
  status: 'unregistered',
  commune: '',
  establishmentType: null,
  businessName: null,
  address: null,
  businessLicenceNumber: null,
  securityPermitNumber: null,
  ownerSubjectId: null,
  ownerName: null,
  ownerContact: null,
  risk: null,
  riskClassifications: 0,
  commitments: [],
  inspectionIds: [],
  penaltyCaseIds: [],
  closure: null,
};
