import type { TipCommand } from './tip-types.js';
import {
  ASSIGNED,
  CLASSIFIED,
  EXTENDED,
  history,
  RECEIVED,
  refusal,
  RESUMED,
  stateOf,
  SUSPENDED,
  underVerification,
  VERIFYING,
  when,
  type Step,
} from './tip-scenario.testkit.js';

const extend = (until: string, procuracyDecisionRef?: string): TipCommand => ({
  type: 'ExtendVerification',
  until,
  reason: 'complex_circumstances',
  ...(procuracyDecisionRef ? { procuracyDecisionRef } : {}),
});
const suspend: TipCommand = { type: 'SuspendTip', ground: 'requested_documents_pending' };
const PROCURACY_EXTENDED: Step = [extend('2026-07-02', '05/QĐ-VKS'), '2026-04-29T03:00:00.000Z'];

describe('tip verification: start', () => {
  it('given an assigned tip, when verification starts, then it is verifying', () => {
    const events = when(history(RECEIVED, CLASSIFIED, ASSIGNED), { type: 'StartVerification' }, VERIFYING[1]);
    expect(events).toEqual([{ type: 'tip.verification_started', data: { at: VERIFYING[1], note: null } }]);
    expect(stateOf([...history(RECEIVED, CLASSIFIED, ASSIGNED), ...events]).status).toBe('verifying');
  });

  it('refuses to start before the tip is assigned or twice', () => {
    expect(refusal(history(RECEIVED, CLASSIFIED), { type: 'StartVerification' }, VERIFYING[1])).toMatchObject({
      kind: 'invalid_state',
      code: 'tip.start_verification_not_allowed',
    });
    expect(refusal(underVerification(), { type: 'StartVerification' }, VERIFYING[1])).toMatchObject({
      code: 'tip.start_verification_not_allowed',
    });
  });
});

describe('tip verification: extensions within CPC art. 147(2)', () => {
  it('given a tip under verification, when the agency extends to 2 months after receipt, then the new limit is the end of that day in Vietnam', () => {
    const events = when(underVerification(), extend('2026-05-02'), '2026-03-20T02:00:00.000Z');
    expect(events).toEqual([
      {
        type: 'tip.verification_extended',
        data: {
          at: '2026-03-20T02:00:00.000Z',
          extendedUntil: '2026-05-02',
          dueAt: '2026-05-02T16:59:59.999Z',
          extensionReason: 'complex_circumstances',
          byProcuracy: false,
          procuracyDecisionRef: null,
          note: null,
        },
      },
    ]);
    expect(stateOf([...underVerification(), ...events]).status).toBe('extended');
  });

  it('refuses an agency extension beyond 2 months after receipt, naming the rule and the maximum', () => {
    const error = refusal(underVerification(), extend('2026-05-03'), '2026-03-20T02:00:00.000Z');
    expect(error).toMatchObject({
      kind: 'rule_violated',
      code: 'tip.extension_beyond_maximum',
      details: { rule: 'CPC 2015 art. 147(2)', maximumOn: '2026-05-02', byProcuracy: false },
    });
    expect(error.message).toContain('CPC 2015 art. 147(2)');
    expect(error.messageVi).toContain('02 tháng');
  });

  it('refuses an extension once the 20-day limit has run, one that ends no later, and a date that does not exist', () => {
    expect(refusal(underVerification(), extend('2026-04-20'), '2026-03-23T02:00:00.000Z')).toMatchObject({
      code: 'tip.extension_after_time_limit',
      details: { dueOn: '2026-03-22' },
    });
    expect(refusal(underVerification(), extend('2026-03-22'), '2026-03-20T02:00:00.000Z')).toMatchObject({
      code: 'tip.extension_not_later',
    });
    expect(refusal(underVerification(), extend('2026-02-31'), '2026-03-20T02:00:00.000Z')).toMatchObject({
      code: 'tip.extension_date_invalid',
    });
  });

  it('lets the agency extend again within its 2 months, then the procuracy once by up to 2 months more', () => {
    const twice = history(RECEIVED, CLASSIFIED, ASSIGNED, VERIFYING, EXTENDED, [extend('2026-05-02'), '2026-04-28T03:00:00.000Z']);
    expect(stateOf(twice).extensions).toHaveLength(2);
    const events = when(history(RECEIVED, CLASSIFIED, ASSIGNED, VERIFYING, EXTENDED), ...PROCURACY_EXTENDED);
    expect(events[0]!.data).toMatchObject({ byProcuracy: true, procuracyDecisionRef: '05/QĐ-VKS', dueAt: '2026-07-02T16:59:59.999Z' });
  });

  it('refuses a procuracy extension beyond 2 months after the 2-month limit', () => {
    const error = refusal(
      history(RECEIVED, CLASSIFIED, ASSIGNED, VERIFYING, EXTENDED),
      extend('2026-07-03', '05/QĐ-VKS'),
      PROCURACY_EXTENDED[1],
    );
    expect(error).toMatchObject({ code: 'tip.extension_beyond_maximum', details: { maximumOn: '2026-07-02', byProcuracy: true } });
  });

  it('refuses any extension after the procuracy has extended once', () => {
    const extended = history(RECEIVED, CLASSIFIED, ASSIGNED, VERIFYING, EXTENDED, PROCURACY_EXTENDED);
    expect(refusal(extended, extend('2026-07-01', '06/QĐ-VKS'), '2026-06-01T03:00:00.000Z')).toMatchObject({
      code: 'tip.extension_limit_reached',
      details: { rule: 'CPC 2015 art. 147(2)' },
    });
    expect(refusal(extended, extend('2026-07-01'), '2026-06-01T03:00:00.000Z')).toMatchObject({ code: 'tip.extension_limit_reached' });
  });

  it('refuses to extend a tip not under verification, and the limit after a resumption', () => {
    expect(refusal(history(RECEIVED, CLASSIFIED, ASSIGNED), extend('2026-04-01'), '2026-03-05T02:00:00.000Z')).toMatchObject({
      kind: 'invalid_state',
      code: 'tip.extend_not_allowed',
    });
    const resumed = history(RECEIVED, CLASSIFIED, ASSIGNED, VERIFYING, EXTENDED, SUSPENDED, RESUMED);
    expect(refusal(resumed, extend('2026-06-30'), '2026-05-20T03:00:00.000Z')).toMatchObject({
      kind: 'rule_violated',
      code: 'tip.resumption_limit_not_extendable',
      details: { rule: 'CPC 2015 art. 149' },
    });
  });
});

