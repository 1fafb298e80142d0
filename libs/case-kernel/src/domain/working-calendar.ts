/**
 * Working days in Vietnam: Monday to Friday except public holidays, counted in Vietnam's time
 * zone (UTC+7, no daylight saving). Holidays are data (configurable), not code.
 */
const VN_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** The calendar date (YYYY-MM-DD) in Vietnam of an instant. */
export function vnDate(instant: Date): string {
  return new Date(instant.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant that ends a Vietnamese calendar date (23:59:59.999 local). */
export function endOfVnDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - VN_OFFSET_MS + DAY_MS - 1);
}

export class WorkingCalendar {
  private readonly holidays: ReadonlySet<string>;

  constructor(holidays: readonly string[]) {
    for (const day of holidays) if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`holiday ${day}: expected YYYY-MM-DD`);
    this.holidays = new Set(holidays);
  }

  isWorkingDay(date: string): boolean {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !this.holidays.has(date);
  }

  /** The end of the n-th working day after the day of `from` (the day of `from` does not count). */
  addWorkingDays(from: Date, n: number): Date {
    let day = vnDate(from);
    let left = n;
    while (left > 0) {
      day = nextDate(day);
      if (this.isWorkingDay(day)) left -= 1;
    }
    return endOfVnDay(day);
  }

  /** The end of the n-th calendar day after the day of `from`. */
  addDays(from: Date, n: number): Date {
    let day = vnDate(from);
    for (let i = 0; i < n; i++) day = nextDate(day);
    return endOfVnDay(day);
  }

  /** The same instant plus whole months (calendar), ending that day. */
  addMonths(from: Date, months: number): Date {
    const [y, m, d] = vnDate(from).split('-').map(Number) as [number, number, number];
    const target = new Date(Date.UTC(y, m - 1 + months, 1));
    const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
    return endOfVnDay(new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(d, lastDay))).toISOString().slice(0, 10));
  }
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}
