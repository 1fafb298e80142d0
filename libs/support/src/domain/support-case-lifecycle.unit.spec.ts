import type { SupportCaseCommand } from './support-case-types.js';
import {
  acceptLast,
  consent,
  delivered,
  deliverLast,
  given,
  history,
  OPEN,
  refer,
  referralConsent,
  referred,
  SCREEN,
  screened,
  stateOf,
} from './support-case.testkit.js';

const CLOSE: SupportCaseCommand = { type: 'CloseSupportCase', reason: 'goals_met', closedOn: '2026-05-14', note: 'Đã có việc làm ổn định' };
const REOPEN: SupportCaseCommand = { type: 'ReopenSupportCase', reopenedOn: '2026-05-15', note: 'Quay lại xin hỗ trợ pháp lý' };

describe('support case: needs screening', () => {
  it('records the needs (sensitive), moving the case from first contact to needs screened', () => {
    const [event] = given(history(OPEN, consent('case_management'))).when(SCREEN);
    expect(event).toEqual({
      type: 'support_case.needs_screened',
      data: {
        needs: ['health_sexual_health_hiv_sti', 'vocational_training'],
        healthNotes: 'Cần xét nghiệm định kỳ',
        screeningNote: null,
        screenedOn: '2026-05-05',
      },
    });
    expect(stateOf(screened()).status).toBe('needs_screened');
  });

  it('screens again later without moving the case back', () => {
    const events = [...referred(), ...given(referred()).when({ type: 'ScreenNeeds', needs: ['legal_aid'], screenedOn: '2026-05-09' })];
    expect(stateOf(events)).toMatchObject({
      status: 'referred',
      screenings: [{ screenedOn: '2026-05-05' }, { screenedOn: '2026-05-09', needs: ['legal_aid'] }],
    });
  });

  it('refuses no needs, an unknown or repeated need, and a date before the first contact', () => {
    const ready = history(OPEN, consent('case_management'));
    expect(given(ready).refuses({ type: 'ScreenNeeds', needs: [], screenedOn: '2026-05-05' })).toMatchObject({
      kind: 'rule_violated',
      code: 'support_case.needs_required',
    });
    expect(given(ready).refuses({ type: 'ScreenNeeds', needs: ['housing' as never], screenedOn: '2026-05-05' })).toMatchObject({
      code: 'support_case.invalid_value',
      details: { field: 'needs' },
    });
    expect(given(ready).refuses({ type: 'ScreenNeeds', needs: ['legal_aid', 'legal_aid'], screenedOn: '2026-05-05' })).toMatchObject({
      code: 'support_case.duplicate_value',
    });
    expect(given(ready).refuses({ type: 'ScreenNeeds', needs: ['legal_aid'], screenedOn: '2026-05-03' })).toMatchObject({
      code: 'support_case.date_before_first_contact',
      details: { firstContactOn: '2026-05-04' },
    });
  });
});