describe('tip verification: suspension (CPC art. 148) and resumption (art. 149)', () => {
  it('given the limit ends today, when suspended on a listed ground, then the tip is suspended', () => {
    const events = when(underVerification(), suspend, '2026-03-22T10:00:00.000Z');
    expect(events).toEqual([
      { type: 'tip.suspended', data: { at: '2026-03-22T10:00:00.000Z', suspensionGround: 'requested_documents_pending', note: null } },
    ]);
    expect(stateOf([...underVerification(), ...events]).status).toBe('suspended');
  });

  it('refuses a suspension before the limit has run, naming the rule and the limit', () => {
    expect(refusal(underVerification(), suspend, '2026-03-21T10:00:00.000Z')).toMatchObject({
      kind: 'rule_violated',
      code: 'tip.suspension_before_time_limit',
      details: { rule: 'CPC 2015 art. 148(1)', dueOn: '2026-03-22' },
    });
  });

  it('refuses a ground the law does not list, and a tip not under verification', () => {
    const unlisted = { type: 'SuspendTip', ground: 'officer_on_leave' } as unknown as TipCommand;
    expect(refusal(underVerification(), unlisted, '2026-03-25T10:00:00.000Z')).toMatchObject({ code: 'tip.suspension_ground_not_listed' });
    expect(refusal(history(RECEIVED, CLASSIFIED, ASSIGNED), suspend, '2026-03-25T10:00:00.000Z')).toMatchObject({
      kind: 'invalid_state',
      code: 'tip.suspend_not_allowed',
    });
  });

  it('given a suspended tip, when resumed, then a one-month limit runs from the resumption', () => {
    const suspended = history(RECEIVED, CLASSIFIED, ASSIGNED, VERIFYING, EXTENDED, SUSPENDED);
    const events = when(suspended, ...RESUMED);
    expect(events).toEqual([{ type: 'tip.resumed', data: { at: RESUMED[1], dueAt: '2026-06-11T16:59:59.999Z', note: null } }]);
    expect(stateOf([...suspended, ...events])).toMatchObject({
      status: 'resumed',
      suspensions: [{ resumedAt: RESUMED[1], resumedDueAt: '2026-06-11T16:59:59.999Z' }],
    });
  });

  it('refuses to resume a tip that is not suspended', () => {
    expect(refusal(underVerification(), { type: 'ResumeTip' }, RESUMED[1])).toMatchObject({
      kind: 'invalid_state',
      code: 'tip.resume_not_allowed',
    });
  });

  it('after a resumption, suspends again only once the resumed limit has run', () => {
    const resumed = history(RECEIVED, CLASSIFIED, ASSIGNED, VERIFYING, EXTENDED, SUSPENDED, RESUMED);
    expect(refusal(resumed, suspend, '2026-06-10T03:00:00.000Z')).toMatchObject({
      code: 'tip.suspension_before_time_limit',
      details: { dueOn: '2026-06-11' },
    });
    expect(when(resumed, suspend, '2026-06-11T03:00:00.000Z').map((e) => e.type)).toEqual(['tip.suspended']);
  });
});

