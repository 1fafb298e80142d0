import type { IndicatorAnswer } from '../application/statistics-service.js';
import type { IndicatorLine } from '../domain/indicator-table.js';

export const REPORT_LANGUAGES = ['vi', 'en'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

/** A periodic report as a grid of text: what every format (CSV, XLSX, HTML, PDF) shows. */
export interface ReportGrid {
  title: string;
  subtitle: string;
  headers: string[];
  rows: string[][];
  notes: string[];
  /** Beside `rows`, cell by cell: the number a cell's text shows, null for a text cell (absent: every cell is text). */
  numbers?: (ReportNumber | null)[][];
  /** The days the subtitle names, for formats that keep dates as dates (absent: none). */
  days?: ReportDay[];
}

/** The number behind a cell's text ("23,3 %", "7", "≥ 20 %"), as the text rounds it. */
export interface ReportNumber {
  /** The figure as shown: 23.3 for "23,3 %" (a percentage stays in percent, as in the JSON answer). */
  value: number;
  /** The decimals the text shows: 0 for a whole number, else 1. */
  decimals: 0 | 1;
  percent: boolean;
  /** Written before the figure: the comparator of a target. */
  comparator: '≥' | '≤' | null;
}

/** A day of the report (the period's first and last day, the report's due date, the data's day), YYYY-MM-DD. */
export interface ReportDay {
  label: string;
  day: string;
}

const WORDS = {
  vi: {
    title: 'Báo cáo kết quả thực hiện chỉ tiêu phòng, chống mại dâm',
    headers: ['Mã', 'Chỉ tiêu', 'Kết quả', 'Tử số', 'Mẫu số', 'Chỉ tiêu kế hoạch', 'Đạt'],
    area: 'Địa bàn',
    period: 'Kỳ báo cáo',
    plan: 'Kế hoạch',
    asOf: 'Số liệu đến',
    from: 'Từ ngày',
    to: 'Đến ngày',
    dueBefore: 'Hạn gửi báo cáo (trước ngày)',
    yes: 'Đạt',
    no: 'Chưa đạt',
    suppressed: 'Ẩn (bảo mật)',
    notAvailable: 'Không có số liệu',
    atLeast: '≥',
    atMost: '≤',
    partial: 'Có số liệu của đơn vị cũ chia tách, chưa tính',
    suppressedNote: (n: number) => `Ô "Ẩn (bảo mật)": số người dưới ${n}, không công bố để bảo vệ người được hỗ trợ và người liên quan.`,
    staff: { province: 'cấp tỉnh', district: 'cấp huyện', commune: 'cấp xã' },
    due: (day: string) => `Hạn gửi báo cáo: trước ngày ${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`,
    rounded: 'Số người được làm tròn đến bội số của 5.',
    perturbed:
      'Số người có cộng thêm nhiễu nhỏ (tối đa ±2), cố định theo chính những người trong ô, để không thể suy ra một người từ hiệu hai bảng.',
    release: (d: IndicatorAnswer['disclosure'], at: IndicatorAnswer['computedAt']) =>
      `Cách công bố: ${d.mechanism === 'cell_key' ? `nhiễu theo khóa ô, bảng nhiễu ${d.pTable}, mã khóa bí mật ${d.secretId}; mỗi tổng là một ô riêng có nhiễu riêng, không nhất thiết bằng tổng các dòng` : 'số đúng, không nhiễu'}; ẩn ô quyết định một lần cho cả nước theo từng chỉ tiêu và kỳ; số liệu tính tại vị trí nhật ký ${at.from === at.to ? (at.to ?? '—') : `${at.from ?? '—'}–${at.to ?? '—'}`}.`,
  },
  en: {
    title: 'Programme indicators report: prevention of prostitution',
    headers: ['Code', 'Indicator', 'Value', 'Numerator', 'Denominator', 'Target', 'Met'],
    area: 'Area',
    period: 'Period',
    plan: 'Plan',
    asOf: 'Data as of',
    from: 'From',
    to: 'To',
    dueBefore: 'Report due before',
    yes: 'Met',
    no: 'Not met',
    suppressed: 'Suppressed (confidential)',
    notAvailable: 'Not available',
    atLeast: '≥',
    atMost: '≤',
    partial: 'Records of split former units shown, not counted',
    suppressedNote: (n: number) =>
      `"Suppressed (confidential)": fewer than ${n} people; not published, to protect service users and others concerned.`,
    staff: { province: 'province level', district: 'district level', commune: 'commune level' },
    due: (day: string) => `Report due before ${day}`,
    rounded: 'Counts of people are rounded to a multiple of 5.',
    perturbed:
      'Counts of people carry small noise (at most ±2), fixed by the people in each cell, so no person can be found by differencing two tables.',
    release: (d: IndicatorAnswer['disclosure'], at: IndicatorAnswer['computedAt']) =>
      `How published: ${d.mechanism === 'cell_key' ? `cell-key noise, p-table ${d.pTable}, secret id ${d.secretId}; every total is a cell of its own with its own noise and need not equal the sum of its rows` : 'exact counts, no noise'}; suppression decided once for the whole country per indicator and period; computed at log position ${at.from === at.to ? (at.to ?? '—') : `${at.from ?? '—'}–${at.to ?? '—'}`}.`,
  },
} as const;

const number = (value: number | null, lang: ReportLanguage): string =>
  value === null
    ? ''
    : Number.isInteger(value)
      ? String(value)
      : value.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

/** The same rounding as `number`'s text (one decimal, half away from zero), as a number. */
const ONE_DECIMAL = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1, useGrouping: false });
const figure = (value: number | null, percent: boolean, comparator: ReportNumber['comparator'] = null): ReportNumber | null =>
  value === null
    ? null
    : Number.isInteger(value)
      ? { value, decimals: 0, percent, comparator }
      : { value: Number(ONE_DECIMAL.format(value)), decimals: 1, percent, comparator };

