import { NO_SCOPE } from '../../case-kernel/src/application/case-commands.js';
import { VN_PUBLIC_HOLIDAYS } from '../../case-kernel/src/domain/vn-public-holidays.js';
import { WorkingCalendar } from '../../case-kernel/src/domain/working-calendar.js';
import { contextOn, given, recorded } from './domain/penalty-scenario.testkit.js';
import type { PenaltyCommand, PenaltyEvent } from './domain/penalty-types.js';
import { PENALTY_FIELD_SCHEMAS, penaltiesContext, penaltyCaseSubject } from './penalties-context.js';

const context = penaltiesContext(new WorkingCalendar(VN_PUBLIC_HOLIDAYS));

/** Runs commands on given days through the real decider and returns every event, one of each type. */
function lifecycle(): PenaltyEvent[] {
  const events: PenaltyEvent[] = [...recorded({ act: '35.1' })];
  const run = (command: PenaltyCommand, on: string) => events.push(...given(...events).when(command, on));
  run({ kind: 'request_explanation', subjectId: 'subj-a' }, '2026-03-04');
  run({ kind: 'extend_explanation', reason: 'asked for more time' }, '2026-03-05');
  run({ kind: 'record_explanation', subjectId: 'subj-a', receivedOn: '2026-03-06', explanation: 'text' }, '2026-03-06');
  run({ kind: 'require_verification', reason: 'identity' }, '2026-03-06');
  run({ kind: 'extend_decision_deadline', reason: 'complex' }, '2026-03-09');
  run(
    {
      kind: 'decide',
      decisionNumber: '3/QĐ',
      sanctions: [{ subjectId: 'subj-a', sanction: 'fine', amount: 20_000_000 }],
      additionalMeasures: [],
    },
    '2026-03-10',
  );
  run({ kind: 'deliver', deliveredOn: '2026-03-11' }, '2026-03-11');
  run({ kind: 'record_complaint', subjectId: 'subj-a', receivedOn: '2026-03-20' }, '2026-03-20');
  run({ kind: 'order_enforcement', subjectId: 'subj-a', measure: 'salary_deduction' }, '2026-03-24');
  run({ kind: 'record_payment', subjectId: 'subj-a', paidOn: '2026-03-25', amountPaid: 20_020_000 }, '2026-03-25');
  events.push(...context.decider.decide({ kind: 'close', reason: 'no_violation' }, given(...recorded()).state, contextOn('2026-03-05')));
  return events;
}

describe('penalties context', () => {
  const events = lifecycle();

  it('labels every field of every event type the decider emits, no more and no less', () => {
    expect(new Set(events.map((e) => e.type)).size).toBe(13);
    for (const event of events) expect(Object.keys(PENALTY_FIELD_SCHEMAS.of(event.type)).sort()).toEqual(Object.keys(event.data).sort());
  });

  it('keeps identities and free text personal, each person under their own key, and the rest under the case key', () => {
    expect(PENALTY_FIELD_SCHEMAS.of('penalty.person_recorded')).toMatchObject({
      fullName: 'personal',
      idNumber: 'personal',
      address: 'personal',
      subjectId: 'internal',
    });
    expect(PENALTY_FIELD_SCHEMAS.of('penalty.explanation_received').explanation).toBe('personal');
    expect(PENALTY_FIELD_SCHEMAS.of('penalty.violation_recorded').summary).toBe('personal');
    const state = given(...events.slice(0, 2)).state;
    expect(context.subjectOf(state, events[1]!, 'case-1')).toBe('subj-a');
    expect(
      context.subjectOf(
        state,
        events.find((e) => e.type === 'penalty.explanation_received')!,
        'case-1',
      ),
    ).toBe('subj-a');
    expect(context.subjectOf(state, events[0]!, 'case-1')).toBe(penaltyCaseSubject('case-1'));
  });

  it('creates with the record, takes the jurisdiction from it, and makes the recording officer the assignee', () => {
    const record = { kind: 'record_violation', jurisdiction: '27559' } as PenaltyCommand;
    expect(context.creates(record)).toBe(true);
    expect(context.newCaseScope(record)).toEqual({ jurisdiction: '27559', assignees: [] });
    const state = given(...recorded({}, 'officer-9')).state;
    expect(context.scope(state)).toEqual({ jurisdiction: '10015', assignees: ['officer-9'] });
    // A command that creates nothing opens no scope: no caller's grant covers it.
    expect(context.newCaseScope({ kind: 'close', reason: 'no_violation' })).toEqual({ jurisdiction: NO_SCOPE, assignees: [] });
    expect(context.action({ kind: 'close', reason: 'no_violation' })).toBe('write');
  });
});
