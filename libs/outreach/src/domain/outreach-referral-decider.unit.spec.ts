import { DomainError, fold, type DecisionContext } from '../../../case-kernel/src/domain/decider.js';
import { outreachReferralDecider } from './outreach-referral-decider.js';
import type { OutreachReferralCommand, OutreachReferralEvent } from './outreach-referral.js';

const NOW = new Date('2026-05-04T03:00:00Z');
const AT = NOW.toISOString();
const context: DecisionContext = { now: NOW, actorId: 'supervisor-1', roles: ['support_supervisor'], newId: () => 'id' };

const REFER: OutreachReferralCommand = {
  kind: 'refer',
  jurisdiction: '10015',
  contactHint: 'Gọi sau 20 giờ',
  preferredLanguage: 'vi',
  preferredTime: 'Buổi tối',
  needsMentioned: 'Khám sức khỏe',
};
const CREATED: OutreachReferralEvent = {
  type: 'outreach_referral.created',
  data: {
    jurisdiction: '10015',
    contactHint: 'Gọi sau 20 giờ',
    preferredLanguage: 'vi',
    preferredTime: 'Buổi tối',
    needsMentioned: 'Khám sức khỏe',
    referredAt: AT,
  },
};
const ASSIGNED: OutreachReferralEvent = { type: 'outreach_referral.assigned', data: { assigneeId: 'worker-1', assignedAt: AT } };
const ACCEPTED: OutreachReferralEvent = { type: 'outreach_referral.accepted', data: { supportCaseId: 'case-9', acceptedAt: AT } };
const DECLINED: OutreachReferralEvent = {
  type: 'outreach_referral.declined',
  data: { declineReason: 'could_not_reach', declineNote: null, declinedAt: AT },
};

function given(...past: OutreachReferralEvent[]) {
  const state = fold(outreachReferralDecider, past);
  return {
    when: (command: OutreachReferralCommand) => outreachReferralDecider.decide(command, state, context),
    refuses: (command: OutreachReferralCommand): DomainError => {
      try {
        outreachReferralDecider.decide(command, state, context);
      } catch (error) {
        if (error instanceof DomainError) return error;
        throw error;
      }
      throw new Error('expected a refusal');
    },
  };
}

describe('outreach referral: refer', () => {
  it('records where and how to reach the person, the preferences and the needs mentioned, and when', () => {
    expect(given().when(REFER)).toEqual([CREATED]);
    expect(given().when({ ...REFER, preferredLanguage: null, preferredTime: null, needsMentioned: null })[0]!.data).toMatchObject({
      preferredLanguage: null,
      preferredTime: null,
      needsMentioned: null,
    });
  });

  it('refuses a second creation, a non-commune jurisdiction, an empty or too long contact, a bad language and over-long needs', () => {
    expect(given(CREATED).refuses(REFER)).toMatchObject({ kind: 'invalid_state', code: 'outreach_referral.already_exists' });
    expect(given().refuses({ ...REFER, jurisdiction: '01' })).toMatchObject({
      kind: 'rule_violated',
      code: 'outreach_referral.invalid_value',
      details: { field: 'jurisdiction' },
    });
    expect(given().refuses({ ...REFER, contactHint: '   ' })).toMatchObject({
      code: 'outreach_referral.invalid_text',
      details: { field: 'contactHint' },
    });
    expect(given().refuses({ ...REFER, contactHint: 'x'.repeat(301) })).toMatchObject({
      code: 'outreach_referral.invalid_text',
      details: { field: 'contactHint', maxLength: 300 },
    });
    expect(given().refuses({ ...REFER, preferredLanguage: 'Vietnamese' })).toMatchObject({ details: { field: 'preferredLanguage' } });
    expect(given().refuses({ ...REFER, needsMentioned: 'x'.repeat(501) })).toMatchObject({
      details: { field: 'needsMentioned', maxLength: 500 },
    });
    expect(given().refuses({ ...REFER, preferredTime: '' })).toMatchObject({ details: { field: 'preferredTime' } });
  });

  it('has messages in English and Vietnamese', () => {
    const error = given().refuses({ ...REFER, contactHint: '' });
    expect(error.message).toContain('contactHint');
    expect(error.messageVi).toContain('ký tự');
  });
});

