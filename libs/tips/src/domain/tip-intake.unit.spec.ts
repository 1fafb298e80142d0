import {
  ASSIGNED,
  CLASSIFIED,
  history,
  RECEIVED,
  RECEIVED_AT,
  receiveTip,
  refusal,
  stateOf,
  VERIFYING,
  when,
} from './tip-scenario.testkit.js';

const LATER = '2026-03-02T08:00:00.000Z';

describe('tip intake: receive', () => {
  it('given nothing, when a named tip is received, then it is recorded with the reporter under a pseudonymous subject', () => {
    const events = when([], receiveTip(), LATER);
    expect(events.map((e) => e.type)).toEqual(['tip.received', 'tip.reporter_recorded']);
    expect(events[0]!.data).toMatchObject({
      tipId: 'tip-1',
      jurisdiction: '10015',
      channel: 'hotline',
      kind: 'denunciation',
      receivedAt: RECEIVED_AT,
      anonymous: false,
      at: LATER,
    });
    expect(events[1]!.data).toEqual({
      at: LATER,
      reporterSubjectId: 'reporter-id-1',
      reporterName: 'Nguyễn Văn A',
      reporterContact: '0900 000 000',
    });
    expect(stateOf(events)).toMatchObject({ status: 'received', id: 'tip-1', reporter: { subjectId: 'reporter-id-1' } });
  });

  it('given nothing, when an anonymous tip is received without a time, then no reporter is recorded and the clock starts now', () => {
    const events = when([], receiveTip({ anonymous: true, reporter: undefined, receivedAt: undefined }), LATER);
    expect(events.map((e) => e.type)).toEqual(['tip.received']);
    expect(events[0]!.data).toMatchObject({ receivedAt: LATER });
  });

  it('refuses a second receipt, an anonymous tip with an identity, a named tip without a name, a future receipt, a transfer without its agency', () => {
    expect(refusal(history(RECEIVED), receiveTip(), LATER)).toMatchObject({ kind: 'invalid_state', code: 'tip.already_received' });
    expect(refusal([], receiveTip({ anonymous: true }), LATER)).toMatchObject({
      kind: 'rule_violated',
      code: 'tip.anonymous_with_identity',
    });
    expect(refusal([], receiveTip({ reporter: { name: '  ' } }), LATER)).toMatchObject({
      kind: 'rule_violated',
      code: 'tip.reporter_identity_required',
    });
    expect(refusal([], receiveTip({ reporter: undefined }), LATER)).toMatchObject({ code: 'tip.reporter_identity_required' });
    expect(refusal([], receiveTip({ receivedAt: '2026-03-03T00:00:00Z' }), LATER)).toMatchObject({
      code: 'tip.receipt_in_future',
      details: { rule: 'CPC 2015 art. 144-146' },
    });
    expect(refusal([], receiveTip({ receivedAt: 'yesterday' }), LATER)).toMatchObject({ code: 'tip.receipt_time_invalid' });
    expect(refusal([], receiveTip({ channel: 'transferred_from_agency' }), LATER)).toMatchObject({ code: 'tip.source_agency_required' });
  });

  it('refuses any other command on a tip that does not exist', () => {
    expect(refusal([], { type: 'ClassifyTip', category: 'brokering' }, LATER)).toMatchObject({ kind: 'not_found', code: 'tip.not_found' });
  });

  it('never puts personal data in a refusal message', () => {
    const error = refusal([], receiveTip({ anonymous: true, reporter: { name: 'Trần Thị Bí Mật' } }), LATER);
    expect(JSON.stringify({ m: error.message, vi: error.messageVi, d: error.details })).not.toContain('Bí Mật');
  });
});

describe('tip intake: classify and escalate', () => {
  it('given a received tip, when classified, then it is classified without escalation', () => {
    const events = when(history(RECEIVED), { type: 'ClassifyTip', category: 'buying_selling_sex' }, LATER);
    expect(events).toEqual([{ type: 'tip.classified', data: { at: LATER, category: 'buying_selling_sex', note: null } }]);
    expect(stateOf([...history(RECEIVED), ...events])).toMatchObject({ status: 'classified', classifiedAt: LATER, escalated: false });
  });

  it.each(['trafficking_for_sexual_exploitation', 'involving_minor'] as const)(
    'given a received tip, when classified as %s, then it is escalated',
    (category) => {
      const events = when(history(RECEIVED), { type: 'ClassifyTip', category }, LATER);
      expect(events.map((e) => e.type)).toEqual(['tip.classified', 'tip.escalated']);
      expect(events[1]!.data).toEqual({ at: LATER, escalationReason: category, escalatedTo: 'provincial_police' });
      expect(stateOf([...history(RECEIVED), ...events])).toMatchObject({ escalated: true, escalationReason: category });
    },
  );

  it('given a tip under verification, when reclassified as involving a minor, then it keeps its status and is escalated once', () => {
    const before = history(RECEIVED, CLASSIFIED, ASSIGNED, VERIFYING);
    const events = when(before, { type: 'ClassifyTip', category: 'involving_minor' }, LATER);
    const after = [...before, ...events];
    expect(stateOf(after)).toMatchObject({ status: 'verifying', category: 'involving_minor', classifiedAt: CLASSIFIED[1] });
    expect(when(after, { type: 'ClassifyTip', category: 'trafficking_for_sexual_exploitation' }, LATER).map((e) => e.type)).toEqual([
      'tip.classified',
    ]);
  });

  it('refuses the same category again', () => {
    expect(refusal(history(RECEIVED, CLASSIFIED), { type: 'ClassifyTip', category: 'brokering' }, LATER)).toMatchObject({
      kind: 'invalid_state',
      code: 'tip.category_unchanged',
    });
  });
});

