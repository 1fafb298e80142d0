import { createHmac } from 'node:crypto';
import type { PolicyPoint, RequestContext } from '../../../access/src/application/policy-point.js';
import { P_TABLE_V1 } from '../../../statistics/src/domain/disclosure/p-table.js';
import { ROLE_RULES } from '../../../access/src/domain/policy.js';
import type { Action } from '../../../access/src/domain/resources.js';
import type { Principal } from '../../../access/src/domain/roles.js';
import { DomainError } from '../../../case-kernel/src/domain/decider.js';
import { COUNTRY_CODE } from '../../../jurisdictions/src/domain/jurisdiction-unit.js';
import { vnDay } from '../../../statistics/src/domain/calendar-day.js';
import type { IndicatorCode } from '../../../statistics/src/domain/indicator-catalogue.js';
import {
  CALENDAR_MONTHS,
  reportDue,
  statisticalPeriod,
  type Period,
  type PeriodKind,
  type ReportingCalendar,
  type StatisticalCalendar,
} from '../../../statistics/src/domain/periods.js';
import type { PublicationOptions } from '../../../statistics/src/domain/disclosure/person-tables.js';
import type { DisclosureConfig } from '../../../config/src/config.js';
import { cellKeySecret, type CellKeySecretSource } from '../cell-key-secret.js';
import type { UnitTree } from '../../../statistics/src/domain/roll-up.js';
import type { Target } from '../../../statistics/src/domain/targets.js';
import {
  indicatorLineOf,
  indicatorTableOf,
  personRelease,
  type IndicatorLine,
  type IndicatorSource,
  type IndicatorTableQuery,
} from '../domain/indicator-table.js';
import type { DpOptions } from '../../../statistics/src/domain/disclosure/dp.js';
import { PERSON_INDICATORS, type PersonIndicator } from '../../../statistics/src/domain/people.js';
import type { PrivacyLedger } from './privacy-ledger.js';
import type { IndicatorReader, PlanSummary } from '../indicator-reader.js';

const isPersonCode = (code: string): code is PersonIndicator => (PERSON_INDICATORS as readonly string[]).includes(code);

export interface IndicatorRequest {
  area: string;
  period: PeriodKind;
  year: number;
  index: number;
  plan?: string;
}

export interface IndicatorAnswer {
  area: { code: string; name: string | null };
  period: Period;
  plan: { id: string; title: string | null; documentRef: string | null } | null;
  asOf: string;
  threshold: number;
  /** How person counts were published, with everything an auditor needs to compute them again (never the secret). */
  disclosure: Disclosure;
  /**
   * The position in the log the facts were read at: the indicator view's checkpoint before and after
   * the figures were read (equal: the answer is exactly the log up to that position).
   */
  computedAt: { from: string | null; to: string | null };
  /** The plan's report for this period: due before this day (null without a plan, or when the plan asks no report for this kind of period). */
  reportDue: { dueBefore: string; lastDay: string } | null;
  indicators: IndicatorLine[];
}

/** How an answer's person counts were published (docs/statistics.md). */
export interface Disclosure {
  threshold: number;
  roundedToFive: boolean;
  perturbed: boolean;
  /** cell_key: perturbation by the cell-key method with `pTable`; dp: the differentially private mechanism; none: exact counts (a test installation). */
  mechanism: 'cell_key' | 'dp' | 'none';
  pTable: string | null;
  maxNoise: number;
  /** Totals are cells of their own: their own people, their own noise; they need not add up. */
  totals: 'independently_perturbed' | 'exact';
  /** Suppression decided once per indicator and period over the country, its provinces and communes; none under dp (the noise protects). */
  suppression: 'hierarchical' | 'none';
  /** Identifies the secret of the record keys (a keyed digest, not the secret): another value, other figures. */
  secretId: string | null;
  /** dp: ε of one release (an indicator's table for one period), the yearly budget of ε per indicator, the noise. */
  dp?: { epsilon: number; yearlyBudget: number | null; noise: 'two_sided_geometric' };
}

/** What the disclosure control of the answers needs from the configuration. */
export interface StatisticsOptions {
  threshold: number;
  publication?: Omit<PublicationOptions, 'threshold'> & { dp?: DpOptions };
  /** dp: the yearly budget of ε per indicator; the ledger the releases are charged to. */
  dpBudget?: number;
  ledger?: PrivacyLedger;
  clock: () => Date;
}

