import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BUILT_IN_MAPPINGS, BUILT_IN_UNITS } from '../../../jurisdictions/src/built-in-units.js';
import { JurisdictionTree } from '../../../jurisdictions/src/domain/jurisdiction-tree.js';
import { fold } from '../../../case-kernel/src/domain/decider.js';
import { evaluationPeriods } from '../../../statistics/src/domain/targets.js';
import { reportSchedule } from '../../../statistics/src/domain/periods.js';
import { programmeDecider } from '../domain/programme-decider.js';
import { areaOutsideJurisdiction } from '../domain/plan-area.js';
import { context } from '../domain/programme.testkit.js';
import { SEED_PLANS } from './seed-plans.js';

const SEEDS = path.resolve(__dirname, '..', '..', '..', '..', '..', 'shared', 'seeds');
const flat = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ');
const tree = JurisdictionTree.build(BUILT_IN_UNITS, BUILT_IN_MAPPINGS);

/** Every fragment of a quote (split on " … ") is in the plan's text, in order. */
function quotedFrom(source: string, quote: string): boolean {
  let from = 0;
  for (const fragment of quote.split(' … ')) {
    const at = source.indexOf(flat(fragment), from);
    if (at < 0) return false;
    from = at + fragment.length;
  }
  return true;
}

describe('the five seed plans as data', () => {
  it('are the five files of ../shared/seeds, each entered once', () => {
    expect(SEED_PLANS.map((s) => s.file)).toEqual([
      '000_c9a5a7f377ccb59b.txt',
      '001_9e191a2c208f09dc.txt',
      '002_f7070574cc0f20c9.txt',
      '003_8a9538f428947bda.txt',
      '004_efce47c321b40815.txt',
    ]);
    for (const seed of SEED_PLANS) expect(seed.plan.sourceFile).toBe(seed.file);
  });

  it.each(SEED_PLANS.map((s) => [s.file, s] as const))(
    '%s: every target, statistic and due date quotes the plan word for word',
    (file, seed) => {
      const source = flat(readFileSync(path.join(SEEDS, file), 'utf8'));
      const quotes = [
        ...seed.plan.targets.map((t) => t.quote),
        ...seed.plan.reportedStatistics.map((s) => s.quote),
        ...seed.plan.untracked.map((u) => u.quote),
        ...(seed.plan.reporting.quote ? [seed.plan.reporting.quote] : []),
      ];
      expect(quotes.length).toBeGreaterThan(0);
      for (const quote of quotes) expect({ quote, found: quotedFrom(source, quote) }).toEqual({ quote, found: true });
      expect(quotedFrom(source, 'chỉ tiêu không có trong kế hoạch')).toBe(false);
    },
  );

  it('quote no label of a person by an offence', () => {
    const words = SEED_PLANS.flatMap((s) => [
      ...s.plan.targets.map((t) => t.quote),
      ...s.plan.reportedStatistics.map((r) => r.quote),
      ...s.plan.untracked.map((u) => u.quote),
    ])
      .join('\n')
      .toLowerCase();
    for (const label of ['bán dâm', 'mua dâm', 'người vi phạm']) expect(words).not.toContain(label);
  });

  it.each(SEED_PLANS.map((s) => [s.file, s] as const))('%s: is accepted as it is, inside its own jurisdiction', (_file, seed) => {
    const events = programmeDecider.decide({ kind: 'adopt_plan', ...seed.plan }, programmeDecider.initialState, context);
    expect(events).toEqual([{ type: 'programme.plan_adopted', data: seed.plan }]);
    expect(fold(programmeDecider, events)).toMatchObject({
      activity: 'plan',
      jurisdiction: seed.plan.jurisdiction,
      plan: { status: 'in_force' },
    });
    expect(areaOutsideJurisdiction(seed.plan.area, seed.plan.jurisdiction, tree)).toEqual([]);
  });

  it('give the targets of domain.md’s table, judged on the right periods', () => {
    const [hocMon, , kyAnh, chuongMy, giaLai] = SEED_PLANS.map((s) => s.plan);
    const find = (plan: typeof hocMon, indicator: string, subgroup?: string) =>
      plan!.targets.find((t) => t.indicator === indicator && t.subgroup === subgroup)!;
    expect(find(hocMon, 'at_risk_establishments_inspected')).toMatchObject({ comparator: 'at_least', value: 20 });
    expect(find(hocMon, 'website_posts_per_month')).toMatchObject({ comparator: 'at_least', value: 1 });
    expect(find(hocMon, 'crimes_handled_change')).toMatchObject({ value: 3, upTo: 5 });
    expect(find(chuongMy, 'hotspots_reactivated')).toMatchObject({ comparator: 'at_most', value: 0 });
    expect(find(chuongMy, 'staff_trained', 'commune')).toMatchObject({ value: 10 });
    expect(find(giaLai, 'staff_trained', 'province')).toMatchObject({ value: 80, cadence: 'by_end' });
    expect(find(giaLai, 'people_in_need_accessed_support')).toMatchObject({ value: 70 });
    // Kỳ Anh: yearly targets on each of the five years, "by 2030" ones on 2030 or on the whole period.
    expect(evaluationPeriods(find(kyAnh, 'tips_handled_in_time'), kyAnh!.period, kyAnh!.reporting).map((p) => p.year)).toEqual([
      2026, 2027, 2028, 2029, 2030,
    ]);
    expect(
      evaluationPeriods(find(kyAnh, 'at_risk_establishments_inspected'), kyAnh!.period, kyAnh!.reporting).map((p) => p.label.vi),
    ).toEqual(['Năm 2030']);
    expect(evaluationPeriods(find(kyAnh, 'staff_trained', 'commune'), kyAnh!.period, kyAnh!.reporting).map((p) => [p.from, p.to])).toEqual([
      ['2026-01-01', '2030-12-31'],
    ]);
    // Gia Lai's calendar: reports due before 16/6 and 16/12.
    expect(reportSchedule(giaLai!.reporting, 2027).map((d) => d.dueBefore)).toEqual(['2027-06-16', '2027-12-16']);
  });
});
