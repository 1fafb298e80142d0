import { fold } from '../../case-kernel/src/domain/decider.js';
import { supportCaseDecider } from './domain/support-case-decider.js';
import { serviceUserSubject } from './domain/support-case-rules.js';
import type { SupportCaseEvent } from './domain/support-case-types.js';
import { acceptLast, consent, deliverLast, history, OPEN, refer, referralConsent, SCREEN } from './domain/support-case.testkit.js';
import { SUPPORT_CASE_SCHEMAS, supportCasesContext } from './support-cases-context.js';

/** One of every event type. */
function everyEvent(): SupportCaseEvent[] {
  return history(
    OPEN,
    { type: 'AssignSupportCase', assigneeId: 'worker-2' },
    { type: 'UpdateServiceUser', serviceUser: { name: 'Mai', contact: '0900', birthYear: 1999, address: 'Xóm 2' } },
    consent('case_management'),
    consent('follow_up_contact'),
    SCREEN,
    referralConsent('provider-health-1'),
    refer(),
    acceptLast(),
    deliverLast(),
    { type: 'RecordFollowUp', method: 'phone', followUpOn: '2026-05-09', note: 'Ổn' },
    refer('provider-health-1', '2026-05-10'),
    { type: 'DeclineReferral', referralId: 'id-6', reason: 'no_capacity', declinedOn: '2026-05-10' },
    refer('provider-health-1', '2026-05-10'),
    { type: 'RevokeReferral', referralId: 'id-7', reason: 'safety_concern', revokedOn: '2026-05-10' },
    refer('provider-health-1', '2026-05-11'),
    { type: 'WithdrawConsent', purpose: 'referral', providerId: 'provider-health-1', withdrawnOn: '2026-05-12' },
    { type: 'CloseSupportCase', reason: 'goals_met', closedOn: '2026-05-13', note: 'Hoàn thành' },
    { type: 'ReopenSupportCase', reopenedOn: '2026-05-14', note: 'Quay lại' },
  );
}

describe('support cases context: field labels', () => {
  it('labels every field of every event the decider produces', () => {
    const events = everyEvent();
    expect(new Set(events.map((e) => e.type)).size).toBe(15);
    for (const event of events) {
      const schema = SUPPORT_CASE_SCHEMAS.of(event.type);
      for (const field of Object.keys(event.data))
        expect([event.type, field, schema[field]]).toEqual([
          event.type,
          field,
          expect.stringMatching(/^(public|internal|personal|sensitive)$/),
        ]);
    }
  });

  it('keeps who the person is, their needs, health and every note sensitive, and one label per field name', () => {
    const labels = new Map<string, Set<string>>();
    for (const event of everyEvent())
      for (const [field, label] of Object.entries(SUPPORT_CASE_SCHEMAS.of(event.type)))
        labels.set(field, (labels.get(field) ?? new Set()).add(label));
    for (const [field, seen] of labels) expect([field, seen.size]).toEqual([field, 1]);
    const sensitive = [...labels]
      .filter(([, seen]) => seen.has('sensitive'))
      .map(([field]) => field)
      .sort();
    expect(sensitive).toEqual(
      [
        'address',
        'birthYear',
        'closureNote',
        'contact',
        'contactNote',
        'followUpNote',
        'healthNotes',
        'name',
        'needs',
        'reopeningNote',
        'screeningNote',
        'service',
        'serviceNote',
      ].sort(),
    );
    expect(labels.get('witness')).toEqual(new Set(['personal']));
    expect(labels.get('clientCode')).toEqual(new Set(['internal']));
  });
});

describe('support cases context: scope, action, data subject', () => {
  it('puts the responsible social worker in the scope, from the opening command and then from the state', () => {
    expect(supportCasesContext.newCaseScope(OPEN)).toEqual({ jurisdiction: '10015', assignees: ['worker-1'] });
    const state = fold(supportCaseDecider, history(OPEN, { type: 'AssignSupportCase', assigneeId: 'worker-2' }));
    expect(supportCasesContext.scope(state)).toEqual({ jurisdiction: '10015', assignees: ['worker-2'] });
  });

  it('asks the policy for assign on assignment and revocation (supervisors), write otherwise', () => {
    expect(supportCasesContext.action({ type: 'AssignSupportCase', assigneeId: 'x' })).toBe('assign');
    expect(supportCasesContext.action({ type: 'RevokeReferral', referralId: 'r', reason: 'safety_concern', revokedOn: '2026-05-10' })).toBe(
      'assign',
    );
    expect(supportCasesContext.action(SCREEN)).toBe('write');
    expect(supportCasesContext.creates(OPEN)).toBe(true);
    expect(supportCasesContext.creates(SCREEN)).toBe(false);
  });

  it('seals every event for the service user named by the client code', () => {
    const [opened, ...rest] = history(OPEN, consent('case_management'), SCREEN);
    const code = (opened!.data as { clientCode: string }).clientCode;
    expect(supportCasesContext.subjectOf(supportCaseDecider.initialState, opened!, 'case-1')).toBe(serviceUserSubject(code));
    const state = fold(supportCaseDecider, [opened!]);
    for (const event of rest) expect(supportCasesContext.subjectOf(state, event, 'case-1')).toBe(`su-${code}`);
    expect(() => supportCasesContext.subjectOf(supportCaseDecider.initialState, rest[0]!, 'case-1')).toThrow();
  });
});