describe('outreach referral: assign', () => {
  it('assigns a received referral, and reassigns an assigned one', () => {
    expect(given(CREATED).when({ kind: 'assign', assigneeId: 'worker-1' })).toEqual([ASSIGNED]);
    expect(given(CREATED, ASSIGNED).when({ kind: 'assign', assigneeId: 'worker-2' })).toEqual([
      { type: 'outreach_referral.assigned', data: { assigneeId: 'worker-2', assignedAt: AT } },
    ]);
  });

  it('refuses a missing referral, the same assignee again, a bad user id, and a decided referral', () => {
    expect(given().refuses({ kind: 'assign', assigneeId: 'worker-1' })).toMatchObject({
      kind: 'not_found',
      code: 'outreach_referral.not_found',
    });
    expect(given(CREATED, ASSIGNED).refuses({ kind: 'assign', assigneeId: 'worker-1' })).toMatchObject({
      kind: 'invalid_state',
      code: 'outreach_referral.already_assigned',
    });
    expect(given(CREATED).refuses({ kind: 'assign', assigneeId: 'has space' })).toMatchObject({
      kind: 'rule_violated',
      details: { field: 'assigneeId' },
    });
    expect(given(CREATED, ACCEPTED).refuses({ kind: 'assign', assigneeId: 'worker-2' })).toMatchObject({
      kind: 'invalid_state',
      code: 'outreach_referral.already_decided',
      details: { status: 'accepted' },
    });
    expect(given(CREATED, DECLINED).refuses({ kind: 'assign', assigneeId: 'worker-2' })).toMatchObject({
      code: 'outreach_referral.already_decided',
      details: { status: 'declined' },
    });
  });
});

describe('outreach referral: accept', () => {
  it('accepts a received or assigned referral into the support case chosen', () => {
    expect(given(CREATED).when({ kind: 'accept', supportCaseId: 'case-9' })).toEqual([ACCEPTED]);
    expect(given(CREATED, ASSIGNED).when({ kind: 'accept', supportCaseId: 'case-9' })).toEqual([ACCEPTED]);
  });

  it('refuses a bad case id and a referral already accepted or declined', () => {
    expect(given(CREATED).refuses({ kind: 'accept', supportCaseId: 'not a case id' })).toMatchObject({
      code: 'outreach_referral.invalid_value',
      details: { field: 'supportCaseId' },
    });
    expect(given(CREATED, ACCEPTED).refuses({ kind: 'accept', supportCaseId: 'case-10' })).toMatchObject({
      kind: 'invalid_state',
      code: 'outreach_referral.already_decided',
    });
    expect(given(CREATED, DECLINED).refuses({ kind: 'accept', supportCaseId: 'case-10' })).toMatchObject({
      kind: 'invalid_state',
      code: 'outreach_referral.already_decided',
    });
    expect(given().refuses({ kind: 'accept', supportCaseId: 'case-10' })).toMatchObject({ kind: 'not_found' });
  });
});

describe('outreach referral: decline', () => {
  it('declines with a reason, and with a note for another reason', () => {
    expect(given(CREATED).when({ kind: 'decline', reason: 'could_not_reach', note: null })).toEqual([DECLINED]);
    expect(given(CREATED, ASSIGNED).when({ kind: 'decline', reason: 'other', note: 'Đã chuyển đến tỉnh khác' })[0]!.data).toEqual({
      declineReason: 'other',
      declineNote: 'Đã chuyển đến tỉnh khác',
      declinedAt: AT,
    });
  });

  it('refuses another reason without a note, an unknown reason, an over-long note, and a decided referral', () => {
    expect(given(CREATED).refuses({ kind: 'decline', reason: 'other', note: null })).toMatchObject({
      kind: 'rule_violated',
      code: 'outreach_referral.note_required',
    });
    expect(given(CREATED).refuses({ kind: 'decline', reason: 'offence_found' as never, note: null })).toMatchObject({
      details: { field: 'reason' },
    });
    expect(given(CREATED).refuses({ kind: 'decline', reason: 'other', note: 'x'.repeat(501) })).toMatchObject({
      code: 'outreach_referral.invalid_text',
    });
    expect(given(CREATED, DECLINED).refuses({ kind: 'decline', reason: 'could_not_reach', note: null })).toMatchObject({
      kind: 'invalid_state',
      code: 'outreach_referral.already_decided',
    });
  });
});

describe('outreach referral: evolve', () => {
  it('folds the whole life of a referral', () => {
    expect(fold(outreachReferralDecider, [CREATED, ASSIGNED, ACCEPTED])).toEqual({
      status: 'accepted',
      jurisdiction: '10015',
      contactHint: 'Gọi sau 20 giờ',
      preferredLanguage: 'vi',
      preferredTime: 'Buổi tối',
      needsMentioned: 'Khám sức khỏe',
      referredAt: AT,
      assigneeId: 'worker-1',
      assignedAt: AT,
      supportCaseId: 'case-9',
      declineReason: null,
      declineNote: null,
      decidedAt: AT,
    });
  });

  it('keeps markers in protected fields as they are and ignores an unknown event type', () => {
    const erased: OutreachReferralEvent = { ...CREATED, data: { ...CREATED.data, contactHint: { erased: true } as never } };
    expect(fold(outreachReferralDecider, [erased]).contactHint).toEqual({ erased: true });
    expect(fold(outreachReferralDecider, [CREATED, { type: 'outreach_referral.renamed', data: {} } as never]).status).toBe('received');
  });
});