describe('support case: referral to a provider', () => {
  it('refers with the consent in force, naming the service and what the provider may see', () => {
    const events = history(OPEN, consent('case_management'), SCREEN, referralConsent('provider-health-1'));
    expect(given(events).when(refer())).toEqual([
      {
        type: 'support_case.referral_made',
        data: {
          referralId: 'id-1',
          providerId: 'provider-health-1',
          service: 'health_sexual_health_hiv_sti',
          sharedFields: ['clientCode', 'needs'],
          referredOn: '2026-05-06',
          consentId: 'id-3',
        },
      },
    ]);
    expect(stateOf(referred())).toMatchObject({
      status: 'referred',
      referrals: [{ referralId: 'id-4', status: 'pending', statusOn: null, sharedFields: ['clientCode', 'needs'] }],
    });
  });

  it('refuses a referral before the needs are screened (first contact, or after a reopening)', () => {
    const opened = history(OPEN, consent('case_management'), referralConsent('provider-health-1'));
    expect(given(opened).refuses(refer())).toMatchObject({
      kind: 'invalid_state',
      code: 'support_case.needs_not_screened',
      details: { status: 'first_contact' },
    });
    const reopened = history(OPEN, consent('case_management'), SCREEN, referralConsent('provider-health-1'), CLOSE, REOPEN);
    expect(given(reopened).refuses(refer('provider-health-1', '2026-05-15'))).toMatchObject({
      code: 'support_case.needs_not_screened',
      details: { status: 'reopened' },
    });
  });

  it('refuses a referral sharing nothing, an unknown or repeated field, an unknown service or a bad provider id', () => {
    const ready = history(OPEN, consent('case_management'), SCREEN, referralConsent('provider-health-1'));
    const base = refer() as Extract<SupportCaseCommand, { type: 'ReferToProvider' }>;
    expect(given(ready).refuses({ ...base, sharedFields: [] })).toMatchObject({
      kind: 'rule_violated',
      code: 'support_case.shared_fields_required',
    });
    expect(given(ready).refuses({ ...base, sharedFields: ['passport' as never] })).toMatchObject({
      code: 'support_case.invalid_value',
      details: { field: 'sharedFields' },
    });
    expect(given(ready).refuses({ ...base, sharedFields: ['name', 'name'] })).toMatchObject({ code: 'support_case.duplicate_value' });
    expect(given(ready).refuses({ ...base, service: 'housing' as never })).toMatchObject({
      code: 'support_case.invalid_value',
      details: { field: 'service' },
    });
    expect(given(ready).refuses({ ...base, providerId: 'Bệnh viện X' })).toMatchObject({ code: 'support_case.invalid_reference' });
  });
});

describe('support case: the provider’s answer and revocation', () => {
  it('records acceptance and decline of a pending referral', () => {
    expect(given(referred()).when({ type: 'AcceptReferral', referralId: 'id-4', acceptedOn: '2026-05-07' })).toEqual([
      { type: 'support_case.referral_accepted', data: { referralId: 'id-4', acceptedOn: '2026-05-07' } },
    ]);
    const [declined] = given(referred()).when({
      type: 'DeclineReferral',
      referralId: 'id-4',
      reason: 'no_capacity',
      declinedOn: '2026-05-07',
    });
    expect(declined).toEqual({
      type: 'support_case.referral_declined',
      data: { referralId: 'id-4', declineReason: 'no_capacity', declinedOn: '2026-05-07' },
    });
    expect(stateOf([...referred(), declined!]).referrals[0]).toMatchObject({
      status: 'declined',
      statusOn: '2026-05-07',
      declineReason: 'no_capacity',
    });
  });

  it('lets a supervisor revoke a pending or accepted referral', () => {
    const accepted = history(OPEN, consent('case_management'), SCREEN, referralConsent('provider-health-1'), refer(), acceptLast());
    const [revoked] = given(accepted, 'supervisor-1').when({
      type: 'RevokeReferral',
      referralId: 'id-4',
      reason: 'safety_concern',
      revokedOn: '2026-05-08',
    });
    expect(revoked).toEqual({
      type: 'support_case.referral_revoked',
      data: { referralId: 'id-4', revocationReason: 'safety_concern', revokedOn: '2026-05-08' },
    });
    expect(stateOf([...accepted, revoked!]).referrals[0]).toMatchObject({ status: 'revoked', revocationReason: 'safety_concern' });
    expect(
      given(referred(), 'supervisor-1').when({
        type: 'RevokeReferral',
        referralId: 'id-4',
        reason: 'recorded_in_error',
        revokedOn: '2026-05-07',
      }),
    ).toHaveLength(1);
  });

  it('refuses answering a referral twice, revoking a finished one, an unknown referral and a date before the referral', () => {
    const accepted = history(OPEN, consent('case_management'), SCREEN, referralConsent('provider-health-1'), refer(), acceptLast());
    expect(given(accepted).refuses({ type: 'AcceptReferral', referralId: 'id-4', acceptedOn: '2026-05-08' })).toMatchObject({
      kind: 'invalid_state',
      code: 'support_case.referral_accept_not_allowed',
      details: { referralStatus: 'accepted' },
    });
    expect(
      given(accepted).refuses({ type: 'DeclineReferral', referralId: 'id-4', reason: 'other', declinedOn: '2026-05-08' }),
    ).toMatchObject({ code: 'support_case.referral_decline_not_allowed' });
    expect(
      given(delivered()).refuses({ type: 'RevokeReferral', referralId: 'id-4', reason: 'safety_concern', revokedOn: '2026-05-09' }),
    ).toMatchObject({ code: 'support_case.referral_revoke_not_allowed', details: { referralStatus: 'delivered' } });
    expect(given(referred()).refuses({ type: 'AcceptReferral', referralId: 'id-99', acceptedOn: '2026-05-08' })).toMatchObject({
      kind: 'not_found',
      code: 'support_case.referral_not_found',
    });
    expect(given(referred()).refuses({ type: 'AcceptReferral', referralId: 'id-4', acceptedOn: '2026-05-05' })).toMatchObject({
      kind: 'rule_violated',
      code: 'support_case.date_before_referral',
      details: { referredOn: '2026-05-06' },
    });
    expect(
      given(referred()).refuses({ type: 'DeclineReferral', referralId: 'id-4', reason: 'bored' as never, declinedOn: '2026-05-08' }),
    ).toMatchObject({ code: 'support_case.invalid_value' });
    expect(
      given(referred(), 'supervisor-1').refuses({
        type: 'RevokeReferral',
        referralId: 'id-4',
        reason: 'whim' as never,
        revokedOn: '2026-05-08',
      }),
    ).toMatchObject({ code: 'support_case.invalid_value', details: { field: 'reason' } });
    expect(given(referred()).refuses({ type: 'AcceptReferral', referralId: 'id-4', acceptedOn: '2026-05-16' })).toMatchObject({
      code: 'support_case.date_in_future',
    });
  });
});

