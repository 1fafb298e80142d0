import { fold } from '../../../case-kernel/src/domain/decider.js';
import { programmeDecider } from './programme-decider.js';
import type { ProgrammeCommand, ProgrammeEvent } from './programme-types.js';
import { ADOPT, ADOPTED, given, PLAN } from './programme.testkit.js';

describe('programme: adopting a plan with its targets', () => {
  it('records the plan as adopted, with targets, reporting calendar and area', () => {
    expect(given().when(ADOPT)).toEqual([ADOPTED]);
    expect(given(ADOPTED).state).toMatchObject({
      activity: 'plan',
      jurisdiction: '52',
      on: '2026-06-01',
      plan: { status: 'in_force', revisions: 0 },
      details: { targets: PLAN.targets },
    });
  });

  it('keeps only the fields of a target (nothing stray reaches the log)', () => {
    const stray = { ...PLAN.targets[0]!, note: 'x' } as never;
    const [event] = given().when({ ...ADOPT, targets: [stray] } as ProgrammeCommand);
    expect((event!.data as typeof PLAN).targets[0]).toEqual(PLAN.targets[0]);
  });

  it('refuses an unknown indicator, a percentage above 100, a missing staff level, or two targets for the same thing', () => {
    const target = PLAN.targets[0]!;
    expect(given().refuses({ ...ADOPT, targets: [{ ...target, indicator: 'happiness' as never }] })).toMatchObject({
      kind: 'rule_violated',
      code: 'programme.invalid_plan',
      details: { field: 'targets' },
    });
    expect(given().refuses({ ...ADOPT, targets: [{ ...target, value: 120 }] }).details.problems).toMatch(/at most 100/);
    expect(given().refuses({ ...ADOPT, targets: [{ ...target, indicator: 'staff_trained' }] }).details.problems).toMatch(/subgroup/);
    expect(given().refuses({ ...ADOPT, targets: [target, { ...target, value: 95 }] })).toMatchObject({
      code: 'programme.invalid_value',
      details: { field: 'targets[1]' },
    });
    expect(
      given().when({
        ...ADOPT,
        targets: [{ indicator: 'hotspots_reactivated', comparator: 'at_most', value: 0, cadence: 'yearly', quote: 'không tái hoạt động' }],
      }),
    ).toHaveLength(1);
  });

  it('refuses a bad reporting calendar, a period that ends before it starts, an adoption date in the future, an area of the wrong kind', () => {
    expect(given().refuses({ ...ADOPT, reporting: { ...PLAN.reporting, monthStartsOnDay: 30 } })).toMatchObject({
      code: 'programme.invalid_plan',
      details: { field: 'reporting' },
    });
    expect(given().refuses({ ...ADOPT, period: { from: '2030-01-01', to: '2026-12-31' } })).toMatchObject({
      code: 'programme.date_too_early',
      details: { field: 'period.to' },
    });
    expect(given().refuses({ ...ADOPT, adoptedOn: '2026-12-03' })).toMatchObject({
      code: 'programme.date_in_future',
      details: { field: 'adoptedOn' },
    });
    expect(given().refuses({ ...ADOPT, area: { era: 'current', units: ['784'], label: 'x' } })).toMatchObject({
      details: { field: 'area.units' },
    });
    expect(given().when({ ...ADOPT, area: { era: 'pre_2025', units: ['784', '27562'], label: 'Huyện Hóc Môn (cũ)' } })).toHaveLength(1);
    expect(given().refuses({ ...ADOPT, jurisdiction: 'VN' })).toMatchObject({ details: { field: 'jurisdiction' } });
    expect(given().refuses({ ...ADOPT, issuer: { name: '', level: 'province' } })).toMatchObject({ details: { field: 'issuer.name' } });
  });

  it('refuses adopting twice on the same record', () => {
    expect(given(ADOPTED).refuses(ADOPT)).toMatchObject({ kind: 'invalid_state', code: 'programme.already_recorded' });
  });
});

