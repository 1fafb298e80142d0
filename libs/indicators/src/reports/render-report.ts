import type { IndicatorAnswer } from '../application/statistics-service.js';
import { reportCsv } from './csv.js';
import { reportHtml } from './html.js';
import { reportPdf } from './pdf.js';
import { periodicReport, type ReportLanguage } from './periodic-report.js';
import { reportXlsx } from './xlsx.js';

export const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'html', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderedReport {
  contentType: string;
  fileName: string;
  body: Buffer;
}

/** The content type each format is served with. */
export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};

/** The periodic report in one format and language, with the name it is saved under. */
export async function renderReport(answer: IndicatorAnswer, format: ReportFormat, lang: ReportLanguage): Promise<RenderedReport> {
  const grid = periodicReport(answer, lang);
  const fileName = `bao-cao-${answer.area.code}-${answer.period.kind}-${answer.period.year}-${answer.period.index}.${format}`;
  return { contentType: REPORT_CONTENT_TYPES[format], fileName, body: await body() };

  async function body(): Promise<Buffer> {
    switch (format) {
      case 'json': {
        // The text of the report; the figures themselves are the answer's (`indicators`).
        const { title, subtitle, headers, rows, notes } = grid;
        return Buffer.from(
          JSON.stringify({ ...answer, language: lang, report: { title, subtitle, headers, rows, notes } }, null, 2),
          'utf8',
        );
      }
      case 'csv':
        return Buffer.from(reportCsv(grid), 'utf8');
      case 'xlsx':
        return reportXlsx(grid, `${answer.area.code} ${answer.period.year}`, lang);
      case 'html':
        return Buffer.from(reportHtml(grid, lang), 'utf8');
      case 'pdf':
        return reportPdf(grid, lang);
    }
  }
}
