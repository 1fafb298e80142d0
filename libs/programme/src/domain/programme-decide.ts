import { assertNever, DomainError, type DecisionContext } from '../../../case-kernel/src/domain/decider.js';
import { AUDIENCES, REFERENCE_FIGURES, STAFF_LEVELS } from '../../../statistics/src/domain/facts.js';
import { isIndicatorCode } from '../../../statistics/src/domain/indicator-catalogue.js';
import { reportingCalendarProblems } from '../../../statistics/src/domain/periods.js';
import { targetProblems, type Target } from '../../../statistics/src/domain/targets.js';
import {
  COMMUNICATION_FORMS,
  INTEGRATED_PROGRAMMES,
  ISSUER_LEVELS,
  PILOT_MODEL_KINDS,
  type PlanData,
  type ProgrammeCommand,
  type ProgrammeEvent,
  type ProgrammeState,
} from './programme-types.js';
import {
  assertCount,
  assertCounts,
  assertJurisdiction,
  assertList,
  assertNotBefore,
  assertOneOf,
  assertOptionalText,
  assertPastDay,
  assertText,
  assertUnitCodes,
  CURRENT_UNIT,
  FORMER_UNIT,
  invalid,
} from './programme-rules.js';

const MAX_PEOPLE = 10_000_000;

export function decideProgramme(command: ProgrammeCommand, state: ProgrammeState, context: DecisionContext): ProgrammeEvent[] {
  const creating =
    command.kind !== 'revise_plan' && command.kind !== 'withdraw_plan' && command.kind !== 'end_pilot_model' && command.kind !== 'retract';
  if (creating && state.activity !== null)
    throw new DomainError(
      'invalid_state',
      'programme.already_recorded',
      'This activity is already recorded',
      'Hoạt động này đã được ghi nhận',
    );
  if (!creating && state.activity === null)
    throw new DomainError('not_found', 'programme.not_found', 'No such programme activity', 'Không có hoạt động này');
  if (state.retracted)
    throw new DomainError(
      'invalid_state',
      'programme.retracted',
      'This record was retracted; nothing more can be recorded on it',
      'Bản ghi này đã bị thu hồi; không ghi nhận thêm được',
    );
  const now = context.now;
  switch (command.kind) {
    case 'adopt_plan': {
      const { kind: _kind, ...plan } = command;
      assertPlan(plan, now);
      return [{ type: 'programme.plan_adopted', data: normalisePlan(plan) }];
    }
    case 'revise_plan': {
      const plan = planInForce(state);
      assertPastDay('revisedOn', command.revisedOn, now);
      assertNotBefore('revisedOn', command.revisedOn, plan.adoptedOn);
      assertText('reason', command.reason, 1000);
      if (command.targets === undefined && command.reporting === undefined)
        throw invalid(
          'targets',
          'a revision changes the targets, the reporting calendar or both',
          'điều chỉnh chỉ tiêu, lịch báo cáo hoặc cả hai',
        );
      if (command.targets !== undefined) assertTargets(command.targets);
      if (command.reporting !== undefined) assertReporting(command.reporting);
      return [
        {
          type: 'programme.plan_revised',
          data: {
            revisedOn: command.revisedOn,
            reason: command.reason,
            targets: command.targets?.map(normaliseTarget) ?? null,
            reporting: command.reporting ?? null,
          },
        },
      ];
    }
    case 'withdraw_plan': {
      const plan = planInForce(state);
      assertPastDay('withdrawnOn', command.withdrawnOn, now);
      assertNotBefore('withdrawnOn', command.withdrawnOn, plan.adoptedOn);
      assertText('reason', command.reason, 1000);
      return [{ type: 'programme.plan_withdrawn', data: { withdrawnOn: command.withdrawnOn, reason: command.reason } }];
    }
    case 'record_communication': {
      assertJurisdiction(command.jurisdiction);
      assertPastDay('heldOn', command.heldOn, now);
      assertOneOf('form', command.form, COMMUNICATION_FORMS);
      assertOneOf('audience', command.audience, AUDIENCES);
      assertCount('reach', command.reach, MAX_PEOPLE);
      if (typeof command.recurring !== 'boolean') throw invalid('recurring', 'true or false', 'đúng hoặc sai');
      assertList('villages', command.villages, 0, 500);
      command.villages.forEach((v, i) => assertText(`villages[${i}]`, v, 100));
      const { kind: _kind, ...data } = command;
      return [{ type: 'programme.communication_recorded', data: { ...data, villages: [...command.villages] } }];
    }
    case 'record_training': {
      assertJurisdiction(command.jurisdiction);
      assertPastDay('heldOn', command.heldOn, now);
      assertText('topic', command.topic, 500);
      assertCounts('participants', command.participants, STAFF_LEVELS, 100_000);
      if (Object.values(command.participants).every((n) => n === 0))
        throw invalid('participants', 'at least one person trained', 'ít nhất một người được tập huấn');
      const { kind: _kind, ...data } = command;
      return [{ type: 'programme.training_recorded', data: { ...data, participants: { ...command.participants } } }];
    }
    case 'record_integration': {
      assertJurisdiction(command.jurisdiction);
      assertPastDay('recordedOn', command.recordedOn, now);
      assertList('programmes', command.programmes, 1, INTEGRATED_PROGRAMMES.length);
      command.programmes.forEach((p, i) => assertOneOf(`programmes[${i}]`, p, INTEGRATED_PROGRAMMES));
      if (new Set(command.programmes).size !== command.programmes.length)
        throw invalid('programmes', 'each programme once', 'mỗi chương trình một lần');
      assertOptionalText('documentRef', command.documentRef, 100);
      const { kind: _kind, ...data } = command;
      return [{ type: 'programme.integration_recorded', data: { ...data, programmes: [...command.programmes] } }];
    }
    case 'start_pilot_model': {
      assertJurisdiction(command.jurisdiction);
      assertPastDay('startedOn', command.startedOn, now);
      assertOneOf('modelKind', command.modelKind, PILOT_MODEL_KINDS);
      assertText('name', command.name, 300);
      const { kind: _kind, ...data } = command;
      return [{ type: 'programme.pilot_model_started', data }];
    }
    case 'end_pilot_model': {
      if (state.activity !== 'pilot_model')
        throw new DomainError(
          'invalid_state',
          'programme.not_a_pilot_model',
          'Only a pilot model can be ended',
          'Chỉ mô hình thí điểm mới được kết thúc',
        );
      if (state.pilotEndedOn !== null)
        throw new DomainError(
          'invalid_state',
          'programme.pilot_model_ended',
          'This pilot model has already ended',
          'Mô hình thí điểm này đã kết thúc',
        );
      assertPastDay('endedOn', command.endedOn, now);
      assertNotBefore('endedOn', command.endedOn, state.on);
      assertText('reason', command.reason, 1000);
      return [{ type: 'programme.pilot_model_ended', data: { endedOn: command.endedOn, reason: command.reason } }];
    }
    case 'record_website_post': {
      assertJurisdiction(command.jurisdiction);
      assertPastDay('publishedOn', command.publishedOn, now);
      assertText('title', command.title, 500);
      assertWebAddress(command.url);
      const { kind: _kind, ...data } = command;
      return [{ type: 'programme.website_post_recorded', data }];
    }
    case 'record_reference_figures': {
      assertJurisdiction(command.jurisdiction);
      assertUnitCodes('area', command.area, CURRENT_UNIT);
      assertPastDay('asOf', command.asOf, now);
      assertCounts('figures', command.figures, REFERENCE_FIGURES, MAX_PEOPLE);
      const { kind: _kind, ...data } = command;
      return [
        { type: 'programme.reference_figures_recorded', data: { ...data, area: [...command.area], figures: { ...command.figures } } },
      ];
    }
    case 'retract':
      assertPastDay('retractedOn', command.retractedOn, now);
      assertNotBefore('retractedOn', command.retractedOn, state.on);
      assertText('reason', command.reason, 1000);
      return [{ type: 'programme.activity_retracted', data: { retractedOn: command.retractedOn, reason: command.reason } }];
    default:
      return assertNever(command);
  }
}

