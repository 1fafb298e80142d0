import pg from 'pg';
import { VN_PUBLIC_HOLIDAYS } from '../../case-kernel/src/domain/vn-public-holidays.js';
import { WorkingCalendar } from '../../case-kernel/src/domain/working-calendar.js';
import { deadlinesProjection, DEADLINES_PROJECTION } from '../../deadlines/src/deadlines-projection.js';
import { BUILT_IN_MAPPINGS, BUILT_IN_UNITS } from '../../jurisdictions/src/built-in-units.js';
import { JurisdictionTree } from '../../jurisdictions/src/domain/jurisdiction-tree.js';
import { readSchema } from '../../projections/src/projection.js';
import { addDays, type IsoDay } from '../../statistics/src/domain/calendar-day.js';
import { AUDIENCES, currentUnit, formerUnit, HOTSPOT_STATUSES, type Fact, type UnitRef } from '../../statistics/src/domain/facts.js';
import { CALENDAR_MONTHS, statisticalPeriod, type StatisticalCalendar } from '../../statistics/src/domain/periods.js';
import { createTestDatabase } from '../../../test/support/database.js';
import { indicatorLineOf, indicatorTable, indicatorTableOf, type IndicatorTableQuery } from './domain/indicator-table.js';
import { factRow } from './fact-rows.js';
import { indicatorFactsProjection, INDICATOR_FACTS_PROJECTION } from './indicator-facts-projection.js';
import { IndicatorQueries } from './indicator-queries.js';
import { hmacPersonKey } from './statistics-key.js';

// The database's counts (IndicatorQueries) against the in-memory reference (indicatorTable over
// every fact), on random facts of every kind: current and former units (split ones too), stretches
// open and closed, people recorded in several places, late tips from the deadline view.

const tree = JurisdictionTree.build(BUILT_IN_UNITS, BUILT_IN_MAPPINGS);
const NOW = new Date('2026-10-20T03:00:00Z');

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  return { next, int, pick };
}

const COMMUNES = tree.units('commune').map((u) => u.code);
const PROVINCES = tree.units('province').map((u) => u.code);
const FORMER = [...new Set(BUILT_IN_MAPPINGS.map((m) => m.oldCode))];
/** Where records are made: mostly communes, some provinces, former units, and one code no tree knows. */
function unitOf(r: ReturnType<typeof random>): UnitRef {
  const roll = r.next();
  if (roll < 0.6) return currentUnit(r.pick(COMMUNES));
  if (roll < 0.7) return currentUnit(r.pick(PROVINCES));
  if (roll < 0.97) return formerUnit(r.pick(FORMER));
  return currentUnit('99999');
}

