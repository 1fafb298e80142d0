import { fold } from '../../../case-kernel/src/domain/decider.js';
import { ACK, AUTHORISE, decider, fileCommand, given, history, RECEIVED_AT, SECOND_DPO } from './data-subject-request.testkit.js';

const LATER = '2026-05-06T03:00:00.000Z';
const ERASURE = { erasedAt: '2026-05-06T03:00:00.000Z', alreadyErased: false, destroyedKeyIds: ['key-0123'] };

describe('data-subject request: file', () => {
  it('records the request with its limits computed at filing and their legal basis', () => {
    const [filed] = given().when(fileCommand('delete'), RECEIVED_AT);
    expect(filed).toEqual({
      type: 'data_subject_request.filed',
      data: {
        subjectId: 'referral-abc',
        jurisdiction: '10015',
        requestKind: 'delete',
        channel: 'in_person',
        receivedAt: RECEIVED_AT,
        // Received Wed 29/4/2026: 30/4 and 1/5 are holidays, 2-3/5 a weekend; the 2nd working day is Tue 5/5.
        acknowledgeBy: '2026-05-05T16:59:59.999Z',
        actBy: '2026-05-19T16:59:59.999Z',
        actLimit: '20 days from receipt (Decree 356/2025/ND-CP: delete the personal data within 20 days of receipt)',
        legalBasis: 'Law 91/2025/QH15 on Personal Data Protection; Decree 356/2025/ND-CP',
      },
    });
  });

  it('gives 10 days to view or correct, 15 to restrict or object, 20 to delete', () => {
    const actBy = (kind: 'view' | 'correct' | 'restrict' | 'object' | 'delete') =>
      (given().when(fileCommand(kind), RECEIVED_AT)[0]!.data as { actBy: string }).actBy;
    expect(actBy('view')).toBe('2026-05-09T16:59:59.999Z');
    expect(actBy('correct')).toBe('2026-05-09T16:59:59.999Z');
    expect(actBy('restrict')).toBe('2026-05-14T16:59:59.999Z');
    expect(actBy('object')).toBe('2026-05-14T16:59:59.999Z');
    expect(actBy('delete')).toBe('2026-05-19T16:59:59.999Z');
  });

  it('counts the 2 working days across a weekend, from the Vietnamese day of receipt', () => {
    const ackBy = (receivedAt: string) =>
      (given().when(fileCommand('view', { receivedAt }), '2026-03-20T00:00:00Z')[0]!.data as { acknowledgeBy: string }).acknowledgeBy;
    // Friday 6/3/2026 → Monday 9/3 (1), Tuesday 10/3 (2).
    expect(ackBy('2026-03-06T03:00:00Z')).toBe('2026-03-10T16:59:59.999Z');
    // 20:00 UTC on Friday is already Saturday 7/3 in Vietnam: still Tuesday 10/3.
    expect(ackBy('2026-03-06T20:00:00Z')).toBe('2026-03-10T16:59:59.999Z');
    // Monday 9/3 → Wednesday 11/3.
    expect(ackBy('2026-03-09T03:00:00+07:00')).toBe('2026-03-11T16:59:59.999Z');
  });

  it('refuses a second filing, a bad subject id, jurisdiction, kind, channel or time, and a receipt in the future', () => {
    const filed = given().when(fileCommand(), RECEIVED_AT);
    expect(given(...filed).refuses(fileCommand(), RECEIVED_AT)).toMatchObject({
      kind: 'invalid_state',
      code: 'data_subject_request.already_filed',
    });
    expect(given().refuses(fileCommand('view', { subjectId: 'Nguyễn Văn A' }), RECEIVED_AT)).toMatchObject({
      kind: 'rule_violated',
      details: { field: 'subjectId' },
    });
    expect(given().refuses(fileCommand('view', { jurisdiction: 'VN' }), RECEIVED_AT)).toMatchObject({ details: { field: 'jurisdiction' } });
    expect(given().refuses(fileCommand('forget' as never), RECEIVED_AT)).toMatchObject({ details: { field: 'requestKind' } });
    expect(given().refuses(fileCommand('view', { channel: 'pigeon' as never }), RECEIVED_AT)).toMatchObject({
      details: { field: 'channel' },
    });
    expect(given().refuses(fileCommand('view', { receivedAt: '29/04/2026' }), RECEIVED_AT)).toMatchObject({
      details: { field: 'receivedAt' },
    });
    const future = given().refuses(fileCommand('view', { receivedAt: '2026-04-29T03:00:01Z' }), RECEIVED_AT);
    expect(future).toMatchObject({ code: 'data_subject_request.received_in_future' });
    expect(future.messageVi).toContain('tương lai');
  });
});

