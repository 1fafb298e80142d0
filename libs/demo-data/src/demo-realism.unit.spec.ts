import type { EstablishmentState } from '../../establishments/src/domain/establishment.js';
import type { HotspotState } from '../../hotspots/src/domain/hotspot.js';
import type { InspectionState } from '../../inspections/src/domain/inspection.js';
import { actIn, applicableBracket, competenceIn, tableById, ACT_CODES } from '../../penalties/src/domain/penalty-reference.js';
import type { PenaltyState } from '../../penalties/src/domain/penalty-types.js';
import { PENALTY_REFERENCE } from '../../penalties/src/domain/reference/procedure-rules.js';
import { tipDeadlines } from '../../tips/src/domain/tip-deadlines.js';
import { TIP_CATEGORIES, TIP_OUTCOMES, type TipState } from '../../tips/src/domain/tip-types.js';
import { BUILT_IN_UNITS } from '../../jurisdictions/src/built-in-units.js';
import type { DemoCase } from './case-script.js';
import { AS_OF, onDay, WINDOW_START } from './demo-clock.js';
import { demoCases } from './demo-plan.js';
import { createDemoWorld } from './demo-world.js';

const world = createDemoWorld('realism');
const cases = [...demoCases('realism', 30_000)];
const ofKind = <S>(kind: string) =>
  cases.filter((c) => c.context.kind === kind) as unknown as Array<Omit<DemoCase, 'state'> & { state: S }>;
const tips = ofKind<TipState>('tip');
const penalties = ofKind<PenaltyState>('penalty_case');
const inspections = ofKind<InspectionState>('inspection');
const establishments = ofKind<EstablishmentState>('establishment');
const hotspots = ofKind<HotspotState>('hotspot');
const share = (part: unknown[], whole: unknown[]) => part.length / whole.length;
const eventTypes = (c: Pick<DemoCase, 'steps'>) => c.steps.flatMap((s) => s.events.map((e) => e.type));