function randomFacts(seed: number, n: number): { facts: Fact[]; late: Set<string> } {
  const r = random(seed);
  const day = (): IsoDay => addDays('2025-01-01', r.int(3 * 365));
  const stretch = () => {
    const from = day();
    return { from, to: r.next() < 0.4 ? null : addDays(from, r.int(400)) };
  };
  const people = Array.from({ length: Math.ceil(n / 6) }, (_, i) => `p${i}`);
  const establishments = Array.from({ length: Math.ceil(n / 10) }, (_, i) => `e${i}`);
  const facts: Fact[] = [];
  const late = new Set<string>();
  for (let i = 0; i < n; i++) {
    const unit = unitOf(r);
    const key = `k${i}`;
    switch (r.int(19)) {
      case 0: {
        const tip: Fact = { fact: 'tip', key, unit, receivedOn: day(), missedDeadline: r.next() < 0.3 };
        if (tip.missedDeadline) late.add(key);
        facts.push(tip);
        break;
      }
      case 1:
        facts.push({ fact: 'establishment_at_risk', key: r.pick(establishments), unit, ...stretch() });
        break;
      case 2:
        facts.push({ fact: 'establishment_with_signs', key: r.pick(establishments), unit, ...stretch() });
        break;
      case 3:
        facts.push({ fact: 'establishment_reviewed', key, establishment: r.pick(establishments), unit, on: day() });
        break;
      case 4:
        facts.push({ fact: 'establishment_inspected', key, establishment: r.pick(establishments), unit, on: day() });
        break;
      case 5: {
        const s = stretch();
        facts.push({ fact: 'hotspot_status', key, unit, hotspot: `h${r.int(n / 12)}`, status: r.pick(HOTSPOT_STATUSES), ...s });
        break;
      }
      case 6:
        facts.push({ fact: 'crime_handled', key, unit, on: day() });
        break;
      case 7:
        facts.push({ fact: 'prosecution_file', key, unit, transferredOn: day(), resolvedLawfully: r.pick([true, false, null]) });
        break;
      case 8:
        facts.push({ fact: 'detected_case', key, unit, detectedOn: day(), handled: r.next() < 0.6 });
        break;
      case 9:
        facts.push({ fact: 'support_need', key: r.pick(people), unit, ...stretch(), eligible: r.next() < 0.8 });
        break;
      case 10:
        facts.push({ fact: 'support_access', key: r.pick(people), unit, on: day() });
        break;
      case 11:
        facts.push({ fact: 'person_penalised', key: r.pick(people), unit, on: day() });
        break;
      case 12:
        facts.push({
          fact: 'communication',
          key,
          unit,
          on: day(),
          audience: r.pick(AUDIENCES),
          reach: r.int(500),
          recurring: r.next() < 0.5,
          villages: r.next() < 0.5 ? [] : [r.pick(['Thôn 1', 'thôn  1', 'Thôn Đông', 'Ấp 3'])],
        });
        break;
      case 13:
        facts.push({
          fact: 'training',
          key,
          unit,
          on: day(),
          participants: { province: r.int(5), district: r.int(8), commune: r.int(20) },
        });
        break;
      case 14: {
        const from = day();
        facts.push({ fact: 'plan_adopted', key, unit, adoptedOn: r.next() < 0.2 ? null : day(), from, to: addDays(from, 364) });
        break;
      }
      case 15:
        facts.push({ fact: 'integration', key, unit, on: day() });
        break;
      case 16:
        facts.push({ fact: 'pilot_model', key, unit, ...stretch() });
        break;
      case 17:
        facts.push({ fact: 'website_post', key, unit, on: day() });
        break;
      default: {
        const area = r.next() < 0.5 ? [r.pick(PROVINCES)] : [r.pick(COMMUNES)];
        facts.push({
          fact: 'reference_figures',
          key,
          unit,
          area,
          asOf: day(),
          figures: {
            staffProvince: 10 + r.int(50),
            staffDistrict: 20 + r.int(50),
            staffCommune: 30 + r.int(80),
            staffAll: 100 + r.int(200),
            workersAtRiskEstablishments: 50 + r.int(900),
            highSchoolStudents: 500 + r.int(4000),
            villages: 3 + r.int(12),
          },
        });
      }
    }
  }
  // Hotspot stretches carry the hotspot's own unit: give every stretch of a hotspot the unit of its first.
  const hotspotUnit = new Map<string, UnitRef>();
  for (const f of facts)
    if (f.fact === 'hotspot_status') f.unit = hotspotUnit.get(f.hotspot) ?? (hotspotUnit.set(f.hotspot, f.unit), f.unit);
  return { facts, late };
}

