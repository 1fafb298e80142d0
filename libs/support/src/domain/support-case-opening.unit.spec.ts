import { clientCodeFrom, serviceUserSubject } from './support-case-rules.js';
import { FIRST_CONTACT_CHANNELS } from './support-case-types.js';
import { consent, given, history, OPEN, stateOf } from './support-case.testkit.js';
import { isSubjectId } from '../../../crypto/src/index.js';

describe('support case: first contact', () => {
  it('opens the case with a system-generated client code, the channel, the assignee and the service user’s details', () => {
    const [opened, ...rest] = given([]).when(OPEN);
    expect(rest).toEqual([]);
    expect(opened).toEqual({
      type: 'support_case.opened',
      data: {
        caseId: 'case-1',
        clientCode: clientCodeFrom('id-1'),
        jurisdiction: '10015',
        channel: 'outreach',
        outreachReferralId: null,
        contactedOn: '2026-05-04',
        assigneeId: 'worker-1',
        name: 'Trần Thị Mai',
        contact: '0912 000 111',
        birthYear: 1998,
        address: 'Tổ 4, xã Chương Mỹ',
        contactNote: 'Gặp tại điểm tư vấn lưu động',
      },
    });
    expect(stateOf([opened!])).toMatchObject({
      status: 'first_contact',
      assigneeId: 'worker-1',
      firstContact: { channel: 'outreach', contactedOn: '2026-05-04', outreachReferralId: null },
    });
  });

  it('derives the client code from a random id, never from the person, and the data subject from the code', () => {
    const code = clientCodeFrom('3f1c1d4e-7a2b-4c9d-8e0f-112233445566');
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(clientCodeFrom('another-random-id')).not.toBe(code);
    const a = given([]).when({ ...OPEN, serviceUser: { name: 'Same Name' } })[0]!;
    const b = given([]).when({ ...OPEN, serviceUser: { name: 'Other Name' } })[0]!;
    expect(a.data).toMatchObject({ clientCode: clientCodeFrom('id-1') });
    expect((a.data as { clientCode: string }).clientCode).toBe((b.data as { clientCode: string }).clientCode);
    expect(JSON.stringify(code)).not.toMatch(/Same|Name/);
    expect(serviceUserSubject(code)).toBe(`su-${code}`);
    expect(isSubjectId(serviceUserSubject(code))).toBe(true);
  });

  it('accepts every first-contact channel; only an outreach referral carries (only) its id', () => {
    for (const channel of FIRST_CONTACT_CHANNELS.filter((c) => c !== 'outreach_referral')) {
      expect(given([]).when({ ...OPEN, channel })[0]!.data).toMatchObject({ channel, outreachReferralId: null });
    }
    const fromReferral = given([]).when({ ...OPEN, channel: 'outreach_referral', outreachReferralId: 'outreach-ref-42' })[0]!;
    expect(fromReferral.data).toMatchObject({ channel: 'outreach_referral', outreachReferralId: 'outreach-ref-42' });
  });

  it('opens with nothing known about the person but the code', () => {
    expect(given([]).when({ ...OPEN, serviceUser: {}, note: undefined })[0]!.data).toMatchObject({
      name: null,
      contact: null,
      birthYear: null,
      address: null,
      contactNote: null,
    });
  });

  it('refuses a second opening, a bad jurisdiction, channel or assignee, a future date and an impossible birth year', () => {
    const opened = history(OPEN);
    expect(given(opened).refuses(OPEN)).toMatchObject({ kind: 'invalid_state', code: 'support_case.already_opened' });
    expect(given([]).refuses({ ...OPEN, jurisdiction: '1001' })).toMatchObject({
      kind: 'rule_violated',
      code: 'support_case.jurisdiction_required',
    });
    expect(given([]).refuses({ ...OPEN, channel: 'fax' as never })).toMatchObject({
      code: 'support_case.invalid_value',
      details: { field: 'channel' },
    });
    expect(given([]).refuses({ ...OPEN, assigneeId: 'not an id' })).toMatchObject({
      code: 'support_case.invalid_reference',
      details: { field: 'assigneeId' },
    });
    expect(given([]).refuses({ ...OPEN, contactedOn: '2026-05-16' })).toMatchObject({ code: 'support_case.date_in_future' });
    expect(given([]).refuses({ ...OPEN, contactedOn: '2026-02-30' })).toMatchObject({ code: 'support_case.invalid_date' });
    expect(given([]).refuses({ ...OPEN, serviceUser: { birthYear: 2027 } })).toMatchObject({ code: 'support_case.invalid_birth_year' });
    expect(given([]).refuses({ ...OPEN, serviceUser: { birthYear: 1990.5 } })).toMatchObject({ code: 'support_case.invalid_birth_year' });
  });

  it('refuses an outreach referral without its id, and a referral id on any other channel', () => {
    expect(given([]).refuses({ ...OPEN, channel: 'outreach_referral' })).toMatchObject({
      kind: 'rule_violated',
      code: 'support_case.outreach_referral_id_required',
    });
    expect(given([]).refuses({ ...OPEN, channel: 'hotline', outreachReferralId: 'outreach-ref-42' })).toMatchObject({
      code: 'support_case.outreach_referral_id_not_applicable',
    });
    expect(given([]).refuses({ ...OPEN, channel: 'outreach_referral', outreachReferralId: 'ref with spaces' })).toMatchObject({
      code: 'support_case.invalid_reference',
    });
  });

  it('refuses any other command on a case that was never opened', () => {
    expect(given([]).refuses(consent('case_management'))).toMatchObject({ kind: 'not_found', code: 'support_case.not_found' });
  });
});

