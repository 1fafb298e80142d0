import { assertNever, type Decider } from '../../../case-kernel/src/domain/decider.js';
import type { WorkingCalendar } from '../../../case-kernel/src/domain/working-calendar.js';
import { deliverDecision, orderEnforcement, recordComplaint, recordPayment } from './penalty-decide-after.js';
import { closeWithoutDecision, decidePenalty, extendDecisionDeadline, requireVerification } from './penalty-decide-decision.js';
import { extendExplanation, recordExplanation, recordViolation, requestExplanation, type Deps } from './penalty-decide-record.js';
import { evolvePenalty } from './penalty-evolve.js';
import type { PenaltyReference } from './penalty-reference.js';
import { INITIAL_PENALTY_STATE, type PenaltyCommand, type PenaltyEvent, type PenaltyState } from './penalty-types.js';
import { PENALTY_REFERENCE } from './reference/procedure-rules.js';

export type PenaltyDecider = Decider<PenaltyCommand, PenaltyEvent, PenaltyState>;

/** The penalty case decider, with the working calendar and the reference tables passed in. */
export function createPenaltyDecider(calendar: WorkingCalendar, reference: PenaltyReference = PENALTY_REFERENCE): PenaltyDecider {
  const deps: Deps = { calendar, reference };
  return {
    initialState: INITIAL_PENALTY_STATE,
    evolve: evolvePenalty,
    decide(command, state, context) {
      switch (command.kind) {
        case 'record_violation':
          return recordViolation(command, state, context, deps);
        case 'request_explanation':
          return requestExplanation(command, state, context, deps);
        case 'extend_explanation':
          return extendExplanation(command, state, context, deps);
        case 'record_explanation':
          return recordExplanation(command, state, context, deps);
        case 'require_verification':
          return requireVerification(command, state, context, deps);
        case 'extend_decision_deadline':
          return extendDecisionDeadline(command, state, context, deps);
        case 'decide':
          return decidePenalty(command, state, context, deps);
        case 'deliver':
          return deliverDecision(command, state, context, deps);
        case 'record_payment':
          return recordPayment(command, state, context, deps);
        case 'order_enforcement':
          return orderEnforcement(command, state, context, deps);
        case 'record_complaint':
          return recordComplaint(command, state, context, deps);
        case 'close':
          return closeWithoutDecision(command, state, context, deps);
        default:
          return assertNever(command);
      }
    },
  };
}
