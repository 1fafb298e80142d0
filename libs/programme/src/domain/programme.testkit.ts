/** Given/when/then helpers for the programme decider's tests (pure; no I/O). */
import { DomainError, fold, type DecisionContext } from '../../../case-kernel/src/domain/decider.js';
import { programmeDecider } from './programme-decider.js';
import type { PlanData, ProgrammeCommand, ProgrammeEvent } from './programme-types.js';

/** 2 December 2026, 10:00 in Vietnam. */
export const NOW = new Date('2026-12-02T03:00:00Z');
export const context: DecisionContext = { now: NOW, actorId: 'programme-officer-1', roles: ['programme_officer'], newId: () => 'id' };

export const PLAN: PlanData = {
  jurisdiction: '52',
  issuer: { name: 'UBND tỉnh Gia Lai', level: 'province' },
  title: 'Kế hoạch thực hiện Chương trình phòng, chống mại dâm giai đoạn 2026-2030',
  documentRef: null,
  adoptedOn: '2026-06-01',
  period: { from: '2026-01-01', to: '2030-12-31' },
  area: { era: 'current', units: ['52'], label: 'Tỉnh Gia Lai' },
  reporting: {
    monthStartsOnDay: 15,
    reports: [{ period: 'year', dueBefore: { kind: 'fixed_date', month: 12, day: 16 } }],
    quote: 'báo cáo năm (trước ngày 16/12)',
  },
  targets: [
    {
      indicator: 'communes_with_communication',
      comparator: 'at_least',
      value: 90,
      cadence: 'yearly',
      quote: '90% xã, phường tổ chức hoạt động truyền thông',
    },
  ],
  reportedStatistics: [],
  untracked: [],
  sourceFile: null,
};
export const ADOPT: Extract<ProgrammeCommand, { kind: 'adopt_plan' }> = { kind: 'adopt_plan', ...PLAN };
export const ADOPTED: ProgrammeEvent = { type: 'programme.plan_adopted', data: PLAN };

export function given(...past: ProgrammeEvent[]) {
  const state = fold(programmeDecider, past);
  return {
    state,
    when: (command: ProgrammeCommand) => programmeDecider.decide(command, state, context),
    refuses: (command: ProgrammeCommand): DomainError => {
      try {
        const accepted = programmeDecider.decide(command, state, context);
        throw new Error(`expected a refusal, got ${accepted.map((e) => e.type).join(', ')}`);
      } catch (error) {
        if (error instanceof DomainError) return error;
        throw error;
      }
    },
  };
}
