import { BUILT_IN_MAPPINGS, BUILT_IN_UNITS } from '../../../jurisdictions/src/built-in-units.js';
import { JurisdictionTree } from '../../../jurisdictions/src/domain/jurisdiction-tree.js';
import { addDays } from './calendar-day.js';
import { currentUnit, formerUnit, type Fact, type UnitRef } from './facts.js';
import { INDICATOR_CODES, INDICATORS } from './indicator-catalogue.js';
import { computeIndicator, type IndicatorQuery } from './indicators.js';
import { statisticalPeriod, CALENDAR_MONTHS } from './periods.js';
import { displayValue, evaluateTarget, type Target } from './targets.js';

// Every indicator of domain.md's table on a scenario whose value is worked out by hand in the comment.

const tree = JurisdictionTree.build(BUILT_IN_UNITS, BUILT_IN_MAPPINGS);
const YEAR = (y: number) => statisticalPeriod(CALENDAR_MONTHS, 'year', y);
const query = (area: string[], year: number, extra: Partial<IndicatorQuery> = {}): IndicatorQuery => ({
  area,
  period: YEAR(year),
  tree,
  ...extra,
});
const target = (indicator: Target['indicator'], comparator: Target['comparator'], value: number, extra: Partial<Target> = {}): Target => ({
  indicator,
  comparator,
  value,
  cadence: 'yearly',
  quote: 'x',
  ...extra,
});
const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));

/** Former Hóc Môn district: its twelve old communes, now four communes of Hồ Chí Minh. */
const HOC_MON_OLD = ['27559', '27562', '27565', '27568', '27571', '27574', '27577', '27580', '27583', '27586', '27589', '27592'];
const HOC_MON_NOW = ['27559', '27568', '27577', '27592'];
const GIA_LAI_COMMUNES = ['21583', '23575', '23617'];
const KY_ANH = '18775';

