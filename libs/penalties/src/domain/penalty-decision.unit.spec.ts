import { contextOn, decided, decider, given, holding, RECORD, recorded } from './penalty-scenario.testkit.js';
import type { PenaltyCommand, PenaltyEvent } from './penalty-types.js';

type Decide = Extract<PenaltyCommand, { kind: 'decide' }>;
const DECIDE: Decide = {
  kind: 'decide',
  decisionNumber: '12/QĐ-XPHC',
  sanctions: [{ subjectId: 'subj-a', sanction: 'fine', amount: 1_500_000 }],
  additionalMeasures: ['confiscation'],
};
const fine = (amount: number | null, sanction: 'fine' | 'warning' = 'fine') => ({
  ...DECIDE,
  additionalMeasures: [],
  sanctions: [{ subjectId: 'subj-a', sanction, amount }],
});
const MANAGER = { act: '35.1' as const };

describe('penalty case: the decision', () => {
  it('decides a fine within the bracket and the official’s competence, dated today', () => {
    expect(given(...recorded()).when(DECIDE, '2026-03-10')).toEqual([
      {
        type: 'penalty.decided',
        data: {
          decidedOn: '2026-03-10',
          decisionNumber: '12/QĐ-XPHC',
          position: 'commune_people_committee_chair',
          competenceLimit: 37_500_000,
          referenceTable: 'decree-282-2025',
          sanctions: [{ subjectId: 'subj-a', sanction: 'fine', amount: 1_500_000 }],
          additionalMeasures: ['confiscation'],
          warningCount: 0,
          fineCount: 1,
          fineTotal: 1_500_000,
        },
      },
    ]);
  });

  it('lets only sanctioning officials decide, and police supervisors only in a police position, the position read from their identity', () => {
    expect(given(...recorded()).when(DECIDE, '2026-03-10', [holding('commune_police_chief', 'police_supervisor')])).toHaveLength(1);
    const chair = given(...recorded()).refuses(DECIDE, '2026-03-10', [holding('commune_people_committee_chair', 'police_supervisor')]);
    expect(chair).toMatchObject({ kind: 'rule_violated', code: 'penalty.position_not_held_at_scope' });
    expect(given(...recorded()).refuses(DECIDE, '2026-03-10', [holding('commune_police_chief', 'police_officer')]).code).toBe(
      'penalty.position_not_held_at_scope',
    );
    expect(given(...recorded()).refuses(DECIDE, '2026-03-10', ['sanctioning_official']).code).toBe('penalty.no_sanctioning_position');
    expect(given(...recorded()).refuses(DECIDE, '2026-03-10', []).code).toBe('penalty.no_sanctioning_position');
  });

  it('refuses a provincial position held over a commune scope, and a position the decree does not list', () => {
    const communeChairAsProvince = { role: 'sanctioning_official', scope: '10015', position: 'provincial_people_committee_chair' };
    expect(given(...recorded({ act: '34.5' })).refuses(fine(60_000_000), '2026-03-10', [communeChairAsProvince])).toMatchObject({
      code: 'penalty.position_not_held_at_scope',
    });
    const provinceHoldsCommunePosition = { role: 'sanctioning_official', scope: '01', position: 'commune_people_committee_chair' };
    expect(given(...recorded()).refuses(DECIDE, '2026-03-10', [provinceHoldsCommunePosition]).code).toBe(
      'penalty.position_not_held_at_scope',
    );
    expect(
      given(...recorded()).refuses(DECIDE, '2026-03-10', [{ role: 'sanctioning_official', scope: '10015', position: 'minister' }]).code,
    ).toBe('penalty.no_sanctioning_position');
  });

  it('decides in the widest competence the identity holds over the case, and records the limit applied', () => {
    const both = [holding('commune_people_committee_chair'), holding('provincial_people_committee_chair')];
    const [event] = given(...recorded({ act: '34.5' })).when(fine(60_000_000), '2026-03-10', both);
    expect(event!.data).toMatchObject({ position: 'provincial_people_committee_chair', competenceLimit: 75_000_000 });
  });

  it('refuses after the 7 working days from the record (art. 66), naming the rule and the day', () => {
    const error = given(...recorded()).refuses(DECIDE, '2026-03-13');
    expect(error).toMatchObject({ kind: 'rule_violated', code: 'penalty.decision_deadline_passed', details: { dueOn: '2026-03-12' } });
    expect(error.message).toContain('art. 66');
    expect(error.messageVi).toContain('Điều 66');
    expect(given(...recorded()).when(DECIDE, '2026-03-12')).toHaveLength(1);
  });

  it('refuses after the 1-year limitation period from the violation (art. 6), even within the time limit for deciding', () => {
    const past = decider.decide(
      { ...RECORD, violationDate: '2025-12-15', recordedOn: '2026-12-10' },
      decider.initialState,
      contextOn('2026-12-10'),
    );
    const verifying: PenaltyEvent = { type: 'penalty.verification_required', data: { reason: 'r', dueOn: '2027-01-11' } };
    expect(given(...past, verifying).when(DECIDE, '2026-12-15')).toHaveLength(1);
    const error = given(...past, verifying).refuses(DECIDE, '2026-12-16');
    expect(error).toMatchObject({
      code: 'penalty.limitation_expired',
      details: { violationDate: '2025-12-15', limitationEnded: '2026-12-15' },
    });
    expect(error.message).toContain('art. 6');
  });

  it('waits for a requested explanation until it is given or its period ends (art. 61)', () => {
    const asked: PenaltyEvent[] = [
      ...recorded(MANAGER),
      { type: 'penalty.explanation_requested', data: { subjectId: 'subj-a', requestedOn: '2026-03-05' } },
    ];
    const decide = { ...fine(25_000_000), additionalMeasures: ['security_permit_withdrawal' as const] };
    expect(given(...asked).refuses(decide, '2026-03-09')).toMatchObject({
      code: 'penalty.explanation_pending',
      details: { dueOn: '2026-03-10' },
    });
    expect(given(...asked).when(decide, '2026-03-11')).toHaveLength(1);
    const explained: PenaltyEvent = {
      type: 'penalty.explanation_received',
      data: { subjectId: 'subj-a', receivedOn: '2026-03-06', explanation: 'x' },
    };
    expect(given(...asked, explained).when(decide, '2026-03-09')).toHaveLength(1);
    // With an explanation the time limit is 1 month from the record.
    expect(given(...asked).when(decide, '2026-04-03')).toHaveLength(1);
    expect(given(...asked).refuses(decide, '2026-04-06').code).toBe('penalty.decision_deadline_passed');
  });

  it('requires one sanction per person on the record and no one else', () => {
    expect(given(...recorded()).refuses({ ...DECIDE, sanctions: [] }).code).toBe('penalty.sanctions_must_cover_each_person');
    expect(
      given(...recorded()).refuses({
        ...DECIDE,
        sanctions: [...DECIDE.sanctions, { subjectId: 'subj-z', sanction: 'fine', amount: 1_000_000 }],
      }).code,
    ).toBe('penalty.sanctions_must_cover_each_person');
    expect(given(...recorded()).refuses({ ...DECIDE, sanctions: [{ ...DECIDE.sanctions[0]!, subjectId: 'subj-z' }] }).code).toBe(
      'penalty.sanctions_must_cover_each_person',
    );
  });

  it('keeps the fine within the bracket of Decree 282/2025, the higher bracket with two or more people, warnings only where allowed', () => {
    const low = given(...recorded()).refuses(fine(900_000));
    expect(low).toMatchObject({
      code: 'penalty.fine_out_of_range',
      details: { act: '32', min: 1_000_000, max: 2_000_000, given: 900_000 },
    });
    expect(low.message).toContain('Decree 282/2025');
    expect(given(...recorded()).refuses(fine(2_000_001)).code).toBe('penalty.fine_out_of_range');
    expect(given(...recorded()).refuses(fine(1_500_000.5)).code).toBe('penalty.fine_out_of_range');
    expect(given(...recorded()).refuses(fine(null)).code).toBe('penalty.fine_out_of_range');
    expect(given(...recorded({ multiplePeopleAtOnce: true })).when(fine(5_000_000))).toHaveLength(1);
    expect(given(...recorded()).refuses(fine(null, 'warning')).code).toBe('penalty.warning_not_allowed');
    const selling = recorded({ act: '33' });
    expect(given(...selling).when(fine(123, 'warning'))[0]!.data).toMatchObject({
      sanctions: [{ subjectId: 'subj-a', sanction: 'warning', amount: null }],
    });
    expect(given(...recorded({ act: '33', multiplePeopleAtOnce: true })).refuses(fine(null, 'warning')).code).toBe(
      'penalty.warning_not_allowed',
    );
  });

  it('doubles the bracket and the competence limit for organisations', () => {
    const organisation = recorded({ act: '33', offenderType: 'organisation' });
    expect(given(...organisation).when(fine(1_000_000))).toHaveLength(1);
    expect(given(...organisation).refuses(fine(1_100_000))).toMatchObject({ details: { min: 600_000, max: 1_000_000 } });
    const brokering = recorded({ act: '34.4', offenderType: 'organisation' });
    const [organisationDecided] = given(...brokering).when(fine(100_000_000), '2026-03-10', [
      holding('provincial_police_department_head', 'police_supervisor'),
    ]);
    expect(organisationDecided!.data).toMatchObject({ position: 'provincial_police_department_head', competenceLimit: 120_000_000 });
    expect(given(...brokering).refuses(fine(60_000_000))).toMatchObject({
      code: 'penalty.beyond_competence',
      details: { limit: 75_000_000, actMaximum: 100_000_000 },
    });
  });

  it('refuses a fine beyond the official’s competence, judged by the highest fine of the act (art. 52.2)', () => {
    const error = given(...recorded(MANAGER)).refuses(fine(21_000_000), '2026-03-10', [
      holding('police_station_or_team_head', 'police_supervisor'),
    ]);
    expect(error).toMatchObject({
      kind: 'rule_violated',
      code: 'penalty.beyond_competence',
      details: { position: 'police_station_or_team_head', limit: 22_500_000, actMaximum: 30_000_000 },
    });
    expect(error.message).toContain('art. 52.2');
    expect(given(...recorded({ act: '34.5' })).refuses(fine(60_000_000)).details).toMatchObject({ limit: 37_500_000 });
    expect(
      given(...recorded({ act: '34.5' })).when(fine(60_000_000), '2026-03-10', [holding('provincial_people_committee_chair')]),
    ).toHaveLength(1);
    // A warning is within every official's competence.
    expect(given(...recorded({ act: '33' })).when(fine(null, 'warning'), '2026-03-10', [holding('police_officer_on_duty')])).toHaveLength(
      1,
    );
  });

  it('allows only the additional measures of the act, each once', () => {
    expect(given(...recorded()).refuses({ ...DECIDE, additionalMeasures: ['expulsion'] })).toMatchObject({
      code: 'penalty.measure_not_allowed',
      details: { measure: 'expulsion' },
    });
    expect(given(...recorded()).refuses({ ...DECIDE, additionalMeasures: ['confiscation', 'confiscation'] }).code).toBe(
      'penalty.measure_not_allowed',
    );
  });

  it('decides once: a second decision or a decision on a closed case is a conflict', () => {
    expect(given(...recorded(), decided()).refuses(DECIDE)).toMatchObject({ kind: 'invalid_state', code: 'penalty.already_decided' });
    const closed: PenaltyEvent = { type: 'penalty.closed_without_decision', data: { reason: 'no_violation', closedOn: '2026-03-05' } };
    expect(given(...recorded(), closed).refuses(DECIDE)).toMatchObject({ kind: 'invalid_state', code: 'penalty.closed' });
  });
});

describe('penalty case: closing without a decision', () => {
  it('closes an undecided case; as time-barred only once no penalty may be decided any more', () => {
    expect(given(...recorded()).when({ kind: 'close', reason: 'no_violation' })).toEqual([
      { type: 'penalty.closed_without_decision', data: { reason: 'no_violation', closedOn: '2026-03-10' } },
    ]);
    expect(given(...recorded()).refuses({ kind: 'close', reason: 'time_barred' }).code).toBe('penalty.not_time_barred');
    expect(given(...recorded()).when({ kind: 'close', reason: 'time_barred' }, '2026-03-13')).toHaveLength(1);
    expect(given(...recorded(), decided()).refuses({ kind: 'close', reason: 'no_violation' }).code).toBe('penalty.already_decided');
  });
});
