import { dayOf, lastsOn, overlaps, within, type DayRange, type IsoDay } from './calendar-day.js';
import type { Audience, Fact, FactKind, FactOf, ReferenceFigure, StaffLevel, UnitRef } from './facts.js';
import { INDICATORS, type IndicatorCode, type Measure } from './indicator-catalogue.js';
import { CALENDAR_MONTHS, monthsOf, type StatisticalCalendar } from './periods.js';
import { peopleOf, type PersonIndicator } from './people.js';
import { referenceFigure } from './reference-figures.js';
import { attribute, communesOf, currentUnitsOf, type Area, type Attribution, type UnitTree } from './roll-up.js';

export interface IndicatorQuery {
  /** Current units (a commune, a province, VN, or a plan's several units). */
  area: Area;
  period: DayRange;
  tree: UnitTree;
  /** Statistical months, for the per-month indicator (default: calendar months). */
  calendar?: StatisticalCalendar;
  /** For a change indicator: the period compared with (default: the same days a year before). */
  baseline?: DayRange;
  /** staff_trained: the level of staff asked for. */
  subgroup?: StaffLevel;
  /** Months starting after this day are not counted yet (default: the period's end). */
  asOf?: IsoDay;
}

/** Records made under a pre-reform unit split across the area's edge: they may belong here, so they are shown, not counted. */
export interface PartialShare {
  unit: UnitRef;
  candidates: string[];
  records: number;
}

export interface MonthCount {
  label: string;
  from: IsoDay;
  to: IsoDay;
  count: number;
}

export interface IndicatorValue {
  code: IndicatorCode;
  measure: Measure;
  numerator: number;
  /** null for a plain count. */
  denominator: number | null;
  /** percent, count, fewest per month or percent change; null when it cannot be computed (no denominator, or a reference figure missing). */
  value: number | null;
  partial: PartialShare[];
  months?: MonthCount[];
  missingReferenceFigures?: string[];
}

/** An indicator's figures before its code and measure are added. */
export type Computed = Omit<IndicatorValue, 'code' | 'measure'>;

/** One indicator for one area and period, from the facts. Pure: the same facts give the same value. */
export function computeIndicator(code: IndicatorCode, facts: readonly Fact[], query: IndicatorQuery): IndicatorValue {
  if (code === 'staff_trained' && !query.subgroup)
    throw new RangeError('staff_trained is asked per level: set subgroup to province, district or commune');
  const scope = new Scope(facts, query);
  return { code, measure: INDICATORS[code].measure, ...COMPUTE[code](scope) };
}

/** The default baseline of a change indicator: the same days a year before. */
export function sameDaysAYearBefore({ from, to }: DayRange): DayRange {
  const yearBefore = (day: IsoDay) => dayOf(Number(day.slice(0, 4)) - 1, Number(day.slice(5, 7)), Number(day.slice(8, 10)));
  return { from: yearBefore(from), to: yearBefore(to) };
}

export const percent = (numerator: number, denominator: number | null): number | null =>
  denominator ? (numerator / denominator) * 100 : null;
export const ratio = (numerator: number, denominator: number | null, partial: PartialShare[]): Computed => ({
  numerator,
  denominator,
  value: percent(numerator, denominator),
  partial,
});

/** The facts of a query, with the roll-up across the reform done once per unit. */
class Scope {
  private readonly attributions = new Map<string, Attribution>();
  readonly period: DayRange;

  constructor(
    readonly facts: readonly Fact[],
    readonly query: IndicatorQuery,
  ) {
    this.period = query.period;
  }

  attribution(unit: UnitRef): Attribution {
    const key = `${unit.era}:${unit.code}`;
    let found = this.attributions.get(key);
    if (!found) this.attributions.set(key, (found = attribute(unit, this.query.area, this.query.tree)));
    return found;
  }