describe('each indicator computed by hand', () => {
  it('covers every code of the catalogue with names in both languages', () => {
    for (const code of INDICATOR_CODES) {
      expect(INDICATORS[code]).toMatchObject({
        code,
        name: { en: expect.any(String), vi: expect.any(String) },
        numerator: { vi: expect.any(String) },
      });
      expect(INDICATORS[code].facts.length).toBeGreaterThan(0);
    }
    expect(INDICATOR_CODES.filter((c) => INDICATORS[c].personBased)).toEqual(['people_in_need_accessed_support', 'people_penalised']);
  });

  it('tips handled in time: 8 received in Q1, one missed a time limit → 7/8 = 87.5%, below 100%', () => {
    const tip = (key: string, unit: UnitRef, receivedOn: string, missedDeadline = false): Fact => ({
      fact: 'tip',
      key,
      unit,
      receivedOn,
      missedDeadline,
    });
    const facts = [
      ...times(7, (i) => tip(`t${i}`, currentUnit('27559'), `2026-01-${10 + i}`)),
      tip('late', currentUnit('27559'), '2026-02-01', true),
      tip('april', currentUnit('27559'), '2026-04-02'),
      tip('elsewhere', currentUnit('10015'), '2026-01-05'),
    ];
    const result = computeIndicator('tips_handled_in_time', facts, {
      area: ['79'],
      period: statisticalPeriod(CALENDAR_MONTHS, 'quarter', 2026, 1),
      tree,
    });
    expect(result).toMatchObject({ numerator: 7, denominator: 8, value: 87.5 });
    expect(evaluateTarget(target('tips_handled_in_time', 'at_least', 100), result, YEAR(2026)).met).toBe(false);
  });

  it('at-risk establishments inspected (Hóc Môn 2024): 30 at risk, 7 inspected → 23.3% against 20% → met', () => {
    // Recorded under the old communes (2024 is before the reform), asked for the four communes that replaced the district.
    const atRisk = times(30, (i): Fact => ({
      fact: 'establishment_at_risk',
      key: `e${i}`,
      unit: formerUnit(HOC_MON_OLD[i % 12]!),
      from: '2023-06-01',
      to: null,
    }));
    const inspected = times(7, (i): Fact => ({
      fact: 'establishment_inspected',
      key: `i${i}`,
      establishment: `e${i}`,
      unit: formerUnit(HOC_MON_OLD[i % 12]!),
      on: `2024-0${i + 1}-15`,
    }));
    const noise: Fact[] = [
      { fact: 'establishment_inspected', key: 'again', establishment: 'e0', unit: formerUnit('27559'), on: '2024-11-02' }, // a second check of e0 counts once
      { fact: 'establishment_inspected', key: 'old', establishment: 'e20', unit: formerUnit('27559'), on: '2023-12-30' }, // before the period
      { fact: 'establishment_inspected', key: 'not-listed', establishment: 'x', unit: formerUnit('27559'), on: '2024-03-03' }, // not an at-risk one
      { fact: 'establishment_at_risk', key: 'closed', unit: formerUnit('27559'), from: '2022-01-01', to: '2023-12-01' }, // closed before 2024
    ];
    const result = computeIndicator('at_risk_establishments_inspected', [...atRisk, ...inspected, ...noise], query(HOC_MON_NOW, 2024));
    expect(result).toMatchObject({ numerator: 7, denominator: 30, partial: [] });
    expect(displayValue(result.value)).toBe('23.3');
    expect(evaluateTarget(target('at_risk_establishments_inspected', 'at_least', 20), result, YEAR(2024))).toMatchObject({
      met: true,
      target: { value: 20 },
    });
  });

  it('at-risk establishments reviewed (Kỳ Anh, yearly): 10 at risk, all reviewed in 2027 → 100%, met', () => {
    const facts = times(10, (i): Fact[] => [
      { fact: 'establishment_at_risk', key: `e${i}`, unit: currentUnit(KY_ANH), from: '2026-01-01', to: null },
      { fact: 'establishment_reviewed', key: `e${i}@2027`, establishment: `e${i}`, unit: currentUnit(KY_ANH), on: '2027-03-01' },
    ]).flat();
    const result = computeIndicator('at_risk_establishments_reviewed', facts, query([KY_ANH], 2027));
    expect(result).toMatchObject({ numerator: 10, denominator: 10, value: 100 });
    expect(evaluateTarget(target('at_risk_establishments_reviewed', 'at_least', 100), result, YEAR(2027)).met).toBe(true);
  });

  it('establishments with signs inspected at least once (Chương Mỹ 2022): 4 with signs, 3 inspected after the signs → 75%, below 100%', () => {
    const unit = formerUnit('10015');
    const facts: Fact[] = [
      ...times(4, (i): Fact => ({ fact: 'establishment_with_signs', key: `s${i}`, unit, from: '2022-03-01', to: null })),
      ...times(3, (i): Fact => ({ fact: 'establishment_inspected', key: `i${i}`, establishment: `s${i}`, unit, on: '2022-04-01' })),
      { fact: 'establishment_inspected', key: 'before', establishment: 's3', unit, on: '2022-02-01' }, // before the signs were noted
    ];
    const result = computeIndicator('establishments_with_signs_inspected', facts, query(['01'], 2022));
    expect(result).toMatchObject({ numerator: 3, denominator: 4, value: 75 });
  });

  it('people in need who accessed support (Gia Lai, ≥70%): 10 eligible people, 7 used a service in the year → 70%, met', () => {
    const need = (key: string, unit: string, eligible = true): Fact => ({
      fact: 'support_need',
      key,
      unit: currentUnit(unit),
      from: '2026-02-01',
      to: null,
      eligible,
    });
    const facts: Fact[] = [
      ...times(10, (i) => need(`p${i}`, GIA_LAI_COMMUNES[i % 3]!)),
      need('p0', '23617'), // the same person, also assessed in another commune: counted once
      need('not-eligible', '23575', false),
      ...times(7, (i): Fact => ({ fact: 'support_access', key: `p${i}`, unit: currentUnit('23575'), on: '2026-05-01' })),
      { fact: 'support_access', key: 'p9', unit: currentUnit('23575'), on: '2027-01-05' }, // after the period
    ];
    const result = computeIndicator('people_in_need_accessed_support', facts, query(['52'], 2026));
    expect(result).toMatchObject({ numerator: 7, denominator: 10, value: 70 });
    expect(evaluateTarget(target('people_in_need_accessed_support', 'at_least', 70), result, YEAR(2026)).met).toBe(true);
  });

  const stretch = (
    hotspot: string,
    status: 'identified' | 'under_treatment' | 'eradicated' | 'reactivated',
    from: string,
    to: string | null,
    unit = formerUnit('10015'),
  ): Fact => ({
    fact: 'hotspot_status',
    key: `${hotspot}@${from}`,
    hotspot,
    unit,
    status,
    from,
    to,
  });
  const spots: Fact[] = [
    // h1: eradicated in 2022, re-activated in 2023 (after the period): eradicated on 31/12/2022.
    stretch('h1', 'identified', '2021-05-01', '2021-06-01'),
    stretch('h1', 'under_treatment', '2021-06-01', '2022-04-01'),
    stretch('h1', 'eradicated', '2022-04-01', '2023-02-01'),
    stretch('h1', 'reactivated', '2023-02-01', null),
    // h2: identified and eradicated in 2022, re-activated in 2022, under treatment again.
    stretch('h2', 'identified', '2022-01-10', '2022-02-01'),
    stretch('h2', 'under_treatment', '2022-02-01', '2022-05-01'),
    stretch('h2', 'eradicated', '2022-05-01', '2022-08-01'),
    stretch('h2', 'reactivated', '2022-08-01', '2022-08-05'),
    stretch('h2', 'under_treatment', '2022-08-05', null),
    // h3: identified in 2022 and eradicated in December.
    stretch('h3', 'identified', '2022-09-01', '2022-10-01'),
    stretch('h3', 'under_treatment', '2022-10-01', '2022-12-20'),
    stretch('h3', 'eradicated', '2022-12-20', null),
    // h4: eradicated in 2021 and quiet since: not active in 2022.
    stretch('h4', 'identified', '2020-01-01', '2020-02-01'),
    stretch('h4', 'eradicated', '2020-02-01', null),
  ];

  it('complex spots eradicated (Chương Mỹ 2022, 100%): h1, h2, h3 active in 2022; h1 and h3 eradicated at the year end → 2/3, not met', () => {
    const result = computeIndicator('hotspots_eradicated', spots, query(['01'], 2022));
    expect(result).toMatchObject({ numerator: 2, denominator: 3 });
    expect(displayValue(result.value)).toBe('66.7');
    expect(evaluateTarget(target('hotspots_eradicated', 'at_least', 100), result, YEAR(2022)).met).toBe(false);
  });

  it('eradicated spots re-activated (Chương Mỹ: 0): h2 re-activated in 2022 → 1, not met; in 2023 h1 → 1', () => {
    const result = computeIndicator('hotspots_reactivated', spots, query(['01'], 2022));
    expect(result).toMatchObject({ value: 1, denominator: null });
    expect(evaluateTarget(target('hotspots_reactivated', 'at_most', 0), result, YEAR(2022)).met).toBe(false);
    expect(computeIndicator('hotspots_reactivated', spots, query(['01'], 2023)).value).toBe(1);
    expect(
      evaluateTarget(
        target('hotspots_reactivated', 'at_most', 0),
        computeIndicator('hotspots_reactivated', spots, query(['01'], 2024)),
        YEAR(2024),
      ).met,
    ).toBe(true);
  });

  it('spots formed or re-formed (Gia Lai: none): h2 and h3 identified, h2 re-activated in 2022 → 3', () => {
    expect(computeIndicator('hotspots_formed_or_reformed', spots, query(['01'], 2022)).value).toBe(3);
  });

  it('crimes handled (Hóc Môn: +3-5%): 20 in 2023, 21 in 2024 → +5%, met', () => {
    const facts = [
      ...times(20, (i): Fact => ({ fact: 'crime_handled', key: `a${i}`, unit: formerUnit('27559'), on: '2023-06-01' })),
      ...times(21, (i): Fact => ({ fact: 'crime_handled', key: `b${i}`, unit: formerUnit('27580'), on: '2024-06-01' })),
    ];
    const result = computeIndicator('crimes_handled_change', facts, query(HOC_MON_NOW, 2024));
    expect(result).toMatchObject({ numerator: 21, denominator: 20, value: 5 });
    expect(evaluateTarget(target('crimes_handled_change', 'at_least', 3, { upTo: 5 }), result, YEAR(2024))).toMatchObject({
      met: true,
      target: { upTo: 5 },
    });
    expect(computeIndicator('crimes_handled_change', facts, query(HOC_MON_NOW, 2023)).value).toBeNull(); // nothing in 2022 to compare with
  });

  it('files sent for prosecution resolved lawfully (Gia Lai, 100%): 4 sent, 3 resolved, 1 pending → 75%', () => {
    const facts = times(4, (i): Fact => ({
      fact: 'prosecution_file',
      key: `f${i}`,
      unit: currentUnit('52'),
      transferredOn: '2026-03-01',
      resolvedLawfully: i < 3 ? true : null,
    }));
    expect(computeIndicator('prosecution_files_resolved', facts, query(['52'], 2026))).toMatchObject({
      numerator: 3,
      denominator: 4,
      value: 75,
    });
  });

  it('detected cases handled (Phú Thọ 2015, 100%): 5 detected, all handled → 100%', () => {
    const facts = times(5, (i): Fact => ({
      fact: 'detected_case',
      key: `d${i}`,
      unit: formerUnit('25'),
      detectedOn: '2015-04-01',
      handled: true,
    }));
    expect(computeIndicator('detected_cases_handled', facts, query(['25'], 2015))).toMatchObject({
      numerator: 5,
      denominator: 5,
      value: 100,
    });
  });

  const communication = (key: string, unit: string, extra: Partial<Extract<Fact, { fact: 'communication' }>> = {}): Fact => ({
    fact: 'communication',
    key,
    unit: currentUnit(unit),
    on: '2026-04-01',
    audience: 'general_public',
    reach: 50,
    recurring: true,
    villages: [],
    ...extra,
  });

  it('communes with regular communication (Gia Lai, 90%): 2 of its 3 communes (the third only once, not kept up) → 66.7%, not met', () => {
    const facts = [
      communication('c1', '21583'),
      communication('c2', '23575'),
      communication('c3', '23575'),
      communication('c4', '23617', { recurring: false }),
    ];
    const result = computeIndicator('communes_with_communication', facts, query(['52'], 2026));
    expect(result).toMatchObject({ numerator: 2, denominator: 3 });
    expect(evaluateTarget(target('communes_with_communication', 'at_least', 90), result, YEAR(2026)).met).toBe(false);
  });

  it('villages with communication (Kỳ Anh, 100%): 9 distinct villages named of 12 → 75%', () => {
    const facts: Fact[] = [
      communication('c1', KY_ANH, { villages: ['Thôn 1', 'Thôn 2', 'Thôn 3'] }),
      communication('c2', KY_ANH, { villages: ['thôn 1 ', 'Thôn  2', 'Thôn 4', 'Thôn 5', 'Thôn 6'] }),
      communication('c3', KY_ANH, { villages: ['Thôn 7', 'Thôn 8', 'Thôn 9'] }),
      { fact: 'reference_figures', key: 'r1', unit: currentUnit(KY_ANH), area: [KY_ANH], asOf: '2026-01-01', figures: { villages: 12 } },
    ];
    expect(computeIndicator('villages_with_communication', facts, query([KY_ANH], 2026))).toMatchObject({
      numerator: 9,
      denominator: 12,
      value: 75,
    });
  });

  it('communes with a plan (Hóc Môn 2024, 100%): plans of old 27559, 27562 (both now Hóc Môn) and 27565 (now Đông Thạnh) → 2 of 4 = 50%', () => {
    const plan = (key: string, oldCode: string): Fact => ({
      fact: 'plan_adopted',
      key,
      unit: formerUnit(oldCode),
      adoptedOn: '2024-03-01',
      from: '2024-01-01',
      to: '2024-12-31',
    });
    const facts = [
      plan('p1', '27559'),
      plan('p2', '27562'),
      plan('p3', '27565'),
      { ...plan('p4', '27577'), from: '2023-01-01', to: '2023-12-31' } as Fact,
    ];
    expect(computeIndicator('communes_with_plan', facts, query(HOC_MON_NOW, 2024))).toMatchObject({
      numerator: 2,
      denominator: 4,
      value: 50,
    });
  });

  it('communes integrating (Gia Lai, 100%): 1 of 3 → 33.3%', () => {
    const facts: Fact[] = [
      { fact: 'integration', key: 'g1', unit: currentUnit('23617'), on: '2026-02-01' },
      { fact: 'integration', key: 'g0', unit: currentUnit('21583'), on: '2025-12-01' },
    ];
    expect(displayValue(computeIndicator('communes_integrating', facts, query(['52'], 2026)).value)).toBe('33.3');
  });

  it('communes with pilot models (Hóc Môn 2024, ≥50%): one running since 2023, one that ended on 1/1/2024 → 1 of 4 = 25%', () => {
    const facts: Fact[] = [
      { fact: 'pilot_model', key: 'm1', unit: formerUnit('27565'), from: '2023-06-01', to: null },
      { fact: 'pilot_model', key: 'm2', unit: formerUnit('27571'), from: '2023-01-01', to: '2024-01-01' },
    ];
    const result = computeIndicator('communes_with_pilot_models', facts, query(HOC_MON_NOW, 2024));
    expect(result).toMatchObject({ numerator: 1, denominator: 4, value: 25 });
    expect(evaluateTarget(target('communes_with_pilot_models', 'at_least', 50), result, YEAR(2024)).met).toBe(false);
  });

  it('staff trained (Gia Lai: 80% province, 60% commune): 25 + 15 of 50 province staff → 80%, met; commune figures missing for one commune → no value', () => {
    const facts: Fact[] = [
      { fact: 'training', key: 't1', unit: currentUnit('52'), on: '2026-05-01', participants: { province: 25, commune: 8 } },
      { fact: 'training', key: 't2', unit: currentUnit('23575'), on: '2026-09-01', participants: { province: 15, commune: 10 } },
      { fact: 'reference_figures', key: 'r1', unit: currentUnit('52'), area: ['52'], asOf: '2026-01-01', figures: { staffProvince: 50 } },
      {
        fact: 'reference_figures',
        key: 'r2',
        unit: currentUnit('21583'),
        area: ['21583'],
        asOf: '2026-01-01',
        figures: { staffCommune: 10 },
      },
      {
        fact: 'reference_figures',
        key: 'r3',
        unit: currentUnit('23575'),
        area: ['23575'],
        asOf: '2026-01-01',
        figures: { staffCommune: 12 },
      },
    ];
    const province = computeIndicator('staff_trained', facts, query(['52'], 2026, { subgroup: 'province' }));
    expect(province).toMatchObject({ numerator: 40, denominator: 50, value: 80 });
    expect(evaluateTarget(target('staff_trained', 'at_least', 80, { subgroup: 'province' }), province, YEAR(2026)).met).toBe(true);
    const commune = computeIndicator('staff_trained', facts, query(['52'], 2026, { subgroup: 'commune' }));
    expect(commune).toMatchObject({ numerator: 18, value: null, missingReferenceFigures: ['23617'] });
    expect(evaluateTarget(target('staff_trained', 'at_least', 60, { subgroup: 'commune' }), commune, YEAR(2026)).met).toBeNull();
    const withAll = [
      ...facts,
      {
        fact: 'reference_figures',
        key: 'r4',
        unit: currentUnit('23617'),
        area: ['23617'],
        asOf: '2026-01-01',
        figures: { staffCommune: 8 },
      } as Fact,
    ];
    expect(computeIndicator('staff_trained', withAll, query(['52'], 2026, { subgroup: 'commune' }))).toMatchObject({
      numerator: 18,
      denominator: 30,
      value: 60,
    });
    expect(() => computeIndicator('staff_trained', facts, query(['52'], 2026))).toThrow(/subgroup/);
  });

  it('staff trained, district level of former Hóc Môn, figure recorded for the area as a whole: 70 of 120 → 58.3%, met at ≥50%', () => {
    const facts: Fact[] = [
      { fact: 'training', key: 't1', unit: formerUnit('27559'), on: '2024-05-01', participants: { district: 70 } },
      {
        fact: 'reference_figures',
        key: 'r1',
        unit: currentUnit('79'),
        area: [...HOC_MON_NOW].reverse(),
        asOf: '2024-01-01',
        figures: { staffDistrict: 120 },
      },
    ];
    const result = computeIndicator('staff_trained', facts, query(HOC_MON_NOW, 2024, { subgroup: 'district' }));
    expect(result).toMatchObject({ numerator: 70, denominator: 120 });
    expect(displayValue(result.value)).toBe('58.3');
  });

  it('officials briefed (Kỳ Anh, 100%): 40 officials reached of 40 → 100%', () => {
    const facts: Fact[] = [
      communication('c1', KY_ANH, { audience: 'officials', reach: 40 }),
      communication('c2', KY_ANH, { audience: 'general_public', reach: 300 }),
      { fact: 'reference_figures', key: 'r1', unit: currentUnit(KY_ANH), area: [KY_ANH], asOf: '2026-01-01', figures: { staffAll: 40 } },
    ];
    expect(computeIndicator('staff_briefed', facts, query([KY_ANH], 2026))).toMatchObject({ numerator: 40, denominator: 40, value: 100 });
  });

  it('workers reached (Hóc Môn, ≥50%): 60 + 45 of 200 → 52.5%, met; the figure used is the latest before the period ends', () => {
    const facts: Fact[] = [
      {
        ...communication('c1', '27559', { audience: 'establishment_workers', reach: 60 }),
        unit: formerUnit('27559'),
        on: '2024-02-01',
      } as Fact,
      {
        ...communication('c2', '27568', { audience: 'establishment_workers', reach: 45 }),
        unit: formerUnit('27568'),
        on: '2024-08-01',
      } as Fact,
      {
        fact: 'reference_figures',
        key: 'r0',
        unit: currentUnit('79'),
        area: HOC_MON_NOW,
        asOf: '2023-01-01',
        figures: { workersAtRiskEstablishments: 150 },
      },
      {
        fact: 'reference_figures',
        key: 'r1',
        unit: currentUnit('79'),
        area: HOC_MON_NOW,
        asOf: '2024-01-01',
        figures: { workersAtRiskEstablishments: 200 },
      },
      {
        fact: 'reference_figures',
        key: 'r2',
        unit: currentUnit('79'),
        area: HOC_MON_NOW,
        asOf: '2025-01-01',
        figures: { workersAtRiskEstablishments: 400 },
      },
    ];
    const result = computeIndicator('workers_reached', facts, query(HOC_MON_NOW, 2024));
    expect(result).toMatchObject({ numerator: 105, denominator: 200, value: 52.5 });
    expect(evaluateTarget(target('workers_reached', 'at_least', 50), result, YEAR(2024)).met).toBe(true);
  });

  it('high-school students reached (Hóc Môn, 70%): 700 of 1,000 → exactly 70%, met', () => {
    const facts: Fact[] = [
      {
        ...communication('c1', '27559', { audience: 'high_school_students', reach: 700 }),
        unit: formerUnit('27592'),
        on: '2024-10-01',
      } as Fact,
      {
        fact: 'reference_figures',
        key: 'r1',
        unit: currentUnit('79'),
        area: HOC_MON_NOW,
        asOf: '2024-01-01',
        figures: { highSchoolStudents: 1000 },
      },
    ];
    const result = computeIndicator('students_reached', facts, query(HOC_MON_NOW, 2024));
    expect(result.value).toBe(70);
    expect(evaluateTarget(target('students_reached', 'at_least', 70), result, YEAR(2024)).met).toBe(true);
  });

  it('website posts per month (Hóc Môn, ≥1 a month): none in June → fewest 0, not met; up to May → fewest 1, met', () => {
    const months = [1, 2, 3, 3, 3, 4, 5, 7, 8, 9, 10, 11, 12];
    const facts = months.map((m, i): Fact => ({
      fact: 'website_post',
      key: `w${i}`,
      unit: formerUnit('27559'),
      on: `2024-${String(m).padStart(2, '0')}-0${(i % 9) + 1}`,
    }));
    const whole = computeIndicator('website_posts_per_month', facts, query(HOC_MON_NOW, 2024));
    expect(whole).toMatchObject({ numerator: 13, denominator: 12, value: 0 });
    expect(whole.months?.find((m) => m.from === '2024-06-01')?.count).toBe(0);
    expect(whole.months?.find((m) => m.from === '2024-03-01')?.count).toBe(3);
    expect(evaluateTarget(target('website_posts_per_month', 'at_least', 1), whole, YEAR(2024)).met).toBe(false);
    const soFar = computeIndicator('website_posts_per_month', facts, query(HOC_MON_NOW, 2024, { asOf: '2024-05-31' }));
    expect(soFar).toMatchObject({ numerator: 7, denominator: 5, value: 1 });
  });

  it('people penalised (Phú Thọ 2015, reported): 6 distinct people, one of them penalised twice → 6', () => {
    const facts = [
      ...times(6, (i): Fact => ({ fact: 'person_penalised', key: `p${i}`, unit: formerUnit('25'), on: '2015-03-01' })),
      { fact: 'person_penalised', key: 'p0', unit: formerUnit('25'), on: '2015-09-01' } as Fact,
    ];
    expect(computeIndicator('people_penalised', facts, query(['25'], 2015))).toMatchObject({ value: 6, denominator: null });
  });
});

