import { DomainError } from '../../../../libs/case-kernel/src/domain/decider.js';
import type { JurisdictionTree } from '../../../../libs/jurisdictions/src/domain/jurisdiction-tree.js';
import { areaOutsideJurisdiction } from '../../../../libs/programme/src/domain/plan-area.js';
import type { PlanArea, PlanData, ProgrammeCommand, ReferenceFigures } from '../../../../libs/programme/src/domain/programme-types.js';
import type { DueRule } from '../../../../libs/statistics/src/domain/periods.js';
import type { Target } from '../../../../libs/statistics/src/domain/targets.js';
import type {
  AdoptPlanBody,
  ParticipantsBody,
  ReferenceFiguresBody,
  ReportingBody,
  RevisePlanBody,
  TargetBody,
} from './programme-bodies.js';

/** Request bodies to domain commands: only the fields the command has, absent ones left out. */

const defined = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

export function toTarget(body: TargetBody): Target {
  return {
    indicator: body.indicator,
    ...defined({ subgroup: body.subgroup }),
    comparator: body.comparator,
    value: body.value,
    ...defined({ upTo: body.upTo }),
    cadence: body.cadence,
    quote: body.quote,
  };
}

export function toReporting(body: ReportingBody): PlanData['reporting'] {
  return {
    monthStartsOnDay: body.monthStartsOnDay,
    reports: body.reports.map((r) => ({
      period: r.period,
      dueBefore: (r.dueBefore.kind === 'fixed_date'
        ? { kind: 'fixed_date', month: r.dueBefore.month as number, day: r.dueBefore.day }
        : { kind: 'day_of_following_month', day: r.dueBefore.day }) as DueRule,
    })),
    quote: body.quote ?? null,
  };
}

export function toAdoptPlan(body: AdoptPlanBody): Extract<ProgrammeCommand, { kind: 'adopt_plan' }> {
  return {
    kind: 'adopt_plan',
    jurisdiction: body.jurisdiction,
    issuer: { name: body.issuer.name, level: body.issuer.level },
    title: body.title,
    documentRef: body.documentRef ?? null,
    adoptedOn: body.adoptedOn ?? null,
    period: { from: body.period.from, to: body.period.to },
    area: { era: body.area.era, units: [...body.area.units], label: body.area.label },
    reporting: toReporting(body.reporting),
    targets: body.targets.map(toTarget),
    reportedStatistics: (body.reportedStatistics ?? []).map((s) => ({ indicator: s.indicator, quote: s.quote })),
    untracked: (body.untracked ?? []).map((u) => ({ quote: u.quote, reason: u.reason })),
    sourceFile: body.sourceFile ?? null,
  };
}

export function toRevisePlan(body: RevisePlanBody): ProgrammeCommand {
  return {
    kind: 'revise_plan',
    revisedOn: body.revisedOn,
    reason: body.reason,
    ...defined({ targets: body.targets?.map(toTarget), reporting: body.reporting && toReporting(body.reporting) }),
  };
}

export function toParticipants(body: ParticipantsBody) {
  return defined({ province: body.province, district: body.district, commune: body.commune });
}

export function toFigures(body: ReferenceFiguresBody['figures']): ReferenceFigures {
  const { staffProvince, staffDistrict, staffCommune, staffAll, workersAtRiskEstablishments, highSchoolStudents, villages } = body;
  return defined({ staffProvince, staffDistrict, staffCommune, staffAll, workersAtRiskEstablishments, highSchoolStudents, villages });
}

/** A plan's or a figure's area must lie inside the jurisdiction it is recorded under (on the current tree). */
export function assertAreaInside(area: PlanArea, jurisdiction: string, tree: JurisdictionTree): void {
  const outside = areaOutsideJurisdiction(area, jurisdiction, tree);
  if (outside.length > 0) {
    throw new DomainError(
      'rule_violated',
      'programme.area_outside_jurisdiction',
      `Units outside the jurisdiction ${jurisdiction} or not known: ${outside.slice(0, 10).join(', ')}`,
      `Đơn vị ngoài địa bàn ${jurisdiction} hoặc không xác định: ${outside.slice(0, 10).join(', ')}`,
      { field: 'area', units: outside.slice(0, 10).join(',') },
    );
  }
}
