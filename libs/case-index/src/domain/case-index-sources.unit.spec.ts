import fc from 'fast-check';
import { COMPARTMENT_OF, RESOURCE_KINDS } from '../../../access/src/domain/resources.js';
import { fold as foldAll } from '../../../case-kernel/src/domain/decider.js';
import { evolveEstablishment } from '../../../establishments/src/domain/establishment-decider.js';
import { INITIAL_ESTABLISHMENT, type EstablishmentEvent } from '../../../establishments/src/domain/establishment.js';
import { evolveHotspot } from '../../../hotspots/src/domain/hotspot-decider.js';
import { INITIAL_HOTSPOT, type HotspotEvent } from '../../../hotspots/src/domain/hotspot.js';
import { evolveInspection } from '../../../inspections/src/domain/inspection-decider.js';
import { INITIAL_INSPECTION, type InspectionEvent } from '../../../inspections/src/domain/inspection.js';
import { decided, decider as penaltyDecider, delivered, recorded } from '../../../penalties/src/domain/penalty-scenario.testkit.js';
import type { PenaltyEvent } from '../../../penalties/src/domain/penalty-types.js';
import { evolveTip } from '../../../tips/src/domain/tip-evolve.js';
import { history, receiveTip, RECEIVED_AT } from '../../../tips/src/domain/tip-scenario.testkit.js';
import { INITIAL_TIP_STATE, TIP_EVENT_TYPES, type TipEvent } from '../../../tips/src/domain/tip-types.js';
import { caseIndexProjection } from '../case-index-projection.js';
import { ENFORCEMENT_SCHEMAS } from '../testing/labelled-events.js';
import { foldText, type CASE_INDEX_KINDS, type CaseFold } from './case-entry.js';
import { advanceRow, type CaseIndexEvent } from './case-index-rows.js';
import { CASE_INDEX_SOURCES, sourceOfKind } from './case-index-sources.js';

const foldIndex = (kind: (typeof CASE_INDEX_KINDS)[number], events: ReadonlyArray<{ type: string; data: unknown }>): CaseFold =>
  events.reduce(
    (fold, event) => sourceOfKind(kind).evolve(fold, event as { type: string; data: Record<string, unknown> }),
    sourceOfKind(kind).initial,
  );

const at = (i: number) => new Date(Date.parse('2026-03-02T02:00:00Z') + i * 60_000).toISOString();
const numbered = (events: ReadonlyArray<{ type: string; data: unknown }>, from = 0): CaseIndexEvent[] =>
  events.map((e, i) => ({ type: e.type, data: e.data as Record<string, unknown>, revision: from + i, recordedAt: at(from + i) }));

describe('case index: what it reads', () => {
  it('reads events of the enforcement kinds only, never one of the support compartment', () => {
    const { eventTypes } = caseIndexProjection();
    const support = RESOURCE_KINDS.filter((kind) => COMPARTMENT_OF[kind] === 'support');
    expect(support).toEqual(expect.arrayContaining(['support_case', 'consent', 'outreach_referral', 'provider', 'data_subject_request']));
    for (const type of eventTypes)
      expect({ type, support: support.some((kind) => type.startsWith(`${kind}.`)) }).toEqual({ type, support: false });
    expect(new Set(eventTypes.map((t) => t.split('.')[0]))).toEqual(new Set(['tip', 'establishment', 'inspection', 'hotspot', 'penalty']));
    expect(new Set(CASE_INDEX_SOURCES.map((s) => COMPARTMENT_OF[s.kind]))).toEqual(new Set(['enforcement']));
    expect(eventTypes).toEqual(CASE_INDEX_SOURCES.flatMap((s) => s.eventTypes));
  });

  it('reads every event type of every enforcement context, each with field labels in its context', () => {
    expect(sourceOfKind('tip').eventTypes).toEqual([...TIP_EVENT_TYPES]);
    for (const source of CASE_INDEX_SOURCES) {
      for (const type of source.eventTypes) expect(() => ENFORCEMENT_SCHEMAS[source.kind].of(type)).not.toThrow();
    }
  });
});

