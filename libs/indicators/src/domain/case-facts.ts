import { evolveProgramme } from '../../../programme/src/domain/programme-decider.js';
import { programmeFacts } from '../../../programme/src/domain/programme-facts.js';
import { INITIAL_PROGRAMME, type ProgrammeEvent, type ProgrammeState } from '../../../programme/src/domain/programme-types.js';
import { currentUnit, type Fact, type HotspotStatus } from '../../../statistics/src/domain/facts.js';

/**
 * What the indicators need of each case, folded from its events: days, units, statuses and
 * pseudonymous person keys only. Never a name, a free text, a subject id or an encrypted field:
 * the folds below read only the non-personal fields (public, or internal ids and dates) of the
 * events, and turn subject ids into person keys at once.
 */

/** A statistics event: its type, data and the day the store recorded it (used when an event carries no date of its own). */
export interface FactEvent {
  type: string;
  data: Record<string, unknown>;
  recordedOn: string;
}

/** Turns a data subject id into a pseudonymous person key, per compartment (so support and enforcement keys never match). */
export type PersonKey = (compartment: 'support' | 'penalty', subjectId: string) => string;

export interface CaseFactSource<S> {
  /** The stream prefix (`<kind>-<id>`) and the kind used in fact keys. */
  kind: string;
  eventTypes: readonly string[];
  initial: S;
  evolve(state: S, event: FactEvent, personKey: PersonKey): S;
  facts(caseId: string, state: S): Fact[];
}

const day = (value: unknown): string | null => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null);
/** An instant (tips record instants) as its day in Vietnam. */
const vnDayOf = (value: unknown): string | null => {
  if (typeof value !== 'string') return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time + 7 * 3600_000).toISOString().slice(0, 10);
};
const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

// ---- tips ----
interface TipFacts {
  unit: string | null;
  receivedOn: string | null;
  handledOn: string | null;
  criminalCase: boolean;
  /** The file sent for prosecution (day) and, once the procuracy decided, whether lawfully. */
  prosecution: { sentOn: string; resolvedLawfully: boolean | null } | null;
}
const tipSource: CaseFactSource<TipFacts> = {
  kind: 'tip',
  eventTypes: ['tip.received', 'tip.closed', 'tip.prosecution_file_sent', 'tip.prosecution_file_resolved'],
  initial: { unit: null, receivedOn: null, handledOn: null, criminalCase: false, prosecution: null },
  evolve(state, { type, data }) {
    switch (type) {
      case 'tip.received':
        return { ...state, unit: text(data.jurisdiction), receivedOn: vnDayOf(data.receivedAt) };
      case 'tip.closed':
        return { ...state, handledOn: vnDayOf(data.at), criminalCase: data.outcome === 'criminal_case_opened' };
      case 'tip.prosecution_file_sent': {
        const sentOn = day(data.sentOn);
        return sentOn === null ? state : { ...state, prosecution: { sentOn, resolvedLawfully: null } };
      }
      case 'tip.prosecution_file_resolved':
        return state.prosecution && typeof data.lawful === 'boolean'
          ? { ...state, prosecution: { ...state.prosecution, resolvedLawfully: data.lawful } }
          : state;
      default:
        return state;
    }
  },
  facts(id, s) {
    if (s.unit === null || s.receivedOn === null) return [];
    const unit = currentUnit(s.unit);
    const facts: Fact[] = [
      // missedDeadline is decided when the facts are read, from the deadline view (it depends on the reading day).
      { fact: 'tip', key: id, unit, receivedOn: s.receivedOn, missedDeadline: false },
      { fact: 'detected_case', key: id, unit, detectedOn: s.receivedOn, handled: s.handledOn !== null },
    ];
    if (s.criminalCase && s.handledOn !== null) facts.push({ fact: 'crime_handled', key: id, unit, on: s.handledOn });
    // A state folded before prosecution files existed has no `prosecution` field.
    if (s.prosecution)
      facts.push({
        fact: 'prosecution_file',
        key: id,
        unit,
        transferredOn: s.prosecution.sentOn,
        resolvedLawfully: s.prosecution.resolvedLawfully,
      });
    return facts;
  },
};