interface LineCells {
  text: string[];
  numbers: (ReportNumber | null)[];
}

function lineCells(line: IndicatorLine, lang: ReportLanguage): LineCells {
  const w = WORDS[lang];
  const name = line.subgroup ? `${line.name[lang]} (${w.staff[line.subgroup]})` : line.name[lang];
  const percent = line.measure === 'percent' || line.measure === 'percent_change';
  const unit = percent ? ' %' : '';
  const value = line.suppressed ? w.suppressed : line.value === null ? w.notAvailable : `${number(line.value, lang)}${unit}`;
  const comparator = line.target ? (line.target.comparator === 'at_least' ? w.atLeast : w.atMost) : null;
  const target = line.target ? `${comparator} ${number(line.target.value, lang)}${unit}` : '';
  const met = line.met === null ? '' : line.met ? w.yes : w.no;
  const code = line.subgroup ? `${line.code}:${line.subgroup}` : line.code;
  const numerator = line.suppressed ? null : line.numerator;
  const denominator = line.suppressed ? null : line.denominator;
  return {
    text: [code, line.partial.length > 0 ? `${name} (*)` : name, value, number(numerator, lang), number(denominator, lang), target, met],
    numbers: [
      null,
      null,
      figure(line.suppressed ? null : line.value, percent),
      figure(numerator, false),
      figure(denominator, false),
      figure(line.target?.value ?? null, percent, comparator),
      null,
    ],
  };
}

/** The report of one jurisdiction and period: every indicator, value / target / met, suppressed cells marked. */
export function periodicReport(answer: IndicatorAnswer, lang: ReportLanguage): ReportGrid {
  const w = WORDS[lang];
  const parts = [
    `${w.area}: ${answer.area.name ?? answer.area.code} (${answer.area.code})`,
    `${w.period}: ${answer.period.label[lang]} (${answer.period.from} – ${answer.period.to})`,
  ];
  if (answer.plan) parts.push(`${w.plan}: ${[answer.plan.documentRef, answer.plan.title].filter(Boolean).join(' ')}`);
  if (answer.reportDue) parts.push(w.due(answer.reportDue.dueBefore));
  parts.push(`${w.asOf}: ${answer.asOf.slice(0, 10)}`);
  const notes = [w.suppressedNote(answer.threshold)];
  if (answer.disclosure.roundedToFive) notes.push(w.rounded);
  if (answer.disclosure.perturbed) notes.push(w.perturbed);
  notes.push(w.release(answer.disclosure, answer.computedAt));
  if (answer.indicators.some((l) => l.partial.length > 0)) notes.push(`(*) ${w.partial}`);
  const days: ReportDay[] = [
    { label: w.from, day: answer.period.from },
    { label: w.to, day: answer.period.to },
    { label: w.asOf, day: answer.asOf.slice(0, 10) },
    ...(answer.reportDue ? [{ label: w.dueBefore, day: answer.reportDue.dueBefore }] : []),
  ];
  const lines = answer.indicators.map((line) => lineCells(line, lang));
  return {
    title: w.title,
    subtitle: parts.join(' · '),
    headers: [...w.headers],
    rows: lines.map((l) => l.text),
    notes,
    numbers: lines.map((l) => l.numbers),
    days,
  };
}