  /** Facts of a kind that pass `keep`: those wholly in the area, and the split ones as partial shares (distinct records). */
  select<K extends FactKind>(
    kind: K,
    keep: (fact: FactOf<K>) => boolean = () => true,
    recordOf: (fact: FactOf<K>) => string = (fact) => fact.key,
  ): { inside: FactOf<K>[]; partial: PartialShare[] } {
    const inside: FactOf<K>[] = [];
    const partial = new Partials();
    for (const fact of this.facts) {
      if (fact.fact !== kind || !keep(fact as FactOf<K>)) continue;
      const where = this.attribution(fact.unit);
      if (where.kind === 'full') inside.push(fact as FactOf<K>);
      else if (where.kind === 'partial') partial.add(fact.unit, where.candidates, recordOf(fact as FactOf<K>));
    }
    return { inside, partial: partial.list() };
  }

  all<K extends FactKind>(kind: K): FactOf<K>[] {
    return this.facts.filter((f): f is FactOf<K> => f.fact === kind);
  }

  figure(name: ReferenceFigure) {
    return referenceFigure(this.facts, name, this.query.area, this.period, this.query.tree);
  }
}

class Partials {
  private readonly shares = new Map<string, { unit: UnitRef; candidates: string[]; keys: Set<string> }>();

  add(unit: UnitRef, candidates: string[], key: string): void {
    const id = `${unit.era}:${unit.code}`;
    let share = this.shares.get(id);
    if (!share) this.shares.set(id, (share = { unit, candidates, keys: new Set() }));
    share.keys.add(key);
  }

  list(): PartialShare[] {
    return [...this.shares.values()]
      .map(({ unit, candidates, keys }) => ({ unit, candidates, records: keys.size }))
      .sort((a, b) => (a.unit.code < b.unit.code ? -1 : 1));
  }
}

/** Records kept by their key: among those (full or partial) whose key passes `hit`, how many. */
function share(inside: readonly { key: string }[], partial: PartialShare[], hit: (key: string) => boolean): Computed {
  const keys = new Set(inside.map((f) => f.key));
  return ratio([...keys].filter(hit).length, keys.size, partial);
}

/** Establishments of one kind of listing in the period, and whether a dated action (inspection, review) touched each. */
function establishmentsTouched(
  scope: Scope,
  listing: 'establishment_at_risk' | 'establishment_with_signs',
  action: 'establishment_inspected' | 'establishment_reviewed',
  afterListing: boolean,
): Computed {
  const { inside, partial } = scope.select(listing, (f) => overlaps(f.from, f.to, scope.period));
  const listedFrom = new Map<string, IsoDay>();
  for (const f of inside) if (!listedFrom.has(f.key) || listedFrom.get(f.key)! > f.from) listedFrom.set(f.key, f.from);
  const touched = new Set<string>();
  for (const f of scope.all(action)) {
    const from = listedFrom.get(f.establishment);
    if (from !== undefined && within(f.on, scope.period) && (!afterListing || f.on >= from)) touched.add(f.establishment);
  }
  return share(inside, partial, (key) => touched.has(key));
}

/** Hotspots grouped by id: their status stretches and the unit they belong to. */
function hotspots(scope: Scope): { stretches: Map<string, FactOf<'hotspot_status'>[]>; partial: PartialShare[] } {
  // Partial records are hotspots, not their status stretches.
  const { inside, partial } = scope.select(
    'hotspot_status',
    () => true,
    (f) => f.hotspot,
  );
  const stretches = new Map<string, FactOf<'hotspot_status'>[]>();
  for (const f of inside) stretches.set(f.hotspot, [...(stretches.get(f.hotspot) ?? []), f]);
  return { stretches, partial };
}

function hotspotStarts(scope: Scope, statuses: readonly string[]): Computed {
  const { inside, partial } = scope.select('hotspot_status', (f) => statuses.includes(f.status) && within(f.from, scope.period));
  return { numerator: inside.length, denominator: null, value: inside.length, partial };
}

