export type FieldLabel = 'public' | 'internal' | 'personal' | 'sensitive';

export const RESOURCE_KINDS = [
  'tip',
  'establishment',
  'inspection',
  'hotspot',
  'penalty_case',
  'support_case',
  'outreach_referral',
  'provider',
  'data_subject_request',
  'statistics',
  'programme_activity',
  'access_log',
  'consent',
  'erasure_request',
  'break_glass_review',
  'event_log',
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export type Compartment = 'enforcement' | 'support' | 'aggregate' | 'oversight';

export const COMPARTMENT_OF: Record<ResourceKind, Compartment> = {
  tip: 'enforcement',
  establishment: 'enforcement',
  inspection: 'enforcement',
  hotspot: 'enforcement',
  penalty_case: 'enforcement',
  support_case: 'support',
  consent: 'support',
  // Created by enforcement roles (write only), read in support: the one crossing between compartments.
  outreach_referral: 'support',
  provider: 'support',
  // Requests of service users about their data: their existence is as sensitive as a support case's.
  data_subject_request: 'support',
  statistics: 'aggregate',
  // Plans, targets and programme activities (issue 6): public administrative facts, no personal data.
  programme_activity: 'aggregate',
  access_log: 'oversight',
  erasure_request: 'oversight',
  break_glass_review: 'oversight',
  // The hash-chained log itself: verification, stream heads, signed checkpoints (libs/audit).
  event_log: 'oversight',
};

export type Action = 'read' | 'list' | 'export' | 'write' | 'assign';

/** What a command or query declares about the record it touches. */
export interface ResourceDescriptor {
  kind: ResourceKind;
  id: string | null;
  /** Jurisdiction the record belongs to (a unit code). */
  jurisdiction: string;
  /** Users the record is assigned to (case officer, social worker). */
  assignees: readonly string[];
  /** Labels of the fields the response may contain. */
  fields: Readonly<Record<string, FieldLabel>>;
}
