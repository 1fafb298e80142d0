import { vnDate, type WorkingCalendar } from '../../../case-kernel/src/domain/working-calendar.js';

/**
 * The same calendar, remembering its answers. Each answer depends only on the Vietnamese day of
 * `from` and the count, and the view recomputes every deadline of a case on each of its events, so
 * a rebuild asks the same questions again and again (a 20-day limit walks 20 days each time).
 */
export function cachedCalendar(calendar: WorkingCalendar, maxEntries = 100_000): WorkingCalendar {
  const answers = new Map<string, Date>();
  const remember = (key: string, compute: () => Date): Date => {
    let answer = answers.get(key);
    if (answer === undefined) {
      if (answers.size >= maxEntries) answers.clear();
      answer = compute();
      answers.set(key, answer);
    }
    return new Date(answer.getTime());
  };
  const cached = Object.create(calendar) as WorkingCalendar;
  cached.addDays = (from, n) => remember(`d${vnDate(from)}+${n}`, () => calendar.addDays(from, n));
  cached.addWorkingDays = (from, n) => remember(`w${vnDate(from)}+${n}`, () => calendar.addWorkingDays(from, n));
  cached.addMonths = (from, months) => remember(`m${vnDate(from)}+${months}`, () => calendar.addMonths(from, months));
  return cached;
}
