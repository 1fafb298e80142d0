import { consentSummary } from './support-consent.js';
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

const withdraw = (
  purpose: 'case_management' | 'referral' | 'follow_up_contact' | 'deidentified_statistics',
  providerId?: string,
): SupportCaseCommand => ({
  type: 'WithdrawConsent',
  purpose,
  ...(providerId ? { providerId } : {}),
  withdrawnOn: '2026-05-12',
});
const FOLLOW_UP: SupportCaseCommand = { type: 'RecordFollowUp', method: 'phone', followUpOn: '2026-05-13' };

describe('consent: recording', () => {
  it('records a written consent per purpose with the wording version and who took it', () => {
    expect(given(history(OPEN)).when(consent('case_management'))).toEqual([
      {
        type: 'support_case.consent_given',
        data: {
          consentId: 'id-1',
          purpose: 'case_management',
          providerId: null,
          wordingVersion: 'v2026.1',
          consentMethod: 'written',
          witness: null,
          takenBy: 'worker-1',
          givenOn: '2026-05-04',
        },
      },
    ]);
  });

  it('records a verbal consent with its witness, and a referral consent for one named provider', () => {
    expect(given(history(OPEN)).when(referralConsent('provider-legal-2'))[0]!.data).toMatchObject({
      purpose: 'referral',
      providerId: 'provider-legal-2',
      consentMethod: 'verbal_witnessed',
      witness: 'Nguyễn Văn Chứng',
    });
  });

  it('refuses a verbal consent without a witness', () => {
    const verbal: SupportCaseCommand = {
      type: 'GiveConsent',
      purpose: 'follow_up_contact',
      wordingVersion: 'v1',
      method: 'verbal_witnessed',
      givenOn: '2026-05-05',
    };
    expect(given(history(OPEN)).refuses(verbal)).toMatchObject({ kind: 'rule_violated', code: 'support_case.witness_required' });
    expect(given(history(OPEN)).refuses({ ...verbal, witness: '  ' } as SupportCaseCommand)).toMatchObject({
      code: 'support_case.witness_required',
    });
  });

  it('refuses a referral consent naming no provider, and a provider on any other purpose', () => {
    expect(
      given(history(OPEN)).refuses({
        type: 'GiveConsent',
        purpose: 'referral',
        wordingVersion: 'v1',
        method: 'written',
        givenOn: '2026-05-05',
      }),
    ).toMatchObject({ code: 'support_case.provider_required' });
    expect(
      given(history(OPEN)).refuses({
        type: 'GiveConsent',
        purpose: 'case_management',
        providerId: 'provider-1',
        wordingVersion: 'v1',
        method: 'written',
        givenOn: '2026-05-05',
      }),
    ).toMatchObject({
      code: 'support_case.provider_not_applicable',
    });
  });

  it('refuses a missing wording version, an unknown purpose or method, a consent already in force, and one on a closed case', () => {
    const opened = history(OPEN, consent('case_management'));
    expect(
      given(opened).refuses({
        type: 'GiveConsent',
        purpose: 'follow_up_contact',
        wordingVersion: '',
        method: 'written',
        givenOn: '2026-05-05',
      }),
    ).toMatchObject({ code: 'support_case.invalid_wording_version' });
    expect(
      given(opened).refuses({
        type: 'GiveConsent',
        purpose: 'marketing' as never,
        wordingVersion: 'v1',
        method: 'written',
        givenOn: '2026-05-05',
      }),
    ).toMatchObject({ code: 'support_case.invalid_value' });
    expect(
      given(opened).refuses({
        type: 'GiveConsent',
        purpose: 'follow_up_contact',
        wordingVersion: 'v1',
        method: 'implied' as never,
        givenOn: '2026-05-05',
      }),
    ).toMatchObject({ code: 'support_case.invalid_value' });
    expect(given(opened).refuses(consent('case_management'))).toMatchObject({
      kind: 'invalid_state',
      code: 'support_case.consent_already_given',
    });
    expect(given(opened).refuses(consent('follow_up_contact', '2026-05-01'))).toMatchObject({
      code: 'support_case.date_before_first_contact',
    });
    const closed = history(OPEN, { type: 'CloseSupportCase', reason: 'declined_further_support', closedOn: '2026-05-04' });
    expect(given(closed).refuses(consent('case_management'))).toMatchObject({ kind: 'invalid_state', code: 'support_case.closed' });
  });

  it('gives a consent again after it was withdrawn', () => {
    const events = history(OPEN, consent('case_management'), withdraw('case_management'), consent('case_management', '2026-05-13'));
    expect(consentSummary(stateOf(events)).case_management).toBe('given');
  });
});