/** Distinct communes of the area with a fact that passes `keep`; facts of a split pre-reform commune cannot name one and are shown as partial. */
function communesWith<K extends FactKind>(scope: Scope, kind: K, keep: (fact: FactOf<K>) => boolean): Computed {
  const communes = communesOf(scope.query.area, scope.query.tree);
  const inArea = new Set(communes);
  const marked = new Set<string>();
  const partial = new Partials();
  for (const fact of scope.all(kind)) {
    if (!keep(fact)) continue;
    const candidates = currentUnitsOf(fact.unit, scope.query.tree);
    if (candidates.length === 1) {
      if (inArea.has(candidates[0]!)) marked.add(candidates[0]!);
    } else if (candidates.some((c) => inArea.has(c))) {
      partial.add(fact.unit, candidates, fact.key);
    }
  }
  return ratio(marked.size, communes.length, partial.list());
}

/** A sum over facts in the area, over a reference figure of the area. */
function reached(scope: Scope, audience: Audience, figure: ReferenceFigure): Computed {
  const { inside, partial } = scope.select('communication', (f) => f.audience === audience && within(f.on, scope.period));
  return overFigure(
    scope,
    inside.reduce((sum, f) => sum + f.reach, 0),
    figure,
    partial,
  );
}

function overFigure(scope: Scope, numerator: number, figure: ReferenceFigure, partial: PartialShare[]): Computed {
  const found = scope.figure(figure);
  return { ...ratio(numerator, found.value, partial), ...(found.missing.length > 0 ? { missingReferenceFigures: found.missing } : {}) };
}

/** A person-based indicator: distinct people in the area, each under one unit; split former units shown as partial. */
function persons(scope: Scope, code: PersonIndicator): Computed {
  let denominator = 0;
  let numerator = 0;
  const partial = new Partials();
  for (const [key, person] of peopleOf(code, scope.facts, scope.period)) {
    const where = scope.attribution(person.unit);
    if (where.kind === 'full') {
      denominator += 1;
      if (person.counted) numerator += 1;
    } else if (where.kind === 'partial') partial.add(person.unit, where.candidates, key);
  }
  return code === 'people_penalised'
    ? { numerator, denominator: null, value: numerator, partial: partial.list() }
    : ratio(numerator, denominator, partial.list());
}

/** A village name as compared: Unicode NFC, spaces collapsed, lower case (Vietnamese). */
export const normaliseVillage = (name: string) => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

export const STAFF_FIGURE: Record<StaffLevel, ReferenceFigure> = {
  province: 'staffProvince',
  district: 'staffDistrict',
  commune: 'staffCommune',
};

