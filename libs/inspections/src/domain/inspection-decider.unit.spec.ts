import { DomainError, fold, type DecisionContext } from '../../../case-kernel/src/domain/decider.js';
import { inspectionDecider } from './inspection-decider.js';
import type { InspectionCommand, InspectionEvent, TeamMember } from './inspection.js';

const NOW = new Date('2026-04-20T02:00:00Z'); // 9:00 in Vietnam, 20/4/2026
let ids = 0;
const context: DecisionContext = { now: NOW, actorId: 'inspector-1', roles: ['inspector'], newId: () => `n${++ids}` };

const PLAN: InspectionCommand = {
  kind: 'plan',
  establishmentId: 'est-1',
  jurisdiction: '10015',
  mode: 'unannounced',
  triggeringTipId: 'tip-9',
  plannedDate: '2026-04-18',
};
const PLANNED: InspectionEvent = {
  type: 'inspection.planned',
  data: { establishmentId: 'est-1', jurisdiction: '10015', mode: 'unannounced', triggeringTipId: 'tip-9', plannedDate: '2026-04-18' },
};
const TEAM: TeamMember[] = [
  { agency: 'police', name: 'Trần Công An', subjectId: 'subj-m1' },
  { agency: 'health', name: 'Phạm Y Tế', subjectId: 'subj-m2' },
  { agency: 'culture', name: 'Đỗ Văn Hóa', subjectId: 'subj-m3' },
];
const CONDUCT: InspectionCommand = {
  kind: 'conduct',
  conductedOn: '2026-04-19',
  members: TEAM,
  findings: 'violations',
  violationDescription: 'no guest register',
};
const MEMBERS: InspectionEvent[] = TEAM.map((m) => ({
  type: 'inspection.team_member_recorded',
  data: { memberSubjectId: m.subjectId!, memberAgency: m.agency, memberName: m.name },
}));
const CONDUCTED: InspectionEvent = {
  type: 'inspection.conducted',
  data: { conductedOn: '2026-04-19', teamSize: 3, findings: 'violations', violationDescription: 'no guest register' },
};
const COMPLIANT: InspectionEvent = {
  type: 'inspection.conducted',
  data: { conductedOn: '2026-04-19', teamSize: 3, findings: 'compliant', violationDescription: null },
};
const LINKED: InspectionEvent = { type: 'inspection.penalty_linked', data: { penaltyCaseId: 'pen-1' } };
const CLOSED: InspectionEvent = { type: 'inspection.closed', data: { closureNote: null } };

function given(...past: InspectionEvent[]) {
  const state = fold(inspectionDecider, past);
  return {
    when: (command: InspectionCommand) => inspectionDecider.decide(command, state, context),
    refuses: (command: InspectionCommand): DomainError => {
      try {
        inspectionDecider.decide(command, state, context);
      } catch (error) {
        if (error instanceof DomainError) return error;
        throw error;
      }
      throw new Error('expected a refusal');
    },
  };
}

describe('inspection: plan', () => {
  it('records an unannounced check with only the triggering tip’s id, or a scheduled one without', () => {
    expect(given().when(PLAN)).toEqual([PLANNED]);
    expect(given().when({ ...PLAN, mode: 'scheduled', triggeringTipId: null, plannedDate: '2026-05-02' })).toEqual([
      { type: 'inspection.planned', data: { ...PLANNED.data, mode: 'scheduled', triggeringTipId: null, plannedDate: '2026-05-02' } },
    ]);
  });

  it('refuses a tip on a scheduled check, a bad jurisdiction or date, and planning twice', () => {
    expect(given().refuses({ ...PLAN, mode: 'scheduled' })).toMatchObject({
      kind: 'rule_violated',
      code: 'inspection.tip_only_for_unannounced',
    });
    expect(given().refuses({ ...PLAN, jurisdiction: 'VN' })).toMatchObject({ code: 'inspection.jurisdiction_required' });
    expect(given().refuses({ ...PLAN, plannedDate: '2026-04-31' })).toMatchObject({ code: 'inspection.invalid_date' });
    expect(given().refuses({ ...PLAN, mode: 'surprise' as never })).toMatchObject({ code: 'inspection.invalid_value' });
    expect(given(PLANNED).refuses(PLAN)).toMatchObject({ kind: 'invalid_state', code: 'inspection.already_planned' });
  });
});