describe('support case: service delivered and follow-up', () => {
  it('records a service delivered on an accepted referral, moving the case to in service', () => {
    const accepted = history(OPEN, consent('case_management'), SCREEN, referralConsent('provider-health-1'), refer(), acceptLast());
    expect(
      given(accepted).when({ type: 'RecordServiceDelivered', referralId: 'id-4', deliveredOn: '2026-05-08', note: 'Đã xét nghiệm' }),
    ).toEqual([
      { type: 'support_case.service_delivered', data: { referralId: 'id-4', deliveredOn: '2026-05-08', serviceNote: 'Đã xét nghiệm' } },
    ]);
    expect(stateOf(delivered())).toMatchObject({ status: 'in_service', referrals: [{ status: 'delivered', statusOn: '2026-05-08' }] });
  });

  it('refuses a service on a referral not accepted, and one on an earlier episode’s referral after a reopening', () => {
    expect(given(referred()).refuses({ type: 'RecordServiceDelivered', referralId: 'id-4', deliveredOn: '2026-05-08' })).toMatchObject({
      kind: 'invalid_state',
      code: 'support_case.referral_deliver_not_allowed',
      details: { referralStatus: 'pending' },
    });
    const reopened = history(
      OPEN,
      consent('case_management'),
      SCREEN,
      referralConsent('provider-health-1'),
      refer(),
      acceptLast(),
      CLOSE,
      REOPEN,
    );
    expect(given(reopened).refuses({ type: 'RecordServiceDelivered', referralId: 'id-4', deliveredOn: '2026-05-15' })).toMatchObject({
      kind: 'invalid_state',
      code: 'support_case.no_referral_in_this_episode',
      details: { status: 'reopened' },
    });
  });

  it('records follow-up after a service, moving the case to follow-up', () => {
    const events = history(
      OPEN,
      consent('case_management'),
      consent('follow_up_contact'),
      SCREEN,
      referralConsent('provider-health-1'),
      refer(),
      acceptLast(),
      deliverLast(),
      { type: 'RecordFollowUp', method: 'in_person', followUpOn: '2026-05-12' },
    );
    expect(stateOf(events)).toMatchObject({ status: 'follow_up', followUps: [{ followUpOn: '2026-05-12', method: 'in_person' }] });
  });

  it('refuses follow-up before any service, and one by an unknown method', () => {
    const events = history(OPEN, consent('case_management'), consent('follow_up_contact'), SCREEN);
    expect(given(events).refuses({ type: 'RecordFollowUp', method: 'phone', followUpOn: '2026-05-12' })).toMatchObject({
      kind: 'invalid_state',
      code: 'support_case.no_service_delivered',
    });
    expect(
      given(delivered(consent('follow_up_contact'))).refuses({
        type: 'RecordFollowUp',
        method: 'pigeon' as never,
        followUpOn: '2026-05-12',
      }),
    ).toMatchObject({ code: 'support_case.invalid_value', details: { field: 'method' } });
  });
});