describe('programme: revising and withdrawing a plan', () => {
  const REVISE: ProgrammeCommand = {
    kind: 'revise_plan',
    revisedOn: '2026-09-01',
    reason: 'Sở Y tế guidance',
    targets: [{ ...PLAN.targets[0]!, value: 95 }],
  };

  it('revises the targets, keeps the calendar, and counts the revision', () => {
    const events = given(ADOPTED).when(REVISE);
    expect(events).toEqual([
      {
        type: 'programme.plan_revised',
        data: { revisedOn: '2026-09-01', reason: 'Sở Y tế guidance', targets: [{ ...PLAN.targets[0]!, value: 95 }], reporting: null },
      },
    ]);
    const state = fold(programmeDecider, [ADOPTED, ...events]);
    expect(state).toMatchObject({ plan: { revisions: 1 }, details: { reporting: PLAN.reporting, targets: [{ value: 95 }] } });
  });

  it('refuses a revision that changes nothing, one dated before the adoption, and any on a withdrawn plan', () => {
    expect(given(ADOPTED).refuses({ kind: 'revise_plan', revisedOn: '2026-09-01', reason: 'x' })).toMatchObject({
      details: { field: 'targets' },
    });
    expect(given(ADOPTED).refuses({ ...REVISE, revisedOn: '2026-05-31' } as ProgrammeCommand)).toMatchObject({
      code: 'programme.date_too_early',
    });
    const withdrawn: ProgrammeEvent = { type: 'programme.plan_withdrawn', data: { withdrawnOn: '2026-10-01', reason: 'replaced' } };
    expect(given(ADOPTED).when({ kind: 'withdraw_plan', withdrawnOn: '2026-10-01', reason: 'replaced' })).toEqual([withdrawn]);
    expect(given(ADOPTED, withdrawn).refuses(REVISE)).toMatchObject({ kind: 'invalid_state', code: 'programme.plan_withdrawn' });
    expect(given(ADOPTED, withdrawn).refuses({ kind: 'withdraw_plan', withdrawnOn: '2026-10-02', reason: 'again' })).toMatchObject({
      code: 'programme.plan_withdrawn',
    });
  });

  it('refuses plan commands on another activity, and any command on nothing', () => {
    const post: ProgrammeEvent = {
      type: 'programme.website_post_recorded',
      data: { jurisdiction: '52', publishedOn: '2026-03-01', title: 'Tin bài', url: 'https://gialai.gov.vn/tin' },
    };
    expect(given(post).refuses(REVISE)).toMatchObject({ kind: 'invalid_state', code: 'programme.not_a_plan' });
    expect(given().refuses(REVISE)).toMatchObject({ kind: 'not_found', code: 'programme.not_found' });
  });
});

