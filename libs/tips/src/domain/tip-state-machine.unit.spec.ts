import fc from 'fast-check';
import { DomainError } from '../../../case-kernel/src/domain/decider.js';
import { vnDate } from '../../../case-kernel/src/domain/working-calendar.js';
import { TIP_FIELD_SCHEMAS } from '../tips-context.js';
import { agencyExtensionMaximum, currentVerificationDue, procuracyExtensionMaximum } from './tip-rules.js';
import { calendar, context, decider, RECEIVED_AT, receiveTip } from './tip-scenario.testkit.js';
import {
  ADMINISTRATIVE_ACTS,
  ESCALATING_CATEGORIES,
  EXTENSION_REASONS,
  PROSECUTION_RESOLUTIONS,
  SUSPENSION_GROUNDS,
  TIP_CATEGORIES,
  TIP_OUTCOMES,
  TRANSFER_REASONS,
  type TipCommand,
  type TipState,
  type TipStatus,
} from './tip-types.js';

/** The state machine: the only status changes a command may cause. */
const EDGES: Record<TipStatus, readonly TipStatus[]> = {
  none: ['received'],
  received: ['classified'],
  classified: ['assigned', 'transferred'],
  assigned: ['verifying', 'transferred'],
  verifying: ['extended', 'suspended', 'closed', 'transferred'],
  extended: ['extended', 'suspended', 'closed', 'transferred'],
  suspended: ['resumed'],
  resumed: ['suspended', 'closed', 'transferred'],
  transferred: [],
  closed: [],
};

const DAY = 86_400_000;
const dateAfterReceipt = (days: number) => vnDate(new Date(Date.parse(RECEIVED_AT) + days * DAY));
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
/** A day: fixed after receipt, or TODAY, the day of the run's clock when the command is given (tip-prosecution.unit.spec.ts explores these commands further). */
const TODAY = 'TODAY';
const day = fc.oneof(
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 130 }).map(dateAfterReceipt) },
  { weight: 3, arbitrary: fc.constant(TODAY) },
);
const onDay = (cmd: TipCommand, now: Date): TipCommand => {
  if (cmd.type === 'RecordProsecutionFile' && cmd.sentOn === TODAY) return { ...cmd, sentOn: vnDate(now) };
  if (cmd.type === 'RecordProsecutionOutcome' && cmd.resolvedOn === TODAY) return { ...cmd, resolvedOn: vnDate(now) };
  return cmd;
};

// Weighted towards the next step of the lifecycle, so that runs reach every status.
const command: fc.Arbitrary<TipCommand> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ type: fc.constant('ClassifyTip' as const), category: fc.constantFrom(...TIP_CATEGORIES) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('TransferTip' as const),
      receivingAgency: fc.constant('Công an tỉnh'),
      reason: fc.constantFrom(...TRANSFER_REASONS),
    }),
  },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('AssignTip' as const), assigneeId: fc.constantFrom('officer-1', 'officer-2') }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('NotifyProcuracy' as const), procuracy: fc.constant('VKSND') }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('NotifyReporter' as const), method: fc.constant('phone') }) },
  { weight: 3, arbitrary: fc.constant({ type: 'StartVerification' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('ExtendVerification' as const),
      until: fc.integer({ min: 10, max: 130 }).map(dateAfterReceipt),
      reason: fc.constantFrom(...EXTENSION_REASONS),
      procuracyDecisionRef: opt(fc.constant('01/QĐ-VKS')),
    }),
  },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('SuspendTip' as const), ground: fc.constantFrom(...SUSPENSION_GROUNDS) }) },
  { weight: 3, arbitrary: fc.constant({ type: 'ResumeTip' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('CloseTip' as const),
      outcome: fc.constantFrom(...TIP_OUTCOMES),
      suggestedAct: opt(fc.constantFrom(...ADMINISTRATIVE_ACTS)),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('HandOverToSanctioningOfficial' as const),
      sanctioningAuthority: fc.constant('Chủ tịch UBND xã'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('RecordProsecutionFile' as const), sentOn: day, procuracy: fc.constant('VKSND tỉnh') }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('RecordProsecutionOutcome' as const),
      resolvedOn: day,
      resolution: fc.constantFrom(...PROSECUTION_RESOLUTIONS),
      lawful: fc.boolean(),
    }),
  },
);

const wait = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: DAY / 4 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 5 * DAY }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 30 * DAY }) },
);
const steps = fc.array(fc.tuple(command, wait), { minLength: 5, maxLength: 40, size: 'max' });