describe('support case: closing and reopening', () => {
  it('closes from any open status with a reason, and reopens', () => {
    for (const events of [history(OPEN), screened(), referred(), delivered()]) {
      expect(given(events).when(CLOSE)).toEqual([
        {
          type: 'support_case.closed',
          data: { closureReason: 'goals_met', closedOn: '2026-05-14', closureNote: 'Đã có việc làm ổn định' },
        },
      ]);
    }
    const reopened = history(OPEN, CLOSE, REOPEN);
    expect(stateOf(reopened)).toMatchObject({
      status: 'reopened',
      closures: [{ reason: 'goals_met', closedOn: '2026-05-14' }],
      reopenings: [{ reopenedOn: '2026-05-15' }],
    });
  });

  it('after a reopening, needs are screened again before new referrals', () => {
    const events = history(OPEN, consent('case_management'), SCREEN, CLOSE, REOPEN, {
      type: 'ScreenNeeds',
      needs: ['legal_aid'],
      screenedOn: '2026-05-15',
    });
    expect(stateOf(events).status).toBe('needs_screened');
  });

  it('refuses closing twice, an unknown reason, reopening an open case, and case work on a closed case', () => {
    const closed = history(OPEN, consent('case_management'), SCREEN, referralConsent('provider-health-1'), refer(), CLOSE);
    expect(given(closed).refuses(CLOSE)).toMatchObject({ kind: 'invalid_state', code: 'support_case.already_closed' });
    expect(given(history(OPEN)).refuses({ ...CLOSE, reason: 'transferred' } as never)).toMatchObject({
      code: 'support_case.invalid_value',
      details: { field: 'reason' },
    });
    expect(given(history(OPEN)).refuses(REOPEN)).toMatchObject({ kind: 'invalid_state', code: 'support_case.not_closed' });
    for (const command of [
      SCREEN,
      refer('provider-health-1', '2026-05-14'),
      { type: 'AcceptReferral', referralId: 'id-4', acceptedOn: '2026-05-14' } as SupportCaseCommand,
      { type: 'RecordFollowUp', method: 'phone', followUpOn: '2026-05-14' } as SupportCaseCommand,
    ]) {
      expect(given(closed).refuses(command)).toMatchObject({ kind: 'invalid_state', code: 'support_case.closed' });
    }
  });

  it('accepts every closure reason of the plans', () => {
    for (const reason of ['goals_met', 'moved', 'declined_further_support', 'lost_to_follow_up'] as const) {
      expect(given(history(OPEN)).when({ ...CLOSE, reason })[0]!.data).toMatchObject({ closureReason: reason });
    }
  });
});

describe('support case: evolve', () => {
  it('ignores an unknown event type and folds redaction markers without throwing', () => {
    const redacted = { redacted: 'not authorised' };
    const [opened] = history(OPEN);
    const hidden = { ...opened!, data: { ...opened!.data, name: redacted, address: { erased: true } } } as typeof opened;
    const state = stateOf([hidden!, { type: 'support_case.renamed', data: {} } as never]);
    expect(state).toMatchObject({ status: 'first_contact', serviceUser: { name: redacted, address: { erased: true } } });
  });
});