/** The service's options from the configuration's disclosure settings (libs/config); cell-key perturbation unless STATISTICS_MECHANISM=none. */
export function statisticsOptions(
  config: CellKeySecretSource & { disclosure: DisclosureConfig },
  clock: () => Date = () => new Date(),
  ledger?: PrivacyLedger,
): StatisticsOptions {
  const { threshold, roundToFive, mechanism, dp } = config.disclosure;
  const salt = cellKeySecret(config);
  if (mechanism === 'dp') {
    if (!ledger) throw new Error('STATISTICS_MECHANISM=dp needs the privacy-loss ledger');
    return { threshold, publication: { dp: { epsilon: dp.epsilon, secret: salt! } }, dpBudget: dp.yearlyBudget, ledger, clock };
  }
  return { threshold, publication: { roundToFive, ...(salt === null ? {} : { perturbation: { salt } }) }, clock };
}

export interface TrendAnswer {
  code: IndicatorCode;
  area: string;
  year: number;
  months: Array<Pick<IndicatorLine, 'value' | 'numerator' | 'denominator' | 'suppressed'> & { period: Period }>;
}

export interface PlanListAnswer {
  area: { code: string; name: string | null };
  plans: Array<Omit<PlanSummary, 'jurisdiction'> & { jurisdiction: { code: string; name: string | null } }>;
}

export interface Asker {
  principal: Principal;
  request: RequestContext;
}

/**
 * Indicators for statisticians and auditors: counts only, through the policy point (kind
 * `statistics`, in the caller's jurisdiction), person-based figures through the disclosure control.
 */
export class StatisticsService {
  constructor(
    private readonly reader: IndicatorReader,
    private readonly policy: PolicyPoint,
    private readonly tree: UnitTree,
    private readonly options: StatisticsOptions = { threshold: 5, clock: () => new Date() },
  ) {}

  async indicators(asker: Asker, request: IndicatorRequest, action: Action = 'list'): Promise<IndicatorAnswer> {
    await this.authorize(asker, request.area, action);
    const now = this.options.clock();
    const plan = request.plan ? await this.plan(request.plan, request.area) : null;
    const calendar: StatisticalCalendar = plan?.calendar ?? CALENDAR_MONTHS;
    const period = statisticalPeriod(calendar, request.period, request.year, request.index);
    const query = {
      area: request.area,
      period,
      tree: this.tree,
      calendar,
      asOf: vnDay(now),
      targets: plan?.targets ?? [],
      threshold: this.options.threshold,
      publication: this.options.publication,
    };
    const before = await this.reader.position();
    const source = await this.reader.source(query, now);
    await this.charge(source, query);
    const indicators = indicatorTableOf(source, query);
    const due = plan?.reporting ? reportDue(plan.reporting, period) : null;
    return {
      area: { code: request.area, name: this.tree.get(request.area)?.name ?? null },
      period,
      plan: plan && { id: plan.id, title: plan.title, documentRef: plan.documentRef },
      asOf: now.toISOString(),
      threshold: this.options.threshold,
      disclosure: this.disclosure(),
      computedAt: { from: before, to: await this.reader.position() },
      reportDue: due && { dueBefore: due.dueBefore, lastDay: due.lastDay },
      indicators,
    };
  }

  /**
   * Under the differentially private mechanism, every release a figure is read from is charged to
   * the privacy-loss ledger before anything is published (the same release again costs nothing);
   * a release past the year's budget refuses the answer.
   */
  private async charge(
    source: IndicatorSource,
    query: IndicatorTableQuery,
    codes: readonly PersonIndicator[] = PERSON_INDICATORS,
  ): Promise<void> {
    if (!this.options.publication?.dp || !this.options.ledger) return;
    for (const code of codes) {
      const release = personRelease(code, source, query);
      if (release)
        await this.options.ledger.charge({
          indicator: code,
          periodFrom: query.period.from,
          periodTo: query.period.to,
          id: release.id,
          epsilon: release.epsilon,
        });
    }
  }

  /** How this service publishes person counts. */
  disclosure(): Disclosure {
    const perturbation = this.options.publication?.perturbation;
    const dp = this.options.publication?.dp;
    const pTable = perturbation?.pTable ?? P_TABLE_V1;
    if (dp) {
      return {
        threshold: this.options.threshold,
        roundedToFive: false,
        perturbed: true,
        mechanism: 'dp',
        pTable: null,
        maxNoise: 0,
        totals: 'independently_perturbed',
        suppression: 'none',
        secretId: createHmac('sha256', dp.secret).update('statistics secret id').digest('hex').slice(0, 16),
        dp: { epsilon: dp.epsilon, yearlyBudget: this.options.dpBudget ?? null, noise: 'two_sided_geometric' },
      };
    }
    return {
      threshold: this.options.threshold,
      roundedToFive: this.options.publication?.roundToFive === true,
      perturbed: perturbation !== undefined,
      mechanism: perturbation ? 'cell_key' : 'none',
      pTable: perturbation ? pTable.id : null,
      maxNoise: perturbation ? pTable.maxNoise : 0,
      totals: perturbation ? 'independently_perturbed' : 'exact',
      suppression: 'hierarchical',
      secretId: perturbation ? createHmac('sha256', perturbation.salt).update('statistics secret id').digest('hex').slice(0, 16) : null,
    };
  }