describe('consent: case management', () => {
  it('without it the case does not go beyond first contact', () => {
    const opened = history(OPEN);
    const error = given(opened).refuses(SCREEN);
    expect(error).toMatchObject({
      kind: 'rule_violated',
      code: 'support_case.consent_required',
      details: { rule: 'consent_per_purpose', purpose: 'case_management', providerId: null },
    });
    expect(error.message).toContain('Law 91/2025');
    expect(error.messageVi).toContain('quản lý trường hợp');
  });

  it('once withdrawn, stops screening, referrals, answers, services and follow-up, but not closing or withdrawing others', () => {
    const events = history(
      OPEN,
      consent('case_management'),
      consent('follow_up_contact'),
      SCREEN,
      referralConsent('provider-health-1'),
      refer(),
      acceptLast(),
      deliverLast(),
      withdraw('case_management'),
    );
    const blocked: SupportCaseCommand[] = [SCREEN, refer(), FOLLOW_UP];
    for (const command of blocked) {
      expect(given(events).refuses(command)).toMatchObject({
        kind: 'rule_violated',
        code: 'support_case.consent_withdrawn',
        details: { purpose: 'case_management', withdrawnOn: '2026-05-12' },
      });
    }
    expect(given(events).when({ type: 'CloseSupportCase', reason: 'declined_further_support', closedOn: '2026-05-13' })).toHaveLength(1);
    expect(given(events).when(withdraw('follow_up_contact'))).toHaveLength(1);
  });

  it('blocks accepting a referral and recording a service once withdrawn', () => {
    const pending = history(
      OPEN,
      consent('case_management'),
      SCREEN,
      referralConsent('provider-health-1'),
      refer(),
      withdraw('case_management'),
    );
    expect(given(pending).refuses({ type: 'AcceptReferral', referralId: 'id-4', acceptedOn: '2026-05-13' })).toMatchObject({
      code: 'support_case.consent_withdrawn',
    });
    const accepted = history(
      OPEN,
      consent('case_management'),
      SCREEN,
      referralConsent('provider-health-1'),
      refer(),
      acceptLast(),
      withdraw('case_management'),
    );
    expect(given(accepted).refuses({ type: 'RecordServiceDelivered', referralId: 'id-4', deliveredOn: '2026-05-13' })).toMatchObject({
      code: 'support_case.consent_withdrawn',
    });
    // Recording that the provider declined stops processing, so it stays possible.
    expect(
      given(pending).when({ type: 'DeclineReferral', referralId: 'id-4', reason: 'no_capacity', declinedOn: '2026-05-13' }),
    ).toHaveLength(1);
  });
});