describe('tip intake: transfer and assign', () => {
  const transfer = { type: 'TransferTip', receivingAgency: 'Công an tỉnh Gia Lai', reason: 'not_competent_territory' } as const;

  it('given a classified tip, when transferred, then it leaves this agency', () => {
    const events = when(history(RECEIVED, CLASSIFIED), transfer, LATER);
    expect(events).toEqual([
      {
        type: 'tip.transferred',
        data: { at: LATER, receivingAgency: 'Công an tỉnh Gia Lai', transferReason: 'not_competent_territory', note: null },
      },
    ]);
    const state = stateOf([...history(RECEIVED, CLASSIFIED), ...events]);
    expect(state.status).toBe('transferred');
    expect(refusal([...history(RECEIVED, CLASSIFIED), ...events], { type: 'AssignTip', assigneeId: 'x' }, LATER)).toMatchObject({
      kind: 'invalid_state',
      code: 'tip.assign_not_allowed',
    });
  });

  it('refuses a transfer before classification', () => {
    expect(refusal(history(RECEIVED), transfer, LATER)).toMatchObject({ kind: 'invalid_state', code: 'tip.transfer_not_allowed' });
  });

  it('given a classified tip, when assigned, then the assignee is recorded; reassigning keeps the status', () => {
    const events = when(history(RECEIVED, CLASSIFIED), { type: 'AssignTip', assigneeId: 'officer-7' }, LATER);
    expect(events).toEqual([{ type: 'tip.assigned', data: { at: LATER, assigneeId: 'officer-7' } }]);
    const verifying = history(RECEIVED, CLASSIFIED, ASSIGNED, VERIFYING);
    const reassigned = [...verifying, ...when(verifying, { type: 'AssignTip', assigneeId: 'officer-8' }, LATER)];
    expect(stateOf(reassigned)).toMatchObject({ status: 'verifying', assigneeId: 'officer-8', assignedAt: ASSIGNED[1] });
  });

  it('refuses assigning an unclassified tip or the same officer twice', () => {
    expect(refusal(history(RECEIVED), { type: 'AssignTip', assigneeId: 'officer-7' }, LATER)).toMatchObject({
      code: 'tip.assign_not_allowed',
    });
    expect(refusal(history(RECEIVED, CLASSIFIED, ASSIGNED), { type: 'AssignTip', assigneeId: 'officer-7' }, LATER)).toMatchObject({
      code: 'tip.already_assigned',
    });
  });
});

describe('tip intake: notifications', () => {
  it('given a tip, when the procuracy is notified, then it is recorded once', () => {
    const events = when(history(RECEIVED), { type: 'NotifyProcuracy', procuracy: 'VKSND Chương Mỹ', documentRef: '12/TB' }, LATER);
    expect(events).toEqual([{ type: 'tip.procuracy_notified', data: { at: LATER, procuracy: 'VKSND Chương Mỹ', documentRef: '12/TB' } }]);
    expect(refusal([...history(RECEIVED), ...events], { type: 'NotifyProcuracy', procuracy: 'x' }, LATER)).toMatchObject({
      code: 'tip.procuracy_already_notified',
    });
  });

  it('refuses to notify the procuracy about a transferred tip', () => {
    const transferred = history(RECEIVED, CLASSIFIED, [
      { type: 'TransferTip', receivingAgency: 'X', reason: 'not_competent_subject_matter' },
      LATER,
    ]);
    expect(refusal(transferred, { type: 'NotifyProcuracy', procuracy: 'x' }, LATER)).toMatchObject({
      code: 'tip.notify_procuracy_not_allowed',
    });
  });

  it('given a named tip, when the reporter is told, then it is recorded once; an anonymous reporter cannot be told', () => {
    const events = when(history(RECEIVED), { type: 'NotifyReporter', method: 'phone' }, LATER);
    expect(events).toEqual([{ type: 'tip.reporter_notified', data: { at: LATER, notificationMethod: 'phone' } }]);
    expect(refusal([...history(RECEIVED), ...events], { type: 'NotifyReporter', method: 'phone' }, LATER)).toMatchObject({
      code: 'tip.reporter_already_notified',
    });
    const anonymous = history([receiveTip({ anonymous: true, reporter: undefined }), RECEIVED_AT]);
    expect(refusal(anonymous, { type: 'NotifyReporter', method: 'phone' }, LATER)).toMatchObject({
      kind: 'rule_violated',
      code: 'tip.reporter_anonymous',
    });
  });
});
