import { contextOn, decider, given, RECORD, recorded } from './penalty-scenario.testkit.js';
import type { PenaltyCommand, PenaltyEvent } from './penalty-types.js';

const MANAGER = { act: '35.1' as const, people: [{ subjectId: 'subj-m', fullName: 'Trần Quản Lý', idNumber: null, address: null }] };
const requested: PenaltyEvent = { type: 'penalty.explanation_requested', data: { subjectId: 'subj-m', requestedOn: '2026-03-05' } };

describe('penalty case: recording the violation', () => {
  it('records the violation with the table in force and one event per person, the recording officer as assignee', () => {
    const events = given().when(RECORD, '2026-03-03');
    expect(events).toEqual([
      {
        type: 'penalty.violation_recorded',
        data: {
          jurisdiction: '10015',
          violationDate: '2026-03-02',
          recordedOn: '2026-03-03',
          act: '32',
          multiplePeopleAtOnce: false,
          offenderType: 'individual',
          referenceTable: 'decree-282-2025',
          explanationRight: false,
          tipId: 'tip-77',
          summary: 'Caught at guesthouse X',
          assigneeId: 'official-1',
        },
      },
      {
        type: 'penalty.person_recorded',
        data: { subjectId: 'subj-a', fullName: 'Nguyễn Văn A', idNumber: '001200000001', address: 'Chương Mỹ' },
      },
    ]);
  });

  it('makes pseudonymous subject ids for people given without one, and knows which acts carry the right to explain', () => {
    const events = decider.decide(
      { ...RECORD, ...MANAGER, people: [{ subjectId: null, fullName: 'X', idNumber: null, address: null }] },
      decider.initialState,
      contextOn('2026-03-03'),
    );
    expect(events[0]!.data).toMatchObject({ act: '35.1', explanationRight: true });
    expect(events[1]!.data).toMatchObject({ subjectId: 'penalised-id1' });
    const brokering = given().when({ ...RECORD, act: '34.3' }, '2026-03-03');
    expect(brokering[0]!.data).toMatchObject({ explanationRight: true });
    const hiding = given().when({ ...RECORD, act: '34.2' }, '2026-03-03');
    expect(hiding[0]!.data).toMatchObject({ explanationRight: false });
  });

  it('refuses a violation dated before Decree 282/2025 took effect: no reference table covers it', () => {
    const error = given().refuses({ ...RECORD, violationDate: '2025-12-14' }, '2026-03-03');
    expect(error).toMatchObject({ kind: 'rule_violated', code: 'penalty.no_reference_table' });
    expect(error.message).toContain('Decree 282/2025/NĐ-CP from 2025-12-15');
    expect(error.messageVi).toContain('Nghị định 144/2021/NĐ-CP');
    expect(given().when({ ...RECORD, violationDate: '2025-12-15' }, '2026-03-03')).toHaveLength(2);
  });

  it.each<[string, Partial<typeof RECORD>, string]>([
    ['an impossible date', { violationDate: '2026-02-30' }, 'penalty.invalid_date'],
    ['a record dated in the future', { recordedOn: '2026-03-04' }, 'penalty.date_in_future'],
    ['a record before the violation', { recordedOn: '2026-03-01' }, 'penalty.date_out_of_order'],
    ['the higher bracket on an act that has none', { act: '34.2', multiplePeopleAtOnce: true }, 'penalty.multiple_people_not_applicable'],
    ['nobody penalised', { people: [] }, 'penalty.people_count'],
    [
      'two organisations on one record',
      { offenderType: 'organisation', people: [{ ...RECORD.people[0]! }, { ...RECORD.people[0]!, subjectId: 'subj-b' }] },
      'penalty.one_organisation_per_record',
    ],
    ['the same subject twice', { people: [RECORD.people[0]!, RECORD.people[0]!] }, 'penalty.duplicate_subject'],
  ])('refuses %s', (_name, overrides, code) => {
    expect(given().refuses({ ...RECORD, ...overrides }, '2026-03-03')).toMatchObject({ kind: 'rule_violated', code });
  });

  it('refuses an act that is not in the table, and a second record on the same case', () => {
    expect(given().refuses({ ...RECORD, act: '36' as never }, '2026-03-03').code).toBe('penalty.unknown_act');
    expect(given(...recorded()).refuses(RECORD, '2026-03-03')).toMatchObject({ kind: 'invalid_state', code: 'penalty.already_recorded' });
  });
});

