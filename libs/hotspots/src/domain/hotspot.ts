/**
 * Complex spots ("điểm phức tạp", "tụ điểm") of prostitution: identified → under treatment
 * (with a plan) → eradicated ("triệt xóa") → re-activated ("tái hoạt động") → under treatment
 * again … The plans count spots eradicated and spots re-activated (plan 003: eradicate 100%,
 * none re-activated; plan 004: no spot formed or re-formed), so every period is kept.
 */
export const HOTSPOT_KINDS = ['street', 'venue', 'online', 'other'] as const;
export type HotspotKind = (typeof HOTSPOT_KINDS)[number];

export type HotspotCommand =
  | { kind: 'identify'; jurisdiction: string; hotspotKind: HotspotKind; locationDescription: string; identifiedOn: string }
  | { kind: 'start_treatment'; plan: string; startedOn: string }
  | { kind: 'eradicate'; eradicatedOn: string }
  | { kind: 'reactivate'; reactivatedOn: string; reason: string };

export type HotspotIdentified = {
  type: 'hotspot.identified';
  data: { jurisdiction: string; hotspotKind: HotspotKind; locationDescription: string; identifiedOn: string };
};
export type HotspotTreatmentStarted = { type: 'hotspot.treatment_started'; data: { treatmentPlan: string; treatmentStartedOn: string } };
export type HotspotEradicated = { type: 'hotspot.eradicated'; data: { eradicatedOn: string } };
export type HotspotReactivated = { type: 'hotspot.reactivated'; data: { reactivatedOn: string; reactivationReason: string } };

export type HotspotEvent = HotspotIdentified | HotspotTreatmentStarted | HotspotEradicated | HotspotReactivated;

export type HotspotStatus = 'identified' | 'under_treatment' | 'eradicated' | 'reactivated';

/** One stretch of time in one status; the current period has no end. */
export interface StatusPeriod {
  status: HotspotStatus;
  from: string;
  to: string | null;
}

export interface HotspotState {
  /** null until the hotspot is identified. */
  status: HotspotStatus | null;
  jurisdiction: string;
  hotspotKind: HotspotKind | null;
  locationDescription: string | null;
  /** The plan of the current (or last) treatment. */
  treatmentPlan: string | null;
  lastReactivationReason: string | null;
  periods: StatusPeriod[];
  timesEradicated: number;
  timesReactivated: number;
}

export const INITIAL_HOTSPOT: HotspotState = {
  status: null,
  jurisdiction: '',
  hotspotKind: null,
  locationDescription: null,
  treatmentPlan: null,
  lastReactivationReason: null,
  periods: [],
  timesEradicated: 0,
  timesReactivated: 0,
};