function planInForce(state: ProgrammeState): PlanData {
  if (state.activity !== 'plan')
    throw new DomainError(
      'invalid_state',
      'programme.not_a_plan',
      'Only a plan can be revised or withdrawn',
      'Chỉ kế hoạch mới được điều chỉnh hoặc thu hồi',
    );
  if (state.plan?.status !== 'in_force')
    throw new DomainError('invalid_state', 'programme.plan_withdrawn', 'This plan was withdrawn', 'Kế hoạch này đã bị bãi bỏ');
  return state.details as unknown as PlanData;
}

function assertPlan(plan: PlanData, now: Date): void {
  assertJurisdiction(plan.jurisdiction);
  if (typeof plan.issuer !== 'object' || plan.issuer === null)
    throw invalid('issuer', 'the issuing People’s Committee and its level', 'cơ quan ban hành và cấp');
  assertText('issuer.name', plan.issuer.name, 200);
  assertOneOf('issuer.level', plan.issuer.level, ISSUER_LEVELS);
  assertText('title', plan.title, 500);
  assertOptionalText('documentRef', plan.documentRef, 100);
  if (plan.adoptedOn !== null) assertPastDay('adoptedOn', plan.adoptedOn, now);
  if (typeof plan.period !== 'object' || plan.period === null) throw invalid('period', 'from and to', 'từ ngày, đến ngày');
  for (const end of ['from', 'to'] as const)
    if (!/^\d{4}-\d{2}-\d{2}$/.test(String(plan.period[end])))
      throw invalid(`period.${end}`, 'a calendar date YYYY-MM-DD', 'ngày hợp lệ YYYY-MM-DD');
  assertNotBefore('period.to', plan.period.to, plan.period.from);
  if (Number(plan.period.to.slice(0, 4)) - Number(plan.period.from.slice(0, 4)) > 10)
    throw invalid('period', 'ten years at most', 'tối đa mười năm');
  if (typeof plan.area !== 'object' || plan.area === null)
    throw invalid('area', 'the units the plan covers', 'các đơn vị thuộc phạm vi kế hoạch');
  assertOneOf('area.era', plan.area.era, ['current', 'pre_2025'] as const);
  assertUnitCodes('area.units', plan.area.units, plan.area.era === 'current' ? CURRENT_UNIT : FORMER_UNIT);
  assertText('area.label', plan.area.label, 200);
  assertReporting(plan.reporting);
  assertTargets(plan.targets);
  assertList('reportedStatistics', plan.reportedStatistics, 0, 50);
  plan.reportedStatistics.forEach((s, i) => {
    if (!isIndicatorCode(s?.indicator)) throw invalid(`reportedStatistics[${i}].indicator`, 'a known indicator code', 'mã chỉ tiêu hợp lệ');
    assertText(`reportedStatistics[${i}].quote`, s.quote, 1000);
  });
  assertList('untracked', plan.untracked, 0, 50);
  plan.untracked.forEach((u, i) => {
    assertText(`untracked[${i}].quote`, u?.quote, 1000);
    assertText(`untracked[${i}].reason`, u.reason, 1000);
  });
  if (plan.sourceFile !== null && (typeof plan.sourceFile !== 'string' || !/^[\w.-]{1,200}$/.test(plan.sourceFile)))
    throw invalid('sourceFile', 'a file name', 'tên tệp');
}