describe('inspection: conduct', () => {
  it('records each team member (for per-person encryption) and then the findings', () => {
    expect(given(PLANNED).when(CONDUCT)).toEqual([...MEMBERS, CONDUCTED]);
  });

  it('makes pseudonymous subject ids for members given without one', () => {
    const events = given(PLANNED).when({ ...CONDUCT, members: TEAM.map((m) => ({ ...m, subjectId: null })) });
    const subjects = events
      .filter((e) => e.type === 'inspection.team_member_recorded')
      .map((e) => (e.data as { memberSubjectId: string }).memberSubjectId);
    expect(subjects).toHaveLength(3);
    expect(new Set(subjects).size).toBe(3);
    for (const s of subjects) expect(s).toMatch(/^subj-n\d+$/);
  });

  it('refuses fewer than 3 members, naming Decree 178/2004', () => {
    const error = given(PLANNED).refuses({ ...CONDUCT, members: TEAM.slice(0, 2) });
    expect(error).toMatchObject({ kind: 'rule_violated', code: 'inspection.team_too_small', details: { minimum: 3, given: 2 } });
    expect(error.message).toContain('Decree 178/2004');
    expect(error.messageVi).toContain('Nghị định 178/2004');
  });

  it('refuses the same person twice and an unknown agency', () => {
    expect(given(PLANNED).refuses({ ...CONDUCT, members: [...TEAM.slice(0, 2), { ...TEAM[2]!, subjectId: 'subj-m1' }] })).toMatchObject({
      code: 'inspection.duplicate_member',
    });
    expect(given(PLANNED).refuses({ ...CONDUCT, members: [...TEAM.slice(0, 2), { ...TEAM[2]!, agency: 'army' as never }] })).toMatchObject({
      code: 'inspection.invalid_value',
    });
  });

  it('refuses conducting before it is planned, before the planned date, in the future, or twice', () => {
    expect(given().refuses(CONDUCT)).toMatchObject({ kind: 'not_found', code: 'inspection.not_planned' });
    expect(given(PLANNED).refuses({ ...CONDUCT, conductedOn: '2026-04-17' })).toMatchObject({
      kind: 'rule_violated',
      code: 'inspection.conducted_before_planned_date',
    });
    expect(given(PLANNED).refuses({ ...CONDUCT, conductedOn: '2026-04-21' })).toMatchObject({ code: 'inspection.date_in_future' });
    expect(given(PLANNED, ...MEMBERS, CONDUCTED).refuses(CONDUCT)).toMatchObject({
      kind: 'invalid_state',
      code: 'inspection.already_conducted',
    });
  });

  it('asks for a description of violations, and none for a compliant finding', () => {
    expect(given(PLANNED).refuses({ ...CONDUCT, violationDescription: '  ' })).toMatchObject({
      code: 'inspection.violation_description_required',
    });
    expect(given(PLANNED).refuses({ ...CONDUCT, findings: 'compliant' })).toMatchObject({
      code: 'inspection.description_without_violations',
    });
    expect(
      given(PLANNED)
        .when({ ...CONDUCT, findings: 'compliant', violationDescription: null })
        .at(-1),
    ).toEqual(COMPLIANT);
  });
});

describe('inspection: link to a penalty case', () => {
  it('links the penalty case opened on the violations', () => {
    expect(given(PLANNED, ...MEMBERS, CONDUCTED).when({ kind: 'link_penalty_case', penaltyCaseId: 'pen-1' })).toEqual([LINKED]);
  });

  it('refuses before the check, on a compliant finding, twice, and once closed', () => {
    const link: InspectionCommand = { kind: 'link_penalty_case', penaltyCaseId: 'pen-2' };
    expect(given(PLANNED).refuses(link)).toMatchObject({ kind: 'invalid_state', code: 'inspection.not_conducted' });
    expect(given(PLANNED, ...MEMBERS, COMPLIANT).refuses(link)).toMatchObject({
      kind: 'rule_violated',
      code: 'inspection.no_violations_found',
    });
    expect(given(PLANNED, ...MEMBERS, CONDUCTED, LINKED).refuses(link)).toMatchObject({
      kind: 'invalid_state',
      code: 'inspection.penalty_already_linked',
    });
    expect(given(PLANNED, ...MEMBERS, CONDUCTED, CLOSED).refuses(link)).toMatchObject({ kind: 'invalid_state', code: 'inspection.closed' });
  });
});

describe('inspection: close', () => {
  it('closes a conducted inspection, with or without a linked penalty case', () => {
    expect(given(PLANNED, ...MEMBERS, COMPLIANT).when({ kind: 'close', note: null })).toEqual([CLOSED]);
    expect(given(PLANNED, ...MEMBERS, CONDUCTED, LINKED).when({ kind: 'close', note: 'done' })).toEqual([
      { type: 'inspection.closed', data: { closureNote: 'done' } },
    ]);
  });

  it('refuses closing before the check, or twice', () => {
    expect(given(PLANNED).refuses({ kind: 'close', note: null })).toMatchObject({ code: 'inspection.not_conducted' });
    expect(given(PLANNED, ...MEMBERS, COMPLIANT, CLOSED).refuses({ kind: 'close', note: null })).toMatchObject({
      code: 'inspection.closed',
    });
    expect(given().refuses({ kind: 'close', note: null })).toMatchObject({ kind: 'not_found' });
  });
});

describe('inspection: evolve', () => {
  it('folds the whole check', () => {
    expect(fold(inspectionDecider, [PLANNED, ...MEMBERS, CONDUCTED, LINKED, CLOSED])).toMatchObject({
      status: 'closed',
      establishmentId: 'est-1',
      triggeringTipId: 'tip-9',
      members: [
        { subjectId: 'subj-m1', agency: 'police', name: 'Trần Công An' },
        { subjectId: 'subj-m2', agency: 'health', name: 'Phạm Y Tế' },
        { subjectId: 'subj-m3', agency: 'culture', name: 'Đỗ Văn Hóa' },
      ],
      findings: 'violations',
      penaltyCaseId: 'pen-1',
    });
  });

  it('keeps redaction markers and ignores an unknown event type', () => {
    const redacted = { redacted: 'not authorised' };
    const state = fold(inspectionDecider, [
      PLANNED,
      { ...MEMBERS[0]!, data: { ...MEMBERS[0]!.data, memberName: redacted } } as InspectionEvent,
      { type: 'inspection.moved', data: {} } as never,
    ]);
    expect(state.members[0]!.name).toEqual(redacted);
    expect(state.status).toBe('planned');
  });
});
