import type { IndicatorAnswer } from '../application/statistics-service.js';
import type { IndicatorLine } from '../domain/indicator-table.js';

export const REPORT_LANGUAGES = ['vi', 'en'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

/** A periodic report as a grid of text: what every format (CSV, XLSX, HTML) shows. */
export interface ReportGrid {
  title: string;
  subtitle: string;
  headers: string[];
  rows: string[][];
  notes: string[];
}

const WORDS = {
  vi: {
    title: 'Báo cáo kết quả thực hiện chỉ tiêu phòng, chống mại dâm',
    headers: ['Mã', 'Chỉ tiêu', 'Kết quả', 'Tử số', 'Mẫu số', 'Chỉ tiêu kế hoạch', 'Đạt'],
    area: 'Địa bàn',
    period: 'Kỳ báo cáo',
    plan: 'Kế hoạch',
    asOf: 'Số liệu đến',
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
    perturbed: 'Số người có cộng thêm nhiễu nhỏ (tối đa ±2), cố định theo chính những người trong ô, để không thể suy ra một người từ hiệu hai bảng.',
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
    yes: 'Met',
    no: 'Not met',
    suppressed: 'Suppressed (confidential)',
    notAvailable: 'Not available',
    atLeast: '≥',
    atMost: '≤',
    partial: 'Records of split former units shown, not counted',
    suppressedNote: (n: number) => `"Suppressed (confidential)": fewer than ${n} people; not published, to protect service users and others concerned.`,
    staff: { province: 'province level', district: 'district level', commune: 'commune level' },
    due: (day: string) => `Report due before ${day}`,
    rounded: 'Counts of people are rounded to a multiple of 5.',
    perturbed: 'Counts of people carry small noise (at most ±2), fixed by the people in each cell, so no person can be found by differencing two tables.',
    release: (d: IndicatorAnswer['disclosure'], at: IndicatorAnswer['computedAt']) =>
      `How published: ${d.mechanism === 'cell_key' ? `cell-key noise, p-table ${d.pTable}, secret id ${d.secretId}; every total is a cell of its own with its own noise and need not equal the sum of its rows` : 'exact counts, no noise'}; suppression decided once for the whole country per indicator and period; computed at log position ${at.from === at.to ? (at.to ?? '—') : `${at.from ?? '—'}–${at.to ?? '—'}`}.`,
  },
} as const;

const number = (value: number | null, lang: ReportLanguage): string =>
  value === null ? '' : Number.isInteger(value) ? String(value) : value.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

function lineCells(line: IndicatorLine, lang: ReportLanguage): string[] {
  const w = WORDS[lang];
  const name = line.subgroup ? `${line.name[lang]} (${w.staff[line.subgroup]})` : line.name[lang];
  const unit = line.measure === 'percent' || line.measure === 'percent_change' ? ' %' : '';
  const value = line.suppressed ? w.suppressed : line.value === null ? w.notAvailable : `${number(line.value, lang)}${unit}`;
  const target = line.target ? `${line.target.comparator === 'at_least' ? w.atLeast : w.atMost} ${number(line.target.value, lang)}${unit}` : '';
  const met = line.met === null ? '' : line.met ? w.yes : w.no;
  const code = line.subgroup ? `${line.code}:${line.subgroup}` : line.code;
  return [code, line.partial.length > 0 ? `${name} (*)` : name, value, line.suppressed ? '' : number(line.numerator, lang), line.suppressed ? '' : number(line.denominator, lang), target, met];
}

/** The report of one jurisdiction and period: every indicator, value / target / met, suppressed cells marked. */
export function periodicReport(answer: IndicatorAnswer, lang: ReportLanguage): ReportGrid {
  const w = WORDS[lang];
  const parts = [`${w.area}: ${answer.area.name ?? answer.area.code} (${answer.area.code})`, `${w.period}: ${answer.period.label[lang]} (${answer.period.from} – ${answer.period.to})`];
  if (answer.plan) parts.push(`${w.plan}: ${[answer.plan.documentRef, answer.plan.title].filter(Boolean).join(' ')}`);
  if (answer.reportDue) parts.push(w.due(answer.reportDue.dueBefore));
  parts.push(`${w.asOf}: ${answer.asOf.slice(0, 10)}`);
  const notes = [w.suppressedNote(answer.threshold)];
  if (answer.disclosure.roundedToFive) notes.push(w.rounded);
  if (answer.disclosure.perturbed) notes.push(w.perturbed);
  notes.push(w.release(answer.disclosure, answer.computedAt));
  if (answer.indicators.some((l) => l.partial.length > 0)) notes.push(`(*) ${w.partial}`);
  return { title: w.title, subtitle: parts.join(' · '), headers: [...w.headers], rows: answer.indicators.map((line) => lineCells(line, lang)), notes };
}
