import { overlaps, within, type DayRange, type IsoDay } from './calendar-day.js';
import type { Fact, UnitRef } from './facts.js';

export const PERSON_INDICATORS = ['people_in_need_accessed_support', 'people_penalised'] as const;
export type PersonIndicator = (typeof PERSON_INDICATORS)[number];

export interface PersonInPeriod {
  /** The unit of the person's latest fact in the period: each person is in one place, so tables by unit add up. */
  unit: UnitRef;
  /** Above the line: accessed support in the period (support), or penalised (always). */
  counted: boolean;
}

/** The distinct people a person-based indicator counts in a period, by pseudonymous key. */
export function peopleOf(code: PersonIndicator, facts: readonly Fact[], period: DayRange): Map<string, PersonInPeriod> {
  const latest = new Map<string, { unit: UnitRef; day: IsoDay }>();
  const place = (key: string, unit: UnitRef, day: IsoDay) => {
    const known = latest.get(key);
    if (!known || known.day < day || (known.day === day && known.unit.code < unit.code)) latest.set(key, { unit, day });
  };
  const accessed = new Set<string>();
  for (const fact of facts) {
    if (code === 'people_in_need_accessed_support') {
      if (fact.fact === 'support_need' && fact.eligible && overlaps(fact.from, fact.to, period)) place(fact.key, fact.unit, fact.from);
      else if (fact.fact === 'support_access' && within(fact.on, period)) accessed.add(fact.key);
    } else if (fact.fact === 'person_penalised' && within(fact.on, period)) {
      place(fact.key, fact.unit, fact.on);
    }
  }
  const people = new Map<string, PersonInPeriod>();
  for (const [key, { unit }] of latest) people.set(key, { unit, counted: code === 'people_penalised' || accessed.has(key) });
  return people;
}