describe('demo data: a realistic mix for the built-in communes', () => {
  it('spreads over the built-in communes, within the simulated window, in the order each case was decided', () => {
    const communes = new Set(BUILT_IN_UNITS.filter((u) => u.level === 'commune').map((u) => u.code));
    const used = new Set(cases.map((c) => c.context.newCaseScope(c.steps[0]!.command).jurisdiction));
    expect([...used].every((code) => communes.has(code))).toBe(true);
    expect(used.size).toBe(communes.size);
    for (const c of cases) {
      const times = c.steps.map((s) => s.at.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times[0]!).toBeGreaterThanOrEqual(onDay(WINDOW_START, 0).getTime());
      expect(times[times.length - 1]!).toBeLessThanOrEqual(AS_OF.getTime());
    }
  });

  it('tips across their lifecycle: most closed in time, some overdue, extended, suspended, transferred', () => {
    expect(tips.length).toBeGreaterThan(1000);
    const closed = tips.filter((t) => t.state.status === 'closed');
    expect(share(closed, tips)).toBeGreaterThan(0.7);
    const deadlines = tips.map((t) => tipDeadlines(t.state, world.calendar, AS_OF));
    const verificationMet = deadlines.filter((d) => d.some((x) => x.name === 'verification' && x.status === 'met'));
    expect(share(verificationMet, tips)).toBeGreaterThan(0.5);
    const overdueNow = tips.filter(
      (t, i) => t.state.status !== 'closed' && deadlines[i]!.some((x) => x.status === 'overdue' && x.completedAt === null),
    );
    expect(overdueNow.length).toBeGreaterThan(10);
    const classifiedInTime = deadlines.filter((d) => d.some((x) => x.name === 'classification' && x.status === 'met'));
    expect(share(classifiedInTime, tips)).toBeGreaterThan(0.85);
    for (const status of ['extended', 'suspended', 'resumed', 'transferred', 'verifying'] as const) {
      expect(
        tips.some((t) =>
          eventTypes(t).includes(
            `tip.${status === 'extended' ? 'verification_extended' : status === 'verifying' ? 'verification_started' : status}`,
          ),
        ),
      ).toBe(true);
    }
    expect(tips.some((t) => t.state.extensions.some((e) => e.byProcuracy))).toBe(true);
    // A tip received in the last hours before AS_OF is not classified yet.
    expect(new Set(tips.map((t) => t.state.category).filter((c) => c !== null))).toEqual(new Set(TIP_CATEGORIES));
    expect(new Set(closed.map((t) => t.state.closure!.outcome))).toEqual(new Set(TIP_OUTCOMES));
    expect(tips.some((t) => t.state.anonymous) && tips.some((t) => t.state.reporter !== null)).toBe(true);
    expect(
      tips
        .filter((t) => t.state.escalated)
        .every((t) => t.state.category === 'trafficking_for_sexual_exploitation' || t.state.category === 'involving_minor'),
    ).toBe(true);
  });

  it('a tip passed to administrative handling is handed over and opens a penalty case that names it', () => {
    const passed = tips.filter((t) => t.state.penaltyCaseRequest !== null);
    expect(passed.length).toBeGreaterThan(100);
    const penaltyTips = new Set(penalties.map((p) => p.state.tipId));
    expect(
      share(
        passed.filter((t) => penaltyTips.has(t.caseId)),
        passed,
      ),
    ).toBeGreaterThan(0.9);
    expect(
      share(
        passed.filter((t) => t.state.handedOverAt !== null),
        passed,
      ),
    ).toBeGreaterThan(0.95);
  });

  it('inspections by at least 3 members, scheduled and unannounced, some triggered by a tip of the data set', () => {
    expect(inspections.length).toBeGreaterThan(300);
    const conducted = inspections.filter((i) => i.state.conductedOn !== null);
    for (const inspection of conducted) expect(inspection.state.members.length).toBeGreaterThanOrEqual(3);
    expect(new Set(inspections.map((i) => i.state.mode))).toEqual(new Set(['scheduled', 'unannounced']));
    const tipIds = new Set(tips.map((t) => t.caseId));
    const triggered = inspections.filter((i) => i.state.triggeringTipId !== null);
    expect(triggered.length).toBeGreaterThan(30);
    expect(triggered.every((i) => tipIds.has(i.state.triggeringTipId!) && i.state.mode === 'unannounced')).toBe(true);
    const withPenalty = inspections.filter((i) => i.state.penaltyCaseId !== null);
    expect(withPenalty.length).toBeGreaterThan(30);
    expect(withPenalty.every((i) => i.state.findings === 'violations')).toBe(true);
    const establishmentIds = new Set(establishments.map((e) => e.caseId));
    expect(inspections.every((i) => establishmentIds.has(i.state.establishmentId!))).toBe(true);
  });

  it('establishments with risk classes, commitments, linked inspections and penalties, a few closed', () => {
    expect(new Set(establishments.filter((e) => e.state.risk).map((e) => e.state.risk!.riskClass))).toEqual(
      new Set(['low', 'medium', 'high']),
    );
    expect(
      share(
        establishments.filter((e) => e.state.commitments.length > 0),
        establishments,
      ),
    ).toBeGreaterThan(0.6);
    expect(establishments.some((e) => e.state.inspectionIds.length >= 2)).toBe(true);
    expect(establishments.some((e) => e.state.penaltyCaseIds.length > 0)).toBe(true);
    expect(establishments.some((e) => e.state.status === 'closed')).toBe(true);
  });

  it('hotspots identified, treated, eradicated, some re-activated', () => {
    const statuses = new Set(hotspots.map((h) => h.state.status));
    for (const status of ['identified', 'under_treatment', 'eradicated'] as const) expect(statuses.has(status)).toBe(true);
    expect(hotspots.some((h) => h.state.timesReactivated > 0)).toBe(true);
  });

  it('penalties: Decree 282 acts, fines inside the bracket and the deciding official’s competence, paid, late, enforced', () => {
    const decided = penalties.filter((p) => p.state.decision !== null);
    expect(decided.length).toBeGreaterThan(500);
    expect(penalties.every((p) => (ACT_CODES as readonly string[]).includes(p.state.act!))).toBe(true);
    expect(new Set(penalties.map((p) => p.state.act)).size).toBeGreaterThanOrEqual(7);
    for (const p of decided) {
      const table = tableById(PENALTY_REFERENCE, p.state.decision!.referenceTable)!;
      const bracket = applicableBracket(table, actIn(table, p.state.act!)!, p.state.multiplePeopleAtOnce, p.state.offenderType!);
      const limit =
        competenceIn(table, p.state.decision!.position)!.individualLimit *
        (p.state.offenderType === 'organisation' ? table.organisationMultiplier : 1);
      for (const s of p.state.decision!.sanctions) {
        if (s.sanction === 'warning') expect(bracket.warningAllowed).toBe(true);
        else expect(s.amount).toBeGreaterThanOrEqual(bracket.min);
        if (s.sanction === 'fine') expect(s.amount).toBeLessThanOrEqual(Math.min(bracket.max, limit));
      }
      expect(bracket.max).toBeLessThanOrEqual(limit);
    }
    expect(penalties.some((p) => p.state.offenderType === 'organisation')).toBe(true);
    expect(penalties.some((p) => p.state.payments.some((pay) => pay.lateFee > 0))).toBe(true);
    expect(penalties.some((p) => p.state.enforcement.length > 0)).toBe(true);
    expect(penalties.some((p) => p.state.complaints.length > 0)).toBe(true);
    expect(penalties.some((p) => p.state.explanation.received.length > 0)).toBe(true);
    expect(penalties.some((p) => p.state.status === 'closed')).toBe(true);
    expect(
      share(
        penalties.filter((p) => p.state.status === 'settled'),
        decided,
      ),
    ).toBeGreaterThan(0.5);
  });

  it('people are made up: Vietnamese-looking names, impossible identity numbers and phone numbers', () => {
    const persons = cases
      .flatMap((c) => c.steps.flatMap((s) => s.events))
      .filter((e) => e.type === 'penalty.person_recorded' || e.type === 'tip.reporter_recorded');
    expect(persons.length).toBeGreaterThan(1000);
    for (const { type, data } of persons) {
      const d = data as Record<string, string | null>;
      if (type === 'tip.reporter_recorded') {
        expect(d.reporterName).toMatch(/^\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+$/u);
        if (d.reporterContact !== null) expect(d.reporterContact).toMatch(/^0100 \d{3} \d{3}$/);
      } else if (d.idNumber !== null) {
        expect(d.idNumber).toMatch(/^000\d{7}(\d{2})?$/);
      }
    }
    // Texts describe activities and places, never label a person by an offence.
    expect(JSON.stringify(cases.map((c) => c.steps.map((s) => s.command)))).not.toMatch(/gái mại dâm|gái bán dâm|prostitute/i);
  });
});
