import { fold } from '../../../case-kernel/src/domain/decider.js';
import { BUILT_IN_MAPPINGS, BUILT_IN_UNITS } from '../../../jurisdictions/src/built-in-units.js';
import { JurisdictionTree } from '../../../jurisdictions/src/domain/jurisdiction-tree.js';
import { formerUnit, type Fact } from '../../../statistics/src/domain/facts.js';
import { evaluatePlan } from '../../../statistics/src/domain/plan-evaluation.js';
import { displayValue } from '../../../statistics/src/domain/targets.js';
import { SEED_PLANS } from '../seed/seed-plans.js';
import { programmeDecider } from './programme-decider.js';
import { programmeFacts } from './programme-facts.js';
import type { ProgrammeEvent } from './programme-types.js';
import { PLAN } from './programme.testkit.js';

// From programme events to statistics facts to value / target / met, on the seed plans.
const tree = JurisdictionTree.build(BUILT_IN_UNITS, BUILT_IN_MAPPINGS);
const facts = (id: string, ...events: ProgrammeEvent[]) => programmeFacts(id, fold(programmeDecider, events));

describe('programme activities as statistics facts', () => {
  it('turns each recorded activity into its fact, keyed by the activity id', () => {
    expect(
      facts('c1', {
        type: 'programme.communication_recorded',
        data: {
          jurisdiction: '18775',
          heldOn: '2026-04-10',
          form: 'meeting',
          audience: 'youth',
          reach: 30,
          recurring: true,
          villages: ['Thôn 1'],
        },
      }),
    ).toEqual([
      {
        fact: 'communication',
        key: 'c1',
        unit: { code: '18775', era: 'current' },
        on: '2026-04-10',
        audience: 'youth',
        reach: 30,
        recurring: true,
        villages: ['Thôn 1'],
      },
    ]);
    const started: ProgrammeEvent = {
      type: 'programme.pilot_model_started',
      data: { jurisdiction: '27559', startedOn: '2026-03-01', modelKind: 'prevention', name: 'M' },
    };
    expect(facts('m1', started, { type: 'programme.pilot_model_ended', data: { endedOn: '2026-09-01', reason: 'x' } })).toEqual([
      { fact: 'pilot_model', key: 'm1', unit: { code: '27559', era: 'current' }, from: '2026-03-01', to: '2026-09-01' },
    ]);
    expect(facts('m1', started, { type: 'programme.activity_retracted', data: { retractedOn: '2026-03-02', reason: 'x' } })).toEqual([]);
  });

  it('counts a plan as a commune’s plan only when a commune issued it, until its withdrawal', () => {
    expect(facts('p1', { type: 'programme.plan_adopted', data: PLAN })).toEqual([]); // a province's plan
    const kyAnh = SEED_PLANS[2]!.plan;
    expect(facts('p2', { type: 'programme.plan_adopted', data: kyAnh })).toEqual([
      { fact: 'plan_adopted', key: 'p2', unit: { code: '18775', era: 'current' }, adoptedOn: null, from: '2026-01-01', to: '2030-12-31' },
    ]);
    const withdrawn = facts(
      'p2',
      { type: 'programme.plan_adopted', data: kyAnh },
      { type: 'programme.plan_withdrawn', data: { withdrawnOn: '2027-03-01', reason: 'x' } },
    );
    expect(withdrawn[0]).toMatchObject({ to: '2027-02-28' });
  });
});

describe('a seed plan judged on facts: value / target / met', () => {
  it('Hóc Môn 2024: 30 at-risk establishments, 7 inspected → 23.3% ≥ 20% met; website posts every month but June → not met', () => {
    const hocMon = SEED_PLANS[0]!.plan;
    const old = hocMon.area.units;
    const enforcement: Fact[] = [
      ...Array.from({ length: 30 }, (_, i): Fact => ({
        fact: 'establishment_at_risk',
        key: `e${i}`,
        unit: formerUnit(old[i % old.length]!),
        from: '2023-01-01',
        to: null,
      })),
      ...Array.from({ length: 7 }, (_, i): Fact => ({
        fact: 'establishment_inspected',
        key: `i${i}`,
        establishment: `e${i}`,
        unit: formerUnit(old[i % old.length]!),
        on: '2024-04-01',
      })),
    ];
    const posts = [1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12].flatMap((m, i) =>
      facts(`w${i}`, {
        type: 'programme.website_post_recorded',
        data: { jurisdiction: '79', publishedOn: `2024-${String(m).padStart(2, '0')}-05`, title: 'Tin', url: 'https://hocmon.gov.vn/t' },
      }),
    );
    // Posts were recorded under the province (79) — the district's site has no unit of its own now — so they are outside the four communes.
    const { evaluations, areaPartial } = evaluatePlan(
      hocMon,
      [...enforcement, ...posts.map((p) => ({ ...p, unit: formerUnit('27559') }))],
      tree,
      { asOf: '2025-01-10' },
    );
    expect(areaPartial).toBe(false);
    const inspected = evaluations.find((e) => e.indicator === 'at_risk_establishments_inspected')!;
    expect(inspected).toMatchObject({
      numerator: 7,
      denominator: 30,
      met: true,
      target: { comparator: 'at_least', value: 20 },
      period: { label: { vi: 'Năm 2024' } },
    });
    expect(displayValue(inspected.value)).toBe('23.3');
    expect(evaluations.find((e) => e.indicator === 'website_posts_per_month')).toMatchObject({ value: 0, met: false });
    expect(evaluations.find((e) => e.indicator === 'tips_handled_in_time')).toMatchObject({ denominator: 0, value: null, met: null });
  });

  it('Gia Lai: yearly targets only on the years begun; a person figure below the threshold is withheld', () => {
    const giaLai = SEED_PLANS[4]!.plan;
    const people: Fact[] = [
      ...Array.from({ length: 3 }, (_, i): Fact => ({
        fact: 'support_need',
        key: `p${i}`,
        unit: { code: '23575', era: 'current' },
        from: '2026-02-01',
        to: null,
        eligible: true,
      })),
      ...Array.from({ length: 3 }, (_, i): Fact => ({
        fact: 'support_access',
        key: `p${i}`,
        unit: { code: '23575', era: 'current' },
        on: '2026-03-01',
      })),
    ];
    const { evaluations } = evaluatePlan(giaLai, people, tree, { asOf: '2027-03-01' });
    const support = evaluations.filter((e) => e.indicator === 'people_in_need_accessed_support');
    // Statistical years from 15/12: 2026 and 2027 have begun (2026 starts on 15/12/2025).
    expect(support.map((e) => e.period.year)).toEqual([2026, 2027]);
    expect(support[0]).toMatchObject({ suppressed: true, numerator: null, denominator: null, value: null, met: null });
    expect(evaluations.find((e) => e.indicator === 'staff_trained' && e.subgroup === 'province')).toMatchObject({
      period: { kind: 'plan' },
      value: null,
      missingReferenceFigures: ['52'],
    });
  });

  it('Chương Mỹ 2022: the former district’s area in current communes is partial (Lam Điền and Tân Tiến were split)', () => {
    expect(evaluatePlan(SEED_PLANS[3]!.plan, [], tree, { asOf: '2023-01-01' }).areaPartial).toBe(true);
  });
});