describe('case index: statuses agree with each context’s own evolve', () => {
  it('tips, along the way an officer works them', () => {
    const events = history(
      [receiveTip(), RECEIVED_AT],
      [{ type: 'ClassifyTip', category: 'brokering' }, '2026-03-02T03:00:00Z'],
      [{ type: 'AssignTip', assigneeId: 'officer-9' }, '2026-03-02T04:00:00Z'],
      [{ type: 'StartVerification' }, '2026-03-02T05:00:00Z'],
      [{ type: 'CloseTip', outcome: 'not_substantiated' }, '2026-03-05T05:00:00Z'],
    );
    for (let n = 1; n <= events.length; n++) {
      const prefix = events.slice(0, n);
      const index = foldIndex('tip', prefix);
      const context = foldAll({ initialState: INITIAL_TIP_STATE, evolve: evolveTip }, prefix);
      expect({ n, status: index.status, assignees: index.assigneeIds, unit: index.jurisdiction }).toEqual({
        n,
        status: context.status,
        assignees: context.assigneeId ? [context.assigneeId] : [],
        unit: context.jurisdiction,
      });
    }
  });

  it('tips, for any order of their events (the property the fold is written for)', () => {
    const data: Record<TipEvent['type'], (i: number) => Record<string, unknown>> = Object.fromEntries(
      TIP_EVENT_TYPES.map((type) => [
        type,
        (i: number) => ({
          at: at(i),
          tipId: 't',
          jurisdiction: `1001${i % 3}`,
          channel: 'hotline',
          kind: 'report',
          category: 'brokering',
          assigneeId: `officer-${i}`,
          outcome: 'not_opened',
          dueAt: at(i + 1),
          suspensionGround: 'expert_examination_pending',
        }),
      ]),
    ) as never;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TIP_EVENT_TYPES), { maxLength: 25 }), (types) => {
        const events = [{ type: 'tip.received' as const }, ...types.map((type) => ({ type }))].map(
          (e, i) => ({ type: e.type, data: data[e.type](i) }) as TipEvent,
        );
        const context = foldAll({ initialState: INITIAL_TIP_STATE, evolve: evolveTip }, events);
        const index = foldIndex('tip', events);
        expect([index.status, index.assigneeIds, index.jurisdiction]).toEqual([
          context.status,
          context.assigneeId ? [context.assigneeId] : [],
          context.jurisdiction,
        ]);
      }),
    );
  });

  it('penalty cases: recorded, decided, delivered, settled once every fine is paid; warnings only settle at delivery; closed', () => {
    const pay = (subjectId: string): PenaltyEvent => ({
      type: 'penalty.fine_paid',
      data: { subjectId, paidOn: '2026-03-20', fine: 1, lateDays: 0, lateFee: 0, amountPaid: 1 },
    });
    const twoFines: PenaltyEvent = {
      ...decided(),
      data: {
        ...decided().data,
        sanctions: [
          { subjectId: 'subj-a', sanction: 'fine', amount: 1 },
          { subjectId: 'subj-b', sanction: 'fine', amount: 1 },
        ],
        fineCount: 2,
        fineTotal: 2,
      },
    } as PenaltyEvent;
    const warningsOnly: PenaltyEvent = {
      ...decided(),
      data: {
        ...decided().data,
        sanctions: [{ subjectId: 'subj-a', sanction: 'warning', amount: null }],
        warningCount: 1,
        fineCount: 0,
        fineTotal: 0,
      },
    } as PenaltyEvent;
    const histories: PenaltyEvent[][] = [
      [...recorded({}, 'officer-3'), twoFines, delivered(), pay('subj-a'), pay('subj-b')],
      [...recorded(), warningsOnly, delivered()],
      [...recorded(), { type: 'penalty.closed_without_decision', data: { reason: 'time_barred', closedOn: '2026-04-01' } } as PenaltyEvent],
    ];
    const seen = new Set<string>();
    for (const events of histories) {
      for (let n = 1; n <= events.length; n++) {
        const prefix = events.slice(0, n);
        const context = foldAll(penaltyDecider, prefix);
        const index = foldIndex('penalty_case', prefix);
        seen.add(index.status);
        expect({ n, status: index.status, assignees: index.assigneeIds }).toEqual({
          n,
          status: context.status,
          assignees: context.assigneeId ? [context.assigneeId] : [],
        });
      }
    }
    expect(seen).toEqual(new Set(sourceOfKind('penalty_case').statuses));
  });

  it('establishments, inspections and hotspots, for any order of their events', () => {
    const cases = [
      {
        kind: 'establishment' as const,
        initial: INITIAL_ESTABLISHMENT,
        evolve: evolveEstablishment as (s: unknown, e: never) => { status: string | null; commune?: string; jurisdiction?: string },
        opening: {
          type: 'establishment.registered',
          data: {
            commune: '10015',
            establishmentType: 'guesthouse',
            businessName: 'N',
            address: 'A',
            businessLicenceNumber: null,
            securityPermitNumber: null,
            ownerSubjectId: 's',
            ownerName: 'x',
            ownerContact: 'y',
          },
        } satisfies EstablishmentEvent,
        later: [
          { type: 'establishment.risk_classified', data: { riskClass: 'high', riskReason: 'r' } },
          { type: 'establishment.commitment_signed', data: { commitmentSignedOn: '2026-03-01', commitmentCommune: '10015' } },
          { type: 'establishment.closed', data: { closedOn: '2026-03-02', closureReason: 'r' } },
        ] satisfies EstablishmentEvent[],
      },
      {
        kind: 'inspection' as const,
        initial: INITIAL_INSPECTION,
        evolve: evolveInspection as (s: unknown, e: never) => { status: string | null; jurisdiction?: string },
        opening: {
          type: 'inspection.planned',
          data: { establishmentId: 'e', jurisdiction: '10015', mode: 'scheduled', triggeringTipId: null, plannedDate: '2026-03-01' },
        } satisfies InspectionEvent,
        later: [
          {
            type: 'inspection.conducted',
            data: { conductedOn: '2026-03-02', teamSize: 3, findings: 'compliant', violationDescription: null },
          },
          { type: 'inspection.penalty_linked', data: { penaltyCaseId: 'p' } },
          { type: 'inspection.closed', data: { closureNote: null } },
        ] satisfies InspectionEvent[],
      },
      {
        kind: 'hotspot' as const,
        initial: INITIAL_HOTSPOT,
        evolve: evolveHotspot as (s: unknown, e: never) => { status: string | null; jurisdiction?: string },
        opening: {
          type: 'hotspot.identified',
          data: { jurisdiction: '10015', hotspotKind: 'street', locationDescription: 'd', identifiedOn: '2026-03-01' },
        } satisfies HotspotEvent,
        later: [
          { type: 'hotspot.treatment_started', data: { treatmentPlan: 'p', treatmentStartedOn: '2026-03-02' } },
          { type: 'hotspot.eradicated', data: { eradicatedOn: '2026-03-03' } },
          { type: 'hotspot.reactivated', data: { reactivatedOn: '2026-03-04', reactivationReason: 'r' } },
        ] satisfies HotspotEvent[],
      },
    ];
    for (const c of cases) {
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...c.later), { maxLength: 8 }), (later) => {
          const events = [c.opening, ...later];
          const context = events.reduce((state, event) => c.evolve(state, event as never), c.initial as unknown) as { status: string };
          expect(foldIndex(c.kind, events).status).toBe(context.status);
        }),
      );
    }
  });
});