describe('support case: assignment', () => {
  it('records the new responsible social worker', () => {
    const [assigned] = given(history(OPEN), 'supervisor-1').when({ type: 'AssignSupportCase', assigneeId: 'worker-2' });
    expect(assigned).toEqual({ type: 'support_case.assigned', data: { assigneeId: 'worker-2', assignedAt: '2026-05-15T03:00:00.000Z' } });
    expect(stateOf([...history(OPEN), assigned!]).assigneeId).toBe('worker-2');
  });

  it('refuses assigning to the current assignee or to something that is not a user id', () => {
    expect(given(history(OPEN)).refuses({ type: 'AssignSupportCase', assigneeId: 'worker-1' })).toMatchObject({
      kind: 'invalid_state',
      code: 'support_case.already_assigned',
    });
    expect(given(history(OPEN)).refuses({ type: 'AssignSupportCase', assigneeId: '' })).toMatchObject({
      code: 'support_case.invalid_reference',
    });
  });

  it('reassigns a closed case too (its records still need a keeper)', () => {
    const closed = history(OPEN, { type: 'CloseSupportCase', reason: 'moved', closedOn: '2026-05-10' });
    expect(given(closed).when({ type: 'AssignSupportCase', assigneeId: 'worker-3' })).toHaveLength(1);
  });
});

describe('support case: correcting the service user’s details', () => {
  it('records only the details given, and the view shows the latest', () => {
    const [updated] = given(history(OPEN)).when({ type: 'UpdateServiceUser', serviceUser: { contact: '0988 777 666', birthYear: 1997 } });
    expect(updated).toEqual({ type: 'support_case.service_user_updated', data: { contact: '0988 777 666', birthYear: 1997 } });
    expect(stateOf([...history(OPEN), updated!]).serviceUser).toEqual({
      name: 'Trần Thị Mai',
      contact: '0988 777 666',
      birthYear: 1997,
      address: 'Tổ 4, xã Chương Mỹ',
    });
  });

  it('refuses an empty correction and an impossible birth year', () => {
    expect(given(history(OPEN)).refuses({ type: 'UpdateServiceUser', serviceUser: {} })).toMatchObject({
      kind: 'rule_violated',
      code: 'support_case.nothing_to_update',
    });
    expect(given(history(OPEN)).refuses({ type: 'UpdateServiceUser', serviceUser: { birthYear: 1850 } })).toMatchObject({
      code: 'support_case.invalid_birth_year',
    });
  });
});