describe('programme: activities', () => {
  it('records communication with audience, reach and villages', () => {
    const command: ProgrammeCommand = {
      kind: 'record_communication',
      jurisdiction: '18775',
      heldOn: '2026-04-10',
      form: 'meeting',
      audience: 'general_public',
      reach: 120,
      recurring: true,
      villages: ['Thôn 1', 'Thôn 2'],
    };
    const { kind: _kind, ...data } = command;
    expect(given().when(command)).toEqual([{ type: 'programme.communication_recorded', data }]);
    expect(given().refuses({ ...command, audience: 'everyone' as never })).toMatchObject({ details: { field: 'audience' } });
    expect(given().refuses({ ...command, reach: -1 })).toMatchObject({ details: { field: 'reach' } });
    expect(given().refuses({ ...command, reach: 1.5 })).toMatchObject({ details: { field: 'reach' } });
    expect(given().refuses({ ...command, villages: [''] })).toMatchObject({ details: { field: 'villages[0]' } });
    expect(given().refuses({ ...command, heldOn: '2026-02-30' })).toMatchObject({
      code: 'programme.invalid_value',
      details: { field: 'heldOn' },
    });
  });

  it('records a training with participants per level, at least one person', () => {
    const command: ProgrammeCommand = {
      kind: 'record_training',
      jurisdiction: '52',
      heldOn: '2026-05-20',
      topic: 'Hỗ trợ giảm hại, hòa nhập cộng đồng',
      participants: { province: 25, commune: 40 },
    };
    expect(given().when(command)[0]).toMatchObject({
      type: 'programme.training_recorded',
      data: { participants: { province: 25, commune: 40 } },
    });
    expect(given().refuses({ ...command, participants: { province: 0 } })).toMatchObject({ details: { field: 'participants' } });
    expect(given().refuses({ ...command, participants: { ward: 3 } as never })).toMatchObject({ details: { field: 'participants.ward' } });
  });

  it('records integration into programmes, each programme once', () => {
    const command: ProgrammeCommand = {
      kind: 'record_integration',
      jurisdiction: '23575',
      recordedOn: '2026-02-01',
      programmes: ['socio_economic', 'hiv_prevention'],
      documentRef: 'NQ 12/NQ-HĐND',
    };
    expect(given().when(command)).toHaveLength(1);
    expect(given().refuses({ ...command, programmes: [] })).toMatchObject({ details: { field: 'programmes' } });
    expect(given().refuses({ ...command, programmes: ['socio_economic', 'socio_economic'] })).toMatchObject({
      details: { field: 'programmes' },
    });
  });

  it('starts and ends a pilot model, once, not before it started', () => {
    const started: ProgrammeEvent = {
      type: 'programme.pilot_model_started',
      data: { jurisdiction: '27559', startedOn: '2026-03-01', modelKind: 'harm_reduction', name: 'Nhóm đồng đẳng' },
    };
    expect(given().when({ kind: 'start_pilot_model', ...started.data })).toEqual([started]);
    const ended: ProgrammeEvent = { type: 'programme.pilot_model_ended', data: { endedOn: '2026-11-30', reason: 'funding ended' } };
    expect(given(started).when({ kind: 'end_pilot_model', endedOn: '2026-11-30', reason: 'funding ended' })).toEqual([ended]);
    expect(given(started, ended).refuses({ kind: 'end_pilot_model', endedOn: '2026-12-01', reason: 'x' })).toMatchObject({
      kind: 'invalid_state',
      code: 'programme.pilot_model_ended',
    });
    expect(given(started).refuses({ kind: 'end_pilot_model', endedOn: '2026-02-01', reason: 'x' })).toMatchObject({
      code: 'programme.date_too_early',
    });
    expect(given(ADOPTED).refuses({ kind: 'end_pilot_model', endedOn: '2026-11-30', reason: 'x' })).toMatchObject({
      code: 'programme.not_a_pilot_model',
    });
    expect(fold(programmeDecider, [started, ended])).toMatchObject({
      activity: 'pilot_model',
      on: '2026-03-01',
      pilotEndedOn: '2026-11-30',
    });
  });

  it('records a website post with an http(s) address only', () => {
    const command: ProgrammeCommand = {
      kind: 'record_website_post',
      jurisdiction: '79',
      publishedOn: '2026-03-05',
      title: 'Phòng, chống mại dâm',
      url: 'https://hocmon.hochiminhcity.gov.vn/tin/1',
    };
    expect(given().when(command)).toHaveLength(1);
    expect(given().refuses({ ...command, url: 'javascript:alert(1)' })).toMatchObject({ details: { field: 'url' } });
    expect(given().refuses({ ...command, url: 'not a url' })).toMatchObject({ details: { field: 'url' } });
  });

  it('records reference figures for an area of current units', () => {
    const command: ProgrammeCommand = {
      kind: 'record_reference_figures',
      jurisdiction: '79',
      area: ['27559', '27568', '27577', '27592'],
      asOf: '2026-01-01',
      figures: { workersAtRiskEstablishments: 200, highSchoolStudents: 1000 },
    };
    expect(given().when(command)[0]).toMatchObject({
      type: 'programme.reference_figures_recorded',
      data: { figures: { workersAtRiskEstablishments: 200 } },
    });
    expect(given().refuses({ ...command, figures: {} })).toMatchObject({ details: { field: 'figures' } });
    expect(given().refuses({ ...command, figures: { residents: 5 } as never })).toMatchObject({ details: { field: 'figures.residents' } });
    expect(given().refuses({ ...command, area: ['27559', '27559'] })).toMatchObject({ details: { field: 'area' } });
  });
});

describe('programme: retracting a record made in error', () => {
  const post: ProgrammeEvent = {
    type: 'programme.website_post_recorded',
    data: { jurisdiction: '79', publishedOn: '2026-03-05', title: 'Tin', url: 'https://example.gov.vn/a' },
  };
  const retracted: ProgrammeEvent = { type: 'programme.activity_retracted', data: { retractedOn: '2026-03-06', reason: 'entered twice' } };

  it('retracts once; nothing more is recorded on it', () => {
    expect(given(post).when({ kind: 'retract', retractedOn: '2026-03-06', reason: 'entered twice' })).toEqual([retracted]);
    expect(fold(programmeDecider, [post, retracted]).retracted).toEqual({ on: '2026-03-06', reason: 'entered twice' });
    expect(given(post, retracted).refuses({ kind: 'retract', retractedOn: '2026-03-07', reason: 'again' })).toMatchObject({
      kind: 'invalid_state',
      code: 'programme.retracted',
    });
    expect(given(ADOPTED, retracted).refuses({ kind: 'withdraw_plan', withdrawnOn: '2026-10-01', reason: 'x' })).toMatchObject({
      code: 'programme.retracted',
    });
  });

  it('refuses a retraction dated before the activity', () => {
    expect(given(post).refuses({ kind: 'retract', retractedOn: '2026-03-04', reason: 'x' })).toMatchObject({
      code: 'programme.date_too_early',
    });
  });

  it('ignores an unknown event type when folding', () => {
    expect(fold(programmeDecider, [post, { type: 'programme.renamed', data: {} } as never]).activity).toBe('website_post');
  });
});