describe('data-subject request: acknowledge', () => {
  it('acknowledges a received request', () => {
    expect(given(...history('view')).when({ kind: 'acknowledge' }, ACK[1])).toEqual([
      { type: 'data_subject_request.acknowledged', data: { acknowledgedAt: ACK[1] } },
    ]);
  });

  it('refuses anyone but the DPO, a missing request, a second acknowledgement and a closed request', () => {
    expect(given(...history('view')).refuses({ kind: 'acknowledge' }, ACK[1], ['support_supervisor', 'auditor'])).toMatchObject({
      kind: 'rule_violated',
      code: 'data_subject_request.dpo_only',
    });
    expect(given().refuses({ kind: 'acknowledge' }, ACK[1])).toMatchObject({ kind: 'not_found', code: 'data_subject_request.not_found' });
    expect(given(...history('view', ACK)).refuses({ kind: 'acknowledge' }, LATER)).toMatchObject({
      kind: 'invalid_state',
      code: 'data_subject_request.already_acknowledged',
    });
    const refused = history('view', [{ kind: 'refuse', reason: 'identity_not_verified', explanation: 'Không xác minh được' }, ACK[1]]);
    expect(given(...refused).refuses({ kind: 'acknowledge' }, LATER)).toMatchObject({
      kind: 'invalid_state',
      code: 'data_subject_request.closed',
      details: { status: 'refused' },
    });
  });
});

