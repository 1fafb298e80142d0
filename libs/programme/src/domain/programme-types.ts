import type { Audience, ReferenceFigure, StaffLevel } from '../../../statistics/src/domain/facts.js';
import type { ReportingCalendar } from '../../../statistics/src/domain/periods.js';
import type { ReportedStatistic, Target } from '../../../statistics/src/domain/targets.js';

/**
 * Programme activities the plans count and no other context records: plans adopted (with their
 * targets and reporting calendar), communication, trainings, integration into socio-economic
 * programmes, pilot models, website posts, and the reference figures the shares are taken of.
 * Each activity is one stream. None of them carries a person's identity.
 */
export const ISSUER_LEVELS = ['province', 'district', 'commune'] as const;
export type IssuerLevel = (typeof ISSUER_LEVELS)[number];

export const COMMUNICATION_FORMS = [
  'loudspeaker',
  'meeting',
  'leaflet_poster',
  'social_media',
  'press',
  'school_session',
  'establishment_session',
  'event',
  'other',
] as const;
export type CommunicationForm = (typeof COMMUNICATION_FORMS)[number];

export const INTEGRATED_PROGRAMMES = [
  'socio_economic',
  'social_security',
  'poverty_reduction',
  'vocational_training',
  'drug_prevention',
  'hiv_prevention',
  'gender_equality',
] as const;
export type IntegratedProgramme = (typeof INTEGRATED_PROGRAMMES)[number];

export const PILOT_MODEL_KINDS = ['prevention', 'harm_reduction', 'gbv_prevention', 'worker_rights', 'community_reintegration'] as const;
export type PilotModelKind = (typeof PILOT_MODEL_KINDS)[number];

/** The units a plan covers: current codes, or pre-2025 codes for a plan made before the reform (e.g. a former district's old communes). */
export interface PlanArea {
  era: 'current' | 'pre_2025';
  units: string[];
  label: string;
}

/** A target of the plan that no indicator computes, kept with the plan's words and why. */
export interface UntrackedTarget {
  quote: string;
  reason: string;
}

export type PlanData = {
  jurisdiction: string;
  issuer: { name: string; level: IssuerLevel };
  title: string;
  /** The document's number (e.g. "342/KH-UBND"), when known. */
  documentRef: string | null;
  /** Null when the copy on file carries no date. */
  adoptedOn: string | null;
  period: { from: string; to: string };
  area: PlanArea;
  reporting: ReportingCalendar & { quote: string | null };
  targets: Target[];
  reportedStatistics: ReportedStatistic[];
  untracked: UntrackedTarget[];
  /** The file the plan was entered from (e.g. a seed file name). */
  sourceFile: string | null;
};

export type ParticipantsByLevel = Partial<Record<StaffLevel, number>>;
export type ReferenceFigures = Partial<Record<ReferenceFigure, number>>;

export type ProgrammeCommand =
  | ({ kind: 'adopt_plan' } & PlanData)
  | { kind: 'revise_plan'; revisedOn: string; reason: string; targets?: Target[]; reporting?: PlanData['reporting'] }
  | { kind: 'withdraw_plan'; withdrawnOn: string; reason: string }
  | {
      kind: 'record_communication';
      jurisdiction: string;
      heldOn: string;
      form: CommunicationForm;
      audience: Audience;
      reach: number;
      recurring: boolean;
      villages: string[];
    }
  | { kind: 'record_training'; jurisdiction: string; heldOn: string; topic: string; participants: ParticipantsByLevel }
  | { kind: 'record_integration'; jurisdiction: string; recordedOn: string; programmes: IntegratedProgramme[]; documentRef: string | null }
  | { kind: 'start_pilot_model'; jurisdiction: string; startedOn: string; modelKind: PilotModelKind; name: string }
  | { kind: 'end_pilot_model'; endedOn: string; reason: string }
  | { kind: 'record_website_post'; jurisdiction: string; publishedOn: string; title: string; url: string }
  | { kind: 'record_reference_figures'; jurisdiction: string; area: string[]; asOf: string; figures: ReferenceFigures }
  | { kind: 'retract'; retractedOn: string; reason: string };

export type ProgrammeEvent =
  | { type: 'programme.plan_adopted'; data: PlanData }
  | {
      type: 'programme.plan_revised';
      data: { revisedOn: string; reason: string; targets: Target[] | null; reporting: PlanData['reporting'] | null };
    }
  | { type: 'programme.plan_withdrawn'; data: { withdrawnOn: string; reason: string } }
  | {
      type: 'programme.communication_recorded';
      data: {
        jurisdiction: string;
        heldOn: string;
        form: CommunicationForm;
        audience: Audience;
        reach: number;
        recurring: boolean;
        villages: string[];
      };
    }
  | {
      type: 'programme.training_recorded';
      data: { jurisdiction: string; heldOn: string; topic: string; participants: ParticipantsByLevel };
    }
  | {
      type: 'programme.integration_recorded';
      data: { jurisdiction: string; recordedOn: string; programmes: IntegratedProgramme[]; documentRef: string | null };
    }
  | { type: 'programme.pilot_model_started'; data: { jurisdiction: string; startedOn: string; modelKind: PilotModelKind; name: string } }
  | { type: 'programme.pilot_model_ended'; data: { endedOn: string; reason: string } }
  | { type: 'programme.website_post_recorded'; data: { jurisdiction: string; publishedOn: string; title: string; url: string } }
  | {
      type: 'programme.reference_figures_recorded';
      data: { jurisdiction: string; area: string[]; asOf: string; figures: ReferenceFigures };
    }
  | { type: 'programme.activity_retracted'; data: { retractedOn: string; reason: string } };

export type ActivityKind = 'plan' | 'communication' | 'training' | 'integration' | 'pilot_model' | 'website_post' | 'reference_figures';

export interface ProgrammeState {
  /** null until the activity is recorded. */
  activity: ActivityKind | null;
  jurisdiction: string;
  /** The day the activity happened or began (adoption, session, start, publication, as-of). */
  on: string | null;
  /** The recorded content, as its event carried it (later revisions applied). */
  details: Record<string, unknown>;
  plan: { status: 'in_force' | 'withdrawn'; revisions: number; withdrawnOn: string | null } | null;
  pilotEndedOn: string | null;
  /** A record made in error: statistics leave it out. */
  retracted: { on: string; reason: string } | null;
}

export const INITIAL_PROGRAMME: ProgrammeState = {
  activity: null,
  jurisdiction: '',
  on: null,
  details: {},
  plan: null,
  pilotEndedOn: null,
  retracted: null,
};