const COMPUTE: Record<IndicatorCode, (scope: Scope) => Computed> = {
  tips_handled_in_time: (scope) => {
    const { inside, partial } = scope.select('tip', (f) => within(f.receivedOn, scope.period));
    const late = new Set(inside.filter((f) => f.missedDeadline).map((f) => f.key));
    return share(inside, partial, (key) => !late.has(key));
  },
  at_risk_establishments_inspected: (scope) => establishmentsTouched(scope, 'establishment_at_risk', 'establishment_inspected', false),
  at_risk_establishments_reviewed: (scope) => establishmentsTouched(scope, 'establishment_at_risk', 'establishment_reviewed', false),
  establishments_with_signs_inspected: (scope) => establishmentsTouched(scope, 'establishment_with_signs', 'establishment_inspected', true),
  people_in_need_accessed_support: (scope) => persons(scope, 'people_in_need_accessed_support'),
  hotspots_eradicated: (scope) => {
    const { stretches, partial } = hotspots(scope);
    let active = 0;
    let eradicated = 0;
    for (const list of stretches.values()) {
      if (!list.some((s) => s.status !== 'eradicated' && overlaps(s.from, s.to, scope.period))) continue;
      active += 1;
      if (list.some((s) => s.status === 'eradicated' && lastsOn(s.from, s.to, scope.period.to))) eradicated += 1;
    }
    return ratio(eradicated, active, partial);
  },
  hotspots_reactivated: (scope) => hotspotStarts(scope, ['reactivated']),
  hotspots_formed_or_reformed: (scope) => hotspotStarts(scope, ['identified', 'reactivated']),
  crimes_handled_change: (scope) => {
    const baseline = scope.query.baseline ?? sameDaysAYearBefore(scope.period);
    const now = scope.select('crime_handled', (f) => within(f.on, scope.period));
    const before = scope.select('crime_handled', (f) => within(f.on, baseline));
    const value = before.inside.length > 0 ? ((now.inside.length - before.inside.length) / before.inside.length) * 100 : null;
    return { numerator: now.inside.length, denominator: before.inside.length, value, partial: [...now.partial, ...before.partial] };
  },
  prosecution_files_resolved: (scope) => {
    const { inside, partial } = scope.select('prosecution_file', (f) => within(f.transferredOn, scope.period));
    const resolved = new Set(inside.filter((f) => f.resolvedLawfully === true).map((f) => f.key));
    return share(inside, partial, (key) => resolved.has(key));
  },
  detected_cases_handled: (scope) => {
    const { inside, partial } = scope.select('detected_case', (f) => within(f.detectedOn, scope.period));
    const handled = new Set(inside.filter((f) => f.handled).map((f) => f.key));
    return share(inside, partial, (key) => handled.has(key));
  },
  communes_with_communication: (scope) => communesWith(scope, 'communication', (f) => f.recurring && within(f.on, scope.period)),
  villages_with_communication: (scope) => {
    const { inside, partial } = scope.select('communication', (f) => f.villages.length > 0 && within(f.on, scope.period));
    const villages = new Set<string>();
    const split: typeof partial = [...partial];
    for (const f of inside) {
      const commune = currentUnitsOf(f.unit, scope.query.tree);
      // A village is named within its commune; a split former commune cannot say which commune its village is in now.
      if (commune.length === 1) for (const v of f.villages) villages.add(`${commune[0]}|${normaliseVillage(v)}`);
    }
    return overFigure(scope, villages.size, 'villages', split);
  },
  communes_with_plan: (scope) =>
    communesWith(
      scope,
      'plan_adopted',
      (f) => (f.adoptedOn === null || f.adoptedOn <= scope.period.to) && f.from <= scope.period.to && f.to >= scope.period.from,
    ),
  communes_integrating: (scope) => communesWith(scope, 'integration', (f) => within(f.on, scope.period)),
  communes_with_pilot_models: (scope) => communesWith(scope, 'pilot_model', (f) => overlaps(f.from, f.to, scope.period)),
  staff_trained: (scope) => {
    const level = scope.query.subgroup!;
    const { inside, partial } = scope.select('training', (f) => within(f.on, scope.period));
    return overFigure(
      scope,
      inside.reduce((sum, f) => sum + (f.participants[level] ?? 0), 0),
      STAFF_FIGURE[level],
      partial,
    );
  },
  staff_briefed: (scope) => reached(scope, 'officials', 'staffAll'),
  workers_reached: (scope) => reached(scope, 'establishment_workers', 'workersAtRiskEstablishments'),
  students_reached: (scope) => reached(scope, 'high_school_students', 'highSchoolStudents'),
  website_posts_per_month: (scope) => {
    const asOf = scope.query.asOf ?? scope.period.to;
    const months = monthsOf(scope.query.calendar ?? CALENDAR_MONTHS, scope.period).filter((m) => m.from <= asOf);
    const { inside, partial } = scope.select('website_post', (f) => within(f.on, scope.period) && f.on <= asOf);
    const counts = months.map((m) => ({ label: m.label.vi, from: m.from, to: m.to, count: inside.filter((f) => within(f.on, m)).length }));
    const value = counts.length > 0 ? Math.min(...counts.map((c) => c.count)) : null;
    return { numerator: counts.reduce((sum, c) => sum + c.count, 0), denominator: counts.length, value, partial, months: counts };
  },
  people_penalised: (scope) => persons(scope, 'people_penalised'),
};
