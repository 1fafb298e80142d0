import type { Decider } from '../../../case-kernel/src/domain/decider.js';
import type { WorkingCalendar } from '../../../case-kernel/src/domain/working-calendar.js';
import { decideTip } from './tip-decide.js';
import { evolveTip } from './tip-evolve.js';
import { INITIAL_TIP_STATE, type TipCommand, type TipEvent, type TipState } from './tip-types.js';

export type TipDecider = Decider<TipCommand, TipEvent, TipState>;

/** The tip decider over a working calendar (holidays are configuration, so it is passed in). */
export function createTipDecider(calendar: WorkingCalendar): TipDecider {
  return {
    initialState: INITIAL_TIP_STATE,
    evolve: evolveTip,
    decide: (command, state, context) => decideTip(command, state, context, calendar),
  };
}
