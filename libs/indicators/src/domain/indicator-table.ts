import type { DayRange, IsoDay } from '../../../statistics/src/domain/calendar-day.js';
import { personGroups, publishPersonGroups, type PersonGroup, type PublicationOptions, type PublishedPersonTable, type PublishedRow } from '../../../statistics/src/domain/disclosure/person-tables.js';
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
}

export interface IndicatorTableQuery {
  area: string;
  period: Period;
  tree: UnitTree;
  calendar: StatisticalCalendar;
  asOf: IsoDay;
  targets: readonly Target[];
  threshold?: number;
  /** Optional rounding to 5 and perturbation of the published person counts (off unless configured). */
  publication?: Omit<PublicationOptions, 'threshold'>;
}

/**
 * Where the figures of a table come from: computed from facts in memory (`factsSource`, the
 * reference), or counted by the database (libs/indicators' IndicatorQueries) — both answer the
 * same questions and must give the same figures.
 */
export interface IndicatorSource {
  /** A count-based indicator for the table's area and period. */
  value(code: IndicatorCode, subgroup: StaffLevel | null): IndicatorValue;
  /** A person-based indicator's people in the period, grouped by unit, wherever they are under `parent` (the area or the unit above it). */
  people(code: PersonIndicator, parent: string): readonly PersonGroup[];
}

/** The reference source: every figure computed from the facts given (which must hold the area's parent's person facts for person figures). */
export function factsSource(facts: readonly Fact[], query: IndicatorTableQuery): IndicatorSource {
  return {
    value: (code, subgroup) => computeIndicator(code, facts, { area: [query.area], period: query.period, tree: query.tree, calendar: query.calendar, subgroup: subgroup ?? undefined, asOf: query.asOf }),
    people: (code) => personGroups(code, facts, query.period),
  };
}

/** The table's lines: every indicator of the catalogue, staff trained once per level of staff. */
export const TABLE_LINES: ReadonlyArray<{ code: IndicatorCode; subgroup: StaffLevel | null }> = INDICATOR_CODES.flatMap((code): Array<{ code: IndicatorCode; subgroup: StaffLevel | null }> =>
  INDICATORS[code].bySubgroup ? STAFF_LEVELS.map((level) => ({ code, subgroup: level })) : [{ code, subgroup: null }],
);

/** Every indicator of the catalogue (staff trained once per level of staff) for one area and period. */
export function indicatorTable(facts: readonly Fact[], query: IndicatorTableQuery): IndicatorLine[] {
  return indicatorTableOf(factsSource(facts, query), query);
}

export function indicatorTableOf(source: IndicatorSource, query: IndicatorTableQuery): IndicatorLine[] {
  return TABLE_LINES.map(({ code, subgroup }) => indicatorLineOf(code, subgroup, source, query));
}

export function indicatorLine(code: IndicatorCode, subgroup: StaffLevel | null, facts: readonly Fact[], query: IndicatorTableQuery): IndicatorLine {
  return indicatorLineOf(code, subgroup, factsSource(facts, query), query);
}

export function indicatorLineOf(code: IndicatorCode, subgroup: StaffLevel | null, source: IndicatorSource, query: IndicatorTableQuery): IndicatorLine {
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

/**
 * A person-based figure through the disclosure control: the area's table by the units below it,
 * suppressed below the threshold with complementary cells; the area's own figure is its row in its
 * parent's table (the table's total for the country), the verdict only on published counts.
 */
function personFigure(code: PersonIndicator, source: IndicatorSource, query: IndicatorTableQuery, period: DayRange) {
  const threshold = query.threshold ?? DEFAULT_THRESHOLD;
  const table = (parent: string) => publishPersonGroups(code, source.people(code, parent), { parent, tree: query.tree }, { ...query.publication, threshold });
  const ownTable = table(query.area);
  // The area's figure is its row in its parent's table, so that every answer shows a unit the same
  // way: a commune hidden (even complementarily) in its province's table is hidden when asked alone.
  const parentCode = query.tree.get(query.area)?.parentCode ?? null;
  const row = parentCode ? protectedRows(table(parentCode)).find((r) => r.unit === query.area) : undefined;
  const support = code === 'people_in_need_accessed_support';
  const published = row ? { accessed: row.cells[0]!, notAccessed: support ? row.cells[1]! : null, total: row.total } : { accessed: ownTable.columnTotals[0]!, notAccessed: support ? ownTable.columnTotals[1]! : null, total: ownTable.total };
  const numerator = support ? published.accessed : published.total;
  const denominator = support ? published.total : null;
  // Published only when every count it rests on is published and none of its people counts 1 to threshold − 1 above or below the line.
  const small = (n: number | null) => n !== null && n > 0 && n < threshold;
  const hidden = numerator === null || small(numerator) || (support && (denominator === null || published.notAccessed === null || small(denominator - numerator)));
  const value = hidden ? null : support ? (denominator ? (numerator! / denominator) * 100 : null) : numerator;
  const target = query.targets.find((t) => t.indicator === code);
  const met = hidden || !target ? null : evaluateTarget(target, { code, measure: INDICATORS[code].measure, numerator: numerator!, denominator, value, partial: [] }, query.period).met;
  return {
    value,
    numerator: hidden ? null : numerator,
    denominator: hidden ? null : denominator,
    suppressed: hidden,
    partial: [] as PartialShare[],
    missingReferenceFigures: [] as string[],
    met,
    byUnit: protectedRows(ownTable).map((r) => ({ unit: r.unit, value: r.total, suppressed: r.total === null })),
  };
}

/**
 * The rows of a unit's table as they may be shown beside the unit's own figure. That figure is
 * published as a row of the table above (the province in the country's table), so a total the
 * suppression hid here may be known all the same: when it is, and fewer than two rows are hidden,
 * the smallest row still shown is hidden too, so the hidden rows cannot be had by difference.
 */
function protectedRows(table: PublishedPersonTable): PublishedRow[] {
  const rows = table.rows.map((r) => ({ ...r, cells: [...r.cells] }));
  if (table.total !== null) return rows;
  const hidden = rows.filter((r) => r.total === null).length;
  if (hidden === 0 || hidden >= 2) return rows;
  const shown = rows.filter((r) => r.total !== null && r.total > 0).sort((a, b) => a.total! - b.total!)[0];
  if (shown) Object.assign(shown, { cells: shown.cells.map(() => null), total: null, percent: null });
  return rows;
}