describe('data-subject request: complete', () => {
  it('completes an acknowledged request that is not a deletion with what was done', () => {
    expect(given(...history('correct', ACK)).when({ kind: 'complete', outcome: 'Đã sửa năm sinh', erasure: null }, LATER)).toEqual([
      { type: 'data_subject_request.completed', data: { completedAt: LATER, outcome: 'Đã sửa năm sinh' } },
    ]);
  });

  it('completes a deletion only once the erasure was authorised and the key shredded, recording the execution', () => {
    expect(given(...history('delete', ACK)).when({ kind: 'authorise_erasure' }, LATER)).toEqual([
      { type: 'data_subject_request.erasure_authorised', data: { erasureAuthorisedAt: LATER, authorisedBy: 'dpo-1' } },
    ]);
    expect(
      given(...history('delete', ACK, AUTHORISE)).when(
        { kind: 'complete', outcome: 'Đã xóa', erasure: ERASURE },
        LATER,
        undefined,
        SECOND_DPO,
      ),
    ).toEqual([
      {
        type: 'data_subject_request.erasure_executed',
        data: { erasedSubjectId: 'referral-abc', erasedAt: ERASURE.erasedAt, alreadyErased: false, destroyedKeyIds: ['key-0123'] },
      },
      { type: 'data_subject_request.completed', data: { completedAt: LATER, outcome: 'Đã xóa' } },
    ]);
    const state = fold(decider, history('delete', ACK, AUTHORISE, [{ kind: 'complete', outcome: 'Đã xóa', erasure: ERASURE }, LATER]));
    expect(state).toMatchObject({ status: 'completed', erasure: ERASURE, completedAt: LATER });
  });

  it('authorises an erasure once: a second authorisation is a conflict', () => {
    expect(given(...history('delete', ACK, AUTHORISE)).refuses({ kind: 'authorise_erasure' }, LATER)).toMatchObject({
      kind: 'invalid_state',
      code: 'data_subject_request.erasure_already_authorised',
    });
  });

  it('never lets the officer who authorised the erasure carry it out (four eyes)', () => {
    expect(
      given(...history('delete', ACK, AUTHORISE)).refuses(
        { kind: 'complete', outcome: 'Đã xóa', erasure: ERASURE },
        LATER,
        undefined,
        'dpo-1',
      ),
    ).toMatchObject({ kind: 'forbidden', code: 'erasure.self_confirmation' });
  });

  it('refuses completing before acknowledgement, a deletion without authorisation or shredding, an erasure for another kind, no outcome', () => {
    expect(given(...history('view')).refuses({ kind: 'complete', outcome: 'x', erasure: null }, LATER)).toMatchObject({
      kind: 'invalid_state',
      code: 'data_subject_request.not_acknowledged',
    });
    expect(given(...history('delete', ACK)).refuses({ kind: 'complete', outcome: 'x', erasure: ERASURE }, LATER)).toMatchObject({
      kind: 'invalid_state',
      code: 'data_subject_request.erasure_not_authorised',
    });
    expect(
      given(...history('delete', ACK, AUTHORISE)).refuses({ kind: 'complete', outcome: 'x', erasure: null }, LATER, undefined, SECOND_DPO),
    ).toMatchObject({ kind: 'rule_violated', code: 'data_subject_request.erasure_not_executed' });
    expect(given(...history('view', ACK)).refuses({ kind: 'complete', outcome: 'x', erasure: ERASURE }, LATER)).toMatchObject({
      kind: 'rule_violated',
      code: 'data_subject_request.not_a_deletion',
    });
    expect(given(...history('view', ACK)).refuses({ kind: 'authorise_erasure' }, LATER)).toMatchObject({
      code: 'data_subject_request.not_a_deletion',
    });
    expect(given(...history('delete')).refuses({ kind: 'authorise_erasure' }, LATER)).toMatchObject({
      kind: 'invalid_state',
      code: 'data_subject_request.not_acknowledged',
    });
    expect(given(...history('view', ACK)).refuses({ kind: 'complete', outcome: '', erasure: null }, LATER)).toMatchObject({
      details: { field: 'outcome' },
    });
    expect(
      given(...history('view', ACK)).refuses({ kind: 'complete', outcome: 'x', erasure: null }, LATER, ['social_worker']),
    ).toMatchObject({ code: 'data_subject_request.dpo_only' });
    const done = history('view', ACK, [{ kind: 'complete', outcome: 'x', erasure: null }, LATER]);
    expect(given(...done).refuses({ kind: 'complete', outcome: 'y', erasure: null }, LATER)).toMatchObject({
      kind: 'invalid_state',
      code: 'data_subject_request.closed',
      details: { status: 'completed' },
    });
  });
});

describe('data-subject request: refuse', () => {
  it('refuses a received or acknowledged request with a reason and an explanation', () => {
    const refusal = { kind: 'refuse' as const, reason: 'law_requires_processing' as const, explanation: 'Hồ sơ phải lưu theo luật' };
    const expected = [
      {
        type: 'data_subject_request.refused',
        data: { refusedAt: LATER, refusalReason: 'law_requires_processing', explanation: 'Hồ sơ phải lưu theo luật' },
      },
    ];
    expect(given(...history('object')).when(refusal, LATER)).toEqual(expected);
    expect(given(...history('object', ACK)).when(refusal, LATER)).toEqual(expected);
  });

  it('refuses a refusal once the erasure was authorised, with an unknown reason or no explanation, or by anyone but the DPO', () => {
    const refusal = { kind: 'refuse' as const, reason: 'other' as const, explanation: 'x' };
    expect(given(...history('delete', ACK, AUTHORISE)).refuses(refusal, LATER)).toMatchObject({
      kind: 'invalid_state',
      code: 'data_subject_request.erasure_under_way',
    });
    expect(given(...history('view')).refuses({ ...refusal, reason: 'busy' as never }, LATER)).toMatchObject({
      details: { field: 'reason' },
    });
    expect(given(...history('view')).refuses({ ...refusal, explanation: ' ' }, LATER)).toMatchObject({ details: { field: 'explanation' } });
    expect(given(...history('view')).refuses(refusal, LATER, ['auditor'])).toMatchObject({ code: 'data_subject_request.dpo_only' });
  });

  it('ignores an unknown event type', () => {
    expect(fold(decider, [...history('view'), { type: 'data_subject_request.renamed', data: {} } as never]).status).toBe('received');
  });
});
