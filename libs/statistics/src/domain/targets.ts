import type { DayRange } from './calendar-day.js';
import { STAFF_LEVELS, type StaffLevel } from './facts.js';
import { INDICATORS, isIndicatorCode, type IndicatorCode, type Measure } from './indicator-catalogue.js';
import type { IndicatorValue } from './indicators.js';
import { planPeriod, yearsOf, type Period, type StatisticalCalendar } from './periods.js';

/**
 * A plan's target for one indicator, as data: "≥ 20%", "100%", "≥ 1 per month", "0 re-activated",
 * "+3-5% on the year before". The quote is the plan's own Vietnamese wording.
 */
export const COMPARATORS = ['at_least', 'at_most'] as const;
export type Comparator = (typeof COMPARATORS)[number];

/**
 * yearly: every statistical year of the plan ("hằng năm"); final_year: in the plan's last year
 * ("đến năm 2030 … được kiểm tra định kỳ"); by_end: counted over the whole plan period, reached by
 * its end ("đến năm 2030 … được tập huấn").
 */
export const CADENCES = ['yearly', 'final_year', 'by_end'] as const;
export type Cadence = (typeof CADENCES)[number];

export interface Target {
  indicator: IndicatorCode;
  /** staff_trained only: which level of staff. */
  subgroup?: StaffLevel;
  comparator: Comparator;
  value: number;
  /** The upper end of a range the plan aims for ("tăng 3% - 5%": value 3, upTo 5); informative, met at `value`. */
  upTo?: number;
  cadence: Cadence;
  quote: string;
}

/** A figure the plan asks to report without a number to reach (e.g. plan 001: people penalised). */
export interface ReportedStatistic {
  indicator: IndicatorCode;
  quote: string;
}

export interface TargetEvaluation {
  indicator: IndicatorCode;
  subgroup: StaffLevel | null;
  measure: Measure;
  period: Period;
  value: number | null;
  numerator: number;
  denominator: number | null;
  target: { comparator: Comparator; value: number; upTo: number | null };
  /** null when the value cannot be computed (no denominator, missing reference figures). */
  met: boolean | null;
}

/** What is wrong with a target, as "field: reason" lines (empty when it is sound). */
export function targetProblems(target: Target, at = 'target'): string[] {
  const problems: string[] = [];
  if (!isIndicatorCode(target?.indicator)) return [`${at}.indicator is not a known indicator code`];
  const definition = INDICATORS[target.indicator];
  if (!(COMPARATORS as readonly string[]).includes(target.comparator)) problems.push(`${at}.comparator must be at_least or at_most`);
  if (!(CADENCES as readonly string[]).includes(target.cadence)) problems.push(`${at}.cadence must be one of ${CADENCES.join(', ')}`);
  if (typeof target.value !== 'number' || !Number.isFinite(target.value)) problems.push(`${at}.value must be a number`);
  else if (definition.measure !== 'percent_change' && target.value < 0) problems.push(`${at}.value cannot be negative`);
  else if (definition.measure === 'percent' && target.value > 100) problems.push(`${at}.value is a percentage: at most 100`);
  if (target.upTo !== undefined && (typeof target.upTo !== 'number' || !Number.isFinite(target.upTo) || target.upTo < target.value))
    problems.push(`${at}.upTo must be a number not below value`);
  if (definition.bySubgroup) {
    if (!(STAFF_LEVELS as readonly string[]).includes(target.subgroup as string))
      problems.push(`${at}.subgroup must be one of ${STAFF_LEVELS.join(', ')}`);
  } else if (target.subgroup !== undefined) problems.push(`${at}.subgroup applies only to staff_trained`);
  if (typeof target.quote !== 'string' || target.quote.trim().length === 0 || target.quote.length > 1000)
    problems.push(`${at}.quote must be the plan's wording (1-1000 characters)`);
  return problems;
}

/**
 * Value / target / met. A percentage is compared exactly (numerator × 100 against target ×
 * denominator), so 94.96% never passes for 95% by rounding.
 */
export function evaluateTarget(target: Target, result: IndicatorValue, period: Period): TargetEvaluation {
  if (result.code !== target.indicator) throw new RangeError(`a ${target.indicator} target cannot be evaluated on ${result.code}`);
  let met: boolean | null = null;
  if (result.value !== null) {
    if (result.measure === 'percent' && result.denominator) {
      const left = result.numerator * 100;
      const right = target.value * result.denominator;
      met = target.comparator === 'at_least' ? left >= right : left <= right;
    } else {
      met = target.comparator === 'at_least' ? result.value >= target.value : result.value <= target.value;
    }
  }
  return {
    indicator: target.indicator,
    subgroup: target.subgroup ?? null,
    measure: result.measure,
    period,
    value: result.value,
    numerator: result.numerator,
    denominator: result.denominator,
    target: { comparator: target.comparator, value: target.value, upTo: target.upTo ?? null },
    met,
  };
}

/** The periods a target is judged on within a plan period. */
export function evaluationPeriods(target: Pick<Target, 'cadence'>, plan: DayRange, calendar: StatisticalCalendar): Period[] {
  switch (target.cadence) {
    case 'yearly':
      return yearsOf(calendar, plan);
    case 'final_year':
      return yearsOf(calendar, plan).slice(-1);
    case 'by_end':
      return [planPeriod(plan)];
  }
}

/** A percentage or change as people read it: one decimal, "23.3". */
export function displayValue(value: number | null): string {
  return value === null ? '—' : (Math.round(value * 10) / 10).toFixed(1);
}