describe('consent: referral to a named provider', () => {
  it('refuses a referral to a provider the service user has not consented to, naming the provider and the rule', () => {
    const error = given(screened()).refuses(refer('provider-legal-2'));
    expect(error).toMatchObject({
      kind: 'rule_violated',
      code: 'support_case.consent_required',
      details: { rule: 'consent_per_purpose', purpose: 'referral', providerId: 'provider-legal-2' },
    });
    expect(error.message).toContain('provider-legal-2');
    expect(error.messageVi).toContain('chuyển gửi');
  });

  it('once withdrawn for provider X, refuses new referrals to X (422 naming the rule) and still allows referrals to Y', () => {
    const events = history(
      OPEN,
      consent('case_management'),
      SCREEN,
      referralConsent('provider-health-1'),
      referralConsent('provider-legal-2'),
      withdraw('referral', 'provider-health-1'),
    );
    const error = given(events).refuses(refer('provider-health-1', '2026-05-13'));
    expect(error).toMatchObject({
      kind: 'rule_violated',
      code: 'support_case.consent_withdrawn',
      details: { rule: 'consent_per_purpose', purpose: 'referral', providerId: 'provider-health-1', withdrawnOn: '2026-05-12' },
    });
    expect(error.message).toMatch(/withdrew consent to referral to this provider \(provider-health-1\) on 2026-05-12.*Law 91\/2025/);
    expect(error.messageVi).toMatch(/rút lại sự đồng ý.*Luật Bảo vệ dữ liệu cá nhân/);
    expect(given(events).when(refer('provider-legal-2', '2026-05-13'))[0]!.data).toMatchObject({ providerId: 'provider-legal-2' });
  });

  it('cancels the open referrals to X when the consent for X is withdrawn, and only those', () => {
    const events = history(
      OPEN,
      consent('case_management'),
      SCREEN,
      referralConsent('provider-health-1'),
      referralConsent('provider-legal-2'),
      refer('provider-health-1'),
      refer('provider-legal-2'),
      refer('provider-health-1'),
      { type: 'AcceptReferral', referralId: 'id-6', acceptedOn: '2026-05-07' },
    );
    const referrals = stateOf(events).referrals.map((r) => [r.referralId, r.providerId, r.status]);
    expect(referrals).toEqual([
      ['id-5', 'provider-health-1', 'pending'],
      ['id-6', 'provider-legal-2', 'accepted'],
      ['id-7', 'provider-health-1', 'pending'],
    ]);
    const withdrawn = given(events).when(withdraw('referral', 'provider-health-1'));
    expect(withdrawn).toEqual([
      {
        type: 'support_case.consent_withdrawn',
        data: {
          consentId: 'id-3',
          purpose: 'referral',
          providerId: 'provider-health-1',
          withdrawnOn: '2026-05-12',
          withdrawalRecordedBy: 'worker-1',
        },
      },
      {
        type: 'support_case.referral_cancelled',
        data: { referralId: 'id-5', cancellationReason: 'consent_withdrawn', cancelledOn: '2026-05-12' },
      },
      {
        type: 'support_case.referral_cancelled',
        data: { referralId: 'id-7', cancellationReason: 'consent_withdrawn', cancelledOn: '2026-05-12' },
      },
    ]);
    const after = stateOf([...events, ...withdrawn]);
    expect(after.referrals.map((r) => r.status)).toEqual(['cancelled', 'accepted', 'cancelled']);
    expect(consentSummary(after)).toEqual({
      case_management: 'given',
      follow_up_contact: 'none',
      deidentified_statistics: 'none',
      referral: [
        { providerId: 'provider-health-1', status: 'withdrawn' },
        { providerId: 'provider-legal-2', status: 'given' },
      ],
    });
  });

  it('leaves a delivered referral as it is', () => {
    const events = delivered();
    expect(
      given(events)
        .when(withdraw('referral', 'provider-health-1'))
        .map((e) => e.type),
    ).toEqual(['support_case.consent_withdrawn']);
  });
});

describe('consent: follow-up contact', () => {
  const withFollowUpConsent = () => delivered(consent('follow_up_contact'));

  it('allows follow-up contacts while in force', () => {
    expect(given(withFollowUpConsent()).when(FOLLOW_UP)).toEqual([
      { type: 'support_case.follow_up_recorded', data: { followUpMethod: 'phone', followUpOn: '2026-05-13', followUpNote: null } },
    ]);
  });

  it('refuses follow-up contacts once withdrawn or never given, with 422 naming the purpose', () => {
    const withdrawn = [...withFollowUpConsent(), ...given(withFollowUpConsent()).when(withdraw('follow_up_contact'))];
    expect(given(withdrawn).refuses(FOLLOW_UP)).toMatchObject({
      kind: 'rule_violated',
      code: 'support_case.consent_withdrawn',
      details: { purpose: 'follow_up_contact' },
    });
    expect(given(delivered()).refuses(FOLLOW_UP)).toMatchObject({
      code: 'support_case.consent_required',
      details: { purpose: 'follow_up_contact' },
    });
    // Withdrawing follow-up consent stops follow-up only: services go on.
    expect(given(withdrawn).when(refer('provider-health-1', '2026-05-13'))).toHaveLength(1);
  });
});

describe('consent: de-identified statistics', () => {
  it('is recorded and withdrawn on its own, and blocks no case work', () => {
    const events = history(OPEN, consent('case_management'), consent('deidentified_statistics'), withdraw('deidentified_statistics'));
    expect(consentSummary(stateOf(events)).deidentified_statistics).toBe('withdrawn');
    expect(given(events).when(SCREEN)).toHaveLength(1);
  });
});

describe('consent: withdrawal', () => {
  it('refuses withdrawing a consent that is not in force', () => {
    expect(given(history(OPEN)).refuses(withdraw('case_management'))).toMatchObject({
      kind: 'invalid_state',
      code: 'support_case.consent_not_active',
    });
    expect(given(referred()).refuses(withdraw('referral', 'provider-legal-2'))).toMatchObject({ code: 'support_case.consent_not_active' });
    expect(given(referred()).refuses(withdraw('referral'))).toMatchObject({ code: 'support_case.provider_required' });
  });

  it('is possible on a closed case', () => {
    const closed = [...referred(), ...given(referred()).when({ type: 'CloseSupportCase', reason: 'moved', closedOn: '2026-05-10' })];
    expect(
      given(closed)
        .when(withdraw('case_management'))
        .map((e) => e.type),
    ).toEqual(['support_case.consent_withdrawn']);
  });
});