describe('penalty case: explanation (Law on Handling Administrative Violations, art. 61)', () => {
  const asked = [...recorded(MANAGER), requested];

  it('lets a person on the record ask to explain within 5 working days of the record', () => {
    expect(given(...recorded(MANAGER)).when({ kind: 'request_explanation', subjectId: 'subj-m' }, '2026-03-10')).toEqual([
      { type: 'penalty.explanation_requested', data: { subjectId: 'subj-m', requestedOn: '2026-03-10' } },
    ]);
  });

  it('refuses a request after the 5 working days, for an act without the right, for an unknown person, or twice', () => {
    const late = given(...recorded(MANAGER)).refuses({ kind: 'request_explanation', subjectId: 'subj-m' }, '2026-03-11');
    expect(late).toMatchObject({ code: 'penalty.explanation_window_closed', details: { dueOn: '2026-03-10' } });
    expect(late.message).toContain('art. 61');
    expect(given(...recorded()).refuses({ kind: 'request_explanation', subjectId: 'subj-a' }).code).toBe(
      'penalty.explanation_not_applicable',
    );
    expect(given(...recorded(MANAGER)).refuses({ kind: 'request_explanation', subjectId: 'subj-x' }).code).toBe('penalty.unknown_subject');
    expect(given(...asked).refuses({ kind: 'request_explanation', subjectId: 'subj-m' })).toMatchObject({
      kind: 'invalid_state',
      code: 'penalty.explanation_already_requested',
    });
  });

  it('extends the period once by 5 working days, only after a request and before it ends', () => {
    expect(given(...asked).when({ kind: 'extend_explanation', reason: 'complex' })).toEqual([
      { type: 'penalty.explanation_extended', data: { reason: 'complex', dueOn: '2026-03-17' } },
    ]);
    const extended: PenaltyEvent = { type: 'penalty.explanation_extended', data: { reason: 'complex', dueOn: '2026-03-17' } };
    expect(given(...asked, extended).refuses({ kind: 'extend_explanation', reason: 'again' }).code).toBe(
      'penalty.explanation_already_extended',
    );
    expect(given(...recorded(MANAGER)).refuses({ kind: 'extend_explanation', reason: 'x' }).code).toBe('penalty.explanation_not_requested');
    expect(given(...asked).refuses({ kind: 'extend_explanation', reason: 'x' }, '2026-03-11').code).toBe(
      'penalty.explanation_window_closed',
    );
  });

  it('receives the explanation of a person who asked, on time; refuses a late, unrequested or repeated one', () => {
    const explain: PenaltyCommand = {
      kind: 'record_explanation',
      subjectId: 'subj-m',
      receivedOn: '2026-03-09',
      explanation: 'I did not know',
    };
    const received = given(...asked).when(explain);
    expect(received).toEqual([
      { type: 'penalty.explanation_received', data: { subjectId: 'subj-m', receivedOn: '2026-03-09', explanation: 'I did not know' } },
    ]);
    expect(given(...asked).refuses({ ...explain, receivedOn: '2026-03-11' }, '2026-03-12').code).toBe('penalty.explanation_window_closed');
    expect(given(...asked).refuses({ ...explain, receivedOn: '2026-03-02' }).code).toBe('penalty.date_out_of_order');
    expect(given(...recorded(MANAGER)).refuses(explain).code).toBe('penalty.explanation_not_requested');
    expect(given(...asked, ...received).refuses(explain).code).toBe('penalty.explanation_already_received');
  });
});

describe('penalty case: verification and the time limit for deciding (art. 66)', () => {
  it('requires verification while the 7 working days run, which gives 1 month from the record', () => {
    expect(given(...recorded()).when({ kind: 'require_verification', reason: 'identity to confirm' }, '2026-03-12')).toEqual([
      { type: 'penalty.verification_required', data: { reason: 'identity to confirm', dueOn: '2026-04-03' } },
    ]);
    expect(given(...recorded()).refuses({ kind: 'require_verification', reason: 'late' }, '2026-03-13').code).toBe(
      'penalty.decision_deadline_passed',
    );
    const verifying: PenaltyEvent = { type: 'penalty.verification_required', data: { reason: 'r', dueOn: '2026-04-03' } };
    expect(given(...recorded(), verifying).refuses({ kind: 'require_verification', reason: 'again' }).code).toBe(
      'penalty.verification_already_required',
    );
  });

  it('extends the month once by another month in complex cases with explanation or verification', () => {
    const verifying: PenaltyEvent = { type: 'penalty.verification_required', data: { reason: 'r', dueOn: '2026-04-03' } };
    // 3/5/2026 is a Sunday: the period ends on the next working day (Civil Code art. 148).
    expect(given(...recorded(), verifying).when({ kind: 'extend_decision_deadline', reason: 'many people' }, '2026-04-03')).toEqual([
      { type: 'penalty.decision_deadline_extended', data: { reason: 'many people', dueOn: '2026-05-04' } },
    ]);
    expect(given(...recorded()).refuses({ kind: 'extend_decision_deadline', reason: 'x' }).code).toBe('penalty.extension_not_applicable');
    expect(given(...recorded(), verifying).refuses({ kind: 'extend_decision_deadline', reason: 'x' }, '2026-04-06').code).toBe(
      'penalty.decision_deadline_passed',
    );
    const extended: PenaltyEvent = { type: 'penalty.decision_deadline_extended', data: { reason: 'r', dueOn: '2026-05-04' } };
    expect(given(...recorded(), verifying, extended).refuses({ kind: 'extend_decision_deadline', reason: 'x' }).code).toBe(
      'penalty.decision_deadline_already_extended',
    );
  });

  it('refuses every command but recording on a case that does not exist', () => {
    expect(given().refuses({ kind: 'require_verification', reason: 'x' })).toMatchObject({ kind: 'not_found', code: 'penalty.not_found' });
    expect(given().refuses({ kind: 'deliver', deliveredOn: '2026-03-10' })).toMatchObject({ kind: 'not_found' });
  });
});
