import type { IndicatorCode } from '../../../../../libs/statistics/src/domain/indicator-catalogue.js';

/**
 * The answers of the statistics routes (apps/api/src/statistics, libs/indicators): every indicator
 * for an area and a statistical period as value against the plan's target, person-based figures
 * through the disclosure control (a suppressed cell carries no figure), and one indicator month by
 * month. Counts only: never a case or a person.
 */
export interface IndicatorAnswer {
  fresh: boolean;
  area: { code: string; name: string | null };
  period: { kind: string; year: number; index: number; from: string; to: string; label: { en: string; vi: string } };
  plan: { id: string; title: string | null; documentRef: string | null } | null;
  asOf: string;
  threshold: number;
  disclosure: {
    threshold: number;
    roundedToFive: boolean;
    perturbed: boolean;
    mechanism?: 'cell_key' | 'none';
    pTable?: string | null;
    totals?: 'independently_perturbed' | 'exact';
  };
  /** The plan's report for this period is due before `dueBefore` (null: no plan, or no report of this kind of period). */
  reportDue: { dueBefore: string; lastDay: string } | null;
  indicators: IndicatorRow[];
}

export interface IndicatorRow {
  code: IndicatorCode;
  subgroup: string | null;
  name: { en: string; vi: string };
  measure: 'percent' | 'count' | 'count_per_month' | 'percent_change';
  personBased: boolean;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  suppressed: boolean;
  target: { comparator: 'at_least' | 'at_most'; value: number; upTo: number | null } | null;
  met: boolean | null;
  /** The counts are withheld, the verdict is given (it rests on at least the threshold of people). */
  verdictOnly?: boolean;
}

export interface TrendAnswer {
  code: IndicatorCode;
  area: string;
  year: number;
  months: Array<{ period: { label: { en: string; vi: string }; from: string }; value: number | null; suppressed: boolean }>;
}

/** The plans relevant to an area (its own and its units', and those of the units containing it), latest period first. */
export interface PlanList {
  fresh: boolean;
  area: { code: string; name: string | null };
  plans: PlanChoice[];
}

export interface PlanChoice {
  id: string;
  title: string | null;
  documentRef: string | null;
  jurisdiction: { code: string; name: string | null };
  period: { from: string | null; to: string | null };
  targets: number;
  status: 'in_force' | 'withdrawn';
}

export const plansPath = (area: string) => `/statistics/plans?area=${encodeURIComponent(area)}`;

/** The years a plan covers: "2026" or "2026–2030". */
export function planYears(period: PlanChoice['period']): string {
  const from = period.from?.slice(0, 4) ?? null;
  const to = period.to?.slice(0, 4) ?? null;
  if (!from || !to) return from ?? to ?? '';
  return from === to ? from : `${from}–${to}`;
}

/** The periods the routes take (`period` and `index`). */
export const PERIODS = [
  { value: 'year-1', kind: 'year', index: 1 },
  { value: 'nine_months-1', kind: 'nine_months', index: 1 },
  { value: 'half-1', kind: 'half', index: 1 },
  { value: 'half-2', kind: 'half', index: 2 },
  { value: 'quarter-1', kind: 'quarter', index: 1 },
  { value: 'quarter-2', kind: 'quarter', index: 2 },
  { value: 'quarter-3', kind: 'quarter', index: 3 },
  { value: 'quarter-4', kind: 'quarter', index: 4 },
] as const;

export interface DashboardQuery {
  area: string;
  year: number;
  period: string;
  plan: string;
}

function query(q: DashboardQuery): string {
  const p = PERIODS.find((x) => x.value === q.period) ?? PERIODS[0];
  const plan = q.plan.trim() ? `&plan=${encodeURIComponent(q.plan.trim())}` : '';
  return `area=${encodeURIComponent(q.area)}&year=${q.year}&period=${p.kind}&index=${p.index}${plan}`;
}

export const indicatorsPath = (q: DashboardQuery) => `/statistics/indicators?${query(q)}`;
export const trendPath = (code: string, q: Pick<DashboardQuery, 'area' | 'year'>) =>
  `/statistics/indicators/${encodeURIComponent(code)}/trend?area=${encodeURIComponent(q.area)}&year=${q.year}`;
/** The formats the periodic report downloads in: csv, xlsx, pdf (A4 landscape), or html (printable). */
export type ReportDownload = 'csv' | 'xlsx' | 'pdf' | 'html';
export const reportPath = (q: DashboardQuery, format: ReportDownload, lang: 'vi' | 'en') =>
  `/statistics/reports?${query(q)}&format=${format}&lang=${lang}`;

/** Where a bar and its target line sit on a 0-100 scale: percentages on their own scale, other measures against the larger of value and target. */
export function barScale(row: Pick<IndicatorRow, 'measure' | 'value' | 'target' | 'suppressed'>): {
  bar: number | null;
  target: number | null;
} {
  const scaled = (n: number) => {
    if (row.measure === 'percent') return Math.max(0, Math.min(100, n));
    const top = Math.max(Math.abs(row.value ?? 0), Math.abs(row.target?.value ?? 0), 1) * 1.1;
    return Math.max(0, Math.min(100, (Math.abs(n) / top) * 100));
  };
  const target = row.target ? scaled(row.target.value) : null;
  return { bar: row.suppressed || row.value === null ? null : scaled(row.value), target };
}