describe('indicator figures counted by PostgreSQL', () => {
  let database: { url: string; drop: () => Promise<void> };
  let pool: pg.Pool;
  let queries: IndicatorQueries;

  async function load(facts: Fact[], late: Set<string>) {
    const factsSchema = readSchema(INDICATOR_FACTS_PROJECTION);
    const deadlinesSchema = readSchema(DEADLINES_PROJECTION);
    await pool.query(
      `drop schema if exists ${factsSchema} cascade; drop schema if exists ${deadlinesSchema} cascade; create schema ${factsSchema}; create schema ${deadlinesSchema}`,
    );
    const projection = indicatorFactsProjection(hmacPersonKey(Buffer.alloc(32, 1)));
    await pool.query(`set search_path to ${factsSchema}; ${projection.schema} ${projection.indexes ?? ''}; reset search_path`);
    const deadlines = deadlinesProjection(new WorkingCalendar(VN_PUBLIC_HOLIDAYS));
    await pool.query(`set search_path to ${deadlinesSchema}; ${deadlines.schema}; reset search_path`);
    const rows = facts.map((fact, i) => factRow(`s-${i}`, 0, fact));
    await pool.query(
      `insert into ${factsSchema}.facts (stream, seq, kind, key, unit_code, unit_era, day_from, day_to, ref, tag, flag, payload)
       select stream, seq, kind, key, unit_code, unit_era, day_from, day_to, ref, tag, flag, payload
         from json_to_recordset($1::json) as f(stream text, seq integer, kind text, key text, unit_code text, unit_era text, day_from date, day_to date, ref text, tag text, flag boolean, payload jsonb)`,
      [JSON.stringify(rows)],
    );
    // Every tip has a step in the deadline view: met in time, met late, or open past its time (late as of NOW) or not yet due.
    const tips = facts.filter((f): f is Extract<Fact, { fact: 'tip' }> => f.fact === 'tip');
    const steps = tips.map((t, i) => {
      const due = new Date(`${t.receivedOn}T10:00:00Z`);
      const isLate = late.has(t.key);
      const openLate = isLate && i % 2 === 0;
      const completed = openLate ? null : new Date(due.getTime() + (isLate ? 1 : -1) * 3_600_000);
      return {
        kind: 'tip',
        case_id: t.key,
        deadline: 'verification',
        jurisdiction: t.unit.code,
        due_at: openLate ? new Date(NOW.getTime() - 86_400_000) : due,
        due_on: t.receivedOn,
        completed_at: i % 7 === 3 && !isLate ? null : completed,
      };
    });
    // An open step not yet due is not late: those tips stay in time.
    for (const s of steps) if (s.completed_at === null && !late.has(s.case_id)) s.due_at = new Date(NOW.getTime() + 86_400_000);
    await pool.query(
      `insert into ${deadlinesSchema}.deadlines (kind, case_id, deadline, jurisdiction, due_at, due_on, completed_at)
       select kind, case_id, deadline, jurisdiction, due_at, due_on, completed_at from json_to_recordset($1::json) as d(kind text, case_id text, deadline text, jurisdiction text, due_at timestamptz, due_on date, completed_at timestamptz)`,
      [JSON.stringify(steps)],
    );
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 4 });
    queries = new IndicatorQueries(pool, tree);
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  const tableQuery = (
    area: string,
    period: IndicatorTableQuery['period'],
    calendar: StatisticalCalendar = CALENDAR_MONTHS,
    asOf = '2026-10-20',
  ): IndicatorTableQuery => ({ area, period, tree, calendar, asOf, targets: [], threshold: 3 });

  it.each([1, 2, 3])('gives the reference figures for every area and period (random facts, seed %i)', async (seed) => {
    const { facts, late } = randomFacts(seed, 1500);
    await load(facts, late);
    const monthly = { monthStartsOnDay: 15 };
    const cases: IndicatorTableQuery[] = [];
    for (const area of ['VN', ...PROVINCES, '10072', '10045', '27559', '18775', '04795']) {
      cases.push(tableQuery(area, statisticalPeriod(CALENDAR_MONTHS, 'year', 2026)));
      cases.push(tableQuery(area, statisticalPeriod(CALENDAR_MONTHS, 'quarter', 2025, 3)));
    }
    cases.push(tableQuery('01', statisticalPeriod(monthly, 'half_year', 2026, 1), monthly, '2026-04-02'));
    cases.push(tableQuery('79', statisticalPeriod(CALENDAR_MONTHS, 'month', 2027, 2)));
    cases.push(tableQuery('52', statisticalPeriod(monthly, 'nine_months', 2026, 1), monthly));
    let compared = 0;
    for (const query of cases) {
      const expected = indicatorTable(facts, query);
      const actual = indicatorTableOf(
        await queries.source(
          query,
          NOW,
          expected.map((l) => ({ code: l.code, subgroup: l.subgroup })),
        ),
        query,
      );
      expect({ area: query.area, period: query.period, lines: actual }).toEqual({
        area: query.area,
        period: query.period,
        lines: expected,
      });
      compared += actual.length;
    }
    // The scenario is not empty: figures differ from zero, some records of split units are shown as partial, some person cells are suppressed.
    const wide = indicatorTable(facts, tableQuery('01', statisticalPeriod(CALENDAR_MONTHS, 'year', 2026)));
    expect(wide.filter((l) => (l.numerator ?? 0) > 0).length).toBeGreaterThan(10);
    expect(
      wide.some((l) => l.partial.length > 0) ||
        indicatorTable(facts, tableQuery('10072', statisticalPeriod(CALENDAR_MONTHS, 'year', 2026))).some((l) => l.partial.length > 0),
    ).toBe(true);
    expect(compared).toBeGreaterThan(cases.length * 20);
  });

  it('gives the reference figures with perturbation and rounding switched on (record keys summed in the database)', async () => {
    const { facts, late } = randomFacts(4, 2500);
    await load(facts, late);
    const publication = { roundToFive: true, perturbation: { salt: 'a-secret-salt-of-the-deployment' } };
    let perturbed = 0;
    for (const area of ['VN', '01', '79', '10072', '27559']) {
      for (const period of [statisticalPeriod(CALENDAR_MONTHS, 'year', 2026), statisticalPeriod(CALENDAR_MONTHS, 'quarter', 2026, 2)]) {
        const query = { ...tableQuery(area, period), publication };
        const lines = [
          { code: 'people_penalised' as const, subgroup: null },
          { code: 'people_in_need_accessed_support' as const, subgroup: null },
        ];
        const expected = indicatorTable(facts, query)
          .filter((l) => l.personBased)
          .sort((a, b) => (a.code === 'people_penalised' ? -1 : b.code === 'people_penalised' ? 1 : 0));
        const source = await queries.source(query, NOW, lines);
        const actual = lines.map((l) => indicatorLineOf(l.code, null, source, query));
        expect(actual).toEqual(expected);
        const plain = indicatorTable(facts, tableQuery(area, period))
          .filter((l) => l.personBased)
          .sort((a, b) => (a.code === 'people_penalised' ? -1 : b.code === 'people_penalised' ? 1 : 0));
        perturbed += plain.filter((l, i) => JSON.stringify(l.byUnit) !== JSON.stringify(expected[i]!.byUnit)).length;
      }
    }
    // Switching it on changes published figures (noise and rounding), and both sides agree on them.
    expect(perturbed).toBeGreaterThan(0);
  });

  it('answers "not built yet" while the live build is of an older version without the columns it counts on', async () => {
    const schema = readSchema(INDICATOR_FACTS_PROJECTION);
    await pool.query(
      `drop schema if exists ${schema} cascade; create schema ${schema}; create table ${schema}.facts (stream text, seq integer, kind text, key text, unit_code text, unit_era text, day_from date, day_to date, payload jsonb)`,
    );
    const query = tableQuery('01', statisticalPeriod(CALENDAR_MONTHS, 'year', 2026));
    await expect(queries.source(query, NOW, [{ code: 'hotspots_eradicated', subgroup: null }])).rejects.toMatchObject({
      name: 'IndicatorViewNotReadyError',
    });
  });

  it('answers "not built yet" before the facts view exists', async () => {
    await pool.query(`drop schema if exists ${readSchema(INDICATOR_FACTS_PROJECTION)} cascade`);
    const query = tableQuery('01', statisticalPeriod(CALENDAR_MONTHS, 'year', 2026));
    await expect(queries.source(query, NOW, [{ code: 'tips_handled_in_time', subgroup: null }])).rejects.toMatchObject({
      name: 'IndicatorViewNotReadyError',
    });
  });
});
