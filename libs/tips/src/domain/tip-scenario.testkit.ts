/** Given/when/then helpers for the tip decider's tests (pure; no I/O). */
import { DomainError, fold, type DecisionContext } from '../../../case-kernel/src/domain/decider.js';
import { VN_PUBLIC_HOLIDAYS } from '../../../case-kernel/src/domain/vn-public-holidays.js';
import { WorkingCalendar } from '../../../case-kernel/src/domain/working-calendar.js';
import { createTipDecider } from './tip-decider.js';
import type { TipCommand, TipEvent, TipState } from './tip-types.js';

export const calendar = new WorkingCalendar(VN_PUBLIC_HOLIDAYS);
export const decider = createTipDecider(calendar);

/** Monday 2 March 2026, 09:00 in Vietnam. */
export const RECEIVED_AT = '2026-03-02T02:00:00.000Z';

export function context(now: string | Date, actorId = 'officer-1'): DecisionContext {
  let n = 0;
  return { now: new Date(now), actorId, roles: ['police_supervisor'], newId: () => `id-${++n}` };
}

export function receiveTip(overrides: Partial<Extract<TipCommand, { type: 'ReceiveTip' }>> = {}): TipCommand {
  return {
    type: 'ReceiveTip',
    tipId: 'tip-1',
    jurisdiction: '10015',
    channel: 'hotline',
    kind: 'denunciation',
    receivedAt: RECEIVED_AT,
    allegation: 'Dấu hiệu môi giới mại dâm tại một quán karaoke',
    anonymous: false,
    reporter: { name: 'Nguyễn Văn A', contact: '0900 000 000' },
    ...overrides,
  };
}

export type Step = [command: TipCommand, at: string];

/** The events a run of commands produces, each decided on the state the previous ones left. */
export function history(...steps: Step[]): TipEvent[] {
  const events: TipEvent[] = [];
  for (const [command, at] of steps) events.push(...decider.decide(command, fold(decider, events), context(at)));
  return events;
}

export function stateOf(events: TipEvent[]): TipState {
  return fold(decider, events);
}

export function when(events: TipEvent[], command: TipCommand, at: string): TipEvent[] {
  return decider.decide(command, stateOf(events), context(at));
}

/** The refusal a command meets, or a failure if it is accepted. */
export function refusal(events: TipEvent[], command: TipCommand, at: string): DomainError {
  try {
    const accepted = when(events, command, at);
    throw new Error(`expected a refusal, got ${accepted.map((e) => e.type).join(', ')}`);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
}

// Common histories: received on Monday 2 March 2026, then step by step.
export const RECEIVED: Step = [receiveTip(), RECEIVED_AT];
export const CLASSIFIED: Step = [{ type: 'ClassifyTip', category: 'brokering' }, '2026-03-02T05:00:00.000Z'];
export const ASSIGNED: Step = [{ type: 'AssignTip', assigneeId: 'officer-7' }, '2026-03-02T06:00:00.000Z'];
export const VERIFYING: Step = [{ type: 'StartVerification' }, '2026-03-03T02:00:00.000Z'];
export const EXTENDED: Step = [
  { type: 'ExtendVerification', until: '2026-04-30', reason: 'multiple_locations' },
  '2026-03-20T02:00:00.000Z',
];
/** On 30 April 2026, the last day of the extended limit. */
export const SUSPENDED: Step = [{ type: 'SuspendTip', ground: 'expert_examination_pending' }, '2026-04-30T03:00:00.000Z'];
export const RESUMED: Step = [{ type: 'ResumeTip' }, '2026-05-11T03:00:00.000Z'];

export const underVerification = () => history(RECEIVED, CLASSIFIED, ASSIGNED, VERIFYING);
