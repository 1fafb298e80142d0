import { WorkingCalendar, endOfVnDay, vnDate } from './working-calendar.js';
import { VN_PUBLIC_HOLIDAYS } from './vn-public-holidays.js';

const calendar = new WorkingCalendar(VN_PUBLIC_HOLIDAYS);

describe('working calendar (Vietnam time)', () => {
  it('takes the date in Vietnam, not in UTC', () => {
    expect(vnDate(new Date('2026-11-20T18:30:00Z'))).toBe('2026-11-21');
    expect(endOfVnDay('2026-11-21').toISOString()).toBe('2026-11-21T16:59:59.999Z');
  });

  it('skips weekends: 3 working days from a Thursday end on Tuesday', () => {
    expect(vnDate(calendar.addWorkingDays(new Date('2026-11-19T03:00:00Z'), 3))).toBe('2026-11-24');
  });

  it('skips public holidays: 2 working days from 29/4/2026 end on 5/5/2026', () => {
    expect(vnDate(calendar.addWorkingDays(new Date('2026-04-29T03:00:00Z'), 2))).toBe('2026-05-05');
  });

  it('counts calendar days and months to the end of the day', () => {
    expect(calendar.addDays(new Date('2026-11-01T01:00:00Z'), 20).toISOString()).toBe('2026-11-21T16:59:59.999Z');
    expect(vnDate(calendar.addMonths(new Date('2026-01-31T01:00:00Z'), 1))).toBe('2026-02-28');
  });

  it('refuses a malformed holiday', () => {
    expect(() => new WorkingCalendar(['2026-1-1'])).toThrow(/YYYY-MM-DD/);
  });
});
