import type pg from 'pg';
import { DEADLINES_PROJECTION } from '../../deadlines/src/deadlines-projection.js';
import type { JurisdictionTree } from '../../jurisdictions/src/domain/jurisdiction-tree.js';
import { quoteIdent, readSchema } from '../../projections/src/projection.js';
import { within, type DayRange } from '../../statistics/src/domain/calendar-day.js';
import type { PersonGroup } from '../../statistics/src/domain/disclosure/person-tables.js';
import type { Fact, ReferenceFigure, StaffLevel, UnitRef } from '../../statistics/src/domain/facts.js';
import { INDICATORS, type IndicatorCode } from '../../statistics/src/domain/indicator-catalogue.js';
import {
  normaliseVillage,
  ratio,
  sameDaysAYearBefore,
  STAFF_FIGURE,
  type Computed,
  type IndicatorValue,
  type PartialShare,
} from '../../statistics/src/domain/indicators.js';
import type { PersonIndicator } from '../../statistics/src/domain/people.js';
import { CALENDAR_MONTHS, monthsOf } from '../../statistics/src/domain/periods.js';
import { referenceFigure } from '../../statistics/src/domain/reference-figures.js';
import { attribute, communesOf, currentUnitsOf, type UnitTree } from '../../statistics/src/domain/roll-up.js';
import type { IndicatorSource, IndicatorTableQuery } from './domain/indicator-table.js';
import { rowFact, type FactRow } from './fact-rows.js';
import { INDICATOR_FACTS_PROJECTION } from './indicator-facts-projection.js';
import { IndicatorViewNotReadyError } from './view-not-ready.js';

export type QueryTree = UnitTree & Pick<JurisdictionTree, 'oldUnitsInto'>;

/** The units whose records count in an area: current ones, former ones wholly inside, former ones split across its edge. */
interface AreaUnits {
  current: string[];
  former: string[];
  /** Former units split across the area's edge, with every current unit they went into. */
  split: Map<string, string[]>;
}

function areaUnits(area: string, tree: QueryTree): AreaUnits {
  const current = tree.codesWithin(area);
  const candidates = new Set(current.flatMap((code) => tree.oldUnitsInto(code).map((m) => m.oldCode)));
  const former: string[] = [];
  const split = new Map<string, string[]>();
  for (const code of candidates) {
    const where = attribute({ code, era: 'pre_2025' }, [area], tree);
    if (where.kind === 'full' || where.kind === 'partial') former.push(code);
    if (where.kind === 'partial') split.set(code, where.candidates);
  }
  return { current, former, split };
}

/** Parameters every statement takes: $1 from, $2 to (days), $3 every unit code, $4 current codes, $5 former codes, $6 split former codes. */
const IN_AREA = `unit_code = any($3::text[]) and ((unit_era = 'current' and unit_code = any($4::text[])) or (unit_era = 'pre_2025' and unit_code = any($5::text[])))`;
/** The split former unit a record is shown under, null for a record wholly in the area. */
const PART = `case when unit_era = 'pre_2025' and unit_code = any($6::text[]) then unit_code end`;
const IN_PERIOD = `day_from between $1::date and $2::date`;
/** A half-open stretch [day_from, day_to) meeting the period (as `overlaps` in libs/statistics). */
const OVERLAPS = `day_from <= $2::date and (day_to is null or (day_to > $1::date and day_to > day_from))`;

interface PartRow {
  part: string | null;
  n: number;
}

/**
 * The indicator figures counted by PostgreSQL from the indicator facts view: each statement reads
 * only the area's and the period's rows through the view's indexes and returns counts (by unit for
 * the roll-up across the reform), so a province-year answers without loading its records. The
 * figures are those of the in-memory reference (`factsSource`): the equivalence is a test
 * (indicator-queries.int.spec.ts).
 */
