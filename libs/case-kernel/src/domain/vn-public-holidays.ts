/**
 * Public holidays in Vietnam (Labour Code 2019 art. 112 and the Government's yearly Tết and
 * compensatory-day announcements) as days off work. Reference data, replaceable through
 * configuration (HOLIDAYS_FILE); verify each year's announcement before relying on it.
 */
export const VN_PUBLIC_HOLIDAYS: readonly string[] = [
  // 2025
  '2025-01-01',
  '2025-01-27',
  '2025-01-28',
  '2025-01-29',
  '2025-01-30',
  '2025-01-31',
  '2025-04-07',
  '2025-04-30',
  '2025-05-01',
  '2025-05-02',
  '2025-09-01',
  '2025-09-02',
  // 2026
  '2026-01-01',
  '2026-01-02',
  '2026-02-16',
  '2026-02-17',
  '2026-02-18',
  '2026-02-19',
  '2026-02-20',
  '2026-04-27',
  '2026-04-30',
  '2026-05-01',
  '2026-08-31',
  '2026-09-01',
  '2026-09-02',
];
