import { addDays } from '../../../statistics/src/domain/calendar-day.js';
import {
  currentUnit,
  formerUnit,
  type Audience,
  type Fact,
  type ReferenceFigure,
  type StaffLevel,
} from '../../../statistics/src/domain/facts.js';
import type { PlanData, ProgrammeState } from './programme-types.js';

/**
 * The statistics facts a programme activity stands for, from its folded state (what the indicator
 * projection keeps for it, keyed by the activity id). A retracted activity stands for nothing. A
 * plan counts as "a commune with a plan" only when a commune issued it; while withdrawn, only
 * until the day before.
 */
export function programmeFacts(activityId: string, state: ProgrammeState): Fact[] {
  if (state.activity === null || state.retracted !== null || state.on === null) return [];
  const d = state.details;
  const unit = currentUnit(state.jurisdiction);
  const key = activityId;
  switch (state.activity) {
    case 'plan': {
      const plan = d as unknown as PlanData;
      if (plan.issuer?.level !== 'commune') return [];
      const withdrawn = state.plan?.withdrawnOn ?? null;
      const to = withdrawn !== null && addDays(withdrawn, -1) < plan.period.to ? addDays(withdrawn, -1) : plan.period.to;
      if (to < plan.period.from) return [];
      const planUnit = plan.area.era === 'pre_2025' && plan.area.units.length === 1 ? formerUnit(plan.area.units[0]!) : unit;
      return [{ fact: 'plan_adopted', key, unit: planUnit, adoptedOn: plan.adoptedOn, from: plan.period.from, to }];
    }
    case 'communication':
      return [
        {
          fact: 'communication',
          key,
          unit,
          on: state.on,
          audience: d.audience as Audience,
          reach: d.reach as number,
          recurring: d.recurring as boolean,
          villages: [...((d.villages as string[]) ?? [])],
        },
      ];
    case 'training':
      return [{ fact: 'training', key, unit, on: state.on, participants: { ...(d.participants as Partial<Record<StaffLevel, number>>) } }];
    case 'integration':
      return [{ fact: 'integration', key, unit, on: state.on }];
    case 'pilot_model':
      // Half-open like every stretch: it no longer runs on the day it ended.
      return [{ fact: 'pilot_model', key, unit, from: state.on, to: state.pilotEndedOn }];
    case 'website_post':
      return [{ fact: 'website_post', key, unit, on: state.on }];
    case 'reference_figures':
      return [
        {
          fact: 'reference_figures',
          key,
          unit,
          area: [...(d.area as string[])],
          asOf: state.on,
          figures: { ...(d.figures as Partial<Record<ReferenceFigure, number>>) },
        },
      ];
  }
}