// ---- establishments ----
/** Kinds of business easily misused (domain.md): every listed kind but "other". */
const AT_RISK_TYPES = new Set(['karaoke', 'massage', 'hotel', 'guesthouse', 'bar', 'cafe_dim_light']);
interface EstablishmentFacts {
  unit: string | null;
  atRisk: boolean;
  from: string | null;
  closedOn: string | null;
  /** Stretches classified high risk (signs of trouble). */
  signs: Array<{ from: string; to: string | null }>;
  reviews: string[];
}
const closeOpen = <T extends { to: string | null }>(list: T[], on: string): T[] => list.map((s) => (s.to === null ? { ...s, to: on } : s));
const establishmentSource: CaseFactSource<EstablishmentFacts> = {
  kind: 'establishment',
  eventTypes: ['establishment.registered', 'establishment.risk_classified', 'establishment.closed'],
  initial: { unit: null, atRisk: false, from: null, closedOn: null, signs: [], reviews: [] },
  evolve(state, { type, data, recordedOn }) {
    switch (type) {
      case 'establishment.registered':
        return { ...state, unit: text(data.commune), atRisk: AT_RISK_TYPES.has(String(data.establishmentType)), from: recordedOn };
      case 'establishment.risk_classified': {
        const high = data.riskClass === 'high';
        const open = state.signs.some((s) => s.to === null);
        const signs =
          high && !open
            ? [...state.signs, { from: recordedOn, to: null }]
            : !high && open
              ? closeOpen(state.signs, recordedOn)
              : state.signs;
        return { ...state, signs, reviews: state.reviews.includes(recordedOn) ? state.reviews : [...state.reviews, recordedOn] };
      }
      case 'establishment.closed': {
        const on = day(data.closedOn) ?? recordedOn;
        return { ...state, closedOn: on, signs: closeOpen(state.signs, on) };
      }
      default:
        return state;
    }
  },
  facts(id, s) {
    if (s.unit === null || s.from === null) return [];
    const unit = currentUnit(s.unit);
    const facts: Fact[] = s.signs.map((sign) => ({
      fact: 'establishment_with_signs' as const,
      key: id,
      unit,
      from: sign.from,
      to: sign.to,
    }));
    if (s.atRisk) facts.push({ fact: 'establishment_at_risk', key: id, unit, from: s.from, to: s.closedOn });
    for (const on of s.reviews) facts.push({ fact: 'establishment_reviewed', key: `${id}|${on}`, unit, establishment: id, on });
    return facts;
  },
};

// ---- inspections ----
interface InspectionFacts {
  unit: string | null;
  establishment: string | null;
  conductedOn: string | null;
}
const inspectionSource: CaseFactSource<InspectionFacts> = {
  kind: 'inspection',
  eventTypes: ['inspection.planned', 'inspection.conducted'],
  initial: { unit: null, establishment: null, conductedOn: null },
  evolve(state, { type, data }) {
    if (type === 'inspection.planned') return { ...state, unit: text(data.jurisdiction), establishment: text(data.establishmentId) };
    if (type === 'inspection.conducted') return { ...state, conductedOn: day(data.conductedOn) };
    return state;
  },
  facts(id, s) {
    if (s.unit === null || s.establishment === null || s.conductedOn === null) return [];
    return [{ fact: 'establishment_inspected', key: id, unit: currentUnit(s.unit), establishment: s.establishment, on: s.conductedOn }];
  },
};

// ---- hotspots ----
interface HotspotFacts {
  unit: string | null;
  periods: Array<{ status: HotspotStatus; from: string; to: string | null }>;
}
const HOTSPOT_STEPS: Record<string, { status: HotspotStatus; field: string }> = {
  'hotspot.identified': { status: 'identified', field: 'identifiedOn' },
  'hotspot.treatment_started': { status: 'under_treatment', field: 'treatmentStartedOn' },
  'hotspot.eradicated': { status: 'eradicated', field: 'eradicatedOn' },
  'hotspot.reactivated': { status: 'reactivated', field: 'reactivatedOn' },
};
const hotspotSource: CaseFactSource<HotspotFacts> = {
  kind: 'hotspot',
  eventTypes: Object.keys(HOTSPOT_STEPS),
  initial: { unit: null, periods: [] },
  evolve(state, { type, data, recordedOn }) {
    const step = HOTSPOT_STEPS[type];
    if (!step) return state;
    const on = day(data[step.field]) ?? recordedOn;
    const unit = type === 'hotspot.identified' ? text(data.jurisdiction) : state.unit;
    return { unit, periods: [...closeOpen(state.periods, on), { status: step.status, from: on, to: null }] };
  },
  facts(id, s) {
    if (s.unit === null) return [];
    const unit = currentUnit(s.unit);
    return s.periods.map((p) => ({
      fact: 'hotspot_status' as const,
      key: `${id}|${p.from}|${p.status}`,
      unit,
      hotspot: id,
      status: p.status,
      from: p.from,
      to: p.to,
    }));
  },
};

