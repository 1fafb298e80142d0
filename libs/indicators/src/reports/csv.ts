import type { ReportGrid } from './periodic-report.js';

const cell = (value: string) => (/[",\r\n;]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** RFC 4180 CSV with a UTF-8 byte order mark, so Excel opens Vietnamese text as it is. */
export function reportCsv(grid: ReportGrid): string {
  const lines = [[grid.title], [grid.subtitle], grid.headers, ...grid.rows, ...grid.notes.map((n) => [n])];
  return `\uFEFF${lines.map((line) => line.map(cell).join(',')).join('\r\n')}\r\n`;
}
