import type { IsoDay } from '../../../statistics/src/domain/calendar-day.js';
import { personGroups, type PersonGroup, type PublicationOptions } from '../../../statistics/src/domain/disclosure/person-tables.js';
import { COUNTRY, protectedPersonTable } from '../../../statistics/src/domain/disclosure/protected-table.js';
import type { DpOptions } from '../../../statistics/src/domain/disclosure/dp.js';
import { DEFAULT_THRESHOLD } from '../../../statistics/src/domain/disclosure/suppression.js';
import { STAFF_LEVELS, type Fact, type StaffLevel } from '../../../statistics/src/domain/facts.js';
import { INDICATOR_CODES, INDICATORS, type IndicatorCode, type Measure } from '../../../statistics/src/domain/indicator-catalogue.js';
import { computeIndicator, type IndicatorValue, type PartialShare } from '../../../statistics/src/domain/indicators.js';
import { PERSON_INDICATORS, type PersonIndicator } from '../../../statistics/src/domain/people.js';
import type { Period, StatisticalCalendar } from '../../../statistics/src/domain/periods.js';
import type { UnitTree } from '../../../statistics/src/domain/roll-up.js';
import { evaluateTarget, type Target } from '../../../statistics/src/domain/targets.js';

/** One unit's published figure of a person-based indicator (null: suppressed). */
export interface PublishedUnitFigure {
  /** A unit directly below the area, or null for people of a split former unit not attributable to one. */
  unit: string | null;
  value: number | null;
  suppressed: boolean;
}

export interface IndicatorLine {
  code: IndicatorCode;
  subgroup: StaffLevel | null;
  name: { en: string; vi: string };
  measure: Measure;
  personBased: boolean;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** A person-based figure withheld by the disclosure control: counts and verdict are not shown. */
  suppressed: boolean;
  /** Records of former units split across the area's edge: shown, not counted. */
  partial: PartialShare[];
  missingReferenceFigures: string[];
  target: { comparator: Target['comparator']; value: number; upTo: number | null } | null;
  met: boolean | null;
  /** Person-based indicators: the figure of each unit below the area, after suppression. */
  byUnit?: PublishedUnitFigure[];
  /** The figures are withheld but the verdict is given: it rests on at least the threshold of people, and says no more than that some are missing (or none). */
  verdictOnly?: boolean;
}

export interface IndicatorTableQuery {
  area: string;
  period: Period;
  tree: UnitTree;
  calendar: StatisticalCalendar;
  asOf: IsoDay;
  targets: readonly Target[];
  threshold?: number;
  /** How person counts are published: cell-key perturbation (and rounding to 5), or the differentially private mechanism. */
  publication?: Omit<PublicationOptions, 'threshold'> & { dp?: DpOptions };
}

/**
 * Where the figures of a table come from: computed from facts in memory (`factsSource`, the
 * reference), or counted by the database (libs/indicators' IndicatorQueries) — both answer the
 * same questions and must give the same figures.
 */
export interface IndicatorSource {
  /** A count-based indicator for the table's area and period. */
  value(code: IndicatorCode, subgroup: StaffLevel | null): IndicatorValue;
  /** A person-based indicator's people in the period, grouped by unit, in the whole country (`parent`: the country's code), from which the protected table is made. */
  people(code: PersonIndicator, parent: string): readonly PersonGroup[];
}

/** The reference source: every figure computed from the facts given (which must hold the whole country's person facts for person figures). */
export function factsSource(facts: readonly Fact[], query: IndicatorTableQuery): IndicatorSource {
  return {
    value: (code, subgroup) =>
      computeIndicator(code, facts, {
        area: [query.area],
        period: query.period,
        tree: query.tree,
        calendar: query.calendar,
        subgroup: subgroup ?? undefined,
        asOf: query.asOf,
      }),
    people: (code) => personGroups(code, facts, query.period),
  };
}

/** The table's lines: every indicator of the catalogue, staff trained once per level of staff. */
export const TABLE_LINES: ReadonlyArray<{ code: IndicatorCode; subgroup: StaffLevel | null }> = INDICATOR_CODES.flatMap(
  (code): Array<{ code: IndicatorCode; subgroup: StaffLevel | null }> =>
    INDICATORS[code].bySubgroup ? STAFF_LEVELS.map((level) => ({ code, subgroup: level })) : [{ code, subgroup: null }],
);

/** Every indicator of the catalogue (staff trained once per level of staff) for one area and period. */
export function indicatorTable(facts: readonly Fact[], query: IndicatorTableQuery): IndicatorLine[] {
  return indicatorTableOf(factsSource(facts, query), query);
}