// ---- penalty cases ----
interface PenaltyFacts {
  unit: string | null;
  /** Pseudonymous keys of the people recorded (never their subject ids). */
  people: string[];
  decidedOn: string | null;
}
const penaltySource: CaseFactSource<PenaltyFacts> = {
  kind: 'penalty_case',
  eventTypes: ['penalty.violation_recorded', 'penalty.person_recorded', 'penalty.decided'],
  initial: { unit: null, people: [], decidedOn: null },
  evolve(state, { type, data }, personKey) {
    if (type === 'penalty.violation_recorded') return { ...state, unit: text(data.jurisdiction) };
    if (type === 'penalty.person_recorded' && text(data.subjectId)) {
      const key = personKey('penalty', String(data.subjectId));
      return state.people.includes(key) ? state : { ...state, people: [...state.people, key] };
    }
    if (type === 'penalty.decided') return { ...state, decidedOn: day(data.decidedOn) };
    return state;
  },
  facts(_id, s) {
    if (s.unit === null || s.decidedOn === null) return [];
    const unit = currentUnit(s.unit);
    return s.people.map((key) => ({ fact: 'person_penalised' as const, key, unit, on: s.decidedOn! }));
  },
};

// ---- support cases ----
interface SupportFacts {
  unit: string | null;
  person: string | null;
  screenedOn: string | null;
  closedOn: string | null;
  served: string[];
}
const supportSource: CaseFactSource<SupportFacts> = {
  kind: 'support_case',
  eventTypes: [
    'support_case.opened',
    'support_case.needs_screened',
    'support_case.service_delivered',
    'support_case.closed',
    'support_case.reopened',
  ],
  initial: { unit: null, person: null, screenedOn: null, closedOn: null, served: [] },
  evolve(state, { type, data }, personKey) {
    switch (type) {
      case 'support_case.opened':
        // The service user's subject is `su-<client code>` (libs/support serviceUserSubject): only its keyed hash is kept.
        return {
          ...state,
          unit: text(data.jurisdiction),
          person: text(data.clientCode) ? personKey('support', `su-${String(data.clientCode)}`) : null,
        };
      case 'support_case.needs_screened':
        return { ...state, screenedOn: state.screenedOn ?? day(data.screenedOn) };
      case 'support_case.service_delivered': {
        const on = day(data.deliveredOn);
        return on === null || state.served.includes(on) ? state : { ...state, served: [...state.served, on] };
      }
      case 'support_case.closed':
        return { ...state, closedOn: day(data.closedOn) };
      case 'support_case.reopened':
        return { ...state, closedOn: null };
      default:
        return state;
    }
  },
  facts(_id, s) {
    if (s.unit === null || s.person === null) return [];
    const unit = currentUnit(s.unit);
    const facts: Fact[] = s.served.map((on) => ({ fact: 'support_access' as const, key: s.person!, unit, on }));
    if (s.screenedOn !== null)
      facts.push({ fact: 'support_need', key: s.person, unit, from: s.screenedOn, to: s.closedOn, eligible: true });
    return facts;
  },
};

// ---- programme activities (plans, communication, trainings …) ----
const PROGRAMME_TYPES = [
  'programme.plan_adopted',
  'programme.plan_revised',
  'programme.plan_withdrawn',
  'programme.communication_recorded',
  'programme.training_recorded',
  'programme.integration_recorded',
  'programme.pilot_model_started',
  'programme.pilot_model_ended',
  'programme.website_post_recorded',
  'programme.reference_figures_recorded',
  'programme.activity_retracted',
];
const programmeSource: CaseFactSource<ProgrammeState> = {
  kind: 'programme_activity',
  eventTypes: PROGRAMME_TYPES,
  initial: INITIAL_PROGRAMME,
  evolve: (state, { type, data }) => evolveProgramme(state, { type, data } as ProgrammeEvent),
  facts: (id, state) => programmeFacts(id, state),
};

export const FACT_SOURCES: ReadonlyArray<CaseFactSource<unknown>> = [
  tipSource,
  establishmentSource,
  inspectionSource,
  hotspotSource,
  penaltySource,
  supportSource,
  programmeSource,
] as ReadonlyArray<CaseFactSource<unknown>>;

/** The adopted plan an activity stands for (its targets are read by the indicator query), or null. */
export function planOf(state: unknown): Record<string, unknown> | null {
  const s = state as ProgrammeState;
  return s.activity === 'plan' && s.retracted === null ? { ...s.details, status: s.plan?.status ?? 'in_force' } : null;
}
