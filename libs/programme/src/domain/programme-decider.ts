import type { Decider } from '../../../case-kernel/src/domain/decider.js';
import { decideProgramme } from './programme-decide.js';
import {
  INITIAL_PROGRAMME,
  type ActivityKind,
  type ProgrammeCommand,
  type ProgrammeEvent,
  type ProgrammeState,
} from './programme-types.js';

/** Folds one event; never throws, whatever a field holds (redaction markers included). */
export function evolveProgramme(state: ProgrammeState, event: ProgrammeEvent): ProgrammeState {
  switch (event.type) {
    case 'programme.plan_adopted':
      return {
        ...recorded(state, 'plan', event.data.jurisdiction, event.data.adoptedOn ?? event.data.period?.from ?? null, event.data),
        plan: { status: 'in_force', revisions: 0, withdrawnOn: null },
      };
    case 'programme.plan_revised': {
      const details = { ...state.details };
      if (event.data.targets !== null) details.targets = event.data.targets;
      if (event.data.reporting !== null) details.reporting = event.data.reporting;
      return {
        ...state,
        details,
        plan: {
          status: state.plan?.status ?? 'in_force',
          revisions: (state.plan?.revisions ?? 0) + 1,
          withdrawnOn: state.plan?.withdrawnOn ?? null,
        },
      };
    }
    case 'programme.plan_withdrawn':
      return { ...state, plan: { status: 'withdrawn', revisions: state.plan?.revisions ?? 0, withdrawnOn: event.data.withdrawnOn } };
    case 'programme.communication_recorded':
      return recorded(state, 'communication', event.data.jurisdiction, event.data.heldOn, event.data);
    case 'programme.training_recorded':
      return recorded(state, 'training', event.data.jurisdiction, event.data.heldOn, event.data);
    case 'programme.integration_recorded':
      return recorded(state, 'integration', event.data.jurisdiction, event.data.recordedOn, event.data);
    case 'programme.pilot_model_started':
      return recorded(state, 'pilot_model', event.data.jurisdiction, event.data.startedOn, event.data);
    case 'programme.pilot_model_ended':
      return { ...state, pilotEndedOn: event.data.endedOn };
    case 'programme.website_post_recorded':
      return recorded(state, 'website_post', event.data.jurisdiction, event.data.publishedOn, event.data);
    case 'programme.reference_figures_recorded':
      return recorded(state, 'reference_figures', event.data.jurisdiction, event.data.asOf, event.data);
    case 'programme.activity_retracted':
      return { ...state, retracted: { on: event.data.retractedOn, reason: event.data.reason } };
    default:
      return ignoreUnknownEvent(event, state);
  }
}

function recorded(state: ProgrammeState, activity: ActivityKind, jurisdiction: string, on: string | null, data: object): ProgrammeState {
  return { ...state, activity, jurisdiction, on: typeof on === 'string' ? on : null, details: { ...data } };
}

function ignoreUnknownEvent(_event: never, state: ProgrammeState): ProgrammeState {
  return state;
}

export const programmeDecider: Decider<ProgrammeCommand, ProgrammeEvent, ProgrammeState> = {
  initialState: INITIAL_PROGRAMME,
  evolve: evolveProgramme,
  decide: decideProgramme,
};