export class IndicatorQueries {
  private readonly facts = `${quoteIdent(readSchema(INDICATOR_FACTS_PROJECTION))}.facts`;
  private readonly deadlines = `${quoteIdent(readSchema(DEADLINES_PROJECTION))}.deadlines`;
  /** The deadline view, once seen, stays (a rebuild swaps it in place). */
  private deadlinesBuilt = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly tree: QueryTree,
  ) {}

  /** Every figure of `lines` for the query's area and period, fetched at once; the source answers from memory. */
  async source(
    query: IndicatorTableQuery,
    now: Date,
    lines: ReadonlyArray<{ code: IndicatorCode; subgroup: StaffLevel | null }>,
  ): Promise<IndicatorSource> {
    const units = areaUnits(query.area, this.tree);
    const base = [
      query.period.from,
      query.period.to,
      [...units.current, ...units.former],
      units.current,
      units.former,
      [...units.split.keys()],
    ];
    let figures: Promise<Fact[]> | null = null;
    // The reference figures (few rows, the whole country) are read once per answer, whichever indicators need them.
    const ctx: Context = { query, units, base, now, figures: () => (figures ??= this.referenceFacts()) };
    const codes = new Set(lines.map((l) => l.code));
    const values = new Map<string, IndicatorValue>();
    const people = new Map<PersonIndicator, PersonGroup[]>();
    const lateTips = this.deadlinesBuilt || (this.deadlinesBuilt = await this.tableExists(this.deadlines));
    await Promise.all(
      [...codes].map(async (code) => {
        if (code === 'people_penalised' || code === 'people_in_need_accessed_support') {
          people.set(code, await this.people(code, ctx));
          return;
        }
        const subgroups = lines.filter((l) => l.code === code).map((l) => l.subgroup);
        const answers = await this.compute(code, subgroups, ctx, lateTips);
        for (const [subgroup, computed] of answers)
          values.set(`${code}:${subgroup}`, { code, measure: INDICATORS[code].measure, ...computed });
      }),
    );
    return {
      value: (code, subgroup) => {
        const found = values.get(`${code}:${subgroup}`);
        if (!found) throw new RangeError(`${code} (${subgroup}) was not asked for`);
        return found;
      },
      people: (code) => people.get(code) ?? [],
    };
  }

  private async compute(
    code: IndicatorCode,
    subgroups: (StaffLevel | null)[],
    ctx: Context,
    lateTips: boolean,
  ): Promise<Array<[StaffLevel | null, Computed]>> {
    const one = async (computed: Promise<Computed>): Promise<Array<[StaffLevel | null, Computed]>> => [[null, await computed]];
    switch (code) {
      case 'tips_handled_in_time':
        // A tip's steps in the deadline view carry the unit it was received in, as its fact does (both from tip.received): only the area's late steps are read.
        return one(
          this.share(
            ctx,
            'tip',
            lateTips
              ? `key not in (select d.case_id from ${this.deadlines} d where d.kind = 'tip' and d.jurisdiction = any($3::text[]) and (d.completed_at > d.due_at or d.completed_at is null) and (d.completed_at is not null or d.due_at < $7::timestamptz))`
              : 'true',
            lateTips ? [ctx.now] : [],
          ),
        );
      case 'prosecution_files_resolved':
        return one(this.share(ctx, 'prosecution_file', 'flag is true'));
      case 'detected_cases_handled':
        return one(this.share(ctx, 'detected_case', 'flag is true'));
      case 'at_risk_establishments_inspected':
        return one(this.establishmentsTouched(ctx, 'establishment_at_risk', 'establishment_inspected', false));
      case 'at_risk_establishments_reviewed':
        return one(this.establishmentsTouched(ctx, 'establishment_at_risk', 'establishment_reviewed', false));
      case 'establishments_with_signs_inspected':
        return one(this.establishmentsTouched(ctx, 'establishment_with_signs', 'establishment_inspected', true));
      case 'hotspots_eradicated':
        return one(this.hotspotsEradicated(ctx));
      case 'hotspots_reactivated':
        return one(this.hotspotStarts(ctx, ['reactivated']));
      case 'hotspots_formed_or_reformed':
        return one(this.hotspotStarts(ctx, ['identified', 'reactivated']));
      case 'crimes_handled_change':
        return one(this.crimesChange(ctx));
      case 'communes_with_communication':
        return one(this.communesWith(ctx, 'communication', `flag is true and ${IN_PERIOD}`));
      case 'communes_with_plan':
        return one(
          this.communesWith(
            ctx,
            'plan_adopted',
            `(payload->>'adoptedOn' is null or payload->>'adoptedOn' <= $2::date::text) and day_from <= $2::date and day_to >= $1::date`,
          ),
        );
      case 'communes_integrating':
        return one(this.communesWith(ctx, 'integration', IN_PERIOD));
      case 'communes_with_pilot_models':
        return one(this.communesWith(ctx, 'pilot_model', OVERLAPS));
      case 'villages_with_communication':
        return one(this.villages(ctx));
      case 'staff_trained':
        return this.staffTrained(ctx, subgroups);
      case 'staff_briefed':
        return one(this.reached(ctx, 'officials', 'staffAll'));
      case 'workers_reached':
        return one(this.reached(ctx, 'establishment_workers', 'workersAtRiskEstablishments'));
      case 'students_reached':
        return one(this.reached(ctx, 'high_school_students', 'highSchoolStudents'));
      case 'website_posts_per_month':
        return one(this.websitePosts(ctx));
      case 'people_in_need_accessed_support':
      case 'people_penalised':
        throw new RangeError(`${code} is person-based: ask people()`);
    }
  }

  /** Records of a kind received in the period, and how many of them pass `hit`: a share (tips, files, detected cases). */
  private async share(ctx: Context, kind: string, hit: string, extra: unknown[] = []): Promise<Computed> {
    const rows = await this.rows<PartRow & { hits: number }>(
      `select ${PART} as part, count(distinct key)::int as n, (count(distinct key) filter (where ${hit}))::int as hits
         from ${this.facts} f where kind = '${kind}' and ${IN_PERIOD} and ${IN_AREA} group by 1`,
      [...ctx.base, ...extra],
    );
    const whole = rows.find((r) => r.part === null);
    return ratio(whole?.hits ?? 0, whole?.n ?? 0, this.partial(ctx, rows));
  }

  private async establishmentsTouched(ctx: Context, listing: string, action: string, afterListing: boolean): Promise<Computed> {
    const rows = await this.rows<PartRow & { hits: number }>(
      // Aggregates only (no join whose size the planner cannot guess): each listed establishment's
      // first listing day beside the last day an action touched it in the period, grouped by key.
      `with listed as (select key, ${PART} as part, day_from from ${this.facts} where kind = '${listing}' and ${OVERLAPS} and ${IN_AREA}),
            days as (
              select key, day_from as listed_from, null::date as last_on from listed where part is null
              union all
              select ref, null, day_from from ${this.facts} where kind = '${action}' and ${IN_PERIOD} and ref in (select key from listed where part is null)),
            touched as (select key, min(listed_from) as listed_from, max(last_on) as last_on from days group by key)
       select null as part, (count(*) filter (where listed_from is not null))::int as n,
              (count(*) filter (where listed_from is not null and last_on is not null ${afterListing ? 'and last_on >= listed_from' : ''}))::int as hits
         from touched
       union all
       select part, count(distinct key)::int, 0 from listed where part is not null group by part`,
      ctx.base,
    );
    const whole = rows.find((r) => r.part === null);
    return ratio(whole?.hits ?? 0, whole?.n ?? 0, this.partial(ctx, rows));
  }

  private async hotspotsEradicated(ctx: Context): Promise<Computed> {
    const [counts, parts] = await Promise.all([
      this.rows<{ active: number; eradicated: number }>(
        `select (count(*) filter (where active))::int as active, (count(*) filter (where active and eradicated))::int as eradicated from (
           select ref as hotspot,
                  bool_or(tag <> 'eradicated' and ${OVERLAPS}) as active,
                  bool_or(tag = 'eradicated' and day_from <= $2::date and (day_to is null or day_to > $2::date)) as eradicated
             from ${this.facts} where kind = 'hotspot_status' and ${OVERLAPS} and ${IN_AREA} and ${PART} is null group by 1) h`,
        ctx.base,
      ),
      // Split former units show every hotspot recorded there, whatever the period (as the reference does).
      this.rows<PartRow>(
        `select ${PART} as part, count(distinct ref)::int as n from ${this.facts} where kind = 'hotspot_status' and ${IN_AREA} and ${PART} is not null group by 1`,
        ctx.base,
      ),
    ]);
    return ratio(counts[0]?.eradicated ?? 0, counts[0]?.active ?? 0, this.partial(ctx, parts));
  }

  private async hotspotStarts(ctx: Context, statuses: string[]): Promise<Computed> {
    const rows = await this.rows<PartRow & { stretches: number }>(
      `select ${PART} as part, count(distinct key)::int as n, count(*)::int as stretches from ${this.facts}
        where kind = 'hotspot_status' and tag = any($7::text[]) and ${IN_PERIOD} and ${IN_AREA} group by 1`,
      [...ctx.base, statuses],
    );
    const count = rows.find((r) => r.part === null)?.stretches ?? 0;
    return { numerator: count, denominator: null, value: count, partial: this.partial(ctx, rows) };
  }

  private async crimesChange(ctx: Context): Promise<Computed> {
    const baseline = sameDaysAYearBefore(ctx.query.period);
    const count = (range: DayRange) =>
      this.rows<PartRow & { records: number }>(
        `select ${PART} as part, count(distinct key)::int as n, count(*)::int as records from ${this.facts} where kind = 'crime_handled' and ${IN_PERIOD} and ${IN_AREA} group by 1`,
        [range.from, range.to, ...ctx.base.slice(2)],
      );
    const [now, before] = await Promise.all([count(ctx.query.period), count(baseline)]);
    const current = now.find((r) => r.part === null)?.records ?? 0;
    const previous = before.find((r) => r.part === null)?.records ?? 0;
    const value = previous > 0 ? ((current - previous) / previous) * 100 : null;
    return { numerator: current, denominator: previous, value, partial: [...this.partial(ctx, now), ...this.partial(ctx, before)] };
  }

  /** Distinct communes of the area with a record that passes `keep`; records of a split former commune shown as partial. */
  private async communesWith(ctx: Context, kind: string, keep: string): Promise<Computed> {
    const rows = await this.rows<{ unit_code: string; unit_era: UnitRef['era']; n: number }>(
      `select unit_code, unit_era, count(distinct key)::int as n from ${this.facts} where kind = '${kind}' and ${keep} and ${IN_AREA} group by 1, 2`,
      ctx.base,
    );
    const communes = communesOf([ctx.query.area], this.tree);
    const inArea = new Set(communes);
    const marked = new Set<string>();
    const partial: PartialShare[] = [];
    for (const row of rows) {
      const unit = { code: row.unit_code, era: row.unit_era };
      const candidates = currentUnitsOf(unit, this.tree);
      if (candidates.length === 1) {
        if (inArea.has(candidates[0]!)) marked.add(candidates[0]!);
      } else if (candidates.some((c) => inArea.has(c))) partial.push({ unit, candidates, records: row.n });
    }
    return ratio(marked.size, communes.length, sortShares(partial));
  }

  private async villages(ctx: Context): Promise<Computed> {
    const [named, parts, figures] = await Promise.all([
      this.rows<{ unit_code: string; unit_era: UnitRef['era']; village: string }>(
        `select distinct unit_code, unit_era, village from ${this.facts}, jsonb_array_elements_text(payload->'villages') as village
          where kind = 'communication' and ${IN_PERIOD} and ${IN_AREA} and ${PART} is null`,
        ctx.base,
      ),
      this.rows<PartRow>(
        `select ${PART} as part, count(distinct key)::int as n from ${this.facts} where kind = 'communication' and jsonb_array_length(payload->'villages') > 0 and ${IN_PERIOD} and ${IN_AREA} and ${PART} is not null group by 1`,
        ctx.base,
      ),
      ctx.figures(),
    ]);
    const villages = new Set<string>();
    for (const row of named) {
      const commune = currentUnitsOf({ code: row.unit_code, era: row.unit_era }, this.tree);
      if (commune.length === 1) villages.add(`${commune[0]}|${normaliseVillage(row.village)}`);
    }
    return this.overFigure(ctx, figures, villages.size, 'villages', this.partial(ctx, parts));
  }

  private async staffTrained(ctx: Context, levels: (StaffLevel | null)[]): Promise<Array<[StaffLevel | null, Computed]>> {
    const [rows, figures] = await Promise.all([
      this.rows<PartRow & { province: number; district: number; commune: number }>(
        `select ${PART} as part, count(distinct key)::int as n,
                coalesce(sum((payload->'participants'->>'province')::int), 0)::int as province,
                coalesce(sum((payload->'participants'->>'district')::int), 0)::int as district,
                coalesce(sum((payload->'participants'->>'commune')::int), 0)::int as commune
           from ${this.facts} where kind = 'training' and ${IN_PERIOD} and ${IN_AREA} group by 1`,
        ctx.base,
      ),
      ctx.figures(),
    ]);
    const whole = rows.find((r) => r.part === null);
    return levels.map((level) => [
      level,
      this.overFigure(ctx, figures, whole?.[level!] ?? 0, STAFF_FIGURE[level!], this.partial(ctx, rows)),
    ]);
  }

  private async reached(ctx: Context, audience: string, figure: ReferenceFigure): Promise<Computed> {
    const [rows, figures] = await Promise.all([
      this.rows<PartRow & { reach: number }>(
        `select ${PART} as part, count(distinct key)::int as n, coalesce(sum((payload->>'reach')::bigint), 0)::float8 as reach
           from ${this.facts} where kind = 'communication' and tag = $7 and ${IN_PERIOD} and ${IN_AREA} group by 1`,
        [...ctx.base, audience],
      ),
      ctx.figures(),
    ]);
    return this.overFigure(ctx, figures, rows.find((r) => r.part === null)?.reach ?? 0, figure, this.partial(ctx, rows));
  }

  private async websitePosts(ctx: Context): Promise<Computed> {
    const { period, calendar } = ctx.query;
    const asOf = ctx.query.asOf ?? period.to;
    const [days, parts] = await Promise.all([
      this.rows<{ day: string; n: number }>(
        `select day_from::text as day, count(*)::int as n from ${this.facts} where kind = 'website_post' and ${IN_PERIOD} and day_from <= $7::date and ${IN_AREA} and ${PART} is null group by 1`,
        [...ctx.base, asOf],
      ),
      this.rows<PartRow>(
        `select ${PART} as part, count(distinct key)::int as n from ${this.facts} where kind = 'website_post' and ${IN_PERIOD} and day_from <= $7::date and ${IN_AREA} and ${PART} is not null group by 1`,
        [...ctx.base, asOf],
      ),
    ]);
    const months = monthsOf(calendar ?? CALENDAR_MONTHS, period).filter((m) => m.from <= asOf);
    const counts = months.map((m) => ({
      label: m.label.vi,
      from: m.from,
      to: m.to,
      count: days.filter((d) => within(d.day, m)).reduce((sum, d) => sum + d.n, 0),
    }));
    const value = counts.length > 0 ? Math.min(...counts.map((c) => c.count)) : null;
    return {
      numerator: counts.reduce((sum, c) => sum + c.count, 0),
      denominator: counts.length,
      value,
      partial: this.partial(ctx, parts),
      months: counts,
    };
  }

  /**
   * A person-based indicator's people in the period, each at the unit of their latest record
   * (ties: the greater unit code), grouped by unit, in the whole country: the protected table every
   * answer reads its person figures from is the country's (protected-table.ts).
   */
  private async people(code: PersonIndicator, ctx: Context): Promise<PersonGroup[]> {
    const params = [ctx.query.period.from, ctx.query.period.to];
    const [kind, when, extra] =
      code === 'people_penalised' ? ['person_penalised', IN_PERIOD, ''] : ['support_need', OVERLAPS, `and flag is true`];
    // Everyone with a record in the period, at their latest record of it (a unit no tree knows included: the protected table leaves it out).
    const latest = `select distinct on (key) key, unit_code, unit_era from ${this.facts} where kind = '${kind}' ${extra} and ${when} order by key, day_from desc, unit_code desc`;
    const counted =
      code === 'people_penalised'
        ? 'true'
        : `exists (select 1 from ${this.facts} a where a.kind = 'support_access' and a.key = p.key and a.day_from between $1::date and $2::date)`;
    // With perturbation, each group's cell key: the sum of its people's record keys (libs/statistics
    // perturbation.ts: the first four bytes of SHA-256 over "record-key", the salt and the person key), so no key leaves the database.
    const salt = ctx.query.publication?.perturbation?.salt;
    const keySum =
      salt === undefined
        ? ''
        : `, (sum(('x' || left(encode(sha256(convert_to('record-key' || chr(10) || $3::text || chr(10) || key, 'UTF8')), 'hex'), 8))::bit(32)::bigint) % 4294967296)::float8 as key_sum`;
    const rows = await this.rows<{ unit_code: string; unit_era: UnitRef['era']; counted: boolean; n: number; key_sum?: number }>(
      `select unit_code, unit_era, ${counted} as counted, count(*)::int as n${keySum} from (${latest}) p group by 1, 2, 3`,
      salt === undefined ? params : [...params, salt],
    );
    return rows.map((r) => ({
      unit: { code: r.unit_code, era: r.unit_era },
      counted: r.counted,
      people: r.n,
      ...(r.key_sum === undefined ? {} : { keySum: r.key_sum }),
    }));
  }

  private overFigure(ctx: Context, figures: Fact[], numerator: number, figure: ReferenceFigure, partial: PartialShare[]): Computed {
    const found = referenceFigure(figures, figure, [ctx.query.area], ctx.query.period, this.tree);
    return { ...ratio(numerator, found.value, partial), ...(found.missing.length > 0 ? { missingReferenceFigures: found.missing } : {}) };
  }

  private referenceFacts(): Promise<Fact[]> {
    return this.rows<FactRow>(
      `select kind, key, unit_code, unit_era, payload from ${this.facts} where kind = 'reference_figures'`,
      [],
    ).then((rows) => rows.map(rowFact));
  }

  private partial(ctx: Context, rows: readonly PartRow[]): PartialShare[] {
    return sortShares(
      rows
        .filter((r) => r.part !== null)
        .map((r) => ({ unit: { code: r.part!, era: 'pre_2025' as const }, candidates: ctx.units.split.get(r.part!) ?? [], records: r.n })),
    );
  }

  private async tableExists(table: string): Promise<boolean> {
    const result = await this.pool.query<{ found: string | null }>('select to_regclass($1) as found', [table]);
    return result.rows[0]?.found !== null;
  }

  /** Runs a statement with only the parameters it refers to, renumbered (PostgreSQL refuses a parameter it cannot type). */
  private async rows<T extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<T[]> {
    const used = [...new Set([...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
    const renumbered = text.replace(/\$(\d+)/g, (_, n: string) => `$${used.indexOf(Number(n)) + 1}`);
    try {
      return (
        await this.pool.query<T>(
          renumbered,
          used.map((n) => values[n - 1]),
        )
      ).rows;
    } catch (error) {
      // undefined_table: the view is not there until the first build is live; undefined_column: the
      // live build is of an older version of the projection while the new one is being built.
      const code = (error as { code?: string }).code;
      if (code === '42P01' || code === '42703') throw new IndicatorViewNotReadyError();
      throw error;
    }
  }
}

interface Context {
  figures: () => Promise<Fact[]>;
  query: IndicatorTableQuery;
  units: AreaUnits;
  base: unknown[];
  now: Date;
}

const sortShares = (shares: PartialShare[]) => shares.sort((a, b) => (a.unit.code < b.unit.code ? -1 : 1));