export function indicatorTableOf(source: IndicatorSource, query: IndicatorTableQuery): IndicatorLine[] {
  return TABLE_LINES.map(({ code, subgroup }) => indicatorLineOf(code, subgroup, source, query));
}

export function indicatorLine(
  code: IndicatorCode,
  subgroup: StaffLevel | null,
  facts: readonly Fact[],
  query: IndicatorTableQuery,
): IndicatorLine {
  return indicatorLineOf(code, subgroup, factsSource(facts, query), query);
}

export function indicatorLineOf(
  code: IndicatorCode,
  subgroup: StaffLevel | null,
  source: IndicatorSource,
  query: IndicatorTableQuery,
): IndicatorLine {
  const definition = INDICATORS[code];
  const base = { code, subgroup, name: definition.name, measure: definition.measure, personBased: definition.personBased };
  const target = query.targets.find((t) => t.indicator === code && (t.subgroup ?? null) === subgroup) ?? null;
  const shownTarget = target && { comparator: target.comparator, value: target.value, upTo: target.upTo ?? null };
  if (isPersonIndicator(code)) return { ...base, ...personFigure(code, source, query, query.period), target: shownTarget };
  const result = source.value(code, subgroup);
  return {
    ...base,
    value: result.value,
    numerator: result.numerator,
    denominator: result.denominator,
    suppressed: false,
    partial: result.partial,
    missingReferenceFigures: result.missingReferenceFigures ?? [],
    target: shownTarget,
    met: target ? evaluateTarget(target, result, query.period).met : null,
  };
}

const isPersonIndicator = (code: IndicatorCode): code is PersonIndicator => (PERSON_INDICATORS as readonly string[]).includes(code);

/** The country's protected table of a person-based indicator for the query's period (one release of it under the differentially private mechanism). */
function personTable(code: PersonIndicator, source: IndicatorSource, query: IndicatorTableQuery) {
  const { dp, ...publication } = query.publication ?? {};
  return protectedPersonTable(code, source.people(code, COUNTRY), query.tree, {
    ...publication,
    threshold: query.threshold ?? DEFAULT_THRESHOLD,
    ...(dp ? { dp: { ...dp, scope: `${code}:${query.period.from}:${query.period.to}` } } : {}),
  });
}

/** The release a person-based figure of this query is read from, to charge to the privacy-loss ledger first (null unless the mechanism is dp). */
export function personRelease(
  code: PersonIndicator,
  source: IndicatorSource,
  query: IndicatorTableQuery,
): { id: string; epsilon: number } | null {
  return personTable(code, source, query).release;
}

/**
 * A person-based figure through the disclosure control: read from the country's protected table of
 * the indicator and period (protected-table.ts), where every unit has one figure whatever was asked:
 * the area's own figure and the rows of the units below it. The verdict on a target is read from
 * the published counts; where they are withheld it is still given when the people it rests on are
 * at least the threshold, since "not met" then says no more than that someone is missing.
 */
function personFigure(code: PersonIndicator, source: IndicatorSource, query: IndicatorTableQuery, period: Period) {
  const threshold = query.threshold ?? DEFAULT_THRESHOLD;
  const table = personTable(code, source, query);
  const own = table.figure(query.area);
  const support = code === 'people_in_need_accessed_support';
  const numerator = support ? own.cells[0]! : own.total;
  const denominator = support ? own.total : null;
  const hidden = numerator === null || (support && (denominator === null || own.cells[1] === null));
  const value = hidden ? null : support ? (denominator ? (numerator! / denominator) * 100 : null) : numerator;
  const target = query.targets.find((t) => t.indicator === code);
  const measure = INDICATORS[code].measure;
  let met: boolean | null = null;
  let verdictOnly = false;
  if (target && !hidden)
    met = evaluateTarget(target, { code, measure, numerator: numerator!, denominator, value, partial: [] }, period).met;
  else if (target) {
    const truth = table.truth(query.area);
    const trueNumerator = support ? truth.cells[0]! : truth.total;
    if (truth.total >= threshold) {
      const trueValue = support ? (truth.total ? (trueNumerator / truth.total) * 100 : null) : trueNumerator;
      met = evaluateTarget(
        target,
        { code, measure, numerator: trueNumerator, denominator: support ? truth.total : null, value: trueValue, partial: [] },
        period,
      ).met;
      verdictOnly = met !== null;
    }
  }
  return {
    value,
    numerator: hidden ? null : numerator,
    denominator: hidden ? null : denominator,
    suppressed: hidden,
    partial: [] as PartialShare[],
    missingReferenceFigures: [] as string[],
    met,
    ...(verdictOnly ? { verdictOnly: true } : {}),
    byUnit: table.rows(query.area).map((r) => ({ unit: r.unit, value: r.total, suppressed: r.total === null })),
  };
}