describe('tip state machine (property)', () => {
  it('no sequence of commands leads to a state the state machine forbids', () => {
    const reached = new Set<TipStatus>();
    fc.assert(
      fc.property(fc.boolean(), steps, (anonymous, run) => {
        let now = Date.parse(RECEIVED_AT);
        let state: TipState = decider.initialState;
        const receipt = anonymous ? receiveTip({ anonymous: true, reporter: undefined }) : receiveTip();
        for (const [cmd, pause] of [[receipt, 0] as const, ...run]) {
          now += pause;
          let events;
          try {
            events = decider.decide(onDay(cmd, new Date(now)), state, context(new Date(now)));
          } catch (error) {
            if (error instanceof DomainError) continue; // refused: nothing changes
            throw error;
          }
          const before = state;
          for (const event of events) {
            // Every field of every event is labelled, so nothing is stored unclassified.
            expect(Object.keys(event.data).sort()).toEqual(Object.keys(TIP_FIELD_SCHEMAS.of(event.type)).sort());
            state = decider.evolve(state, event);
          }
          checkTransition(before, state, cmd, new Date(now));
          checkInvariants(state);
          reached.add(state.status);
        }
      }),
      { numRuns: 400 },
    );
    // The runs explored every status, so the property was tested where it matters.
    expect([...reached].sort()).toEqual(
      Object.keys(EDGES)
        .filter((s) => s !== 'none')
        .sort(),
    );
  });
});

function checkTransition(before: TipState, after: TipState, cmd: TipCommand, now: Date): void {
  if (before.status !== after.status) expect(EDGES[before.status]).toContain(after.status);
  if (cmd.type === 'SuspendTip') expect(vnDate(now) >= vnDate(currentVerificationDue(before, calendar))).toBe(true);
  if (cmd.type === 'ExtendVerification') expect(now.getTime()).toBeLessThanOrEqual(currentVerificationDue(before, calendar).getTime());
  if (before.status === 'closed' || before.status === 'transferred') expect(after.status).toBe(before.status);
}

function checkInvariants(state: TipState): void {
  const byProcuracy = state.extensions.filter((e) => e.byProcuracy);
  expect(byProcuracy.length).toBeLessThanOrEqual(1);
  if (byProcuracy.length === 1) expect(state.extensions[state.extensions.length - 1]!.byProcuracy).toBe(true);
  for (const [i, extension] of state.extensions.entries()) {
    const maximum = extension.byProcuracy ? procuracyExtensionMaximum(state, calendar) : agencyExtensionMaximum(state, calendar);
    expect(Date.parse(extension.dueAt)).toBeLessThanOrEqual(maximum.getTime());
    if (i > 0) expect(Date.parse(extension.dueAt)).toBeGreaterThan(Date.parse(state.extensions[i - 1]!.dueAt));
  }
  if (['assigned', 'verifying', 'extended', 'suspended', 'resumed'].includes(state.status)) expect(state.assigneeId).not.toBeNull();
  if (state.status !== 'received' && state.status !== 'none') expect(state.category).not.toBeNull();
  expect(state.escalated).toBe(state.escalationReason !== null && ESCALATING_CATEGORIES.includes(state.escalationReason));
  if (state.penaltyCaseRequest) expect(state.closure?.outcome).toBe('passed_to_administrative_handling');
  if (state.closure?.outcome === 'passed_to_administrative_handling') expect(state.penaltyCaseRequest).not.toBeNull();
  if (state.handedOverAt) expect(state.penaltyCaseRequest).not.toBeNull();
  if (state.prosecutionFile) {
    // A file only follows a criminal case, is sent no earlier than the case was opened, and is decided no earlier than it was sent.
    expect(state.closure?.outcome).toBe('criminal_case_opened');
    expect(state.prosecutionFile.sentOn >= vnDate(new Date(state.closure!.at))).toBe(true);
    if (state.prosecutionFile.resolvedOn !== null) expect(state.prosecutionFile.resolvedOn >= state.prosecutionFile.sentOn).toBe(true);
  }
  if (state.anonymous) expect(state.reporter === null && state.reporterNotifiedAt === null).toBe(true);
  if (state.extensions.length > 0 && state.suspensions.some((s) => s.resumedAt !== null)) {
    // No extension is ever recorded after a resumption (art. 149 limit is not extendable).
    const firstResumption = Math.min(...state.suspensions.filter((s) => s.resumedAt).map((s) => Date.parse(s.resumedAt!)));
    for (const e of state.extensions) expect(Date.parse(e.at)).toBeLessThan(firstResumption);
  }
}