function assertReporting(reporting: PlanData['reporting']): void {
  if (typeof reporting !== 'object' || reporting === null)
    throw invalid('reporting', 'the statistical calendar and report due dates', 'lịch thống kê và thời hạn báo cáo');
  assertList('reporting.reports', reporting.reports, 0, 5);
  const problems = reportingCalendarProblems(reporting);
  if (problems.length > 0) throw planProblems('reporting', problems);
  assertOptionalText('reporting.quote', reporting.quote, 2000);
}

function assertTargets(targets: Target[]): void {
  assertList('targets', targets, 0, 100);
  const problems = targets.flatMap((t, i) => targetProblems(t, `targets[${i}]`));
  if (problems.length > 0) throw planProblems('targets', problems);
  const seen = new Set<string>();
  targets.forEach((t, i) => {
    const key = `${t.indicator}|${t.subgroup ?? ''}|${t.cadence}`;
    if (seen.has(key))
      throw invalid(`targets[${i}]`, 'one target per indicator, level and cadence', 'mỗi chỉ tiêu, cấp và chu kỳ một mục tiêu');
    seen.add(key);
  });
}

function planProblems(field: string, problems: string[]): DomainError {
  return new DomainError(
    'rule_violated',
    'programme.invalid_plan',
    `The plan has invalid ${field}: ${problems.join('; ')}`,
    `Kế hoạch có ${field} không hợp lệ: ${problems.join('; ')}`,
    { field, problems: problems.join('; ') },
  );
}

function assertWebAddress(value: unknown): void {
  assertText('url', value, 2000);
  let url: URL;
  try {
    url = new URL(value as string);
  } catch {
    throw invalid('url', 'an http(s) address', 'địa chỉ http(s)');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('url', 'an http(s) address', 'địa chỉ http(s)');
}

/** Only the fields of a target, in a fixed shape (no stray keys reach the log). */
function normaliseTarget(t: Target): Target {
  return {
    indicator: t.indicator,
    ...(t.subgroup !== undefined ? { subgroup: t.subgroup } : {}),
    comparator: t.comparator,
    value: t.value,
    ...(t.upTo !== undefined ? { upTo: t.upTo } : {}),
    cadence: t.cadence,
    quote: t.quote,
  };
}

function normalisePlan(plan: PlanData): PlanData {
  return {
    jurisdiction: plan.jurisdiction,
    issuer: { name: plan.issuer.name, level: plan.issuer.level },
    title: plan.title,
    documentRef: plan.documentRef,
    adoptedOn: plan.adoptedOn,
    period: { from: plan.period.from, to: plan.period.to },
    area: { era: plan.area.era, units: [...plan.area.units], label: plan.area.label },
    reporting: {
      monthStartsOnDay: plan.reporting.monthStartsOnDay,
      reports: plan.reporting.reports.map((r) => ({ period: r.period, dueBefore: { ...r.dueBefore } })),
      quote: plan.reporting.quote,
    },
    targets: plan.targets.map(normaliseTarget),
    reportedStatistics: plan.reportedStatistics.map((s) => ({ indicator: s.indicator, quote: s.quote })),
    untracked: plan.untracked.map((u) => ({ quote: u.quote, reason: u.reason })),
    sourceFile: plan.sourceFile,
  };
}
