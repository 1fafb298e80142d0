import type { IndicatorAnswer } from '../application/statistics-service.js';
import { reportCsv } from './csv.js';
import { reportHtml } from './html.js';
import { periodicReport, type ReportLanguage } from './periodic-report.js';
import { reportXlsx } from './xlsx.js';

export const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderedReport {
  contentType: string;
  fileName: string;
  body: Buffer;
}

/** The periodic report in one format and language, with the name it is saved under. */
export function renderReport(answer: IndicatorAnswer, format: ReportFormat, lang: ReportLanguage): RenderedReport {
  const grid = periodicReport(answer, lang);
  const fileName = `bao-cao-${answer.area.code}-${answer.period.kind}-${answer.period.year}-${answer.period.index}.${format}`;
  switch (format) {
    case 'json':
      return { contentType: 'application/json; charset=utf-8', fileName, body: Buffer.from(JSON.stringify({ ...answer, language: lang, report: grid }, null, 2), 'utf8') };
    case 'csv':
      return { contentType: 'text/csv; charset=utf-8', fileName, body: Buffer.from(reportCsv(grid), 'utf8') };
    case 'xlsx':
      return { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName, body: reportXlsx(grid, `${answer.area.code} ${answer.period.year}`) };
    case 'html':
      return { contentType: 'text/html; charset=utf-8', fileName, body: Buffer.from(reportHtml(grid, lang), 'utf8') };
  }
}