describe('tip verification: closing and administrative handover', () => {
  const AT = '2026-03-15T03:00:00.000Z';

  it.each([
    [
      { type: 'CloseTip', outcome: 'criminal_case_opened', criminalCaseRef: '01/QĐ-KTVA' },
      { outcome: 'criminal_case_opened', criminalCaseRef: '01/QĐ-KTVA' },
    ],
    [
      { type: 'CloseTip', outcome: 'not_opened' },
      { outcome: 'not_opened', criminalCaseRef: null },
    ],
    [
      { type: 'CloseTip', outcome: 'not_substantiated' },
      { outcome: 'not_substantiated', criminalCaseRef: null },
    ],
  ] as const)('given a tip under verification, when closed with %o, then it is closed', (command, data) => {
    const events = when(underVerification(), command, AT);
    expect(events).toEqual([{ type: 'tip.closed', data: { at: AT, note: null, ...data } }]);
    expect(stateOf([...underVerification(), ...events])).toMatchObject({ status: 'closed', closure: { at: AT, outcome: data.outcome } });
  });

  it('given a tip under verification, when passed to administrative handling, then a penalty case is requested without reporter data', () => {
    const events = when(underVerification(), { type: 'CloseTip', outcome: 'passed_to_administrative_handling', suggestedAct: '34.4' }, AT);
    expect(events.map((e) => e.type)).toEqual(['tip.closed', 'tip.penalty_case_requested']);
    expect(events[1]!.data).toEqual({ at: AT, tipId: 'tip-1', jurisdiction: '10015', suggestedAct: '34.4', category: 'brokering' });
    expect(JSON.stringify(events)).not.toMatch(/Nguyễn Văn A|0900|karaoke|reporter/);
  });

  it('refuses inconsistent closings', () => {
    const cases: Array<[TipCommand, string]> = [
      [{ type: 'CloseTip', outcome: 'passed_to_administrative_handling' }, 'tip.suggested_act_required'],
      [{ type: 'CloseTip', outcome: 'not_opened', suggestedAct: '33' }, 'tip.suggested_act_without_administrative_handling'],
      [
        { type: 'CloseTip', outcome: 'passed_to_administrative_handling', suggestedAct: '99' } as unknown as TipCommand,
        'tip.suggested_act_unknown',
      ],
      [{ type: 'CloseTip', outcome: 'not_opened', criminalCaseRef: 'x' }, 'tip.case_ref_without_case'],
    ];
    for (const [command, code] of cases) expect(refusal(underVerification(), command, AT)).toMatchObject({ kind: 'rule_violated', code });
  });

  it('refuses to close a tip that is not under verification: assigned, suspended or already closed', () => {
    const close: TipCommand = { type: 'CloseTip', outcome: 'not_opened' };
    expect(refusal(history(RECEIVED, CLASSIFIED, ASSIGNED), close, AT)).toMatchObject({
      kind: 'invalid_state',
      code: 'tip.close_not_allowed',
    });
    expect(
      refusal(history(RECEIVED, CLASSIFIED, ASSIGNED, VERIFYING, EXTENDED, SUSPENDED), close, '2026-05-05T03:00:00.000Z'),
    ).toMatchObject({ code: 'tip.close_not_allowed' });
    expect(refusal(history(RECEIVED, CLASSIFIED, ASSIGNED, VERIFYING, [close, AT]), close, AT)).toMatchObject({
      code: 'tip.close_not_allowed',
    });
  });

  it('given a tip passed to administrative handling, when the file is handed over, then it is recorded once', () => {
    const passed = history(RECEIVED, CLASSIFIED, ASSIGNED, VERIFYING, [
      { type: 'CloseTip', outcome: 'passed_to_administrative_handling', suggestedAct: '33' },
      AT,
    ]);
    const handOver: TipCommand = { type: 'HandOverToSanctioningOfficial', sanctioningAuthority: 'Chủ tịch UBND xã', documentRef: '7/BG' };
    const events = when(passed, handOver, '2026-03-16T03:00:00.000Z');
    expect(events).toEqual([
      {
        type: 'tip.file_handed_over',
        data: { at: '2026-03-16T03:00:00.000Z', sanctioningAuthority: 'Chủ tịch UBND xã', documentRef: '7/BG' },
      },
    ]);
    expect(refusal([...passed, ...events], handOver, '2026-03-16T04:00:00.000Z')).toMatchObject({ code: 'tip.already_handed_over' });
  });

  it('refuses a handover for a tip not passed to administrative handling', () => {
    const closed = history(RECEIVED, CLASSIFIED, ASSIGNED, VERIFYING, [{ type: 'CloseTip', outcome: 'not_opened' }, AT]);
    expect(refusal(closed, { type: 'HandOverToSanctioningOfficial', sanctioningAuthority: 'x' }, AT)).toMatchObject({
      kind: 'invalid_state',
      code: 'tip.not_passed_to_administrative_handling',
    });
  });
});