describe('case index: rows', () => {
  const tip = numbered(
    history(
      [receiveTip({ kind: 'report', channel: 'online' }), RECEIVED_AT],
      [{ type: 'ClassifyTip', category: 'buying_selling_sex' }, '2026-03-02T03:00:00Z'],
    ),
  );

  it('labels a case with public codes only, and searches them with their Vietnamese words, diacritics ignored', () => {
    const row = advanceRow(sourceOfKind('tip'), 'tip-1', null, tip)!;
    const last = tip.length - 1;
    expect(row).toMatchObject({
      kind: 'tip',
      caseId: 'tip-1',
      jurisdiction: '10015',
      status: 'classified',
      label: 'report · online · buying_selling_sex',
      revision: last,
      openedOn: '2026-03-02',
      lastEventAt: at(last),
    });
    expect(JSON.stringify(row)).not.toContain('Dấu hiệu');
    for (const q of ['Mua bán dâm', 'mua ban dam', 'TIN BÁO', 'trực tuyến', 'buying_selling'])
      expect({ q, found: row.searchText.includes(foldText(q)) }).toEqual({ q, found: true });
    expect(row.searchText.includes(foldText('karaoke'))).toBe(false);
  });

  it('folds text to lower case without diacritics, đ included', () => {
    expect(foldText('  Đường  dây NÓNG ')).toBe('duong day nong');
    expect(foldText('Nhà nghỉ')).toBe(foldText('nha nghi'));
  });

  it('skips events at or below the row’s revision, so a replayed batch changes nothing', () => {
    const row = advanceRow(sourceOfKind('tip'), 'tip-1', null, tip)!;
    expect(advanceRow(sourceOfKind('tip'), 'tip-1', row, tip)).toBeNull();
    const next = tip.length;
    const assigned = numbered([{ type: 'tip.assigned', data: { at: at(next), assigneeId: 'officer-2' } }], next);
    expect(advanceRow(sourceOfKind('tip'), 'tip-1', row, [...tip, ...assigned])).toEqual({
      ...row,
      status: 'assigned',
      assigneeIds: ['officer-2'],
      revision: next,
      lastEventAt: at(next),
    });
  });

  it('lists no case before its opening event, and never throws on a malformed event', () => {
    expect(
      advanceRow(sourceOfKind('tip'), 't', null, numbered([{ type: 'tip.assigned', data: { at: at(0), assigneeId: 'x' } }])),
    ).toBeNull();
    fc.assert(
      fc.property(
        fc.constantFrom(...CASE_INDEX_SOURCES),
        fc.array(fc.tuple(fc.string(), fc.anything()), { maxLength: 10 }),
        (source, junk) => {
          const events = numbered([
            { type: source.eventTypes[0]!, data: { jurisdiction: '10015', commune: '10015' } },
            ...junk.map(([, data], i) => ({ type: source.eventTypes[i % source.eventTypes.length]!, data })),
          ]);
          const row = advanceRow(source, 'c', null, events);
          expect(row === null || typeof row.label === 'string').toBe(true);
        },
      ),
    );
  });
});