  /** One indicator month by month over a calendar year. */
  async trend(asker: Asker, code: IndicatorCode, area: string, year: number): Promise<TrendAnswer> {
    await this.authorize(asker, area, 'list');
    const now = this.options.clock();
    const subgroup = code === 'staff_trained' ? 'commune' : null;
    const months = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const period = statisticalPeriod(CALENDAR_MONTHS, 'month', year, i + 1);
        const query = {
          area,
          period,
          tree: this.tree,
          calendar: CALENDAR_MONTHS,
          asOf: vnDay(now),
          targets: [],
          threshold: this.options.threshold,
          publication: this.options.publication,
        };
        const source = await this.reader.source(query, now, [{ code, subgroup }]);
        if (isPersonCode(code)) await this.charge(source, query, [code]);
        const line = indicatorLineOf(code, subgroup, source, query);
        return { period, value: line.value, numerator: line.numerator, denominator: line.denominator, suppressed: line.suppressed };
      }),
    );
    return { code, area, year, months };
  }

  /**
   * The plans that speak for an area: those adopted by the area or a unit inside it (a province's
   * list holds its communes' plans) and those of the units containing it (a commune's list holds
   * its province's and the country's plans, whose targets apply there too). No area: the widest
   * scope the caller reads statistics in.
   */
  async plans(asker: Asker, area: string = this.defaultArea(asker.principal)): Promise<PlanListAnswer> {
    await this.authorize(asker, area, 'list');
    const plans = await this.reader.plans([...this.tree.codesWithin(area), ...this.containing(area)]);
    return {
      area: { code: area, name: this.tree.get(area)?.name ?? null },
      plans: plans.map((plan) => ({
        ...plan,
        jurisdiction: { code: plan.jurisdiction, name: this.tree.get(plan.jurisdiction)?.name ?? null },
      })),
    };
  }

  /** The widest scope among the caller's grants that may list statistics (any grant's when none may: the policy point then refuses). */
  private defaultArea(principal: Principal): string {
    const readers = principal.grants.filter((g) => ROLE_RULES[g.role].access.statistics?.includes('list'));
    const scopes = (readers.length > 0 ? readers : principal.grants).map((g) => g.scope);
    const depth = (code: string) => this.containing(code).length;
    return (
      scopes.reduce<string | undefined>(
        (widest, scope) => (widest === undefined || depth(scope) < depth(widest) ? scope : widest),
        undefined,
      ) ?? COUNTRY_CODE
    );
  }

  /** The units above `code`, its parent first. */
  private containing(code: string): string[] {
    const above: string[] = [];
    for (let parent = this.tree.get(code)?.parentCode; parent; parent = this.tree.get(parent)?.parentCode) above.push(parent);
    return above;
  }

  private async authorize(asker: Asker, area: string, action: Action): Promise<void> {
    await this.policy.authorize(
      asker.principal,
      action,
      { kind: 'statistics', id: null, jurisdiction: area, assignees: [], fields: {} },
      asker.request,
    );
  }

  /**
   * A plan that speaks for the area (its own, one of a unit inside it, or one of a unit containing
   * it, as `plans` lists them): its targets and its recorded calendar. Any other plan is answered as
   * one that does not exist, so no question can borrow another place's calendar to move a boundary.
   */
  private async plan(id: string, area: string) {
    const stored = await this.reader.plan(id);
    const speaksFor =
      stored &&
      (this.tree.contains(area, stored.jurisdiction) ||
        this.containing(area).includes(stored.jurisdiction) ||
        stored.jurisdiction === area);
    if (!stored || !speaksFor)
      throw new DomainError(
        'not_found',
        'statistics.plan_not_found',
        'No plan with that id for this area',
        'Không có kế hoạch với mã này cho địa bàn này',
        { plan: id },
      );
    const plan = stored.plan as { title?: string; documentRef?: string | null; targets?: Target[]; reporting?: ReportingCalendar };
    const reporting = plan.reporting
      ? { monthStartsOnDay: plan.reporting.monthStartsOnDay, reports: plan.reporting.reports ?? [] }
      : undefined;
    return {
      id,
      title: plan.title ?? null,
      documentRef: plan.documentRef ?? null,
      targets: plan.targets ?? [],
      calendar: reporting && { monthStartsOnDay: reporting.monthStartsOnDay },
      reporting,
    };
  }
}
