/**
 * The directory of service providers a social worker refers people to ("chuyển gửi"): health
 * stations (Trạm Y tế), social-assistance centres, vocational schools, the Social Policy Bank
 * (preferential loans), legal-aid centres and NGOs — organisations only, no personal data beyond an
 * organisation contact.
 */
export const PROVIDER_TYPES = [
  'health_station',
  'social_assistance_centre',
  'vocational_school',
  'social_policy_bank',
  'legal_aid_centre',
  'ngo',
] as const;
export type ProviderType = (typeof PROVIDER_TYPES)[number];

/** Needs screened and services referred to (issue 5): the same codes on both sides. */
export const SERVICE_CODES = [
  'health_sexual_health_hiv_sti',
  'methadone',
  'psychological_counselling',
  'legal_aid',
  'vocational_training',
  'job_placement',
  'preferential_loan',
  'social_assistance',
  'safety_gbv',
] as const;
export type ServiceCode = (typeof SERVICE_CODES)[number];

export const PROVIDER_LIMITS = { name: 200, contact: 300, reason: 500 } as const;

export type ProviderCommand =
  | { kind: 'register'; name: string; providerType: ProviderType; services: ServiceCode[]; jurisdiction: string; contact: string }
  | { kind: 'change_services'; services: ServiceCode[] }
  | { kind: 'change_details'; name: string; contact: string }
  | { kind: 'deactivate'; reason: string }
  | { kind: 'reactivate' };

export type ProviderRegistered = {
  type: 'provider.registered';
  data: { name: string; providerType: ProviderType; services: ServiceCode[]; jurisdiction: string; contact: string; registeredAt: string };
};
export type ProviderServicesChanged = { type: 'provider.services_changed'; data: { services: ServiceCode[]; changedAt: string } };
export type ProviderDetailsChanged = { type: 'provider.details_changed'; data: { name: string; contact: string; changedAt: string } };
export type ProviderDeactivated = { type: 'provider.deactivated'; data: { deactivationReason: string; deactivatedAt: string } };
export type ProviderReactivated = { type: 'provider.reactivated'; data: { reactivatedAt: string } };

export type ProviderEvent =
  ProviderRegistered | ProviderServicesChanged | ProviderDetailsChanged | ProviderDeactivated | ProviderReactivated;
export type ProviderEventType = ProviderEvent['type'];

export interface ProviderState {
  registered: boolean;
  active: boolean;
  name: string;
  providerType: ProviderType | null;
  services: ServiceCode[];
  /** The province or commune the provider serves. */
  jurisdiction: string;
  contact: string | null;
  registeredAt: string | null;
  deactivationReason: string | null;
  updatedAt: string | null;
}

export const INITIAL_PROVIDER: ProviderState = {
  registered: false,
  active: false,
  name: '',
  providerType: null,
  services: [],
  jurisdiction: '',
  contact: null,
  registeredAt: null,
  deactivationReason: null,
  updatedAt: null,
};