describe('targets: value / target / met', () => {
  const result = (numerator: number, denominator: number) =>
    computeIndicator(
      'tips_handled_in_time',
      times(denominator, (i): Fact => ({
        fact: 'tip',
        key: `t${i}`,
        unit: currentUnit('52'),
        receivedOn: addDays('2026-01-01', i % 300),
        missedDeadline: i >= numerator,
      })),
      query(['52'], 2026),
    );

  it('compares percentages exactly: 19/20 meets 95%, 2374/2500 (94.96%) does not, though it shows as 95.0', () => {
    expect(evaluateTarget(target('tips_handled_in_time', 'at_least', 95), result(19, 20), YEAR(2026)).met).toBe(true);
    const close = result(2374, 2500);
    expect(displayValue(close.value)).toBe('95.0');
    expect(evaluateTarget(target('tips_handled_in_time', 'at_least', 95), close, YEAR(2026)).met).toBe(false);
  });

  it('has no verdict without a denominator, and refuses a target of another indicator', () => {
    const empty = computeIndicator('tips_handled_in_time', [], query(['52'], 2026));
    expect(empty).toMatchObject({ numerator: 0, denominator: 0, value: null });
    expect(evaluateTarget(target('tips_handled_in_time', 'at_least', 100), empty, YEAR(2026)).met).toBeNull();
    expect(() => evaluateTarget(target('students_reached', 'at_least', 70), empty, YEAR(2026))).toThrow(/cannot be evaluated/);
  });
});
