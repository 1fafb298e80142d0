import type { DayRange, IsoDay } from './calendar-day.js';
import type { Fact, UnitRef } from './facts.js';
import { INDICATORS } from './indicator-catalogue.js';
import { computeIndicator, type PartialShare } from './indicators.js';
import type { StatisticalCalendar } from './periods.js';
import { currentAreaOf, type UnitTree } from './roll-up.js';
import { evaluateTarget, evaluationPeriods, type Target, type TargetEvaluation } from './targets.js';
import { DEFAULT_THRESHOLD } from './disclosure/suppression.js';

/** What of a plan the evaluation needs (a programme plan is one). */
export interface PlanTargets {
  period: DayRange;
  area: { era: UnitRef['era']; units: readonly string[] };
  reporting: StatisticalCalendar;
  targets: readonly Target[];
}

export interface PlanEvaluation extends Omit<TargetEvaluation, 'numerator' | 'denominator' | 'value' | 'met'> {
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  met: boolean | null;
  /** A person-based figure below the disclosure threshold: counts, value and verdict withheld. */
  suppressed: boolean;
  partial: PartialShare[];
  missingReferenceFigures: string[];
}

/**
 * Every target of a plan judged on each of its periods that has begun by `asOf`: value / target /
 * met, over the plan's area in current units (a former district through the mapping). A
 * person-based figure is withheld when its people above or below the line number fewer than the
 * threshold, so that "met" at 100% of three people does not say what happened to each of them.
 * Tables of person figures by unit go through the country's protected table instead (disclosure/protected-table.ts).
 */
export function evaluatePlan(
  plan: PlanTargets,
  facts: readonly Fact[],
  tree: UnitTree,
  options: { asOf: IsoDay; threshold?: number },
): { areaPartial: boolean; evaluations: PlanEvaluation[] } {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const area = currentAreaOf(plan.area, tree);
  const evaluations = plan.targets.flatMap((target) =>
    evaluationPeriods(target, plan.period, plan.reporting)
      .filter((period) => period.from <= options.asOf)
      .map((period): PlanEvaluation => {
        const result = computeIndicator(target.indicator, facts, {
          area: area.units,
          period,
          tree,
          calendar: plan.reporting,
          subgroup: target.subgroup,
          asOf: options.asOf,
        });
        const evaluation = evaluateTarget(target, result, period);
        const small = (n: number) => n > 0 && n < threshold;
        const suppressed =
          INDICATORS[target.indicator].personBased &&
          (small(result.numerator) || (result.denominator !== null && small(result.denominator - result.numerator)));
        return {
          ...evaluation,
          ...(suppressed ? { numerator: null, denominator: null, value: null, met: null } : {}),
          suppressed,
          partial: INDICATORS[target.indicator].personBased ? [] : result.partial,
          missingReferenceFigures: result.missingReferenceFigures ?? [],
        };
      }),
  );
  return { areaPartial: area.partial, evaluations };
}
